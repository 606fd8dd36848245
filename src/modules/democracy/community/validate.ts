import type { z } from "zod";
import { ValidationError } from "../../../platform/errors.ts";
import { isTranslationKey } from "../../../platform/i18n/index.ts";

/**
 * Checks a command's props against its schema. Forms and the API check their input first, so
 * this is the last guard: a refusal is a ValidationError (400 with fields), never a 500.
 */
export function parseProps<S extends z.ZodType>(schema: S, props: unknown): z.output<S> {
  const result = schema.safeParse(props);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "_form");
    fields[key] ??= isTranslationKey(issue.message) ? issue.message : "errors.validation";
  }
  throw new ValidationError(fields);
}
