import { z } from "zod";
import { unitKinds } from "../../masterdata/masterdata.table.ts";
import type { VacancyFilters } from "./public.repository.ts";
import { type FeatureName, featureNames } from "./public.service.ts";

/** The filters of the vacant-homes page and API: the same query-string names in both. */

const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();
const flag = z.enum(["ja", "true", "nej", "false"]).optional().describe("ja/true: must have it");

export const vacancyQuery = z.object({
  municipality: z
    .string()
    .trim()
    .max(60)
    .optional()
    .describe("A municipality code (e.g. 0101), a postcode or the start of a town name"),
  kind: z.enum(unitKinds).optional(),
  roomsMin: whole(1, 20),
  roomsMax: whole(1, 20),
  maxRent: whole(0, 1_000_000).describe("Highest monthly rent in whole kroner"),
  minArea: whole(0, 10_000).describe("Smallest area in m²"),
  stepFree: flag,
  elevator: flag,
  balcony: flag,
  pets: flag,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type VacancyQuery = z.output<typeof vacancyQuery>;

const on = (v: string | undefined) => v === "ja" || v === "true";

export function toFilters(q: VacancyQuery): VacancyFilters {
  return {
    municipality: q.municipality || undefined,
    kind: q.kind,
    roomsMin: q.roomsMin,
    roomsMax: q.roomsMax,
    maxRentOre: q.maxRent === undefined ? undefined : q.maxRent * 100,
    minArea: q.minArea,
    stepFree: on(q.stepFree),
    elevator: on(q.elevator),
    balcony: on(q.balcony),
    pets: on(q.pets),
  };
}

/**
 * The page is lenient where the API is strict: empty fields are left out, and a field that does
 * not parse is dropped (and the page says so) rather than failing the whole search.
 */
export function lenientQuery(raw: unknown): { query: VacancyQuery; dropped: string[] } {
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, unknown>))
    if (typeof v === "string" && v.trim() !== "") input[k] = v;
  const dropped: string[] = [];
  for (;;) {
    const parsed = vacancyQuery.safeParse(input);
    if (parsed.success) return { query: parsed.data, dropped };
    const bad = parsed.error.issues.map((i) => String(i.path[0])).filter((k) => k in input);
    if (bad.length === 0) return { query: vacancyQuery.parse({}), dropped };
    for (const k of bad) delete input[k];
    dropped.push(...bad);
  }
}

const vacancyFeature = z.enum(featureNames as unknown as [FeatureName, ...FeatureName[]]);

export const vacantHomeJson = z.object({
  unitId: z.string(),
  vacancyId: z.string().nullable().describe("Null: the unit is vacant but not yet registered for letting"),
  address: z.string(),
  postcode: z.string(),
  town: z.string(),
  kind: z.enum(unitKinds),
  rooms: z.number(),
  areaM2: z.number(),
  rentOre: z.number().describe("Monthly rent in øre"),
  freeFrom: z.string().nullable().describe("YYYY-MM-DD; null: vacant now"),
  energyLabel: z.string().nullable(),
  features: z.array(vacancyFeature),
  department: z.object({
    id: z.string(),
    key: z.string().describe("organisation number-department number, e.g. 1-101"),
    number: z.number(),
    name: z.string(),
  }),
});

export const departmentProfileJson = z.object({
  id: z.string(),
  key: z.string(),
  number: z.number(),
  name: z.string(),
  organisationName: z.string(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  town: z.string().nullable(),
  municipalityCode: z.string().nullable(),
  constructionYear: z.number().nullable(),
  homes: z.number(),
  kinds: z.array(z.object({ kind: z.enum(unitKinds), homes: z.number() })),
  rentPerM2Year: z
    .object({ minOre: z.number(), maxOre: z.number() })
    .nullable()
    .describe("Yearly rent per m² in øre, lowest and highest"),
  facilities: z.array(z.object({ feature: vacancyFeature, homes: z.number() })),
  energyLabels: z.array(z.string()),
  waiting: z.object({
    lettings: z.number().describe("Lettings from the waiting lists in the period"),
    queue: z.number().describe("Active applications on the department's waiting lists"),
    months: z.number().describe("The period, in months"),
    estimate: z
      .object({ fromMonths: z.number(), toMonths: z.number() })
      .nullable()
      .describe("Null: too few lettings to estimate"),
  }),
});

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export const apiErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
