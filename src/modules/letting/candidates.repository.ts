import { type Compilable, type Kysely, type Selectable, sql } from "kysely";
import type { DialectName } from "../../db/database.ts";
import type { Database } from "../../db/database-types.ts";
import { prepareQuery } from "../../db/prepared.ts";
import type { UnitsTable } from "../masterdata/masterdata.table.ts";
import { candidateColumns, type List, type Row, toCandidate } from "./candidate-rows.ts";
import {
  type Candidate,
  decide,
  exclusionFor,
  groupOf,
  groupOrder,
  type LettingHistory,
  type Plan,
  type RankingGroup,
  type Vacancy,
} from "./ranking/index.ts";
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

/** The candidate pools that may outrank plain seniority; each is searched on its own. */
type Pool = "all" | "rehousing" | "flexible" | "children";

/** The pool a group's candidates are read from: a list's group reads the whole list. */
const poolOf = (group: RankingGroup): Pool => (group === "internal" || group === "external" ? "all" : group);

export interface CandidateQuery {
  organisationId: string;
  vacancy: Vacancy;
  settings: LettingSettings;
  /** What was let before in the department: it decides the municipality's turn and the lists' turn. */
  history: LettingHistory;
  today: string;
  /** How many eligible candidates are wanted at the top of the ranking (the offers to make). */
  wanted: number;
  /** Applications that already had an offer for this vacancy (an extended round skips them). */
  skip: ReadonlySet<string>;
  /** PostgreSQL reads the first pages in one query (see loadCandidates). */
  dialect: DialectName;
  /** Rows per query; small in tests to exercise paging. */
  pageSize?: number;
}

/** Where a page ends: the last row's place in the queue's key (seniority, then application). */
type After = {
  afterSeniority: string;
  afterApplication: string;
};

/**
 * A pool's ranked rows of one queue, in seniority order (the order of their ranks), from the start
 * or after a row, answered from the pool's covering index alone. Each pool filters with a literal
 * `= 1` so the planner uses the pool's partial index (a bound parameter would not match it).
 */
function poolRows(
  db: Db,
  pool: Pool,
  p: { departmentId: string; listId: ListRef; limit: number },
  after?: After,
) {
  let query = db
    .selectFrom("application_departments as q")
    .select(candidateColumns)
    .where("q.department_id", "=", p.departmentId)
    .where("q.list_id", "=", p.listId)
    .where("q.rank", "is not", null);
  if (after)
    query = query.where((eb) =>
      eb(
        eb.refTuple("q.seniority_date", "q.application_id"),
        ">",
        eb.tuple(after.afterSeniority, after.afterApplication),
      ),
    );
  if (pool === "rehousing") query = query.where(sql<boolean>`q.is_rehousing = 1`);
  if (pool === "flexible") query = query.where(sql<boolean>`q.is_flexible = 1`);
  if (pool === "children") query = query.where(sql<boolean>`q.has_children = 1`);
  return query.orderBy("q.seniority_date").orderBy("q.application_id").limit(p.limit);
}

/** The organisation's lists (external before internal): two rows. */
const listsOf = prepareQuery((db, p: { organisationId: string }) =>
  db
    .selectFrom("waiting_lists")
    .select(["id", "kind"])
    .where("organisation_id", "=", p.organisationId)
    .orderBy("kind"),
);

/** A list's id, or the query for it by organisation and kind. */
type ListRef = string | ReturnType<typeof listIdOf>;
const listIdOf = (db: Db, organisationId: string, kind: List["kind"]) =>
  db
    .selectFrom("waiting_lists")
    .select("id")
    .where("organisation_id", "=", organisationId)
    .where("kind", "=", kind);

/** A page of one list's pool: the first, or the next after a row (prepared: two per pool). */
const poolPage = (pool: Pool) => ({
  first: prepareQuery((db, p: { departmentId: string; listId: string; limit: number }) =>
    poolRows(db, pool, p),
  ),
  next: prepareQuery((db, p: { departmentId: string; listId: string; limit: number } & After) =>
    poolRows(db, pool, p, p),
  ),
});
const poolPages: Record<Pool, ReturnType<typeof poolPage>> = {
  all: poolPage("all"),
  rehousing: poolPage("rehousing"),
  flexible: poolPage("flexible"),
  children: poolPage("children"),
};

