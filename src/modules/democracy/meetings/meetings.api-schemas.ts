import { z } from "zod";
import { itemOutcomes, meetingKinds, meetingStages } from "./meetings.table.ts";

/** The zod schemas of the meetings API: they validate the responses and make the OpenAPI document. */

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
export const tags = ["democracy"];
export const idParams = z.object({ id: z.string().max(64) });
export const itemParams = z.object({ id: z.string().max(64), itemId: z.string().max(64) });
export const proposalParams = z.object({ id: z.string().max(64), proposalId: z.string().max(64) });

const stage = z.enum([...meetingStages, "cancelled"]);
const amountLine = z.object({ label: z.string(), amountOre: z.number() });

export const proposalJson = z.object({
  id: z.string(),
  kind: z.enum(["proposal", "amendment"]),
  amendsItemId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  submitter: z.string().nullable(),
  status: z.enum(["submitted", "on_agenda", "not_on_agenda"]),
  boardRank: z.number().nullable(),
  boardComment: z.string().nullable(),
  agendaItemId: z.string().nullable(),
  submittedAt: z.string(),
});

export const agendaItemJson = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  description: z.string(),
  outcome: z.enum(itemOutcomes).nullable(),
  votesFor: z.number().nullable(),
  votesAgainst: z.number().nullable(),
  votesBlank: z.number().nullable(),
  followUpOpensAt: z.string().nullable(),
  followUpClosesAt: z.string().nullable(),
  voteId: z.string().nullable(),
  decisionText: z.string().nullable(),
  minutesText: z.string().nullable(),
  amendments: z.array(proposalJson),
  isClosing: z.boolean().describe('"Eventuelt" (any other business): always the last item'),
});

export const meetingJson = z.object({
  id: z.string(),
  departmentId: z.string(),
  department: z.string(),
  kind: z.enum(meetingKinds),
  title: z.string(),
  startsAt: z.string(),
  meetingDate: z.string(),
  location: z.string(),
  stage,
  demandConveneBy: z.string().nullable(),
  meetingChair: z.string().nullable(),
  minutesIntro: z.string().nullable(),
  budget: z.array(amountLine),
  accounts: z.array(amountLine),
  convenedAt: z.string().nullable(),
  finalAgendaAt: z.string().nullable(),
  heldAt: z.string().nullable(),
  minutesApprovedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  deadlines: z.object({
    conveneBy: z.string(),
    proposalDeadline: z.string(),
    finalAgendaBy: z.string(),
    firstAllowedDate: z.string(),
    explanations: z.object({
      conveneBy: z.string(),
      proposalDeadline: z.string(),
      finalAgendaBy: z.string(),
    }),
  }),
});

export const meetingDetailJson = z.object({
  meeting: meetingJson,
  agenda: z.array(agendaItemJson),
  approvals: z.array(
    z.object({ role: z.enum(["meeting_chair", "board_chair"]), name: z.string(), approvedAt: z.string() }),
  ),
  attendance: z.object({ households: z.number(), people: z.number() }).optional(),
});

export const meetingListJson = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      departmentId: z.string(),
      department: z.string(),
      kind: z.enum(meetingKinds),
      title: z.string(),
      startsAt: z.string(),
      stage,
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const lettersJson = z.object({ batchId: z.string(), letters: z.number() });
export const attendanceJson = z.object({ households: z.number(), people: z.number(), maxVotes: z.number() });

export const followUpJson = z.object({
  kind: z.enum(["ballot", "digital_vote"]),
  organisationId: z.string(),
  departmentId: z.string(),
  meetingId: z.string(),
  agendaItemId: z.string(),
  title: z.string(),
  question: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
});

export const itemDecisionJson = z.object({
  outcome: z.enum(itemOutcomes),
  votesCast: z.number(),
  maxVotes: z.number(),
  followUp: followUpJson.nullable(),
  voteId: z.string().nullable(),
});

export const decisionsJson = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      meetingId: z.string(),
      meetingTitle: z.string(),
      decidedOn: z.string(),
      title: z.string(),
      decisionText: z.string(),
      outcome: z.enum(itemOutcomes),
      votesFor: z.number().nullable(),
      votesAgainst: z.number().nullable(),
      votesBlank: z.number().nullable(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
