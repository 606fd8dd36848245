import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { Reach } from "../../../platform/access.ts";
import type { Executor } from "../../../platform/audit.ts";
import { newId } from "../../../platform/ids.ts";
import { withinReach } from "../../../platform/reach-sql.ts";
import { oneLineAddress } from "../../masterdata/index.ts";
import type { BoardScope } from "./grants.ts";

/** Queries of boards and their members, and of the residents and households they serve. */

export interface ScopeRow extends BoardScope {
  /** "101 Æblehaven", or the organisation's name for its board. */
  name: string;
  organisationName: string;
}

/** A board's scope from an id in a URL: a department's id, or an organisation's (its board). */
export async function scopeOf(db: Executor, scopeId: string): Promise<ScopeRow | undefined> {
  const dept = await db
    .selectFrom("departments as d")
    .innerJoin("organisations as o", "o.id", "d.organisation_id")
    .select(["d.id", "d.number", "d.name", "d.organisation_id", "o.name as organisationName"])
    .where("d.id", "=", scopeId)
    .executeTakeFirst();
  if (dept) {
    return {
      organisationId: dept.organisation_id,
      departmentId: dept.id,
      name: `${dept.number} ${dept.name}`,
      organisationName: dept.organisationName,
    };
  }
  const org = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("id", "=", scopeId)
    .executeTakeFirst();
  return org && { organisationId: org.id, departmentId: null, name: org.name, organisationName: org.name };
}

export const scopeKey = (s: BoardScope) => s.departmentId ?? `org:${s.organisationId}`;
export const scopeIdOf = (s: BoardScope) => s.departmentId ?? s.organisationId;

export async function findBoard(db: Executor, s: BoardScope) {
  return db.selectFrom("boards").selectAll().where("scope_key", "=", scopeKey(s)).executeTakeFirst();
}

/** The board of a scope, made on first use (two callers at once get the same board). */
export async function ensureBoard(trx: Kysely<Database>, s: BoardScope, now: string): Promise<string> {
  await trx
    .insertInto("boards")
    .values({
      id: newId(),
      organisation_id: s.organisationId,
      department_id: s.departmentId,
      scope_key: scopeKey(s),
      created_at: now,
    })
    .onConflict((oc) => oc.column("scope_key").doNothing())
    .execute();
  return (await findBoard(trx, s))!.id;
}