const listKinds = ["external", "internal"] as const;
/** A first-query row: which part it answers (an index into the parts) and its list. */
type FirstRow = Row & { part: number; list_id: string };

/** One pool of one list in the first query; `eager` parts read a page, the others one row. */
interface Part {
  pool: Pool;
  kind: List["kind"];
  eager: boolean;
}

/** The first query's parts and the query itself, by the plan's groups (a few plans in all). */
const firstQueries = new Map<string, { parts: Part[]; query: ReturnType<typeof firstPagesFor> }>();
/** What a part that is not eager reads. */
const probeRows = 1;

/**
 * The first page of every pool the plan reads, on both lists, in one query (PostgreSQL: one round
 * trip where a query per pool and list took six to eight). The lists are found by kind in the same
 * query. Prepared once per set of parts.
 */
const firstPagesFor = (parts: readonly Part[]) =>
  prepareQuery((db, p: { organisationId: string; departmentId: string; limit: number }) => {
    const queries = parts.map(({ pool, kind, eager }, index) =>
      db
        .selectFrom(
          poolRows(db, pool, {
            departmentId: p.departmentId,
            listId: listIdOf(db, p.organisationId, kind),
            limit: eager ? p.limit : probeRows,
          })
            .select([sql.lit(index).as("part"), "q.list_id"])
            .as("page"),
        )
        .selectAll(),
    );
    return queries
      .slice(1)
      .reduce((all, part) => all.unionAll(part), queries[0]!) as unknown as Compilable<FirstRow>;
  });

/**
 * The parts of the first query, in the plan's order: a full page of each pool up to the first big
 * one (children, or a list itself: it nearly always fills the round), and one row of the rest. The
 * one row tells whether the list has anyone there at all, and gives the list's id; a later group
 * is read further only when the groups before it fell short. Reading every pool's page at once
 * parsed twice the rows an offer round uses, and the garbage made the slowest rounds.
 */
function partsOf(groups: readonly RankingGroup[]): Part[] {
  const parts: Part[] = [];
  let eager = true;
  for (const group of groups) {
    const pool = poolOf(group);
    for (const kind of listKinds) {
      if (parts.some((p) => p.pool === pool && p.kind === kind)) continue;
      parts.push({ pool, kind, eager: eager && (pool !== "all" || kind === group) });
    }
    if (pool === "children" || pool === "all") eager = false;
  }
  return parts;
}

/** First pages by "pool/list kind", each in queue order, and the lists that have rows. */
interface FirstPages {
  pages: Map<string, { rows: Row[]; limit: number }>;
  lists: List[];
}

async function firstPages(db: Db, q: CandidateQuery, groups: readonly RankingGroup[]): Promise<FirstPages> {
  const key = groups.join();
  let first = firstQueries.get(key);
  if (!first) {
    const parts = partsOf(groups);
    first = { parts, query: firstPagesFor(parts) };
    firstQueries.set(key, first);
  }
  const { parts, query } = first;
  // Twice what is wanted: exclusions often eat half a page, and a further page costs a round trip.
  const limit = q.pageSize ?? 2 * q.wanted + 2;
  const rows = await query.execute(db, {
    organisationId: q.organisationId,
    departmentId: q.vacancy.departmentId,
    limit,
  });
  const byPart = parts.map((part) => ({ rows: [] as Row[], limit: part.eager ? limit : probeRows }));
  const lists = new Map<List["kind"], List>();
  for (const row of rows) {
    const { kind } = parts[row.part]!;
    if (!lists.has(kind)) lists.set(kind, { id: row.list_id, kind });
    byPart[row.part]!.rows.push(row);
  }
  const pages = new Map<string, { rows: Row[]; limit: number }>();
  parts.forEach((part, index) => {
    // A union keeps no order of its own: each page in rank order again.
    const page = byPart[index]!;
    page.rows.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    pages.set(`${part.pool}/${part.kind}`, page);
  });
  return { pages, lists: listKinds.flatMap((kind) => lists.get(kind) ?? []) };
}

