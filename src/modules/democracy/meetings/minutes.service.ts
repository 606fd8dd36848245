import type { Principal } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { ConflictError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { refuse } from "./lifecycle.service.ts";
import { isBoardChairOf, meetingFor } from "./meeting-access.ts";
import { agendaOf } from "./meetings.repository.ts";
import type { MinutesInput } from "./meetings.schemas.ts";
import type { MinutesApprovalRole } from "./meetings.table.ts";

/**
 * Minutes: drafted in the system after the meeting (an introduction, and per item what was said
 * and decided), approved by the chair of the meeting and by the board chair — each approval kept
 * with who and when — then published to the department's residents, every decision going to the
 * department's decisions register.
 */

/** Command: saves the draft; a change after one approval withdraws it (the text it approved is gone). */
export async function saveMinutes(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  input: MinutesInput,
) {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  if (m.stage !== "held") throw new ConflictError("meetings.errors.minutes_locked");
  const items = new Set((await agendaOf(ctx.db, m.id)).map((i) => i.id));
  const now = nowIso(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("meetings")
      .set({ minutes_intro: input.intro || null, updated_at: now })
      .where("id", "=", m.id)
      .execute();
    for (const item of input.items) {
      if (!items.has(item.id)) continue;
      await trx
        .updateTable("meeting_agenda_items")
        .set({
          minutes_text: item.minutes_text || null,
          decision_text: item.decision_text || null,
          updated_at: now,
        })
        .where("id", "=", item.id)
        .execute();
    }
    const withdrawn = await trx
      .deleteFrom("meeting_minutes_approvals")
      .where("meeting_id", "=", m.id)
      .executeTakeFirst();
    await audit(trx, ctx.clock, actor, {
      action: "meetings.minutes.save",
      entity: "meetings",
      entityId: m.id,
      organisationId: m.organisation_id,
      after: { items: input.items.length, approvalsWithdrawn: Number(withdrawn.numDeletedRows) },
    });
  });
}

/** Which approval the user can give: as the chair of the meeting, or as the department's board chair. */
export function approvalRoleOf(
  principal: Principal,
  m: { meeting_chair_user_id: string | null; department_id: string },
): MinutesApprovalRole | null {
  if (m.meeting_chair_user_id === principal.userId) return "meeting_chair";
  if (isBoardChairOf(principal, m.department_id)) return "board_chair";
  return null;
}

/** Command: approves the minutes; with both approvals the meeting's minutes are approved. */
export async function approveMinutes(ctx: AppContext, actor: Actor, principal: Principal, meetingId: string) {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  if (m.stage !== "held") throw new ConflictError("meetings.errors.stage");
  const role = approvalRoleOf(principal, m);
  if (!role) throw refuse("meetings.errors.cannot_approve");
  const agenda = await agendaOf(ctx.db, m.id);
  if (!m.minutes_intro && !agenda.some((i) => i.minutes_text || i.decision_text))
    throw refuse("meetings.errors.minutes_empty");
  const now = nowIso(ctx.clock);
  const both = await ctx.db.transaction().execute(async (trx) => {
    const given = await trx
      .selectFrom("meeting_minutes_approvals")
      .select(["role", "user_id"])
      .where("meeting_id", "=", m.id)
      .execute();
    if (given.some((a) => a.role === role)) throw new ConflictError("meetings.errors.already_approved");
    if (given.some((a) => a.user_id === principal.userId)) throw refuse("meetings.errors.two_people");
    await trx
      .insertInto("meeting_minutes_approvals")
      .values({ meeting_id: m.id, role, user_id: principal.userId, approved_at: now })
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "meetings.minutes.approve",
      entity: "meetings",
      entityId: m.id,
      organisationId: m.organisation_id,
      after: { role },
    });
    if (given.length + 1 < 2) return false;
    await trx
      .updateTable("meetings")
      .set({ stage: "minutes_approved", minutes_approved_at: now, updated_at: now })
      .where("id", "=", m.id)
      .where("stage", "=", "held")
      .execute();
    return true;
  });
  return { role, approved: both };
}

/** Command: publishes approved minutes to the residents and writes every decision to the register. */
export async function publishMinutes(ctx: AppContext, actor: Actor, principal: Principal, meetingId: string) {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  if (m.stage !== "minutes_approved") throw new ConflictError("meetings.errors.stage");
  const decided = (await agendaOf(ctx.db, m.id)).filter((i) => i.outcome !== null);
  const now = nowIso(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("meetings")
      .set({ stage: "published", published_at: now, updated_at: now })
      .where("id", "=", m.id)
      .where("stage", "=", "minutes_approved")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new ConflictError("meetings.errors.stage");
    for (const item of decided) {
      const text = item.decision_text ?? "";
      await trx
        .insertInto("meeting_decisions")
        .values({
          id: newId(),
          organisation_id: m.organisation_id,
          department_id: m.department_id,
          meeting_id: m.id,
          agenda_item_id: item.id,
          decided_on: m.meeting_date,
          title: item.title,
          decision_text: text,
          outcome: item.outcome!,
          votes_for: item.votes_for,
          votes_against: item.votes_against,
          votes_blank: item.votes_blank,
          search_text: `${item.title}\n${text}\n${item.minutes_text ?? ""}`.toLowerCase(),
          created_at: now,
        })
        .execute();
    }
    await audit(trx, ctx.clock, actor, {
      action: "meetings.minutes.publish",
      entity: "meetings",
      entityId: m.id,
      organisationId: m.organisation_id,
      after: { decisions: decided.length },
    });
  });
  return { decisions: decided.length };
}
