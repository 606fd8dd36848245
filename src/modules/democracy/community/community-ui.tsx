import type { TFunction } from "i18next";
import { translateMaybe } from "../../../platform/i18n/index.ts";
import type { FieldErrors } from "../../../ui/components.tsx";

/** Form pieces the community pages share that the common components do not have. */

/** Checkboxes in a fieldset whose legend names the choice (the first box carries the field's id). */
export function CheckboxGroup(p: {
  t: TFunction;
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  checked: readonly string[];
  errors?: FieldErrors;
}) {
  const error = p.errors?.[p.name];
  const hintId = p.hint ? `${p.name}-hint` : "";
  const describedBy = [hintId, error ? `${p.name}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class={error ? "form-group form-error" : "form-group"}>
      <fieldset aria-describedby={describedBy || undefined}>
        <legend class="form-label">{p.legend}</legend>
        {p.hint ? (
          <span class="form-hint" id={hintId}>
            {p.hint}
          </span>
        ) : null}
        {error ? (
          <span class="form-error-message" id={`${p.name}-error`}>
            <span class="sr-only">{p.t("form.error_prefix")} </span>
            {translateMaybe(p.t, error)}
          </span>
        ) : null}
        <ul class="nobullet-list">
          {p.options.map((o, i) => {
            const id = i === 0 ? p.name : `${p.name}-${o.value}`;
            return (
              <li key={o.value}>
                <input
                  class="form-checkbox"
                  type="checkbox"
                  id={id}
                  name={p.name}
                  value={o.value}
                  checked={p.checked.includes(o.value)}
                />
                <label for={id}>{o.label}</label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </div>
  );
}

/** One checkbox with its label (value "ja" when ticked). */
export function Checkbox(p: { name: string; label: string; checked: boolean; hint?: string }) {
  return (
    <div class="form-group">
      <input
        class="form-checkbox"
        type="checkbox"
        id={p.name}
        name={p.name}
        value="ja"
        checked={p.checked}
        aria-describedby={p.hint ? `${p.name}-hint` : undefined}
      />
      <label for={p.name}>{p.label}</label>
      {p.hint ? (
        <span class="form-hint" id={`${p.name}-hint`}>
          {p.hint}
        </span>
      ) : null}
    </div>
  );
}

/** A status tag: the colour backs up the text, never replaces it. */
export function StatusTag({ kind, text }: { kind: "success" | "error" | "warning" | "info"; text: string }) {
  return <span class={`almen-status almen-status-${kind}`}>{text}</span>;
}

/** Text typed by people, shown as paragraphs (blank lines part them; single line breaks are kept). */
export function Paragraphs({ text }: { text: string }) {
  const parts = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {parts.map((p, i) => (
        <p key={i}>{p.split("\n").flatMap((line, j) => (j === 0 ? [line] : [<br key={j} />, line]))}</p>
      ))}
    </>
  );
}

/** A form's values from a body: strings trimmed, everything else empty. */
export function formText(body: unknown, ...names: string[]): Record<string, string> {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.map((n) => [n, typeof b[n] === "string" ? (b[n] as string).trim() : ""]));
}

/** A checkbox list from a body: one value arrives as a string, several as an array. */
export function formList(body: unknown, name: string): string[] {
  const v = ((body ?? {}) as Record<string, unknown>)[name];
  return [v ?? []].flat().filter((x): x is string => typeof x === "string");
}

/** Field errors keyed by the form field: "tags.0" (an item of a list) belongs to "tags". */
export function byField(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) out[key.split(".")[0]!] ??= message;
  return out;
}
