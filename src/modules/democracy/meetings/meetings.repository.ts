import type { Selectable } from "kysely";
import type { Reach } from "../../../platform/access.ts";
import type { Executor } from "../../../platform/audit.ts";
import { withinReach } from "../../../platform/reach-sql.ts";
import type {
  MeetingAgendaItemsTable,
  MeetingProposalsTable,
  MeetingStage,
  MeetingsTable,
} from "./meetings.table.ts";

/** Every query of meetings, their agenda, proposals and approvals (check-in and decisions live apart). */

export type MeetingRow = Selectable<MeetingsTable> & { department_name: string; department_number: number };
export type AgendaItemRow = Selectable<MeetingAgendaItemsTable>;
export type ProposalRow = Selectable<MeetingProposalsTable> & { submitter_name: string | null };

export async function meetingById(db: Executor, id: string): Promise<MeetingRow | undefined> {
  return db
    .selectFrom("meetings as m")
    .innerJoin("departments as d", "d.id", "m.department_id")
    .selectAll("m")
    .select(["d.name as department_name", "d.number as department_number"])
    .where("m.id", "=", id)
    .executeTakeFirst();
}

export interface MeetingFilter {
  departmentIds?: string[];
  stages?: readonly MeetingStage[];
  convenedOnly?: boolean;
  page: number;
  pageSize: number;
}

/** Meetings within reach, the next ones first, then the past ones newest first. */
export async function meetingsWithin(db: Executor, reach: Reach, f: MeetingFilter) {
  let q = db
    .selectFrom("meetings as m")
    .innerJoin("departments as d", "d.id", "m.department_id")
    .where(withinReach(reach, "m.organisation_id", "m.department_id"));
  if (f.departmentIds)
    q = f.departmentIds.length
      ? q.where("m.department_id", "in", f.departmentIds)
      : q.where((eb) => eb.lit(false));
  if (f.stages) q = q.where("m.stage", "in", [...f.stages]);
  // Residents' lists: a meeting counts once its notice has gone out (a cancelled draft never did).
  if (f.convenedOnly) q = q.where("m.convened_at", "is not", null);
  const [rows, total] = await Promise.all([
    q
      .selectAll("m")
      .select(["d.name as department_name", "d.number as department_number"])
      .orderBy("m.starts_at", "desc")
      .orderBy("m.id")
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as MeetingRow[], total: Number(total.n) };
}

export async function agendaOf(db: Executor, meetingId: string): Promise<AgendaItemRow[]> {
  return db
    .selectFrom("meeting_agenda_items")
    .selectAll()
    .where("meeting_id", "=", meetingId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
}

export async function agendaItem(db: Executor, meetingId: string, itemId: string) {
  return db
    .selectFrom("meeting_agenda_items")
    .selectAll()
    .where("meeting_id", "=", meetingId)
    .where("id", "=", itemId)
    .executeTakeFirst();
}

/** A meeting's proposals in the board's order (unranked last, oldest first), or one user's own. */
export async function proposalsOf(
  db: Executor,
  meetingId: string,
  only?: { userId: string },
): Promise<ProposalRow[]> {
  let q = db
    .selectFrom("meeting_proposals as p")
    .leftJoin("people as pe", "pe.id", "p.submitted_by_person_id")
    .selectAll("p")
    .select("pe.name as submitter_name")
    .where("p.meeting_id", "=", meetingId);
  if (only) q = q.where("p.submitted_by_user_id", "=", only.userId);
  const rows = await q.orderBy("p.submitted_at").orderBy("p.id").execute();
  return rows.sort(
    (a, b) => (a.board_rank ?? Number.MAX_SAFE_INTEGER) - (b.board_rank ?? Number.MAX_SAFE_INTEGER),
  );
}

export async function proposalById(db: Executor, meetingId: string, id: string) {
  return db
    .selectFrom("meeting_proposals")
    .selectAll()
    .where("meeting_id", "=", meetingId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function approvalsOf(db: Executor, meetingId: string) {
  return db
    .selectFrom("meeting_minutes_approvals as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select(["a.role", "a.user_id", "a.approved_at", "u.name"])
    .where("a.meeting_id", "=", meetingId)
    .orderBy("a.approved_at")
    .execute();
}

export async function departmentById(db: Executor, id: string) {
  return db
    .selectFrom("departments")
    .select(["id", "organisation_id", "number", "name"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Departments within reach, for the planning form's list and the residents' page. */
export async function departmentsWithin(db: Executor, reach: Reach) {
  return db
    .selectFrom("departments as d")
    .select(["d.id", "d.organisation_id", "d.number", "d.name"])
    .where(withinReach(reach, "d.organisation_id", "d.id"))
    .orderBy("d.number")
    .execute();
}
