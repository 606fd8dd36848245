/**
 * CPR numbers (DDMMYY-SSSS). The date must exist, with the century read from the 7th digit and YY
 * (the table at cpr.dk). Modulus 11 is deliberately NOT checked: since 2007 numbers are issued
 * that fail it, and rejecting one would lock a real person out.
 */
import { createHmac, hkdfSync } from "node:crypto";
import { z } from "zod";

export type CprErrorKey = "masterdata.errors.cpr_format" | "masterdata.errors.cpr_date";

export type CprResult =
  | { ok: true; normalised: string; birthDate: string }
  | { ok: false; error: CprErrorKey };

/** With or without the dash; surrounding spaces are ignored. */
const CPR = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/;

/** cpr.dk: 7th digit 0–3 → 1900s; 4 and 9 → 2000s if YY ≤ 36 else 1900s; 5–8 → 2000s if YY ≤ 57 else 1800s. */
export function cprCentury(seventhDigit: number, yy: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

export function parseCpr(input: string): CprResult {
  const m = CPR.exec(input.trim());
  if (!m) return { ok: false, error: "masterdata.errors.cpr_format" };
  const [, dd, mm, yy, seventh, rest] = m;
  const year = cprCentury(Number(seventh), Number(yy)) + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  // Date.UTC rolls 30 February over into March; a real date survives the round trip.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, error: "masterdata.errors.cpr_date" };
  }
  return {
    ok: true,
    normalised: `${dd}${mm}${yy}-${seventh}${rest}`,
    birthDate: `${pad(year, 4)}-${mm}-${dd}`,
  };
}

/** "DDMMYY-XXXX" for display. Text that is not shaped like a CPR number is masked entirely. */
export function maskCpr(cpr: string): string {
  const m = CPR.exec(cpr.trim());
  return m ? `${m[1]}${m[2]}${m[3]}-XXXX` : "XXXXXX-XXXX";
}

/** Validates and normalises to "DDMMYY-SSSS"; messages are i18n keys. */
export const cprSchema = z.string().transform((value, ctx) => {
  const result = parseCpr(value);
  if (result.ok) return result.normalised;
  ctx.addIssue({ code: "custom", message: result.error });
  return z.NEVER;
});

/** Labels the sub-key, so the same data key never serves both encryption and look-up hashing. */
const HASH_KEY_INFO = "almen/cpr-lookup-hash/v1";
const hashKeys = new WeakMap<Buffer, Buffer>();

/** HKDF-SHA256 sub-key of the app's data key, used only for CPR look-up hashes. */
export function cprHashKey(dataKey: Buffer): Buffer {
  let subKey = hashKeys.get(dataKey);
  if (!subKey) {
    subKey = Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), HASH_KEY_INFO, 32));
    hashKeys.set(dataKey, subKey);
  }
  return subKey;
}

/**
 * Keyed hash (HMAC-SHA256, hex) of the normalised number, to find a person by CPR without
 * decrypting every row. Keyed, because the CPR space is small enough to hash in full.
 * Throws on an invalid number; the message never contains the number.
 */
export function cprLookupHash(key: Buffer, cpr: string): string {
  const result = parseCpr(cpr);
  if (!result.ok) throw new RangeError("Not a valid CPR number");
  return createHmac("sha256", cprHashKey(key)).update(result.normalised, "utf8").digest("hex");
}
