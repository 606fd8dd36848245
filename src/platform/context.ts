import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Db } from "../db/database.ts";
import type { Database } from "../db/database-types.ts";
import type { Clock } from "./clock.ts";
import type { MailTransport } from "./mail.ts";

/** What the composition root (app.ts) wires once and hands to services as their first argument. */
export interface AppContext {
  config: Config;
  database: Db;
  db: Kysely<Database>;
  clock: Clock;
  mail: MailTransport;
  log: Logger;
}
