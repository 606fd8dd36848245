/** The letters module's public door: other modules send letters through here only. */
export { type Channel, type ChannelRule, chooseChannel } from "./channel-rules.ts";
export {
  type LetterRecipient,
  type LetterRequest,
  type PreparedLetter,
  prepareLetters,
  recordLetters,
} from "./compose.ts";
export { directoryTransport } from "./delivery/digital-post.ts";
export { type LetterType, letterTypes } from "./letter-types.ts";
export {
  configuredTransports,
  deliverDueLetters,
  type LetterTransports,
  startOutboxWorker,
} from "./outbox/worker.ts";
export type { MergeValues } from "./templates/merge.ts";
