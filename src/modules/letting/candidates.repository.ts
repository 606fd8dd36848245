import { type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "../../db/database-types.ts";
import type { UnitsTable } from "../masterdata/masterdata.table.ts";
import type { ApplicationsTable } from "./letting.table.ts";
import { type Candidate, exclusionFor, unitFeatures, unitKinds, type Vacancy } from "./ranking/index.ts";
import type { LettingSettings } from "./settings.ts";

type Db = Kysely<Database>;

/** The ranking engine's view of a unit to let. */
export function toRankingVacancy(
  vacancyId: string,
  unit: Pick<
    Selectable<UnitsTable>,
    | "department_id"
    | "kind"
    | "rooms"
    | "area_m2"
    | "has_elevator"
    | "has_step_free_access"
    | "has_balcony_or_garden"
    | "is_pets_allowed"
  >,
  rentOre: number,
): Vacancy {
  return {
    id: vacancyId,
    departmentId: unit.department_id,
    unitKind: unit.kind,
    rooms: unit.rooms,
    rentOre,
    areaM2: unit.area_m2,
    features: {
      stepFree: unit.has_step_free_access,
      elevator: unit.has_elevator,
      balconyOrGarden: unit.has_balcony_or_garden,
      petsAllowed: unit.is_pets_allowed,
    },
  };
}

type Row = Selectable<ApplicationsTable> & { kind: "internal" | "external"; rank: number | null };

const flexibleNames = new Set(["work", "education", "divorce", "care", "other"]);

function toCandidate(row: Row, departmentIds: string[], today: string): Candidate {
  const kinds = row.kinds_json.filter((k): k is Candidate["criteria"]["kinds"][number] =>
    (unitKinds as readonly string[]).includes(k),
  );
  const features = row.features_json.filter((f): f is Candidate["criteria"]["requiredFeatures"][number] =>
    (unitFeatures as readonly string[]).includes(f),
  );
  return {
    applicationId: row.id,
    list: row.kind,
    seniorityDate: row.seniority_date,
    status: row.status === "active" ? "active" : "passive",
    // A fee paid until a past day no longer keeps the application (null: no fee on record).
    feePaid: row.fee_paid_until === null || row.fee_paid_until >= today,
    quarantineUntil: row.quarantine_until,
    criteria: {
      departmentIds,
      roomsMin: row.rooms_min,
      roomsMax: row.rooms_max,
      maxRentOre: row.max_rent_ore,
      kinds,
      requiredFeatures: features,
    },
    householdSize: row.household_size,
    hasChildren: row.has_children,
    rehousing: row.is_rehousing,
    flexibleCriteria: row.flexible_json.filter((c): c is Candidate["flexibleCriteria"][number] =>
      flexibleNames.has(c),
    ),
    // Arrears and payment plans live outside letting; none are on record here yet.
    owesMoney: false,
    hasPaymentPlan: false,
    educationDocumented: row.is_education_documented,
    municipalReferral: row.has_municipal_referral,
    onBenefitsRefusable: row.is_on_benefits_refusable,
  };
}

/** The candidate pools that may outrank plain seniority; each is searched on its own. */
type Pool = "all" | "rehousing" | "flexible" | "children";

export interface CandidateQuery {
  organisationId: string;
  vacancy: Vacancy;
  settings: LettingSettings;
  today: string;
  /** How many eligible candidates of each pool and list are wanted (the offers to make). */
  wanted: number;
  /** Applications that already had an offer for this vacancy (an extended round skips them). */
  skip: ReadonlySet<string>;
  /** Rows per query; small in tests to exercise paging. */
  pageSize?: number;
}

/**
 * The candidates for a vacancy: per list, the top of the department's queue by stored rank, and
 * the top of each priority pool (rehousing, flexible, children) that can outrank seniority — each
 * read in pages by rank until `wanted` eligible ones are found. Whoever is first `wanted` in the
 * final ranking is among the first `wanted` of their own group and list, so the offer round
 * touches O(wanted) rows, not the whole list. Excluded applicants met on the way are returned too,
 * so the ranking can explain why they were passed over.
 */
export async function loadCandidates(db: Db, q: CandidateQuery): Promise<Candidate[]> {
  const lists = await db
    .selectFrom("waiting_lists")
    .select("id")
    .where("organisation_id", "=", q.organisationId)
    .orderBy("kind")
    .execute();
  const found = new Map<string, Candidate>();
  const pools: Pool[] = ["all"];
  if (q.settings.rehousingPriority) pools.push("rehousing");
  if (q.settings.flexibleSharePercent > 0) pools.push("flexible");
  if (q.settings.childrenPriorityMinRooms > 0 && q.vacancy.rooms >= q.settings.childrenPriorityMinRooms) {
    pools.push("children");
  }
  for (const list of lists) {
    for (const pool of pools) await loadPool(db, q, list.id, pool, found);
  }
  return [...found.values()];
}

function qualifies(c: Candidate, pool: Pool, settings: LettingSettings): boolean {
  if (pool === "rehousing") return c.rehousing;
  if (pool === "flexible") return c.flexibleCriteria.some((f) => settings.flexibleCriteria.includes(f));
  if (pool === "children") return c.hasChildren;
  return true;
}

async function loadPool(
  db: Db,
  q: CandidateQuery,
  listId: string,
  pool: Pool,
  found: Map<string, Candidate>,
) {
  const pageSize = q.pageSize ?? Math.max(q.wanted * 2, 20);
  let after = 0;
  let eligible = 0;
  for (;;) {
    let query = db
      .selectFrom("application_departments as q")
      .innerJoin("applications as a", "a.id", "q.application_id")
      .innerJoin("waiting_lists as l", "l.id", "a.list_id")
      .selectAll("a")
      .select(["l.kind", "q.rank"])
      .where("q.department_id", "=", q.vacancy.departmentId)
      .where("q.list_id", "=", listId)
      .where("q.rank", ">", after);
    if (pool === "rehousing") query = query.where("a.is_rehousing", "=", true);
    if (pool === "flexible") query = query.where(sql<boolean>`a.flexible_json <> '[]'`);
    if (pool === "children") query = query.where("a.has_children", "=", true);
    const rows = (await query.orderBy("q.rank").limit(pageSize).execute()) as Row[];
    if (rows.length === 0) return;
    const departments = await departmentsOf(
      db,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      after = row.rank ?? after;
      if (q.skip.has(row.id)) continue;
      const candidate = found.get(row.id) ?? toCandidate(row, departments.get(row.id) ?? [], q.today);
      found.set(row.id, candidate);
      if (!qualifies(candidate, pool, q.settings)) continue;
      if (exclusionFor(candidate, q.vacancy, q.settings, q.today)) continue;
      eligible += 1;
      if (eligible >= q.wanted) return;
    }
    if (rows.length < pageSize) return;
  }
}

async function departmentsOf(db: Db, applicationIds: string[]): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("application_departments")
    .select(["application_id", "department_id"])
    .where("application_id", "in", applicationIds)
    .execute();
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.application_id, [...(map.get(r.application_id) ?? []), r.department_id]);
  return map;
}
