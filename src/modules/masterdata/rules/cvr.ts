/** CVR numbers: 8 digits, not starting with 0, weights 2,7,6,5,4,3,2,1 and the sum divisible by 11. */
import { z } from "zod";

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;
const CVR = /^[1-9]\d{7}$/;

const weightedSum = (digits: string): number =>
  [...digits].reduce((sum, d, i) => sum + Number(d) * WEIGHTS[i], 0);

export function isValidCvr(value: string): boolean {
  return CVR.test(value) && weightedSum(value) % 11 === 0;
}

/**
 * The 8th digit that makes a 7-digit prefix a valid CVR number, or null when there is none
 * (the remainder would need a "10") or the prefix is malformed. Used for demo data and tests.
 */
export function cvrCheckDigit(prefix: string): number | null {
  if (!/^[1-9]\d{6}$/.test(prefix)) return null;
  const digit = (11 - (weightedSum(prefix) % 11)) % 11;
  return digit === 10 ? null : digit;
}

/** Accepts "12 34 56 78" as printed on letters; outputs the 8 digits. Message is an i18n key. */
export const cvrSchema = z
  .string()
  .transform((v) => v.replace(/\s+/g, ""))
  .refine(isValidCvr, { message: "masterdata.errors.cvr" });
