/**
 * Cell values as Danes write them, and back. Parsers take the raw cell (surrounding whitespace is
 * ignored) and return undefined for anything they cannot read exactly, so the caller reports it
 * against the row's line instead of importing a guess. Formatters write what the parsers read.
 */

/** The decimal separator a file uses, when the caller knows it (see parseDecimal). */
export type DecimalMark = "," | ".";

interface DecimalParts {
  negative: boolean;
  int: string; // digits, grouping removed
  frac: string; // digits after the decimal mark, possibly ""
}

const GROUPED = /^\d{1,3}(?:[., \u00a0\u202f]\d{3})*$/; // further checked to use one grouping char

/** The integer digits if `text` is digits, optionally in groups of three with `group` between them. */
function ungroup(text: string, group: string | undefined): string | undefined {
  if (/^\d+$/.test(text)) return text;
  if (group === undefined || !GROUPED.test(text)) return undefined;
  const separators = text.replace(/\d/g, "");
  return [...separators].every((c) => c === group) ? text.replace(/\D/g, "") : undefined;
}

/**
 * Splits a number as written. The rules, for a cell with digits, an optional leading sign and
 * "." / "," / spaces:
 * - both "." and ",": the last one is the decimal mark, the other groups thousands ("1.234,50", "1,234.50");
 * - one of them, repeated: it groups thousands ("1.234.567");
 * - one of them, once: it is the decimal mark ("1234,5", "1234.5"), except in the ambiguous
 *   "1.234" / "1,234" (1–3 digits, the character, 3 digits): then it groups thousands if the caller's
 *   `mark` is the other character, or, without a mark, if `threeDigitsGroup` (amounts in kroner);
 * - spaces may group thousands ("1 234,50"). Groups after the first must have three digits.
 */
function splitDecimal(
  input: string,
  mark: DecimalMark | undefined,
  threeDigitsGroup: boolean,
): DecimalParts | undefined {
  let text = input.trim().replace(/^\u2212/, "-");
  const negative = text.startsWith("-");
  if (negative || text.startsWith("+")) text = text.slice(1);
  if (!/^\d[\d., \u00a0\u202f]*$/.test(text) || /\D$/.test(text)) return undefined;
  const lastDot = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  let decimal: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? "." : ",";
  else if (lastDot >= 0 || lastComma >= 0) {
    const c = lastDot >= 0 ? "." : ",";
    const once = text.indexOf(c) === text.lastIndexOf(c);
    const looksGrouped = /^[1-9]\d{0,2}[.,]\d{3}$/.test(text.replace(/[ \u00a0\u202f]/g, ""));
    const grouping = looksGrouped && (mark === undefined ? threeDigitsGroup : mark !== c);
    decimal = once && !grouping ? c : undefined;
  }
  const at = decimal === undefined ? -1 : text.lastIndexOf(decimal);
  const intText = at === -1 ? text : text.slice(0, at);
  const frac = at === -1 ? "" : text.slice(at + 1);
  if (at !== -1 && !/^\d+$/.test(frac)) return undefined;
  const groupChars = intText.replace(/\d/g, "");
  const int = ungroup(intText, groupChars[0]);
  return int === undefined ? undefined : { negative, int, frac };
}

/**
 * A decimal number; see splitDecimal for the accepted forms. Without `mark`, "1.234" and "1,234" are
 * read as 1.234; pass the file's mark (e.g. "," for Danish files) to read them as 1234.
 */
export function parseDecimal(text: string, mark?: DecimalMark): number | undefined {
  const parts = splitDecimal(text, mark, false);
  if (!parts) return undefined;
  const n = Number(`${parts.negative ? "-" : ""}${parts.int}.${parts.frac || "0"}`);
  if (!Number.isFinite(n)) return undefined;
  return n === 0 ? 0 : n; // no -0
}

/**
 * An amount in kroner as integer øre, computed from the digits (no float arithmetic): "5.432,50" →
 * 543250. Amounts have two decimals, so without `mark` "1.000" and "1,000" are a thousand kroner.
 * More decimals are accepted only as zeros: "1,005" is undefined, never rounded.
 */
