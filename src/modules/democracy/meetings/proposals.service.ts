import { can, type Principal } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { proposalWindow } from "./deadlines.ts";
import { attendingHousehold } from "./households.repository.ts";
import { deadlinesOf, refuse } from "./lifecycle.service.ts";
import { canManage, meetingFor, scopeOf, worksOnBoard } from "./meeting-access.ts";
import { agendaItem, type MeetingRow, meetingById, proposalById } from "./meetings.repository.ts";
import type { ProposalInput, ReviewInput } from "./meetings.schemas.ts";
import { addAgendaItem, agendaOpenStages } from "./meetings.service.ts";

/**
 * Residents' proposals: submitted online until the proposal deadline; after it only amendments to
 * items already on the agenda, until the meeting starts. The department's board sees, orders and
 * comments on them and puts them on the agenda.
 */

export interface Participant {
  userId: string;
  personId: string | null;
}

/**
 * The meeting, when the user takes part in its department: democracy.participate for the
 * department and a tenant or adult member of one of its current households. Others get 404.
 */
export async function meetingToTakePartIn(
  ctx: AppContext,
  principal: Principal,
  who: Participant,
  meetingId: string,
) {
  const m = await meetingFor(ctx.db, principal, meetingId, "democracy.view");
  if (!can(principal, "democracy.participate", scopeOf(m)) || !who.personId) throw new NotFoundError();
  const household = await attendingHousehold(
    ctx.db,
    who.personId,
    m.department_id,
    todayInCopenhagen(ctx.clock),
  );
  if (!household) throw new NotFoundError();
  return m;
}

/** Command: a resident submits a proposal, or an amendment to an item on the agenda. */
export async function submitProposal(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  who: Participant,
  meetingId: string,
  input: ProposalInput,
): Promise<string> {
  const m = await meetingToTakePartIn(ctx, principal, who, meetingId);
  if (m.stage === "convened") throw refuse("meetings.errors.proposals_not_open");
  if (
    !["proposals_open", "final_agenda_published"].includes(m.stage) ||
    ctx.clock.now().toISOString() >= m.starts_at
  )
    throw refuse("meetings.errors.proposals_closed");
  const d = await deadlinesOf(ctx, m);
  if (input.kind === "proposal" && proposalWindow(d, todayInCopenhagen(ctx.clock)) !== "open") {
    throw new ValidationError({ kind: "meetings.errors.after_deadline" }, "meetings.errors.after_deadline", {
      deadline: d.proposalDeadline,
    });
  }
  const amends =
    input.kind === "amendment" ? await agendaItem(ctx.db, m.id, input.amends_item_id) : undefined;
  if (input.kind === "amendment" && !amends)
    throw new ValidationError({ amends_item_id: "meetings.errors.amends_item" });
  const id = newId();
  const now = nowIso(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("meeting_proposals")
      .values({
        id,
        meeting_id: m.id,
        department_id: m.department_id,
        kind: input.kind,
        amends_item_id: amends?.id ?? null,
        title: input.title,
        body: input.body,
        submitted_by_person_id: who.personId,
        submitted_by_user_id: who.userId,
        status: "submitted",
        board_rank: null,
        board_comment: null,
        agenda_item_id: null,
        submitted_at: now,
        updated_at: now,
      })
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "meetings.proposal.submit",
      entity: "meeting_proposals",
      entityId: id,
      organisationId: m.organisation_id,
      after: { meetingId: m.id, kind: input.kind, title: input.title },
    });
  });
  return id;
}

/** The meeting for its department's board (board.work), or staff who manage it; else 404. */
export async function meetingForBoard(
  ctx: AppContext,
  principal: Principal,
  meetingId: string,
): Promise<MeetingRow> {
  const m = await meetingById(ctx.db, meetingId);
  if (!m || !(worksOnBoard(principal, m) || canManage(principal, m)) || m.stage === "planned")
    throw new NotFoundError();
  return m;
}

async function boardProposal(ctx: AppContext, principal: Principal, meetingId: string, proposalId: string) {
  const m = await meetingForBoard(ctx, principal, meetingId);
  const p = await proposalById(ctx.db, m.id, proposalId);
  if (!p) throw new NotFoundError();
  return { m, p };
}

/** Command: the board orders a proposal (its place in the board's list) and comments on it. */
export async function reviewProposal(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  proposalId: string,
  input: ReviewInput,
) {
  const { m, p } = await boardProposal(ctx, principal, meetingId, proposalId);
  if (!["convened", "proposals_open", "final_agenda_published"].includes(m.stage))
    throw new ConflictError("meetings.errors.stage");
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("meeting_proposals")
      .set({ board_rank: input.rank, board_comment: input.comment || null, updated_at: nowIso(ctx.clock) })
      .where("id", "=", p.id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "meetings.proposal.review",
      entity: "meeting_proposals",
      entityId: p.id,
      organisationId: m.organisation_id,
      before: { rank: p.board_rank, comment: p.board_comment },
      after: { rank: input.rank, comment: input.comment },
    });
  });
}

/** Command: the board puts a proposal on the agenda (it becomes an item at the end). */
export async function putOnAgenda(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  proposalId: string,
) {
  const { m, p } = await boardProposal(ctx, principal, meetingId, proposalId);
  if (!agendaOpenStages.includes(m.stage)) throw new ConflictError("meetings.errors.agenda_closed");
  if (p.kind !== "proposal" || p.status === "on_agenda")
    throw new ConflictError("meetings.errors.proposal_state");
  return ctx.db.transaction().execute(async (trx) => {
    const itemId = await addAgendaItem(ctx, actor, m, { title: p.title, description: p.body }, trx);
    const r = await trx
      .updateTable("meeting_proposals")
      .set({ status: "on_agenda", agenda_item_id: itemId, updated_at: nowIso(ctx.clock) })
      .where("id", "=", p.id)
      .where("status", "!=", "on_agenda")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new ConflictError("meetings.errors.proposal_state");
    return itemId;
  });
}

/** Command: the board records that a proposal will not be on the agenda (withdrawn, a duplicate), saying why. */
export async function keepOffAgenda(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  proposalId: string,
  reason: string,
) {
  const { m, p } = await boardProposal(ctx, principal, meetingId, proposalId);
  if (!agendaOpenStages.includes(m.stage)) throw new ConflictError("meetings.errors.agenda_closed");
  if (p.kind !== "proposal" || p.status !== "submitted")
    throw new ConflictError("meetings.errors.proposal_state");
  if (!reason.trim()) throw new ValidationError({ comment: "meetings.errors.reason" });
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("meeting_proposals")
      .set({ status: "not_on_agenda", board_comment: reason.trim(), updated_at: nowIso(ctx.clock) })
      .where("id", "=", p.id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "meetings.proposal.keep_off",
      entity: "meeting_proposals",
      entityId: p.id,
      organisationId: m.organisation_id,
      after: { reason: reason.trim() },
    });
  });
}
