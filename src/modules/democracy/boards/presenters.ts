import { endOfDay } from "../meetings/deadlines.ts";
import type { TermRow } from "./board.repository.ts";
import type { BoardRole } from "./boards.table.ts";
import type { DemandRow } from "./demands.repository.ts";
import { demandThreshold, lastDayAfter, sitsOn, timeLeft } from "./rules.ts";

/** View models of boards and demands: what pages and the API show, never rows. */

export interface MemberView {
  termId: string;
  personId: string;
  name: string;
  role: BoardRole;
  /** Among the sitting alternates: 1 for the first, … */
  alternateRank: number | null;
  startDate: string;
  endDate: string;
  /** The first day they no longer sit (resignation or term end). */
  leftOn: string;
  resignedOn: string | null;
  resignationReason: string | null;
  meeting: { id: string; title: string; date: string } | null;
  electionId: string | null;
  reelected: boolean;
  hasContactConsent: boolean;
  /** E-mail and phone, only when the member agreed to show them. */
  contact: { email: string | null; phone: string | null } | null;
}

export interface BoardView {
  sitting: MemberView[];
  /** Elected but not yet started. */
  coming: MemberView[];
  past: MemberView[];
}

const roleOrder: Record<BoardRole, number> = { chair: 0, member: 1, alternate: 2 };

function toMemberView(t: TermRow): MemberView {
  return {
    termId: t.id,
    personId: t.person_id,
    name: t.name,
    role: t.role,
    alternateRank: t.alternate_rank,
    startDate: t.start_date,
    endDate: t.end_date,
    leftOn: lastDayAfter(t),
    resignedOn: t.resigned_on,
    resignationReason: t.resignation_reason,
    meeting: t.meeting_id
      ? { id: t.meeting_id, title: t.meetingTitle ?? "", date: t.meetingDate ?? "" }
      : null,
    electionId: t.election_id,
    reelected: t.previous_id !== null,
    hasContactConsent: t.has_contact_consent,
    contact: t.has_contact_consent ? { email: t.email, phone: t.phone } : null,
  };
}

/**
 * The board on a day: the chair, the members, then the alternates in their order (renumbered 1, 2,
 * … among those still sitting, so the second alternate becomes the first when the first steps in).
 */
export function boardView(terms: TermRow[], today: string): BoardView {
  const sitting = terms
    .filter((t) => sitsOn(t, today))
    .sort(
      (a, b) =>
        roleOrder[a.role] - roleOrder[b.role] ||
        (a.alternate_rank ?? 0) - (b.alternate_rank ?? 0) ||
        a.start_date.localeCompare(b.start_date) ||
        a.name.localeCompare(b.name),
    )
    .map(toMemberView);
  let rank = 0;
  for (const m of sitting) if (m.role === "alternate") m.alternateRank = ++rank;
  return {
    sitting,
    coming: terms.filter((t) => t.start_date > today && !t.resigned_on).map(toMemberView),
    past: terms.filter((t) => lastDayAfter(t) <= today && t.start_date < lastDayAfter(t)).map(toMemberView),
  };
}

export type DemandState = "open" | "reached" | "met";

export interface DemandView {
  id: string;
  departmentId: string;
  department: string;
  subject: string;
  reason: string;
  state: DemandState;
  /** Households that have signed. */
  signatures: number;
  /** Households in the department (now while open; when reached, then). */
  households: number;
  /** Households needed: the share of households, rounded up. */
  needed: number;
  thresholdPercent: number;
  createdAt: string;
  reachedAt: string | null;
  conveneBy: string | null;
  metAt: string | null;
  /** Until the end of the convening day (Copenhagen), while reached and not met. */
  timeLeft: { days: number; hours: number; overdue: boolean } | null;
  /** The viewer's household has signed. */
  signedByMe: boolean;
}

export function demandView(d: DemandRow, now: Date, householdsNow: number, signedByMe: boolean): DemandView {
  const met = !!d.metAt;
  const households =
    d.status === "reached" && d.households_at_reached !== null ? d.households_at_reached : householdsNow;
  return {
    id: d.id,
    departmentId: d.department_id,
    department: `${d.departmentNumber} ${d.departmentName}`,
    subject: d.subject,
    reason: d.reason,
    state: met ? "met" : d.status,
    signatures: Number(d.signatures ?? 0),
    households,
    needed: demandThreshold(households, d.threshold_percent),
    thresholdPercent: d.threshold_percent,
    createdAt: d.created_at,
    reachedAt: d.reached_at,
    conveneBy: d.convene_by,
    metAt: d.metAt ?? null,
    timeLeft: d.status === "reached" && !met && d.convene_by ? timeLeft(now, endOfDay(d.convene_by)) : null,
    signedByMe,
  };
}
