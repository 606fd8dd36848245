import type { ColumnType } from "kysely";

/** Tables of resident democracy: votes and ballots (urafstemning, digital votes): frozen voter rolls, roll marks apart from ballots, receipts, tallies. */

export const voteKinds = ["ballot", "digital"] as const;
export type VoteKind = (typeof voteKinds)[number];
export const voteStatuses = ["planned", "open", "closed"] as const;
export type VoteStatus = (typeof voteStatuses)[number];
export const choices = ["yes", "no", "blank"] as const;
export type Choice = (typeof choices)[number];
export type Channel = "web" | "paper";

/** The tally published when a vote closes. */
export interface VoteResults {
  yes: number;
  no: number;
  blank: number;
  /** Ballots in the box. */
  ballots: number;
  /** Roll marks: people who voted, counted once per ballot. */
  marks: number;
  /** Envelopes that could not be opened (tampered with); never expected. */
  rejected: number;
}

export interface VotesTable {
  id: string;
  organisation_id: string;
  department_id: string;
  meeting_id: string | null;
  agenda_item_id: string | null;
  kind: VoteKind;
  title: string;
  question: string;
  opens_at: string;
  closes_at: string;
  /** 'closing' exists only inside the closing transaction (the guards in the migration use it). */
  status: ColumnType<VoteStatus, VoteStatus, VoteStatus | "closing">;
  is_sole_adult_casting_both: boolean | null;
  roll_hash: string | null;
  roll_households: number | null;
  roll_people: number | null;
  roll_ballots: number | null;
  opened_at: string | null;
  opened_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
  results_json: VoteResults | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One row per ballot a person on the frozen roll may cast (seq 2 only for a sole adult). */
export interface VoteRollTable {
  vote_id: string;
  /** The tenancy current when the vote opened. */
  household_id: string;
  person_id: string;
  seq: number;
}

/** Who has voted: one row per ballot cast, in one of the household's two slots. */
export interface VoteRollMarksTable {
  vote_id: string;
  household_id: string;
  slot: number;
  person_id: string;
  seq: number;
  channel: Channel;
}

/** An open vote's ballots, sealed (AES-256-GCM) until the vote closes. */
export interface VoteEnvelopesTable {
  vote_id: string;
  id: string;
  sealed: string;
}

/** The ballot box: append-only, filled in random order when the vote closes. */
export interface VoteBallotsTable {
  vote_id: string;
  receipt: string;
  choice: Choice;
}

export interface VotesTables {
  votes: VotesTable;
  vote_roll: VoteRollTable;
  vote_roll_marks: VoteRollMarksTable;
  vote_envelopes: VoteEnvelopesTable;
  vote_ballots: VoteBallotsTable;
}
