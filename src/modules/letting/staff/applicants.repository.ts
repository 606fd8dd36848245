import type { ExpressionBuilder, Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { Reach } from "../../../platform/access.ts";

type Db = Kysely<Database>;
type Joined = ExpressionBuilder<
  Database & { a: Database["applications"]; l: Database["waiting_lists"]; p: Database["people"] },
  "a" | "l" | "p"
>;

/** An application's place in staff search: the person, the list and its organisation. */
export interface ApplicantRow {
  id: string;
  status: string;
  seniority_date: string;
  list: "external" | "internal";
  organisation_id: string;
  organisation_name: string;
  person_id: string;
  name: string;
  person_number: string;
}

const nothing = (reach: Reach) =>
  !reach.all && reach.organisationIds.length === 0 && reach.departmentIds.length === 0;

/**
 * Within reach: the list's organisation is reached, or (for a department-scoped grant) the
 * application wants one of the reached departments.
 */
function withinReach(reach: Reach) {
  return (eb: Joined) => {
    const parts = [];
    if (reach.organisationIds.length) parts.push(eb("l.organisation_id", "in", reach.organisationIds));
    if (reach.departmentIds.length) {
      parts.push(
        eb.exists(
          eb
            .selectFrom("application_departments as r")
            .select("r.application_id")
            .whereRef("r.application_id", "=", "a.id")
            .where("r.department_id", "in", reach.departmentIds),
        ),
      );
    }
    return eb.or(parts);
  };
}

/** Every way a typed name prefix may be stored: as typed, first letter capital, each word capital. */
export function nameVariants(q: string): string[] {
  const capital = (s: string) => s.charAt(0).toLocaleUpperCase("da") + s.slice(1);
  const words = q.toLocaleLowerCase("da").replace(/(^|[\s-])(\p{L})/gu, (_, sep, c) => sep + capital(c));
  return [...new Set([q, capital(q), words])];
}

/**
 * The first string after every string that starts with `prefix` (in code point order, SQLite's
 * BINARY and PostgreSQL's C collation): `name >= prefix and name < bound` is a prefix match that
 * walks the name index.
 */
export function prefixBound(prefix: string): string {
  const chars = Array.from(prefix);
  const last = chars.pop()!.codePointAt(0)!;
  return chars.join("") + String.fromCodePoint(last + 1);
}

/**
 * The queries of a search, one per way of matching, each in name order and limited to `want`
 * rows: a name prefix (in each capitalisation) walks the name index, a person number the
 * (organisation, person number) index. Nothing typed: no queries.
 */
export async function searchBranches(db: Db, reach: Reach, q: string, want: number) {
  const base = () => {
    let query = db
      .selectFrom("people as p")
      .innerJoin("applications as a", "a.person_id", "p.id")
      .innerJoin("waiting_lists as l", "l.id", "a.list_id")
      .innerJoin("organisations as o", "o.id", "l.organisation_id")
      .select([
        "a.id",
        "a.status",
        "a.seniority_date",
        "l.kind as list",
        "l.organisation_id",
        "o.name as organisation_name",
        "p.id as person_id",
        "p.name",
        "p.person_number",
      ]);
    if (!reach.all) query = query.where(withinReach(reach));
    return query;
  };
  // Nothing typed, nothing found: listing every applicant by name would sort the whole list.
  if (!q) return [];
  const branches = nameVariants(q).map((prefix) =>
    base().where("p.name", ">=", prefix).where("p.name", "<", prefixBound(prefix)),
  );
  // A person number is unique per (organisation, number): naming every organisation (a short
  // list) lets that unique index find it, wherever the person is registered.
  const organisations = await db.selectFrom("organisations").select("id").execute();
  branches.push(
    base()
      .where(
        "p.organisation_id",
        "in",
        organisations.map((o) => o.id),
      )
      .where("p.person_number", "=", q),
  );
  return branches.map((b) => b.orderBy("p.name").orderBy("a.id").limit(want));
}

/**
 * Applications within reach whose person's name starts with `q` (any of its capitalisations) or
 * whose person number is `q`, by name. Each way of matching walks an index in name order and stops
 * after the rows the page needs; they are merged here. No count: a page knows only whether there
 * is a next one.
 */
export async function searchApplicants(
  db: Db,
  reach: Reach,
  s: { q: string; page: number; pageSize: number },
): Promise<{ rows: ApplicantRow[]; hasMore: boolean }> {
  if (nothing(reach)) return { rows: [], hasMore: false };
  const branches = await searchBranches(db, reach, s.q.trim(), s.page * s.pageSize + 1);
  const found = await Promise.all(branches.map((b) => b.execute()));
  const byId = new Map<string, ApplicantRow>();
  for (const rows of found) for (const r of rows) byId.set(r.id, r as ApplicantRow);
  const merged = [...byId.values()].sort((x, y) =>
    x.name === y.name ? (x.id < y.id ? -1 : 1) : x.name < y.name ? -1 : 1,
  );
  const from = (s.page - 1) * s.pageSize;
  return { rows: merged.slice(from, from + s.pageSize), hasMore: merged.length > from + s.pageSize };
}

/** One application with its person, list and organisation. */
export async function findApplicant(db: Db, applicationId: string) {
  return db
    .selectFrom("applications as a")
    .innerJoin("people as p", "p.id", "a.person_id")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .innerJoin("organisations as o", "o.id", "l.organisation_id")
    .selectAll("a")
    .select([
      "p.name",
      "p.person_number",
      "p.birth_date",
      "p.email",
      "p.phone",
      "l.kind as list",
      "l.organisation_id",
      "o.name as organisation_name",
    ])
    .where("a.id", "=", applicationId)
    .executeTakeFirst();
}

export type ApplicantRecord = NonNullable<Awaited<ReturnType<typeof findApplicant>>>;

/** The wanted departments with the stored place in each queue (null while not active): never counted. */
export async function applicantDepartments(db: Db, applicationId: string) {
  return db
    .selectFrom("application_departments as q")
    .innerJoin("departments as d", "d.id", "q.department_id")
    .select(["q.department_id", "q.rank", "d.number", "d.name"])
    .where("q.application_id", "=", applicationId)
    .orderBy("d.number")
    .execute();
}

/** The application's offers, newest first, with the home offered. */
export async function applicantOffers(db: Db, applicationId: string) {
  return db
    .selectFrom("offers as o")
    .innerJoin("vacancies as v", "v.id", "o.vacancy_id")
    .innerJoin("units as u", "u.id", "v.unit_id")
    .innerJoin("departments as d", "d.id", "v.department_id")
    .select([
      "o.id",
      "o.vacancy_id",
      "o.status",
      "o.position",
      "o.outcome_json",
      "o.deadline_at",
      "o.answered_at",
      "o.created_at",
      "u.street",
      "u.house_number",
      "u.floor",
      "u.door",
      "u.postcode",
      "u.town",
      "d.number as department_number",
      "d.name as department_name",
    ])
    .where("o.application_id", "=", applicationId)
    .orderBy("o.created_at", "desc")
    .orderBy("o.id")
    .limit(100)
    .execute();
}
