import type { Generated } from "kysely";

/** Kysely row types of boards, elections and demands (db/migrations/2026-11-28T0050-democracy-boards.ts). */

export const boardRoles = ["chair", "member", "alternate"] as const;
export type BoardRole = (typeof boardRoles)[number];

/**
 * Where the person's login stands for this term, as the term jobs last left it: `pending` (the
 * term has not started), `active` (started; chair and member hold the role), `ended`.
 */
export type GrantState = "pending" | "active" | "ended";

export const electionKinds = ["board", "chair"] as const;
/** `board`: members and alternates; `chair`: the chair elected directly (one seat). */
export type ElectionKind = (typeof electionKinds)[number];
export type ElectionStatus = "open" | "decided";

export type NominationVia = "online" | "meeting";
export type NominationStatus = "pending_consent" | "accepted" | "declined";
export type NominationOutcome = "chair" | "member" | "alternate" | "not_elected";

/** `open` while households sign; `reached` once the share of households has signed. */
export type DemandStatus = "open" | "reached";

export interface BoardsTable {
  id: string;
  organisation_id: string;
  /** Null for the organisation board. */
  department_id: string | null;
  /** The department id, or "org:" + the organisation id. */
  scope_key: string;
  created_at: string;
}

export interface BoardElectionsTable {
  id: string;
  board_id: string;
  /** The department meeting that holds the election (null only for the organisation board). */
  meeting_id: string | null;
  /** The meeting's date: terms start on it. */
  election_date: string;
  kind: ElectionKind;
  member_seats: number;
  alternate_seats: number;
  status: ElectionStatus;
  decided_at: string | null;
  decided_by: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface BoardNominationsTable {
  id: string;
  election_id: string;
  /** The candidate. */
  person_id: string;
  nominated_by_person_id: string | null;
  nominated_by_user_id: string | null;
  via: NominationVia;
  status: NominationStatus;
  votes: number | null;
  /** The lot drawn between tied candidates: 1 is first. */
  lot_rank: number | null;
  outcome: NominationOutcome | null;
  alternate_rank: number | null;
  consented_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface BoardMembersTable {
  id: string;
  board_id: string;
  person_id: string;
  role: BoardRole;
  /** 1 for the first alternate, 2 for the second, …; null for chair and members. */
  alternate_rank: number | null;
  meeting_id: string | null;
  election_id: string | null;
  /** The term this one continues (re-election). */
  previous_id: string | null;
  start_date: string;
  /** The planned end of the term: from this date the person no longer sits. */
  end_date: string;
  /** From this date the person no longer sits (resignation). */
  resigned_on: string | null;
  resignation_reason: string | null;
  /** The member agreed to show their e-mail and phone to the department's residents. */
  has_contact_consent: Generated<boolean>;
  grant_state: GrantState;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingDemandsTable {
  id: string;
  organisation_id: string;
  department_id: string;
  subject: string;
  reason: string;
  status: DemandStatus;
  started_by_person_id: string;
  /** The setting in force when the demand was started. */
  threshold_percent: number;
  reached_at: string | null;
  households_at_reached: number | null;
  signatures_at_reached: number | null;
  /** The date by which the extraordinary meeting must be convened (from conveneByForDemand). */
  convene_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingDemandSignaturesTable {
  id: string;
  demand_id: string;
  /** The household that signed. */
  tenancy_id: string;
  person_id: string;
  user_id: string | null;
  signed_at: string;
}

/** Tables of resident democracy: boards, elections, extraordinary-meeting demands. */
export interface BoardsTables {
  boards: BoardsTable;
  board_elections: BoardElectionsTable;
  board_nominations: BoardNominationsTable;
  board_members: BoardMembersTable;
  meeting_demands: MeetingDemandsTable;
  meeting_demand_signatures: MeetingDemandSignaturesTable;
}
