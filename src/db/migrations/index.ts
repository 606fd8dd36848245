import type { Migration } from "kysely/migration";
import * as platform from "./2026-11-27T1600-platform.ts";
import * as masterdataCore from "./2026-11-27T1610-masterdata-core.ts";
import * as letters from "./2026-11-27T2000-letters.ts";
import * as lettingLists from "./2026-11-27T2200-letting-lists.ts";
import * as democracyMeetings from "./2026-11-28T0000-democracy-meetings.ts";
import * as democracyBoards from "./2026-11-28T0050-democracy-boards.ts";
import * as democracyVotes from "./2026-11-28T0100-democracy-votes.ts";
import * as democracyCommunity from "./2026-11-28T0200-democracy-community.ts";
import * as lettingQueueFacts from "./2026-11-28T0300-letting-queue-facts.ts";
import * as voteRollPerson from "./2026-11-28T0310-vote-roll-person.ts";
import * as democracyMeetingLetters from "./2026-11-28T0400-democracy-meeting-letters.ts";
import * as lettingQueueBySeniority from "./2026-11-29T0100-letting-queue-by-seniority.ts";
import * as applicationsUniqueIndex from "./2026-11-29T0200-applications-unique-index.ts";

/** Every migration, by name. Names sort in the order they run; never rename or edit a released one. */
export const migrations: Record<string, Migration> = {
  "2026-11-27T1600-platform": platform,
  "2026-11-27T1610-masterdata-core": masterdataCore,
  "2026-11-27T2000-letters": letters,
  "2026-11-27T2200-letting-lists": lettingLists,
  "2026-11-28T0000-democracy-meetings": democracyMeetings,
  "2026-11-28T0050-democracy-boards": democracyBoards,
  "2026-11-28T0100-democracy-votes": democracyVotes,
  "2026-11-28T0200-democracy-community": democracyCommunity,
  "2026-11-28T0300-letting-queue-facts": lettingQueueFacts,
  "2026-11-28T0310-vote-roll-person": voteRollPerson,
  "2026-11-28T0400-democracy-meeting-letters": democracyMeetingLetters,
  "2026-11-29T0100-letting-queue-by-seniority": lettingQueueBySeniority,
  "2026-11-29T0200-applications-unique-index": applicationsUniqueIndex,
};
