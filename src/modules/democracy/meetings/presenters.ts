import type { TFunction } from "i18next";
import type { Lang } from "../../../platform/i18n/index.ts";
import { isClosingItem } from "./agenda-order.ts";
import type { MeetingDeadlines } from "./deadlines.ts";
import { explain } from "./explain.ts";
import type { AgendaItemRow, MeetingRow, ProposalRow } from "./meetings.repository.ts";
import type {
  AmountLine,
  ItemOutcome,
  MeetingKind,
  MeetingStage,
  MinutesApprovalRole,
  ProposalKind,
  ProposalStatus,
} from "./meetings.table.ts";

/** View models of meetings: what pages and the API show, never database rows. */

export interface DeadlinesView {
  conveneBy: string;
  proposalDeadline: string;
  finalAgendaBy: string;
  firstAllowedDate: string;
  explanations: { conveneBy: string; proposalDeadline: string; finalAgendaBy: string };
}

export interface MeetingView {
  id: string;
  departmentId: string;
  department: string;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  meetingDate: string;
  location: string;
  stage: MeetingStage;
  /** From a demand: the date the meeting must be convened by. */
  demandConveneBy: string | null;
  meetingChair: string | null;
  minutesIntro: string | null;
  budget: AmountLine[];
  accounts: AmountLine[];
  convenedAt: string | null;
  finalAgendaAt: string | null;
  heldAt: string | null;
  minutesApprovedAt: string | null;
  publishedAt: string | null;
  deadlines: DeadlinesView;
}

export interface ProposalView {
  id: string;
  kind: ProposalKind;
  amendsItemId: string | null;
  title: string;
  body: string;
  submitter: string | null;
  status: ProposalStatus;
  boardRank: number | null;
  boardComment: string | null;
  agendaItemId: string | null;
  submittedAt: string;
}

export interface AgendaItemView {
  id: string;
  position: number;
  title: string;
  description: string;
  outcome: ItemOutcome | null;
  votesFor: number | null;
  votesAgainst: number | null;
  votesBlank: number | null;
  followUpOpensAt: string | null;
  followUpClosesAt: string | null;
  voteId: string | null;
  decisionText: string | null;
  minutesText: string | null;
  amendments: ProposalView[];
  /** "Eventuelt": always the last item. */
  isClosing: boolean;
}

export interface ApprovalView {
  role: MinutesApprovalRole;
  name: string;
  approvedAt: string;
}

export const departmentLabel = (m: { department_number: number; department_name: string }) =>
  `${m.department_number} ${m.department_name}`;

export function toDeadlinesView(t: TFunction, lang: Lang, d: MeetingDeadlines): DeadlinesView {
  return {
    conveneBy: d.conveneBy,
    proposalDeadline: d.proposalDeadline,
    finalAgendaBy: d.finalAgendaBy,
    firstAllowedDate: d.firstAllowedDate,
    explanations: {
      conveneBy: explain(t, lang, d.explanations.conveneBy),
      proposalDeadline: explain(t, lang, d.explanations.proposalDeadline),
      finalAgendaBy: explain(t, lang, d.explanations.finalAgendaBy),
    },
  };
}

export function toMeetingView(t: TFunction, lang: Lang, m: MeetingRow, d: MeetingDeadlines): MeetingView {
  return {
    id: m.id,
    departmentId: m.department_id,
    department: departmentLabel(m),
    kind: m.kind,
    title: m.title,
    startsAt: m.starts_at,
    meetingDate: m.meeting_date,
    location: m.location,
    stage: m.stage,
    demandConveneBy: m.convene_by,
    meetingChair: m.meeting_chair_name,
    minutesIntro: m.minutes_intro,
    budget: m.budget_json as AmountLine[],
    accounts: m.accounts_json as AmountLine[],
    convenedAt: m.convened_at,
    finalAgendaAt: m.final_agenda_at,
    heldAt: m.held_at,
    minutesApprovedAt: m.minutes_approved_at,
    publishedAt: m.published_at,
    deadlines: toDeadlinesView(t, lang, d),
  };
}

export function toProposalView(p: ProposalRow): ProposalView {
  return {
    id: p.id,
    kind: p.kind,
    amendsItemId: p.amends_item_id,
    title: p.title,
    body: p.body,
    submitter: p.submitter_name,
    status: p.status,
    boardRank: p.board_rank,
    boardComment: p.board_comment,
    agendaItemId: p.agenda_item_id,
    submittedAt: p.submitted_at,
  };
}

/** The agenda with each item's amendments (from the given proposals) under it. */
export function toAgendaView(items: AgendaItemRow[], proposals: ProposalView[]): AgendaItemView[] {
  return items.map((i, n) => ({
    id: i.id,
    position: n + 1,
    title: i.title,
    description: i.description,
    outcome: i.outcome,
    votesFor: i.votes_for,
    votesAgainst: i.votes_against,
    votesBlank: i.votes_blank,
    followUpOpensAt: i.follow_up_opens_at,
    followUpClosesAt: i.follow_up_closes_at,
    voteId: i.vote_id,
    decisionText: i.decision_text,
    minutesText: i.minutes_text,
    amendments: proposals.filter((p) => p.kind === "amendment" && p.amendsItemId === i.id),
    isClosing: isClosingItem(i.title),
  }));
}

export const toApprovalViews = (
  rows: { role: MinutesApprovalRole; name: string; approved_at: string }[],
): ApprovalView[] => rows.map((a) => ({ role: a.role, name: a.name, approvedAt: a.approved_at }));
