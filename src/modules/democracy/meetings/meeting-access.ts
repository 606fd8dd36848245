import { can, type Permission, type Principal, reachOf } from "../../../platform/access.ts";
import type { Executor } from "../../../platform/audit.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { departmentsWithin, type MeetingRow, meetingById } from "./meetings.repository.ts";
import type { MeetingStage } from "./meetings.table.ts";

/**
 * Who may do what with a meeting. Every grant is checked against the meeting's own organisation
 * and department; not allowed looks exactly like not there (404), so ids cannot be probed.
 */

export const scopeOf = (m: { organisation_id: string; department_id: string }) => ({
  organisationId: m.organisation_id,
  departmentId: m.department_id,
});

/**
 * Stages residents see: a meeting is public once convened (a planned one is still a draft); a
 * cancelled one stays visible if its notice went out, so the households know it is off.
 */
export const publicStages: readonly MeetingStage[] = [
  "convened",
  "proposals_open",
  "final_agenda_published",
  "held",
  "minutes_approved",
  "published",
  "cancelled",
];

export const isPublic = (m: { stage: MeetingStage; convened_at: string | null }): boolean =>
  publicStages.includes(m.stage) && m.convened_at !== null;

/** The meeting, when the principal holds the permission for its department; else 404. */
export async function meetingFor(
  db: Executor,
  principal: Principal,
  meetingId: string,
  permission: Permission,
): Promise<MeetingRow> {
  const m = await meetingById(db, meetingId);
  if (!m || !can(principal, permission, scopeOf(m))) throw new NotFoundError();
  if (permission !== "meetings.manage" && !isPublic(m)) throw new NotFoundError();
  return m;
}

/** The board chair of a department: a board_chair grant for exactly that department. */
export const isBoardChairOf = (principal: Principal, departmentId: string): boolean =>
  principal.grants.some((g) => g.role === "board_chair" && g.departmentId === departmentId);

export const canManage = (principal: Principal | null, m: MeetingRow): boolean =>
  can(principal, "meetings.manage", scopeOf(m));

export const worksOnBoard = (principal: Principal | null, m: MeetingRow): boolean =>
  can(principal, "board.work", scopeOf(m));

/** The departments the user sees the democracy of, and the one chosen (the first by default). */
export async function chosenDepartment(db: Executor, principal: Principal, wanted: string | undefined) {
  const departments = await departmentsWithin(db, reachOf(principal, "democracy.view"));
  const chosen = wanted ? departments.find((d) => d.id === wanted) : departments[0];
  if (wanted && !chosen) throw new NotFoundError();
  return {
    options: departments.map((d) => ({ value: d.id, label: `${d.number} ${d.name}` })),
    department: chosen
      ? { id: chosen.id, label: `${chosen.number} ${chosen.name}`, organisationId: chosen.organisation_id }
      : null,
  };
}
