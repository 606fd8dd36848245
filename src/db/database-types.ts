import type { BoardsTables } from "../modules/democracy/boards/boards.table.ts";
import type { CommunityTables } from "../modules/democracy/community/community.table.ts";
import type { MeetingsTables } from "../modules/democracy/meetings/meetings.table.ts";
import type { VotesTables } from "../modules/democracy/votes/votes.table.ts";
import type { LettersTables } from "../modules/letters/letters.table.ts";
import type { LettingTables } from "../modules/letting/letting.table.ts";
import type { MasterdataTables } from "../modules/masterdata/masterdata.table.ts";
import type { PlatformTables } from "../platform/platform.tables.ts";

/** The whole database as Kysely sees it: every module's tables. */
export interface Database
  extends PlatformTables,
    MasterdataTables,
    LettersTables,
    LettingTables,
    MeetingsTables,
    BoardsTables,
    VotesTables,
    CommunityTables {}
