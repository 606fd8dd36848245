import type { LettersTables } from "../modules/letters/letters.table.ts";
import type { LettingTables } from "../modules/letting/letting.table.ts";
import type { MasterdataTables } from "../modules/masterdata/masterdata.table.ts";
import type { PlatformTables } from "../platform/platform.tables.ts";

/** The whole database as Kysely sees it: every module's tables. */
export interface Database extends PlatformTables, MasterdataTables, LettersTables, LettingTables {}
