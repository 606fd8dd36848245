/**
 * DAR address rules: what a house number, floor, door, postcode and municipality code may look
 * like, how typed variants are normalised, and the letter format. Validators take the normalised
 * form; the schema normalises first, so forms may accept "St." or "TV".
 */
import { z } from "zod";
import { type AddressParts, floorAndDoor } from "../address.ts";
import { postcodeTowns } from "./postcodes.ts";

/** 1–999, optionally followed by one capital letter ("12A"); DAR writes the letter in capitals. */
const HOUSE_NUMBER = /^[1-9]\d{0,2}[A-Z]?$/;
/** kl (kælder), k2..k9 (lower basements), st (stuen), 1..99. No leading zeros. */
const FLOOR = /^(kl|k[2-9]|st|[1-9]\d?)$/;
/** tv/th/mf (left/right/middle), 1..9999, or lowercase letters; DAR doors are at most 4 characters. */
const DOOR = /^(tv|th|mf|[1-9]\d{0,3}|[a-zæøå]{1,4})$/;
const FOUR_DIGITS = /^\d{4}$/;

export const validateHouseNumber = (value: string): boolean => HOUSE_NUMBER.test(value);
export const validateFloor = (value: string): boolean => FLOOR.test(value);
export const validateDoor = (value: string): boolean => DOOR.test(value);
/** Municipality codes are 4 digits ("0101" København); the postcode list carries none to check against. */
export const validateMunicipalityCode = (value: string): boolean => FOUR_DIGITS.test(value);
/** A postcode is valid when it has 4 digits and is in the postcode list. */
export const validatePostcode = (value: string): boolean =>
  FOUR_DIGITS.test(value) && postcodeTowns.has(value);

/** "12 a" → "12A": people type the letter in lowercase or with a space; DAR has it in capitals. */
export function normaliseHouseNumber(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

/** Words people write for the ground floor and basement (a Map: no prototype keys to trip over). */
const FLOOR_WORDS: ReadonlyMap<string, string> = new Map([
  ["stuen", "st"],
  ["kælder", "kl"],
]);

/** Trailing full stops and spaces go: "1." and "st. " mean the same as "1" and "st". */
const trimEnd = (value: string): string => value.trim().replace(/[\s.]+$/, "");

/** "St." / "ST" / " st " → "st", "1." → "1", "K2" → "k2". Anything else is returned trimmed, lowercased. */
export function normaliseFloor(value: string): string {
  const v = trimEnd(value.toLowerCase());
  return FLOOR_WORDS.get(v) ?? v;
}

/**
 * "TV" / "tv." → "tv". Only the side words are lowercased: an uppercase door letter ("A") is a
 * different, non-DAR value, and guessing "a" could point at the wrong home.
 */
export function normaliseDoor(value: string): string {
  const v = trimEnd(value);
  const lower = v.toLowerCase();
  return lower === "tv" || lower === "th" || lower === "mf" ? lower : v;
}

/** The town for a postcode from the 2018 list (to suggest it in a form), or undefined if unknown. */
export function postcodeTown(postcode: string): string | undefined {
  return postcodeTowns.get(postcode.trim())?.[0];
}

export interface PostcodeTownWarning {
  /** i18n key; params fill it in. */
  key: "masterdata.warnings.postcode_town";
  params: { postcode: string; town: string; expected: string };
}

const comparable = (town: string): string => town.trim().replace(/\s+/g, " ").toLocaleLowerCase("da");

/**
 * A warning, not an error, when the town is not the one the postcode list has: the list is from
 * 2018 and towns get renamed. Unknown postcodes give no warning here; the schema rejects them.
 */
export function checkPostcodeTown(postcode: string, town: string): PostcodeTownWarning | null {
  const towns = postcodeTowns.get(postcode.trim());
  if (!towns || towns.some((t) => comparable(t) === comparable(town))) return null;
  return {
    key: "masterdata.warnings.postcode_town",
    params: { postcode: postcode.trim(), town: town.trim(), expected: towns.join(" / ") },
  };
}

/** Optional floor/door: a blank form field means "none", so it becomes null, not "". */
function optionalPart(normalise: (v: string) => string, validate: (v: string) => boolean, message: string) {
  return z
    .string()
    .nullish()
    .transform((v) => {
      const normalised = v == null ? "" : normalise(v);
      return normalised === "" ? null : normalised;
    })
    .refine((v) => v === null || validate(v), { message });
}

/** An address as typed in a form or imported: normalised, then validated. Messages are i18n keys. */
export const addressSchema = z.object({
  street: z.string().trim().min(1, { message: "masterdata.errors.street" }),
  houseNumber: z
    .string()
    .transform(normaliseHouseNumber)
    .refine(validateHouseNumber, { message: "masterdata.errors.house_number" }),
  floor: optionalPart(normaliseFloor, validateFloor, "masterdata.errors.floor"),
  door: optionalPart(normaliseDoor, validateDoor, "masterdata.errors.door"),
  postcode: z
    .string()
    .trim()
    // abort: "162" is mistyped, not unknown; one message per field is enough.
    .regex(FOUR_DIGITS, { message: "masterdata.errors.postcode", abort: true })
    .refine((v) => postcodeTowns.has(v), { message: "masterdata.errors.postcode_unknown" }),
  town: z.string().trim().min(1, { message: "masterdata.errors.town" }),
});

export type AddressInput = z.input<typeof addressSchema>;
export type Address = z.output<typeof addressSchema>;

export const municipalityCodeSchema = z
  .string()
  .trim()
  .regex(FOUR_DIGITS, { message: "masterdata.errors.municipality_code" });

/** An address for a letter; the supplementary town name (supplerende bynavn) is optional. */
export interface LetterAddress extends AddressParts {
  supplementaryTownName?: string | null;
}

/**
 * The letter format: street line ("Vejnavn 12A, 3. tv"), the supplementary town name if any, then
 * the postcode line ("1620 København V"). Floor and door come from the one-line formatter, so both
 * formats agree on "3." versus "st".
 */
export function formatAddressLines(a: LetterAddress): string[] {
  const fd = floorAndDoor(a.floor, a.door);
  const streetLine = `${a.street} ${a.houseNumber}${fd ? `, ${fd}` : ""}`;
  const supplementary = a.supplementaryTownName?.trim();
  return [streetLine, ...(supplementary ? [supplementary] : []), `${a.postcode} ${a.town}`];
}
