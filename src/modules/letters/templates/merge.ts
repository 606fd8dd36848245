import { formatDate, formatKroner } from "../../../platform/dates.ts";

/**
 * Merge fields a template may use, as {{name}}. The first six come from the recipient, the home
 * and the organisation; the rest are given by whatever sends the letter.
 */
export const mergeFieldNames = [
  "name",
  "address",
  "unit",
  "department",
  "organisation",
  "date",
  "subject",
  "message",
  "amount",
  "payment_line",
  "due_date",
  "deadline",
  "meeting_date",
  "move_in_date",
  "end_date",
  "inspection_date",
  "removal_date",
  "list",
] as const;
export type MergeField = (typeof mergeFieldNames)[number];

/** A value given by the sender: text as is, a date or an amount formatted in the letter's language. */
export type MergeValue = string | { date: string } | { ore: number };
export type MergeValues = Partial<Record<MergeField, MergeValue>>;

const fieldPattern = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** The field names a text refers to that do not exist (for the template editor's error message). */
export function unknownFields(text: string): string[] {
  const known = new Set<string>(mergeFieldNames);
  return [...new Set([...text.matchAll(fieldPattern)].map((m) => m[1]!))].filter((f) => !known.has(f));
}

function formatValue(value: MergeValue | undefined, lang: "da" | "en"): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return "date" in value ? formatDate(value.date, lang) : formatKroner(value.ore, lang);
}

/** Fills in {{fields}}; a field without a value becomes empty rather than leaking "{{…}}". */
export function merge(text: string, values: MergeValues, lang: "da" | "en"): string {
  return text.replace(fieldPattern, (_, name: string) => formatValue(values[name as MergeField], lang));
}
