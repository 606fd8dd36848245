/** Votes and ballots: the door other modules use (meetings create digital votes and ballots here). */
export { advanceDueVotes } from "./lifecycle.service.ts";
export { tallyVote } from "./results.service.ts";
export { createVote, type NewVote } from "./votes.service.ts";
export type { VoteKind, VoteResults, VoteStatus } from "./votes.table.ts";