/** Every term of a board, newest first, with the person and the meeting that elected them. */
export function termsOf(db: Executor, boardId: string) {
  return db
    .selectFrom("board_members as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .leftJoin("meetings as mt", "mt.id", "m.meeting_id")
    .select([
      "m.id",
      "m.person_id",
      "m.role",
      "m.alternate_rank",
      "m.start_date",
      "m.end_date",
      "m.resigned_on",
      "m.resignation_reason",
      "m.has_contact_consent",
      "m.meeting_id",
      "m.election_id",
      "m.previous_id",
      "p.name",
      "p.email",
      "p.phone",
      "mt.title as meetingTitle",
      "mt.meeting_date as meetingDate",
    ])
    .where("m.board_id", "=", boardId)
    .orderBy("m.start_date", "desc")
    .orderBy("m.id")
    .execute();
}
export type TermRow = Awaited<ReturnType<typeof termsOf>>[number];

export function termById(db: Executor, id: string) {
  return db
    .selectFrom("board_members as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .selectAll("m")
    .select(["b.organisation_id", "b.department_id"])
    .where("m.id", "=", id)
    .executeTakeFirst();
}

/** Tenancies of the department that are households on `today`. */
function liveTenancies(db: Executor, departmentId: string, today: string) {
  return db
    .selectFrom("tenancies as t")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .where("u.department_id", "=", departmentId)
    .where("t.start_date", "<=", today)
    .where((eb) => eb.or([eb("t.end_date", "is", null), eb("t.end_date", ">=", today)]));
}

/** How many households the department has on `today` (one per live tenancy). */
export async function householdCount(db: Executor, departmentId: string, today: string): Promise<number> {
  const row = await liveTenancies(db, departmentId, today)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The person's household in the department (an adult member of a live tenancy), if they live there. */
export async function householdOf(
  db: Executor,
  personId: string,
  departmentId: string,
  today: string,
): Promise<string | undefined> {
  const row = await liveTenancies(db, departmentId, today)
    .innerJoin("household_members as hm", "hm.tenancy_id", "t.id")
    .select("t.id")
    .where("hm.person_id", "=", personId)
    .where("hm.role", "<>", "child")
    .orderBy("t.start_date", "desc")
    .executeTakeFirst();
  return row?.id;
}

/** The adult residents of a department with their homes, for staff to pick a member or candidate. */
export async function residentsOf(db: Executor, departmentId: string, today: string) {
  const rows = await liveTenancies(db, departmentId, today)
    .innerJoin("household_members as hm", "hm.tenancy_id", "t.id")
    .innerJoin("people as p", "p.id", "hm.person_id")
    .select(["p.id", "p.name", "u.street", "u.house_number", "u.floor", "u.door", "u.postcode", "u.town"])
    .where("hm.role", "<>", "child")
    .orderBy("p.name")
    .orderBy("p.id")
    .execute();
  return rows.map((r) => ({
    personId: r.id,
    name: r.name,
    address: oneLineAddress({ ...r, houseNumber: r.house_number }),
  }));
}

/** The department's homes (for a resident nominating a neighbour by address and name). */
export async function homesOf(db: Executor, departmentId: string) {
  const rows = await db
    .selectFrom("units")
    .select(["id", "street", "house_number", "floor", "door", "postcode", "town"])
    .where("department_id", "=", departmentId)
    .orderBy("unit_number")
    .execute();
  return rows.map((r) => ({ unitId: r.id, address: oneLineAddress({ ...r, houseNumber: r.house_number }) }));
}

/** An adult resident of the home with this name (case and spacing ignored), if there is one. */
export async function residentByHomeAndName(
  db: Executor,
  departmentId: string,
  unitId: string,
  name: string,
  today: string,
): Promise<string | undefined> {
  const wanted = name.trim().replace(/\s+/g, " ").toLowerCase();
  const rows = await liveTenancies(db, departmentId, today)
    .innerJoin("household_members as hm", "hm.tenancy_id", "t.id")
    .innerJoin("people as p", "p.id", "hm.person_id")
    .select(["p.id", "p.name"])
    .where("u.id", "=", unitId)
    .where("hm.role", "<>", "child")
    .execute();
  return rows.find((r) => r.name.trim().replace(/\s+/g, " ").toLowerCase() === wanted)?.id;
}

/** Departments (and their organisations' boards) within reach, for the staff list of boards. */
export async function departmentsInReach(db: Executor, reach: Reach, page: number, pageSize: number) {
  const base = db
    .selectFrom("departments as d")
    .innerJoin("organisations as o", "o.id", "d.organisation_id")
    .where(withinReach(reach, "d.organisation_id", "d.id"));
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .select(["d.id", "d.number", "d.name", "d.organisation_id", "o.name as organisationName"])
    .orderBy("o.name")
    .orderBy("d.number")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Organisations whose board is within reach (whole-organisation reach only). */
export async function organisationsInReach(db: Executor, reach: Reach) {
  let q = db.selectFrom("organisations").select(["id", "name"]).orderBy("name");
  if (!reach.all) {
    if (reach.organisationIds.length === 0) return [];
    q = q.where("id", "in", reach.organisationIds);
  }
  return q.execute();
}

/** How many sit on each board (chair and members, alternates apart) on `today`. */
export async function sittingCounts(db: Executor, scopeKeys: string[], today: string) {
  if (scopeKeys.length === 0) return new Map<string, { members: number; alternates: number }>();
  const rows = await db
    .selectFrom("board_members as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["b.scope_key", "m.role"])
    .where("b.scope_key", "in", scopeKeys)
    .where("m.start_date", "<=", today)
    .where("m.end_date", ">", today)
    .where((eb) => eb.or([eb("m.resigned_on", "is", null), eb("m.resigned_on", ">", today)]))
    .execute();
  const out = new Map<string, { members: number; alternates: number }>();
  for (const r of rows) {
    const c = out.get(r.scope_key) ?? { members: 0, alternates: 0 };
    if (r.role === "alternate") c.alternates++;
    else c.members++;
    out.set(r.scope_key, c);
  }
  return out;
}

/** The department's meetings, newest first (an election is held at one). */
export function meetingsOf(db: Executor, departmentId: string) {
  return db
    .selectFrom("meetings")
    .select(["id", "title", "meeting_date", "kind", "stage"])
    .where("department_id", "=", departmentId)
    .orderBy("meeting_date", "desc")
    .limit(50)
    .execute();
}

/** People sitting on a department board of the organisation: whom the organisation board is chosen from. */
export async function departmentBoardMembersOf(db: Executor, organisationId: string, today: string) {
  const rows = await db
    .selectFrom("board_members as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .innerJoin("departments as d", "d.id", "b.department_id")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select(["p.id", "p.name", "d.number", "d.name as departmentName"])
    .distinct()
    .where("b.organisation_id", "=", organisationId)
    .where("m.start_date", "<=", today)
    .where("m.end_date", ">", today)
    .where((eb) => eb.or([eb("m.resigned_on", "is", null), eb("m.resigned_on", ">", today)]))
    .orderBy("p.name")
    .execute();
  return rows.map((r) => ({ personId: r.id, name: r.name, address: `${r.number} ${r.departmentName}` }));
}
