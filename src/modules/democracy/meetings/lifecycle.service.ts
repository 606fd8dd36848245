import type { Principal } from "../../../platform/access.ts";
import { type Actor, audit, type Executor } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { ConflictError, ValidationError } from "../../../platform/errors.ts";
import { democracySettingsFor } from "../settings.ts";
import { checkMeetingDate, type MeetingDeadlines, meetingDeadlines } from "./deadlines.ts";
import { isBoardChairOf, meetingFor } from "./meeting-access.ts";
import {
  prepareCancellationLetters,
  prepareMeetingLetters,
  recordMeetingLetters,
} from "./meeting-letters.ts";
import { agendaOf, type MeetingRow } from "./meetings.repository.ts";
import type { MeetingStage } from "./meetings.table.ts";

/**
 * The lifecycle a meeting is walked through: planned → convened → proposals open → final agenda
 * published → held (then minutes, see minutes.service.ts). Each step checks the deadline rule
 * and moves the stage only from the stage it expects, so two clicks at once make one step.
 */

/** A refusal that belongs to the whole form (not one field), with its parameters. */
export const refuse = (key: string, params?: Record<string, string | number>) =>
  new ValidationError({ _form: key }, key, params);

/** The meeting's deadlines under its organisation's settings, counted from today. */
export async function deadlinesOf(ctx: AppContext, m: MeetingRow): Promise<MeetingDeadlines> {
  const settings = await democracySettingsFor(ctx.db, m.organisation_id);
  return meetingDeadlines({
    kind: m.kind,
    startsAt: m.starts_at,
    today: todayInCopenhagen(ctx.clock),
    settings,
  });
}

/** Moves the stage, only from the expected one; a lost race is a conflict (and rolls back the rest). */
async function advance(
  trx: Executor,
  m: MeetingRow,
  from: readonly MeetingStage[],
  set: { stage: MeetingStage } & Record<string, string | null>,
) {
  const r = await trx
    .updateTable("meetings")
    .set(set)
    .where("id", "=", m.id)
    .where("stage", "in", [...from])
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new ConflictError("meetings.errors.stage");
}

const requireStage = (m: MeetingRow, ...stages: MeetingStage[]) => {
  if (!stages.includes(m.stage)) throw new ConflictError("meetings.errors.stage");
};

/**
 * Command: convenes the meeting. Refused when the notice can no longer be given in time (with the
 * first allowed date) or the agenda is empty. The notice to every household is queued through the
 * letters outbox in the same transaction as the stage change.
 */
export async function conveneMeeting(ctx: AppContext, actor: Actor, principal: Principal, meetingId: string) {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  requireStage(m, "planned");
  const settings = await democracySettingsFor(ctx.db, m.organisation_id);
  const today = todayInCopenhagen(ctx.clock);
  const check = checkMeetingDate({ kind: m.kind, startsAt: m.starts_at, today, settings });
  if (!check.ok) throw refuse(check.reason.key, check.reason.params);
  const agenda = await agendaOf(ctx.db, m.id);
  if (agenda.length === 0) throw refuse("meetings.errors.empty_agenda");
  const d = meetingDeadlines({ kind: m.kind, startsAt: m.starts_at, today, settings });
  const letters = await prepareMeetingLetters(ctx, m, agenda, "convening", actor.userId, d.proposalDeadline);
  const now = nowIso(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    await recordMeetingLetters(trx, letters, now, actor.userId);
    await advance(trx, m, ["planned"], {
      stage: "convened",
      convened_at: now,
      convened_by: actor.userId,
      notice_batch_id: letters.batchId,
      updated_at: now,
    });
    await audit(trx, ctx.clock, actor, {
      action: "meetings.convene",
      entity: "meetings",
      entityId: m.id,
      organisationId: m.organisation_id,
      after: { batchId: letters.batchId, letters: letters.prepared.length, conveneBy: d.conveneBy },
    });
  });
  return { batchId: letters.batchId, letters: letters.prepared.length };
}

/** Command: opens the meeting for residents' proposals (until the proposal deadline). */
export async function openProposals(ctx: AppContext, actor: Actor, principal: Principal, meetingId: string) {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  requireStage(m, "convened");
  const now = nowIso(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    await advance(trx, m, ["convened"], {
      stage: "proposals_open",
      proposals_opened_at: now,
      updated_at: now,
    });
    await audit(trx, ctx.clock, actor, {
      action: "meetings.proposals.open",
      entity: "meetings",
      entityId: m.id,
      organisationId: m.organisation_id,
    });
  });
}

/**
 * Command: publishes the final agenda with the proposals, condensed budget and accounts, and
 * queues the second letter to every household. Only after the proposal deadline, with every
 * proposal handled by the board, and no later than the final-agenda date.
 */
