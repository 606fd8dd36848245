/** The boards part's public door: what other modules, the server and the seed may call. */
export { findBoard, residentsOf } from "./board.repository.ts";
export { type BoardScope, syncBoardGrants } from "./grants.ts";
export { type RecordMember, recordMember, resignMember } from "./members.service.ts";
export { demandThreshold, sitsOn, termEnd } from "./rules.ts";
export { runBoardTermJobs } from "./term-jobs.ts";
