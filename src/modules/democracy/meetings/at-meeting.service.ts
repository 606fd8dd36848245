import type { Principal } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { democracySettingsFor } from "../settings.ts";
import { createVote } from "../votes/votes.service.ts";
import { digitalVoteCloses, endOfDay, startOfDay } from "./deadlines.ts";
import { attendanceOf, attendingHousehold } from "./households.repository.ts";
import { refuse, requireInProgress, requireMeetingChair } from "./lifecycle.service.ts";
import { meetingFor } from "./meeting-access.ts";
import { agendaItem } from "./meetings.repository.ts";
import type { ItemVotesInput } from "./meetings.schemas.ts";
import type { ItemOutcome } from "./meetings.table.ts";

/**
 * At the meeting: check-in per household (tenants and adult members; no proxies), and per agenda
 * item the show of votes the chair of the meeting counts. Each household has 2 votes whatever its
 * size, so the votes cast can never exceed twice the households checked in. A simple majority of
 * the votes cast decides (blank votes are not cast for or against; a tie is not a majority).
 */

/** Command: checks a person in; their household is the tenancy through which they may attend. */
export async function checkIn(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  personId: string,
) {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  requireInProgress(ctx, m);
  const tenancyId = await attendingHousehold(ctx.db, personId, m.department_id, m.meeting_date);
  if (!tenancyId) throw new ValidationError({ person_id: "meetings.errors.person" });
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto("meeting_attendance")
      .values({
        id: newId(),
        meeting_id: m.id,
        tenancy_id: tenancyId,
        person_id: personId,
        checked_in_by: actor.userId,
        checked_in_at: nowIso(ctx.clock),
      })
      .onConflict((oc) => oc.columns(["meeting_id", "person_id"]).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await audit(trx, ctx.clock, actor, {
      action: "meetings.check_in",
      entity: "meeting_attendance",
      entityId: m.id,
      organisationId: m.organisation_id,
      after: { personId, tenancyId },
    });
  });
  return attendanceOf(ctx.db, m.id);
}

/** Command: undoes a check-in made by mistake. */
export async function undoCheckIn(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  personId: string,
) {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  requireInProgress(ctx, m);
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .deleteFrom("meeting_attendance")
      .where("meeting_id", "=", m.id)
      .where("person_id", "=", personId)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) return;
    await audit(trx, ctx.clock, actor, {
      action: "meetings.check_in.undo",
      entity: "meeting_attendance",
      entityId: m.id,
      organisationId: m.organisation_id,
      before: { personId },
    });
  });
  return attendanceOf(ctx.db, m.id);
}

/**
 * What a ballot (urafstemning) or digital vote decided at the meeting needs to be created in the
 * votes part (`createVote` in votes/votes.service.ts): the department, the question, where it came
 * from and when it opens and closes.
 */
export interface FollowUp {
  kind: "ballot" | "digital_vote";
  organisationId: string;
  departmentId: string;
  meetingId: string;
  agendaItemId: string;
  title: string;
  question: string;
  opensAt: string;
  closesAt: string;
}

export interface ItemDecision {
  outcome: ItemOutcome;
  votesCast: number;
  maxVotes: number;
  followUp: FollowUp | null;
  voteId: string | null;
}

/**
 * Command: the chair of the meeting records the show of votes on an item and what the meeting
 * decided: adopted or rejected by simple majority, or — carried by a majority — to send the item to
 * a ballot (dates given) or to a digital vote open `digitalVoteDays` after the meeting.
 * That vote is created in the votes part (`createVote`) in the same transaction, and its id kept.
 */
