import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { Clock } from "../../../platform/clock.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import type { UnitKind } from "../../masterdata/masterdata.table.ts";
import {
  departmentHomes,
  findPublicDepartment,
  searchVacantHomes,
  type VacancyFilters,
  type VacantHomeRow,
} from "./public.repository.ts";

/** What anyone may see of vacant homes and departments: view models, no database rows. */

export const publicPageSize = 20;
export const featureNames = ["stepFree", "elevator", "balcony", "pets"] as const;
export type FeatureName = (typeof featureNames)[number];

export interface VacantHome {
  unitId: string;
  vacancyId: string | null;
  address: string;
  postcode: string;
  town: string;
  kind: UnitKind;
  rooms: number;
  areaM2: number;
  rentOre: number;
  /** Null: vacant now, not yet registered for letting with a date. */
  freeFrom: string | null;
  energyLabel: string | null;
  features: FeatureName[];
  department: { id: string; key: string; number: number; name: string };
}

export const departmentKey = (organisationNumber: number, departmentNumber: number) =>
  `${organisationNumber}-${departmentNumber}`;

function toVacantHome(r: VacantHomeRow): VacantHome {
  const features: FeatureName[] = [];
  if (r.has_step_free_access) features.push("stepFree");
  if (r.has_elevator) features.push("elevator");
  if (r.has_balcony_or_garden) features.push("balcony");
  if (r.is_pets_allowed) features.push("pets");
  const floorDoor = [r.floor, r.door].filter(Boolean).join(". ");
  return {
    unitId: r.unit_id,
    vacancyId: r.vacancy_id,
    address: `${r.street} ${r.house_number}${floorDoor ? `, ${floorDoor}` : ""}`,
    postcode: r.postcode,
    town: r.town,
    kind: r.kind,
    rooms: r.rooms,
    areaM2: r.area_m2,
    rentOre: Number(r.rent_ore),
    freeFrom: r.free_from,
    energyLabel: r.energy_label,
    features,
    department: {
      id: r.department_id,
      key: departmentKey(r.organisation_number, r.department_number),
      number: r.department_number,
      name: r.department_name,
    },
  };
}

export async function vacantHomes(db: Kysely<Database>, filters: VacancyFilters, page: number) {
  const { rows, total } = await searchVacantHomes(db, filters, page, publicPageSize);
  return { items: rows.map(toVacantHome), total, page, pageSize: publicPageSize };
}

/** Fewer lettings than this in the period say too little about the pace of the queue. */
export const minLettingsForEstimate = 3;
export const estimateMonths = 24;

/**
 * Typical waiting time for someone joining the back of the queue: the active applications ahead
 * of them divided by the pace of lettings from the lists over the last 24 months. The pace is
 * uncertain (a count of events), so it is taken as lettings ± √lettings, which gives a range.
 */
export function estimateWaitingMonths(
  lettings: number,
  queue: number,
): { fromMonths: number; toMonths: number } | null {
  if (lettings < minLettingsForEstimate) return null;
  const spread = Math.sqrt(lettings);
  const fast = (lettings + spread) / estimateMonths;
  const slow = Math.max(lettings - spread, 1) / estimateMonths;
  const fromMonths = Math.floor(queue / fast);
  const toMonths = Math.max(Math.ceil(queue / slow), fromMonths + 1);
  return { fromMonths, toMonths };
}

export interface DepartmentProfile {
  id: string;
  key: string;
  number: number;
  name: string;
  organisationName: string;
  address: string | null;
  postcode: string | null;
  town: string | null;
  municipalityCode: string | null;
  constructionYear: number | null;
  homes: number;
  kinds: { kind: UnitKind; homes: number }[];
  /** Yearly rent per m² in øre, lowest and highest; null without homes with an area. */
  rentPerM2Year: { minOre: number; maxOre: number } | null;
  /** How many of the homes have each facility (only those some home has). */
  facilities: { feature: FeatureName; homes: number }[];
  energyLabels: string[];
  waiting: {
    lettings: number;
    queue: number;
    months: number;
    estimate: { fromMonths: number; toMonths: number } | null;
  };
}

/** A department's public figures: two queries. */
export async function departmentProfile(
  db: Kysely<Database>,
  clock: Clock,
  key: string,
): Promise<DepartmentProfile> {
  const since = new Date(clock.now());
  since.setUTCMonth(since.getUTCMonth() - estimateMonths);
  const d = await findPublicDepartment(db, key, since.toISOString());
  if (!d) throw new NotFoundError();
  const rows = await departmentHomes(db, d.id);
  const kinds = new Map<UnitKind, number>();
  const facilityCounts: Record<FeatureName, number> = { stepFree: 0, elevator: 0, balcony: 0, pets: 0 };
  const labels = new Set<string>();
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + Number(r.homes));
    if (r.energy_label) labels.add(r.energy_label);
    if (r.min_rent_m2_ore !== null) min = Math.min(min, Number(r.min_rent_m2_ore));
    if (r.max_rent_m2_ore !== null) max = Math.max(max, Number(r.max_rent_m2_ore));
    facilityCounts.stepFree += Number(r.n_step_free ?? 0);
    facilityCounts.elevator += Number(r.n_elevator ?? 0);
    facilityCounts.balcony += Number(r.n_balcony ?? 0);
    facilityCounts.pets += Number(r.n_pets ?? 0);
  }
  const lettings = Number(d.lettings ?? 0);
  const queue = Number(d.queue ?? 0);
  return {
    id: d.id,
    key: departmentKey(d.organisation_number, d.number),
    number: d.number,
    name: d.name,
    organisationName: d.organisation_name,
    address: d.street ? `${d.street}${d.house_number ? ` ${d.house_number}` : ""}` : null,
    postcode: d.postcode,
    town: d.town,
    municipalityCode: d.municipality_code,
    constructionYear: d.construction_year,
    homes: [...kinds.values()].reduce((a, b) => a + b, 0),
    kinds: [...kinds].map(([kind, homes]) => ({ kind, homes })).sort((a, b) => a.kind.localeCompare(b.kind)),
    rentPerM2Year: Number.isFinite(min) ? { minOre: Math.round(min), maxOre: Math.round(max) } : null,
    facilities: featureNames
      .filter((f) => facilityCounts[f] > 0)
      .map((feature) => ({ feature, homes: facilityCounts[feature] })),
    energyLabels: [...labels].sort(),
    waiting: { lettings, queue, months: estimateMonths, estimate: estimateWaitingMonths(lettings, queue) },
  };
}
