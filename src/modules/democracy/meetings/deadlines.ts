import { addDays, copenhagenDateOf, copenhagenInstant } from "../../../platform/dates.ts";
import type { DemocracySettings } from "../settings.ts";
import type { MeetingKind } from "./meetings.table.ts";

/**
 * THE deadline rule of department meetings (DOMAIN.md, "Resident democracy"): from the kind of
 * meeting, its date and the organisation's settings come the latest day to convene, the proposal
 * deadline and the day the final agenda must be out; from a valid demand, the day an
 * extraordinary meeting must be convened by. Every date is a Europe/Copenhagen calendar date
 * (YYYY-MM-DD), counted in whole days, so a daylight-saving change never moves a deadline.
 * Each answer carries its explanation as an i18n key with parameters (dates as YYYY-MM-DD, shown
 * in the reader's language by `explanationParams`).
 */

export interface Explanation {
  key: string;
  params: Record<string, string | number>;
}

/** The first instant of a Copenhagen calendar date (midnight, CET or CEST). */
export const startOfDay = (date: string): Date => copenhagenInstant(date, 0);

/** The instant a deadline date ends: the first instant of the next Copenhagen day. */
export const endOfDay = (date: string): Date => startOfDay(addDays(date, 1));

/** The instant of a Copenhagen wall-clock time ("19:00") on a date. */
export function copenhagenDateTime(date: string, time: string): Date {
  const [hour, minute] = time.split(":").map(Number);
  return new Date(copenhagenInstant(date, hour!).getTime() + minute! * 60_000);
}

export interface MeetingRuleInput {
  kind: MeetingKind;
  /** The instant the meeting starts, or its Copenhagen date. */
  startsAt: string | Date;
  /** Today in Copenhagen (YYYY-MM-DD), from todayInCopenhagen(ctx.clock). */
  today: string;
  settings: DemocracySettings;
}

export interface MeetingDeadlines {
  meetingDate: string;
  noticeWeeks: number;
  /** The last day the notice may go out. */
  conveneBy: string;
  /** The last day residents may submit new proposals (amendments are not bound by it). */
  proposalDeadline: string;
  /** The last day the final agenda, proposals, budget and accounts may be published. */
  finalAgendaBy: string;
  /** The earliest date a meeting of this kind could be held if convened today. */
  firstAllowedDate: string;
  explanations: { conveneBy: Explanation; proposalDeadline: Explanation; finalAgendaBy: Explanation };
}

export const noticeWeeksFor = (kind: MeetingKind, settings: DemocracySettings): number =>
  kind === "ordinary" ? settings.ordinaryNoticeWeeks : settings.extraordinaryNoticeWeeks;

/** Every deadline of one meeting, with the reason for each. */
export function meetingDeadlines(input: MeetingRuleInput): MeetingDeadlines {
  const { kind, settings, today } = input;
  const meetingDate = copenhagenDateOf(input.startsAt);
  const noticeWeeks = noticeWeeksFor(kind, settings);
  const conveneBy = addDays(meetingDate, -7 * noticeWeeks);
  const proposalDeadline = addDays(meetingDate, -7 * settings.proposalDeadlineWeeks);
  const finalAgendaBy = addDays(meetingDate, -7 * settings.finalAgendaWeeks);
  return {
    meetingDate,
    noticeWeeks,
    conveneBy,
    proposalDeadline,
    finalAgendaBy,
    firstAllowedDate: addDays(today, 7 * noticeWeeks),
    explanations: {
      conveneBy: {
        key: `meetings.rules.convene_by_${kind}`,
        params: { date: conveneBy, count: noticeWeeks, meeting: meetingDate },
      },
      proposalDeadline: {
        key: "meetings.rules.proposal_deadline",
        params: { date: proposalDeadline, count: settings.proposalDeadlineWeeks, meeting: meetingDate },
      },
      finalAgendaBy: {
        key: "meetings.rules.final_agenda_by",
        params: { date: finalAgendaBy, count: settings.finalAgendaWeeks, meeting: meetingDate },
      },
    },
  };
}

export type DateCheck = { ok: true } | { ok: false; firstAllowedDate: string; reason: Explanation };

/**
 * Whether a meeting on this date can still be convened today with the notice the law demands.
 * A date too early is refused with the reason and the first date that would be allowed.
 */
export function checkMeetingDate(input: MeetingRuleInput): DateCheck {
  const d = meetingDeadlines(input);
  if (input.today <= d.conveneBy) return { ok: true };
  return {
    ok: false,
    firstAllowedDate: d.firstAllowedDate,
    reason: {
      key: `meetings.rules.too_early_${input.kind}`,
      params: {
        date: d.meetingDate,
        first: d.firstAllowedDate,
        count: d.noticeWeeks,
        today: input.today,
      },
    },
  };
}

/** The stage of the proposal window on a day: new proposals, amendments only, or closed. */
export type ProposalWindow = "open" | "amendments_only";

export function proposalWindow(deadlines: MeetingDeadlines, today: string): ProposalWindow {
  return today <= deadlines.proposalDeadline ? "open" : "amendments_only";
}

/**
 * The day by which an extraordinary meeting must be convened, when a valid demand (25% of the
 * households, by default) was reached at `reachedAt` (an instant or a Copenhagen date).
 */
export function conveneByForDemand(reachedAt: string | Date, settings: DemocracySettings): string {
  return addDays(copenhagenDateOf(reachedAt), 7 * settings.demandConveneWeeks);
}

/** Why the demand's meeting must be convened by that day. */
export function demandExplanation(reachedAt: string | Date, settings: DemocracySettings): Explanation {
  const reached = copenhagenDateOf(reachedAt);
  return {
    key: "meetings.rules.demand_convene_by",
    params: {
      date: conveneByForDemand(reachedAt, settings),
      reached,
      count: settings.demandConveneWeeks,
    },
  };
}

/**
 * When a digital vote decided at the meeting closes: the end of the day `digitalVoteDays` after
 * the meeting date, in Copenhagen.
 */
export function digitalVoteCloses(meetingDate: string, settings: DemocracySettings) {
  const lastDay = addDays(meetingDate, settings.digitalVoteDays);
  return {
    lastDay,
    closesAt: endOfDay(lastDay),
    explanation: {
      key: "meetings.rules.digital_vote",
      params: { date: lastDay, count: settings.digitalVoteDays },
    } satisfies Explanation,
  };
}
