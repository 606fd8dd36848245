import { type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "../../db/database-types.ts";
import { prepareQuery } from "../../db/prepared.ts";
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

type Row = Selectable<ApplicationsTable> & { rank: number | null };
type List = { id: string; kind: "internal" | "external" };

const flexibleNames = new Set(["work", "education", "divorce", "care", "other"]);

function toCandidate(row: Row, list: List, departmentIds: string[], today: string): Candidate {
  const kinds = row.kinds_json.filter((k): k is Candidate["criteria"]["kinds"][number] =>
    (unitKinds as readonly string[]).includes(k),
  );
  const features = row.features_json.filter((f): f is Candidate["criteria"]["requiredFeatures"][number] =>
    (unitFeatures as readonly string[]).includes(f),
  );
  return {
    applicationId: row.id,
    list: list.kind,
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
    owesMoney: row.is_owing_money,
    hasPaymentPlan: row.has_payment_plan,
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

/** The organisation's lists (external before internal): two rows. */
const listsOf = prepareQuery((db, p: { organisationId: string }) =>
  db
    .selectFrom("waiting_lists")
    .select(["id", "kind"])
    .where("organisation_id", "=", p.organisationId)
    .orderBy("kind"),
);

/**
 * The next page of a queue by stored rank, one query per pool. Each pool filters with a literal
 * `= 1` so the planner uses the pool's partial index (a bound parameter would not match it).
 */
const poolPage = (pool: Pool) =>
  prepareQuery((db, p: { departmentId: string; listId: string; after: number; limit: number }) => {
    let query = db
      .selectFrom("application_departments as q")
      .innerJoin("applications as a", "a.id", "q.application_id")
      .selectAll("a")
      .select("q.rank")
      .where("q.department_id", "=", p.departmentId)
      .where("q.list_id", "=", p.listId)
      .where("q.rank", ">", p.after);
    if (pool === "rehousing") query = query.where(sql<boolean>`q.is_rehousing = 1`);
    if (pool === "flexible") query = query.where(sql<boolean>`q.is_flexible = 1`);
    if (pool === "children") query = query.where(sql<boolean>`q.has_children = 1`);
    return query.orderBy("q.rank").limit(p.limit);
  });
const poolPages: Record<Pool, ReturnType<typeof poolPage>> = {
  all: poolPage("all"),
  rehousing: poolPage("rehousing"),
  flexible: poolPage("flexible"),
  children: poolPage("children"),
};

/**
 * The candidates for a vacancy: per list, the top of the department's queue by stored rank, and
 * the top of each priority pool (rehousing, flexible, children) that can outrank seniority — each
 * read in pages by rank until `wanted` eligible ones are found. Whoever is first `wanted` in the
 * final ranking is among the first `wanted` of their own group and list, so the offer round
 * touches O(wanted) rows, not the whole list. Excluded applicants met on the way are returned too,
 * so the ranking can explain why they were passed over.
 */
export async function loadCandidates(db: Db, q: CandidateQuery): Promise<Candidate[]> {
  const lists = await listsOf.execute(db, { organisationId: q.organisationId });
  const found = new Map<string, Candidate>();
  const pools: Pool[] = ["all"];
  if (q.settings.rehousingPriority) pools.push("rehousing");
  if (q.settings.flexibleSharePercent > 0) pools.push("flexible");
  if (q.settings.childrenPriorityMinRooms > 0 && q.vacancy.rooms >= q.settings.childrenPriorityMinRooms) {
    pools.push("children");
  }
  for (const list of lists) {
    for (const pool of pools) await loadPool(db, q, list, pool, found);
  }
  return [...found.values()];
}

function qualifies(c: Candidate, pool: Pool, settings: LettingSettings): boolean {
  if (pool === "rehousing") return c.rehousing;
  if (pool === "flexible") return c.flexibleCriteria.some((f) => settings.flexibleCriteria.includes(f));
  if (pool === "children") return c.hasChildren;
  return true;
}

async function loadPool(db: Db, q: CandidateQuery, list: List, pool: Pool, found: Map<string, Candidate>) {
  const limit = q.pageSize ?? Math.max(q.wanted * 2, 20);
  // A queue row is the applicant's wish for this department: it is all the ranking needs to know.
  const departmentIds = [q.vacancy.departmentId];
  let after = 0;
  let eligible = 0;
  for (;;) {
    const rows = (await poolPages[pool].execute(db, {
      departmentId: q.vacancy.departmentId,
      listId: list.id,
      after,
      limit,
    })) as Row[];
    for (const row of rows) {
      after = row.rank ?? after;
      if (q.skip.has(row.id)) continue;
      const candidate = found.get(row.id) ?? toCandidate(row, list, departmentIds, q.today);
      found.set(row.id, candidate);
      if (!qualifies(candidate, pool, q.settings)) continue;
      if (exclusionFor(candidate, q.vacancy, q.settings, q.today)) continue;
      eligible += 1;
      if (eligible >= q.wanted) return;
    }
    if (rows.length < limit) return;
  }
}