export async function recordItemVotes(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  itemId: string,
  input: ItemVotesInput,
): Promise<ItemDecision> {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  requireInProgress(ctx, m);
  requireMeetingChair(m, principal);
  const item = await agendaItem(ctx.db, m.id, itemId);
  if (!item) throw new NotFoundError();
  if (item.vote_id) throw new ConflictError("meetings.errors.vote_started");
  const { households } = await attendanceOf(ctx.db, m.id);
  if (households === 0) throw refuse("meetings.errors.no_attendance");
  const maxVotes = 2 * households;
  const total = input.votes_for + input.votes_against + input.votes_blank;
  if (total > maxVotes) {
    throw new ValidationError(
      { votes_for: "meetings.errors.too_many_votes" },
      "meetings.errors.too_many_votes",
      {
        total,
        max: maxVotes,
        households,
      },
    );
  }
  const carried = input.votes_for > input.votes_against;
  if (input.decision !== "vote" && !carried) throw refuse("meetings.errors.follow_up_not_carried");
  const outcome: ItemOutcome =
    input.decision === "vote" ? (carried ? "adopted" : "rejected") : input.decision;
  const now = nowIso(ctx.clock);
  const followUp =
    outcome === "to_ballot" || outcome === "to_digital_vote"
      ? await followUpOf(ctx, m, item, input, now)
      : null;
  const voteId = await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("meeting_agenda_items")
      .set({
        outcome,
        votes_for: input.votes_for,
        votes_against: input.votes_against,
        votes_blank: input.votes_blank,
        votes_recorded_at: now,
        votes_recorded_by: actor.userId,
        follow_up_opens_at: followUp?.opensAt ?? null,
        follow_up_closes_at: followUp?.closesAt ?? null,
        updated_at: now,
      })
      .where("id", "=", item.id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "meetings.item.votes",
      entity: "meeting_agenda_items",
      entityId: item.id,
      organisationId: m.organisation_id,
      before: {
        outcome: item.outcome,
        for: item.votes_for,
        against: item.votes_against,
        blank: item.votes_blank,
      },
      after: {
        outcome,
        for: input.votes_for,
        against: input.votes_against,
        blank: input.votes_blank,
        households,
      },
    });
    if (!followUp) return null;
    const { id } = await createVote(
      ctx,
      actor,
      {
        departmentId: followUp.departmentId,
        title: followUp.title,
        question: followUp.question,
        kind: followUp.kind === "digital_vote" ? "digital" : "ballot",
        opensAt: followUp.opensAt,
        closesAt: followUp.closesAt,
        meetingId: followUp.meetingId,
        agendaItemId: followUp.agendaItemId,
      },
      trx,
    );
    await trx.updateTable("meeting_agenda_items").set({ vote_id: id }).where("id", "=", item.id).execute();
    return id;
  });
  return { outcome, votesCast: input.votes_for + input.votes_against, maxVotes, followUp, voteId };
}

async function followUpOf(
  ctx: AppContext,
  m: { id: string; organisation_id: string; department_id: string; meeting_date: string },
  item: { id: string; title: string; description: string },
  input: ItemVotesInput,
  now: string,
): Promise<FollowUp> {
  const base = {
    organisationId: m.organisation_id,
    departmentId: m.department_id,
    meetingId: m.id,
    agendaItemId: item.id,
    title: item.title,
    question: item.description || item.title,
  };
  if (input.decision === "to_digital_vote") {
    const settings = await democracySettingsFor(ctx.db, m.organisation_id);
    return {
      ...base,
      kind: "digital_vote",
      opensAt: now,
      closesAt: digitalVoteCloses(m.meeting_date, settings).closesAt.toISOString(),
    };
  }
  const today = todayInCopenhagen(ctx.clock);
  if (input.ballot_opens_on < today)
    throw new ValidationError({ ballot_opens_on: "meetings.errors.ballot_opens" }, "errors.validation", {
      date: today,
    });
  if (input.ballot_closes_on < input.ballot_opens_on)
    throw new ValidationError({ ballot_closes_on: "meetings.errors.ballot_closes" });
  return {
    ...base,
    kind: "ballot",
    opensAt: startOfDay(input.ballot_opens_on).toISOString(),
    closesAt: endOfDay(input.ballot_closes_on).toISOString(),
  };
}