export function parseKronerToOre(text: string, mark?: DecimalMark): number | undefined {
  const parts = splitDecimal(text, mark, true);
  if (!parts || /[1-9]/.test(parts.frac.slice(2))) return undefined;
  const int = parts.int.replace(/^0+(?=\d)/, "");
  if (int.length > 15) return undefined;
  const ore = Number(int) * 100 + Number(parts.frac.slice(0, 2).padEnd(2, "0"));
  if (!Number.isSafeInteger(ore)) return undefined;
  return parts.negative && ore !== 0 ? -ore : ore;
}

/** String(n) without exponent notation: "1e+21" → "1000000000000000000000", "1.5e-7" → "0.00000015". */
function plainDigits(n: number): string {
  const s = String(Math.abs(n));
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[1] + (m[2] ?? "");
  const point = 1 + Number(m[3]); // position of the decimal point within digits
  if (point <= 0) return `0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + "0".repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The shortest text that reads back as exactly `n`, with a decimal comma by default and no thousands
 * separators (Danish Excel reads "1234,5" as a number; parseDecimal reads it without a mark).
 */
export function formatDecimal(n: number, options: { decimalComma?: boolean } = {}): string {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite number: ${n}`);
  const text = (n < 0 ? "-" : "") + plainDigits(n);
  return options.decimalComma === false ? text : text.replace(".", ",");
}

/** Integer øre as kroner with two decimals: 543250 → "5432,50", or "5.432,50" with grouping. */
export function formatOre(ore: number, options: { decimalComma?: boolean; grouping?: boolean } = {}): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`Not an amount in øre: ${ore}`);
  const comma = options.decimalComma !== false;
  const abs = String(Math.abs(ore)).padStart(3, "0");
  let kroner = abs.slice(0, -2);
  if (options.grouping) kroner = kroner.replace(/\B(?=(\d{3})+$)/g, comma ? "." : ",");
  return `${ore < 0 ? "-" : ""}${kroner}${comma ? "," : "."}${abs.slice(-2)}`;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DANISH_DATE = /^(\d{1,2})([-./])(\d{1,2})\2(\d{4})$/; // day first; the same separator twice

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number, width: number) => String(n).padStart(width, "0");

function isoIfValid(year: number, month: number, day: number): string | undefined {
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > daysInMonth[month - 1]! + (month === 2 && leap ? 1 : 0)) return undefined;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * A calendar date as "YYYY-MM-DD", from "2026-11-27", "27-11-2026", "27.11.2026" or "27/11/2026"
 * (day first, as in Denmark; one-digit day and month allowed). Two-digit years, times and dates that
 * don't exist (31-02-2026) give undefined.
 */
export function parseDate(text: string): string | undefined {
  const t = text.trim();
  const iso = ISO_DATE.exec(t);
  if (iso) return isoIfValid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dk = DANISH_DATE.exec(t);
  return dk ? isoIfValid(Number(dk[4]), Number(dk[3]), Number(dk[1])) : undefined;
}

export type DateStyle = "dd-mm-yyyy" | "dd.mm.yyyy" | "yyyy-mm-dd";

/** Writes an ISO date the way parseDate reads it; "dd-mm-yyyy" is how Danish Excel shows dates. */
export function formatDate(isoDate: string, style: DateStyle = "dd-mm-yyyy"): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m || isoIfValid(Number(m[1]), Number(m[2]), Number(m[3])) !== isoDate) {
    throw new RangeError(`Not an ISO date: ${isoDate}`);
  }
  if (style === "yyyy-mm-dd") return isoDate;
  const sep = style === "dd.mm.yyyy" ? "." : "-";
  return [m[3], m[2], m[1]].join(sep);
}

const TRUE = new Set(["ja", "j", "yes", "y", "true", "sand", "1", "x"]);
const FALSE = new Set(["nej", "n", "no", "false", "falsk", "0", "", "-"]);

/** Yes/no columns: "ja"/"nej", "true"/"false", "1"/"0", and "x" or empty as in a tick-box column. */
export function parseBoolean(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return true;
  return FALSE.has(t) ? false : undefined;
}

export function formatBoolean(value: boolean): string {
  return value ? "ja" : "nej";
}
