import { z } from "zod";
import { parseBoolean, parseDate, parseDecimal, parseKronerToOre } from "../../../platform/csv/values.ts";

/**
 * zod schemas for one CSV cell as Danish users write them (decimal comma or point, dates
 * YYYY-MM-DD or DD-MM-YYYY, "ja"/"nej"). An empty optional cell becomes null.
 * Messages are i18n keys.
 */

const blank = (v: string) => v.trim() === "";

export const text = (message = "masterdata.errors.required") => z.string().trim().min(1, { message });

export const optionalText = z.string().transform((v) => (blank(v) ? null : v.trim()));

export const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { message: "masterdata.errors.whole_number", abort: true })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: "masterdata.errors.out_of_range" });

export const optionalWholeNumber = (min: number, max: number) =>
  z.string().transform((v, ctx) => {
    if (blank(v)) return null;
    const n = Number(v.trim());
    if (!/^\d+$/.test(v.trim()) || n < min || n > max) {
      ctx.addIssue({ code: "custom", message: "masterdata.errors.out_of_range" });
      return z.NEVER;
    }
    return n;
  });

export const area = z.string().transform((v, ctx) => {
  const n = parseDecimal(v);
  if (n === undefined || n <= 0 || n > 10_000) {
    ctx.addIssue({ code: "custom", message: "masterdata.errors.area" });
    return z.NEVER;
  }
  return Math.round(n);
});

/** Kroner with decimal comma or point → integer øre. */
export const kroner = z.string().transform((v, ctx) => {
  const ore = parseKronerToOre(v);
  if (ore === undefined || ore < 0) {
    ctx.addIssue({ code: "custom", message: "masterdata.errors.amount" });
    return z.NEVER;
  }
  return ore;
});

export const date = z.string().transform((v, ctx) => {
  const d = parseDate(v);
  if (!d) {
    ctx.addIssue({ code: "custom", message: "masterdata.errors.date" });
    return z.NEVER;
  }
  return d;
});

export const optionalDate = z.string().transform((v, ctx) => {
  if (blank(v)) return null;
  const d = parseDate(v);
  if (!d) {
    ctx.addIssue({ code: "custom", message: "masterdata.errors.date" });
    return z.NEVER;
  }
  return d;
});

export const yesNo = z.string().transform((v, ctx) => {
  const b = parseBoolean(v);
  if (b === undefined) {
    ctx.addIssue({ code: "custom", message: "masterdata.errors.yes_no" });
    return z.NEVER;
  }
  return b;
});

export const oneOf = <T extends string>(values: readonly T[], message: string) =>
  z
    .string()
    .trim()
    .transform((v) => v.toLowerCase())
    .refine((v): v is T => (values as readonly string[]).includes(v), { message }) as unknown as z.ZodType<
    T,
    string
  >;

export const optionalUuid = z.string().transform((v, ctx) => {
  if (blank(v)) return null;
  const t = v.trim().toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(t)) {
    ctx.addIssue({ code: "custom", message: "masterdata.errors.uuid" });
    return z.NEVER;
  }
  return t;
});

/** Made once: building a zod schema costs far more than running it (it was made per cell). */
const email = z.email();

export const optionalEmail = z.string().transform((v, ctx) => {
  if (blank(v)) return null;
  const t = v.trim().toLowerCase();
  if (!email.safeParse(t).success) {
    ctx.addIssue({ code: "custom", message: "masterdata.errors.email" });
    return z.NEVER;
  }
  return t;
});
