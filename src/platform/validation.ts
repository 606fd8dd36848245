import type { TFunction } from "i18next";
import { type ZodType, z } from "zod";
import { isTranslationKey, type Lang, translateMaybe } from "./i18n/index.ts";

/** zod's own Danish and English messages; our schemas' custom messages are i18n keys. */
const locales = { da: z.locales.da(), en: z.locales.en() };

type Issue = z.core.$ZodIssue;
type RawIssue = Parameters<(typeof locales)["da"]["localeError"]>[0];

/** Our schemas' custom messages are i18n keys; everything else gets zod's message in the language. */
function messageFor(issue: Issue | RawIssue, lang: Lang, t: TFunction): string {
  if (issue.message && isTranslationKey(issue.message)) return String(t(issue.message));
  const localized = locales[lang].localeError(issue as RawIssue);
  const text = typeof localized === "string" ? localized : localized?.message;
  return text ?? translateMaybe(t, issue.message ?? "errors.validation");
}

/** Field path → first message for it, in the user's language. */
export function issuesToFields(issues: readonly Issue[], lang: Lang, t: TFunction): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.join(".") || "_form";
    fields[key] ??= messageFor(issue, lang, t);
  }
  return fields;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/** Validates a submitted form (or any input) and returns field errors in the user's language. */
export function parseInput<S extends ZodType>(
  schema: S,
  input: unknown,
  lang: Lang,
  t: TFunction,
): FormResult<z.output<S>> {
  const result = schema.safeParse(input ?? {}, { error: locales[lang].localeError });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: issuesToFields(result.error.issues, lang, t) };
}

/** Rebuilds zod issues from fastify-type-provider-zod's validation errors, to translate them. */
export function fastifyValidationToFields(
  validation: readonly {
    instancePath: string;
    keyword: string;
    message?: string;
    params: Record<string, unknown>;
  }[],
  lang: Lang,
  t: TFunction,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const v of validation) {
    const key = v.instancePath.replace(/^\//, "").replaceAll("/", ".") || "_form";
    const issue = {
      ...v.params,
      code: v.keyword,
      path: key.split("."),
      message: v.message ?? "",
    } as unknown as Issue;
    fields[key] ??= messageFor(issue, lang, t);
  }
  return fields;
}

/** Form checkboxes and multi-selects arrive as a string or an array of strings. */
export const stringList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string()),
);
