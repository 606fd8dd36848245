import { z } from "zod";
import { stringList } from "../../../platform/validation.ts";

const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.union([
      z.literal("").transform(() => null),
      z.coerce
        .number({ message: "letting.seeker.errors.number" })
        .int("letting.seeker.errors.number")
        .min(min)
        .max(max),
    ]),
  );

export const unitKindChoices = ["family", "youth", "senior"] as const;
export const featureChoices = ["elevator", "step_free", "balcony_or_garden", "pets_allowed"] as const;

/** The sign-up form (and the API body, with the same names). */
export const signUpSchema = z.object({
  organisation_id: z.string().min(1, "letting.seeker.errors.organisation").max(64),
  list_kind: z.enum(["external", "internal"]).default("external"),
  departments: stringList.pipe(z.array(z.string().max(64)).min(1, "letting.seeker.errors.departments")),
  birth_date: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.iso.date("letting.seeker.errors.birth_date_required").optional(),
  ),
  rooms_min: optionalInt(1, 10),
  rooms_max: optionalInt(1, 10),
  max_rent: optionalInt(0, 100_000),
  kinds: stringList.pipe(z.array(z.enum(unitKindChoices))),
  features: stringList.pipe(z.array(z.enum(featureChoices))),
  household_size: z.preprocess(
    (v) => (v === "" || v === undefined ? "1" : v),
    z.coerce.number().int().min(1).max(20),
  ),
  has_children: z.preprocess((v) => v === "ja" || v === true || v === "true", z.boolean()),
});
export type SignUpInput = z.output<typeof signUpSchema>;

/** The form as typed, to show it again with the errors. */
export interface SignUpValues {
  organisation_id: string;
  list_kind: string;
  departments: string[];
  birth_date: string;
  rooms_min: string;
  rooms_max: string;
  max_rent: string;
  kinds: string[];
  features: string[];
  household_size: string;
  has_children: boolean;
}

export function signUpValues(body: Record<string, unknown>): SignUpValues {
  const s = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
  const list = (k: string) => [body[k] ?? []].flat().filter((v): v is string => typeof v === "string");
  return {
    organisation_id: s("organisation_id"),
    list_kind: s("list_kind") || "external",
    departments: list("departments"),
    birth_date: s("birth_date"),
    rooms_min: s("rooms_min"),
    rooms_max: s("rooms_max"),
    max_rent: s("max_rent"),
    kinds: list("kinds"),
    features: list("features"),
    household_size: s("household_size") || "1",
    has_children: body.has_children === "ja",
  };
}
