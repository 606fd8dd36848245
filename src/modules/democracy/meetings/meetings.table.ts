import type { Generated } from "kysely";

/** Kysely row types of the department-meeting tables (db/migrations/2026-11-28T0000-democracy-meetings.ts). */

export const meetingKinds = ["ordinary", "extraordinary"] as const;
export type MeetingKind = (typeof meetingKinds)[number];

/** The lifecycle, in order: each step moves one stage forward. */
export const meetingStages = [
  "planned",
  "convened",
  "proposals_open",
  "final_agenda_published",
  "held",
  "minutes_approved",
  "published",
] as const;
/** A meeting called off before it was held leaves the lifecycle as "cancelled". */
export type MeetingStage = (typeof meetingStages)[number] | "cancelled";

export const itemOutcomes = ["adopted", "rejected", "to_ballot", "to_digital_vote"] as const;
export type ItemOutcome = (typeof itemOutcomes)[number];

export type ProposalKind = "proposal" | "amendment";
export type ProposalStatus = "submitted" | "on_agenda" | "not_on_agenda";
export type MinutesApprovalRole = "meeting_chair" | "board_chair";

/** A line of the condensed budget or accounts: a label and an amount in øre. */
export interface AmountLine {
  label: string;
  amountOre: number;
}

export interface MeetingsTable {
  id: string;
  organisation_id: string;
  department_id: string;
  kind: MeetingKind;
  title: string;
  /** The instant the meeting starts (UTC). */
  starts_at: string;
  /** The meeting's calendar date in Copenhagen: every deadline counts from it. */
  meeting_date: string;
  location: string;
  stage: MeetingStage;
  /** The extraordinary-meeting demand this meeting answers, if any. */
  demand_id: string | null;
  /** From a demand: the date by which the meeting must be convened. */
  convene_by: string | null;
  budget_json: Generated<AmountLine[]>;
  accounts_json: Generated<AmountLine[]>;
  meeting_chair_user_id: string | null;
  meeting_chair_name: string | null;
  minutes_intro: string | null;
  convened_at: string | null;
  convened_by: string | null;
  /** The letter batches of the notice and of the final agenda (who to tell if it is called off). */
  notice_batch_id: string | null;
  final_agenda_batch_id: string | null;
  proposals_opened_at: string | null;
  final_agenda_at: string | null;
  held_at: string | null;
  minutes_approved_at: string | null;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingAgendaItemsTable {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  description: Generated<string>;
  outcome: ItemOutcome | null;
  votes_for: number | null;
  votes_against: number | null;
  votes_blank: number | null;
  votes_recorded_at: string | null;
  votes_recorded_by: string | null;
  /** A ballot or digital vote decided by the meeting: when it opens and closes. */
  follow_up_opens_at: string | null;
  follow_up_closes_at: string | null;
  /** The vote created for a ballot or digital vote (votes part). */
  vote_id: string | null;
  decision_text: string | null;
  minutes_text: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingProposalsTable {
  id: string;
  meeting_id: string;
  department_id: string;
  kind: ProposalKind;
  amends_item_id: string | null;
  title: string;
  body: string;
  submitted_by_person_id: string | null;
  submitted_by_user_id: string;
  status: ProposalStatus;
  board_rank: number | null;
  board_comment: string | null;
  agenda_item_id: string | null;
  submitted_at: string;
  updated_at: string;
}

export interface MeetingAttendanceTable {
  id: string;
  meeting_id: string;
  /** The household (tenancy) the person belongs to. */
  tenancy_id: string;
  person_id: string;
  checked_in_by: string | null;
  checked_in_at: string;
}

export interface MeetingMinutesApprovalsTable {
  meeting_id: string;
  role: MinutesApprovalRole;
  user_id: string;
  approved_at: string;
}

export interface MeetingDecisionsTable {
  id: string;
  organisation_id: string;
  department_id: string;
  meeting_id: string;
  agenda_item_id: string;
  decided_on: string;
  title: string;
  decision_text: string;
  outcome: ItemOutcome;
  votes_for: number | null;
  votes_against: number | null;
  votes_blank: number | null;
  /** Lower-cased title and decision text, for the register's search. */
  search_text: string;
  created_at: string;
}

/** Tables of department meetings: the meeting, agenda, proposals, check-in, minutes approvals, decisions. */
export interface MeetingsTables {
  meetings: MeetingsTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  meeting_proposals: MeetingProposalsTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_minutes_approvals: MeetingMinutesApprovalsTable;
  meeting_decisions: MeetingDecisionsTable;
}
