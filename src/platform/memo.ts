/**
 * A function of a text, worked out once per distinct text. For texts that recur far more often
 * than they differ (column names, stored settings, list cells); the limit only bounds memory if
 * they do not: past it, everything is forgotten and worked out again.
 */
export function memoByText<T>(compute: (text: string) => T, limit = 10_000): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    // One look-up when known; undefined may be a remembered value too.
    if (value !== undefined || known.has(text)) return value as T;
    value = compute(text);
    if (known.size >= limit) known.clear();
    known.set(text, value);
    return value;
  };
}
