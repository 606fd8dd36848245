import type { Results } from "./results.service.ts";
import type { VoteRow } from "./votes.repository.ts";
import type { VoteKind, VoteStatus } from "./votes.table.ts";

/** A vote as pages and the API show it: no database rows past this point. */
export interface VoteView {
  id: string;
  departmentId: string;
  department: string;
  kind: VoteKind;
  status: VoteStatus;
  title: string;
  question: string;
  opensAt: string;
  closesAt: string;
  meetingId: string | null;
  agendaItemId: string | null;
  roll: {
    hash: string;
    households: number;
    people: number;
    ballots: number;
    soleAdultCastsBoth: boolean;
    frozenAt: string;
  } | null;
}

export function toVoteView(v: VoteRow): VoteView {
  return {
    id: v.id,
    departmentId: v.department_id,
    department: `${v.department_number} ${v.department_name}`,
    kind: v.kind,
    status: v.status,
    title: v.title,
    question: v.question,
    opensAt: v.opens_at,
    closesAt: v.closes_at,
    meetingId: v.meeting_id,
    agendaItemId: v.agenda_item_id,
    roll:
      v.roll_hash && v.opened_at
        ? {
            hash: v.roll_hash,
            households: v.roll_households ?? 0,
            people: v.roll_people ?? 0,
            ballots: v.roll_ballots ?? 0,
            soleAdultCastsBoth: v.is_sole_adult_casting_both === true,
            frozenAt: v.opened_at,
          }
        : null,
  };
}

/** The results as shown: the recount, what was published, and whether they agree. */
export interface ResultsView {
  yes: number;
  no: number;
  blank: number;
  ballots: number;
  marks: number;
  verified: boolean;
  outcome: Results["outcome"];
}

export const toResultsView = (r: Results): ResultsView => ({
  yes: r.recount.yes,
  no: r.recount.no,
  blank: r.recount.blank,
  ballots: r.recount.ballots,
  marks: r.recount.marks,
  verified: r.verified,
  outcome: r.outcome,
});

/** Splits on newlines into paragraphs (text people typed). */
export const paragraphs = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
