import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import type { Db } from "./database.ts";
import { migrations } from "./migrations/index.ts";

/**
 * Applies every pending migration; throws with the failing migration's name.
 *
 * SQLite runs them with foreign-key enforcement off, as its manual's way of changing a table asks
 * (make the new table, copy, drop the old, rename): dropping a table with enforcement on deletes
 * its rows first, cascading into the tables that refer to it. Every reference is checked after
 * the migrations that ran.
 */
export async function migrateToLatest(db: Db, options: { upTo?: string } = {}): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } });
  if (db.dialect === "sqlite") await sql`pragma foreign_keys = off`.execute(db.kysely);
  try {
    // `upTo` (a migration's name) is for tests of a migration on the data before it.
    const { error, results } = options.upTo
      ? await migrator.migrateTo(options.upTo)
      : await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === "Error");
    if (error) {
      throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`, { cause: error });
    }
    if (db.dialect === "sqlite" && results?.length) {
      const broken = (await sql<{ table: string }>`pragma foreign_key_check`.execute(db.kysely)).rows;
      if (broken.length > 0)
        throw new Error(`Migrations left ${broken.length} broken references, first in ${broken[0]!.table}`);
    }
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  } finally {
    if (db.dialect === "sqlite") await sql`pragma foreign_keys = on`.execute(db.kysely);
  }
}
