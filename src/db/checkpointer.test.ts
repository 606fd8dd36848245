import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer } from "./checkpointer.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openFile() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "almen-checkpoint-"));
  dirs.push(dir);
  const file = path.join(dir, "db.sqlite");
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.exec("create table t (x text)");
  return { db, file };
}

const writeMegabytes = (db: SQLite.Database, mb: number) => {
  const insert = db.prepare("insert into t (x) values (?)");
  db.transaction(() => {
    for (let i = 0; i < mb * 256; i++) insert.run("x".repeat(4000));
  })();
};

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("the WAL checkpointer", () => {
  it("takes checkpoints off the committing connection and copies the log into the file on its thread", async () => {
    const { db, file } = openFile();
    const checkpointer = startCheckpointer(db, { everyMs: 20 });
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    const before = statSync(file).size;
    writeMegabytes(db, 4);
    // The commit itself left the pages in the log; the worker moves them into the database file.
    await until(() => statSync(file).size > before + 3 * 1024 * 1024);
    await checkpointer.stop();
    expect(db.prepare("select count(*) as n from t").get()).toEqual({ n: 1024 });
    db.close();
  });

  it("without it, the same commit leaves the database file as it was (the log holds the pages)", () => {
    const { db, file } = openFile();
    db.pragma("wal_autocheckpoint = 0");
    const before = statSync(file).size;
    writeMegabytes(db, 4);
    expect(statSync(file).size).toBe(before);
    db.close();
  });
});
