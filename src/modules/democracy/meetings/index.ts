/**
 * Department meetings' public door: what other parts (boards and demands, votes, seeds, e2e
 * journeys) call. Every command takes (ctx, actor, principal, …) and checks access itself.
 */
export {
  checkIn,
  type FollowUp,
  type ItemDecision,
  recordItemVotes,
  undoCheckIn,
} from "./at-meeting.service.ts";
export {
  checkMeetingDate,
  conveneByForDemand,
  demandExplanation,
  digitalVoteCloses,
  type Explanation,
  endOfDay,
  meetingDeadlines,
} from "./deadlines.ts";
export { searchDecisions } from "./decisions.repository.ts";
export { explain } from "./explain.ts";
export {
  cancelMeeting,
  closeMeeting,
  conveneMeeting,
  deadlinesOf,
  openProposals,
  publishFinalAgenda,
  takeChair,
} from "./lifecycle.service.ts";
export { agendaOf, meetingById } from "./meetings.repository.ts";
export {
  addAgendaItem,
  meetingWithOpenAgenda,
  type PlanMeetingProps,
  planMeeting,
  setEconomy,
} from "./meetings.service.ts";
export type { ItemOutcome, MeetingKind, MeetingStage } from "./meetings.table.ts";
export { approveMinutes, publishMinutes, saveMinutes } from "./minutes.service.ts";
export { keepOffAgenda, putOnAgenda, reviewProposal, submitProposal } from "./proposals.service.ts";