/**
 * The candidates for a vacancy, group by group in the order the rules give them (rehousing,
 * flexible, children, then the list with the turn and the other list), until `wanted` eligible
 * candidates are found. A group merges both lists by seniority, so its top n is among the top n of
 * each list's pool: each pool is read in queue order, in pages, only as far as needed. The offer
 * round so touches O(wanted) rows, not the whole queue; none when it is the municipality's turn.
 * Excluded applicants met on the way are returned too, so the ranking can explain why they were
 * passed over.
 */
export async function loadCandidates(db: Db, q: CandidateQuery): Promise<Candidate[]> {
  const { municipal, plan } = decide(q.vacancy, q.settings, q.history);
  if (municipal.value) return [];
  const groups = groupOrder(plan);
  // A query is a round trip on PostgreSQL (0.2 ms and up) but a function call on SQLite, where the
  // rows cost more than the query: PostgreSQL gets every pool's first page at once (a list with
  // no rows in it has none to read further either); SQLite reads each pool as the scan reaches it.
  const first = q.dialect === "postgres" ? await firstPages(db, q, groups) : undefined;
  const lists = first?.lists ?? (await listsOf.execute(db, { organisationId: q.organisationId }));
  const read: Read = { found: new Map(), groups: new Map() };
  let total = 0;
  for (const group of groups) {
    const pool = poolOf(group);
    for (const list of lists) {
      if (pool === "all" && list.kind !== group) continue;
      const page = first?.pages.get(`${pool}/${list.kind}`);
      await scan(db, q, { list, pool, group, plan, need: q.wanted - total }, read, page);
    }
    for (const g of read.groups.values()) if (g === group) total += 1;
    if (total >= q.wanted) break;
  }
  return [...read.found.values()];
}

/** What the scans have read: every candidate, and the group of each eligible one. */
interface Read {
  found: Map<string, Candidate>;
  groups: Map<string, RankingGroup>;
}

interface Scan {
  list: List;
  pool: Pool;
  /** The group being filled: a pool's rows of other groups are read but do not count. */
  group: RankingGroup;
  plan: Plan;
  need: number;
}

/** Reads one list's pool in queue order until its first `need` eligible members of the group are known. */
async function scan(
  db: Db,
  q: CandidateQuery,
  s: Scan,
  read: Read,
  first: { rows: Row[]; limit: number } | undefined,
): Promise<void> {
  // Most pools give what is needed in their first rows: read a few more than that; when
  // exclusions eat into a page, the next is sized by the share of rows that counted so far.
  let limit = first?.limit ?? q.pageSize ?? s.need + 2;
  let count = 0;
  let seen = 0;
  // A queue row is the applicant's wish for this department: it is all the ranking needs to know.
  const departmentIds = [q.vacancy.departmentId];
  const pages = poolPages[s.pool];
  const where = { departmentId: q.vacancy.departmentId, listId: s.list.id };
  let last: Row | undefined;
  const next = async () =>
    (last
      ? await pages.next.execute(db, {
          ...where,
          afterSeniority: last.seniority_date,
          afterApplication: last.application_id,
          limit,
        })
      : await pages.first.execute(db, { ...where, limit })) as Row[];
  let rows = first?.rows ?? (await next());
  for (;;) {
    for (const row of rows) {
      last = row;
      seen += 1;
      const id = row.application_id;
      if (q.skip.has(id)) continue;
      // Read before by another pool's scan: its group is known (none when it is excluded).
      if (!read.found.has(id)) {
        const candidate = toCandidate(row, s.list, departmentIds, q.today);
        read.found.set(id, candidate);
        if (!exclusionFor(candidate, q.vacancy, q.settings, q.today))
          read.groups.set(id, groupOf(candidate, s.plan));
      }
      if (read.groups.get(id) === s.group && ++count >= s.need) return;
    }
    if (rows.length < limit) return;
    if (q.pageSize === undefined) {
      const share = Math.max(count, 1) / seen;
      const guess = Math.min(Math.ceil((s.need - count) / share) + 2, 1000);
      // On SQLite a further query is a function call, cheaper than the rows a wrong guess reads
      // (often ten times what is used when few rows counted so far): a page at most doubles. On
      // PostgreSQL a round trip costs more than such a page.
      limit = q.dialect === "sqlite" ? Math.min(guess, 2 * limit) : guess;
    }
    rows = await next();
  }
}
