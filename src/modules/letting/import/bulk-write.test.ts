import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../../../db/database.ts";
import type { Database as Schema } from "../../../db/database-types.ts";
import { sqliteBulkSession } from "./bulk-write.ts";

const read = async (db: Kysely<Schema>, name: string) =>
  Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];

describe("sqliteBulkSession", () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "almen-bulk-"));
    db = openDatabase({ kind: "sqlite", file: path.join(dir, "almen.sqlite") });
    await sql`create table t (x integer)`.execute(db.kysely);
  });
  afterEach(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes through a rollback journal without foreign-key checks, and puts the connection back", async () => {
    const restore = await sqliteBulkSession(db.kysely);
    expect(await read(db.kysely, "journal_mode")).toBe("delete");
    expect(await read(db.kysely, "foreign_keys")).toBe(0);
    expect(await read(db.kysely, "cache_size")).toBe(-262144);
    expect(await read(db.kysely, "threads")).toBe(2);
    expect(await read(db.kysely, "mmap_size")).toBe(0);
    expect(await read(db.kysely, "temp_store")).toBe(1);
    await restore();
    expect(await read(db.kysely, "journal_mode")).toBe("wal");
    expect(await read(db.kysely, "foreign_keys")).toBe(1);
    expect(await read(db.kysely, "cache_size")).toBe(-65536);
    expect(await read(db.kysely, "threads")).toBe(0);
    expect(await read(db.kysely, "mmap_size")).toBe(2147418112);
    expect(await read(db.kysely, "temp_store")).toBe(2);
    expect(await read(db.kysely, "busy_timeout")).toBe(5000);
  });

  it("stays in WAL mode while another connection has the database open", async () => {
    const other = new Database(path.join(dir, "almen.sqlite"));
    try {
      other.prepare("select count(*) from t").get();
      const restore = await sqliteBulkSession(db.kysely);
      expect(await read(db.kysely, "journal_mode")).toBe("wal");
      expect(await read(db.kysely, "foreign_keys")).toBe(0);
      // The other connection can still read while the import writes.
      await sql`begin`.execute(db.kysely);
      await sql`insert into t values (1)`.execute(db.kysely);
      expect(other.prepare("select count(*) as n from t").get()).toEqual({ n: 0 });
      await sql`commit`.execute(db.kysely);
      await restore();
      expect(await read(db.kysely, "journal_mode")).toBe("wal");
      expect(await read(db.kysely, "foreign_keys")).toBe(1);
      expect(await read(db.kysely, "busy_timeout")).toBe(5000);
    } finally {
      other.close();
    }
  });
});