export async function publishFinalAgenda(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
) {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  requireStage(m, "proposals_open");
  const d = await deadlinesOf(ctx, m);
  const today = todayInCopenhagen(ctx.clock);
  if (today <= d.proposalDeadline)
    throw refuse("meetings.errors.final_agenda_before_deadline", { deadline: d.proposalDeadline });
  if (today > d.finalAgendaBy)
    throw refuse("meetings.errors.final_agenda_late", {
      deadline: d.finalAgendaBy,
      count: d.explanations.finalAgendaBy.params.count!,
    });
  const open = await ctx.db
    .selectFrom("meeting_proposals")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("meeting_id", "=", m.id)
    .where("kind", "=", "proposal")
    .where("status", "=", "submitted")
    .executeTakeFirstOrThrow();
  if (Number(open.n) > 0) throw refuse("meetings.errors.unhandled_proposals", { count: Number(open.n) });
  const agenda = await agendaOf(ctx.db, m.id);
  const letters = await prepareMeetingLetters(
    ctx,
    m,
    agenda,
    "final_agenda",
    actor.userId,
    d.proposalDeadline,
  );
  const now = nowIso(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    await recordMeetingLetters(trx, letters, now, actor.userId);
    await advance(trx, m, ["proposals_open"], {
      stage: "final_agenda_published",
      final_agenda_at: now,
      final_agenda_batch_id: letters.batchId,
      updated_at: now,
    });
    await audit(trx, ctx.clock, actor, {
      action: "meetings.final_agenda",
      entity: "meetings",
      entityId: m.id,
      organisationId: m.organisation_id,
      after: { batchId: letters.batchId, letters: letters.prepared.length },
    });
  });
  return { batchId: letters.batchId, letters: letters.prepared.length };
}

/** The meeting is under way: the final agenda is out and the meeting day has come. */
export function requireInProgress(ctx: AppContext, m: MeetingRow) {
  requireStage(m, "final_agenda_published");
  if (todayInCopenhagen(ctx.clock) < m.meeting_date)
    throw refuse("meetings.errors.not_yet", { date: m.meeting_date });
}

/**
 * Command: the acting user becomes the chair of the meeting (dirigent), who records the votes and
 * approves the minutes. The board chair approves the minutes too, so must not also chair.
 */
export async function takeChair(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  user: { id: string; name: string },
) {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  requireInProgress(ctx, m);
  if (isBoardChairOf(principal, m.department_id)) throw refuse("meetings.errors.board_chair_cannot_chair");
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("meetings")
      .set({ meeting_chair_user_id: user.id, meeting_chair_name: user.name, updated_at: nowIso(ctx.clock) })
      .where("id", "=", m.id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "meetings.chair",
      entity: "meetings",
      entityId: m.id,
      organisationId: m.organisation_id,
      before: { chair: m.meeting_chair_name },
      after: { chair: user.name },
    });
  });
}

/** Only the chair of the meeting records its votes and closes it. */
export function requireMeetingChair(m: MeetingRow, principal: Principal) {
  if (!m.meeting_chair_user_id || m.meeting_chair_user_id !== principal.userId)
    throw refuse("meetings.errors.not_meeting_chair");
}

/** Command: the chair of the meeting closes it: the meeting has been held. */
export async function closeMeeting(ctx: AppContext, actor: Actor, principal: Principal, meetingId: string) {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  requireInProgress(ctx, m);
  requireMeetingChair(m, principal);
  const now = nowIso(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    await advance(trx, m, ["final_agenda_published"], { stage: "held", held_at: now, updated_at: now });
    await audit(trx, ctx.clock, actor, {
      action: "meetings.hold",
      entity: "meetings",
      entityId: m.id,
      organisationId: m.organisation_id,
    });
  });
}

/**
 * Command: calls the meeting off before it is held (e.g. to plan it again on a later date). Once
 * the notice has gone out, everyone who got the notice or the final agenda gets a letter that the
 * meeting is cancelled, queued in the same transaction as the stage change. Returns the letters.
 */
export async function cancelMeeting(ctx: AppContext, actor: Actor, principal: Principal, meetingId: string) {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  const before: MeetingStage[] = ["planned", "convened", "proposals_open", "final_agenda_published"];
  requireStage(m, ...before);
  const letters = m.convened_at ? await prepareCancellationLetters(ctx, m, actor.userId) : null;
  const sent = letters?.prepared.length ? letters : null;
  const now = nowIso(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    if (sent) await recordMeetingLetters(trx, sent, now, actor.userId);
    await advance(trx, m, before, { stage: "cancelled", updated_at: now });
    await audit(trx, ctx.clock, actor, {
      action: "meetings.cancel",
      entity: "meetings",
      entityId: m.id,
      organisationId: m.organisation_id,
      before: { stage: m.stage },
      after: { batchId: sent?.batchId ?? null, letters: sent?.prepared.length ?? 0 },
    });
  });
  return { batchId: sent?.batchId ?? null, letters: sent?.prepared.length ?? 0 };
}
