import type { ZodType, z } from "zod";
import { ValidationError } from "../../../platform/errors.ts";
import { isTranslationKey } from "../../../platform/i18n/index.ts";

/**
 * A command's props, checked against its schema: a refusal is a ValidationError naming each field
 * (our schemas' messages are i18n keys), so pages show it beside the field and the API as `fields`.
 */
export function parseProps<S extends ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_form";
    fields[key] ??= isTranslationKey(issue.message) ? issue.message : "errors.validation";
  }
  throw new ValidationError(fields);
}
