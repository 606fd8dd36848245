import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, dialectUnderTest, type TestApp } from "../../../../test/helpers.ts";
import { castBallots } from "./cast.service.ts";
import { closeVote } from "./lifecycle.service.ts";
import {
  addHouseholds,
  newDepartment,
  openedVote,
  setSoleAdultCastsBoth,
  testActor,
} from "./test-fixtures.ts";
import type { Choice } from "./votes.table.ts";

/**
 * No query of the stored data links a ballot to a person. The voters below vote in a known
 * order, the first half yes and the second half no, so any order kept from casting to the box
 * would show at once.
 */

let app: TestApp;
let voteId: string;
const receipts: string[] = [];
const truth = new Map<string, Choice>(); // person → choice
const count = 400;

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-12-01T09:00:00.000Z"));
  await setSoleAdultCastsBoth(app.ctx, false);
  const departmentId = await newDepartment(app.ctx, 931);
  const households = await addHouseholds(app.ctx, departmentId, count, () => 1);
  voteId = await openedVote(app.ctx, departmentId);
  for (const [i, h] of households.entries()) {
    const choice: Choice = i < count / 2 ? "yes" : "no";
    const personId = h.people[0]!;
    truth.set(personId, choice);
    const r = await castBallots(app.ctx, testActor, {
      voteId,
      personId,
      choices: [choice],
      channel: i % 3 === 0 ? "paper" : "web",
    });
    receipts.push(...r.receipts);
  }
});
afterAll(async () => {
  await app.close();
});

const runs = (items: string[]) => items.filter((x, i) => i === 0 || x !== items[i - 1]).length;

async function columnsOf(table: string): Promise<string[]> {
  if (dialectUnderTest === "postgres") {
    const r = await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_name = ${table} order by ordinal_position`.execute(app.ctx.db);
    return r.rows.map((c) => c.column_name);
  }
  const r = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(app.ctx.db);
  return r.rows.map((c) => c.name);
}

async function everyTable(): Promise<string[]> {
  const r =
    dialectUnderTest === "postgres"
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(app.ctx.db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(app.ctx.db);
  return r.rows.map((t) => t.name);
}

describe("while the vote is open", () => {
  it("keeps every ballot in a sealed envelope of one length, with no choice or receipt readable", async () => {
    const envelopes = await app.ctx.db
      .selectFrom("vote_envelopes")
      .selectAll()
      .where("vote_id", "=", voteId)
      .execute();
    expect(envelopes).toHaveLength(count);
    expect(new Set(envelopes.map((e) => e.sealed.length)).size).toBe(1);
    const text = JSON.stringify(envelopes);
    for (const r of receipts.slice(0, 50)) expect(text).not.toContain(r);
    expect(text).not.toMatch(/"(yes|no)"/);
    expect(
      await app.ctx.db.selectFrom("vote_ballots").select("receipt").where("vote_id", "=", voteId).execute(),
    ).toEqual([]);
  });
});

describe("after closing", () => {
  beforeAll(async () => {
    await closeVote(app.ctx, testActor, voteId);
  });

  it("has a ballot box of vote, receipt and choice only: the vote is the only column it shares", async () => {
    expect((await columnsOf("vote_ballots")).sort()).toEqual(["choice", "receipt", "vote_id"]);
    const marks = await columnsOf("vote_roll_marks");
    expect(marks.filter((c) => ["receipt", "choice"].includes(c))).toEqual([]);
    // Joining on the one shared column pairs every ballot with every mark: it links nothing.
    const joined = await app.ctx.db
      .selectFrom("vote_ballots as b")
      .innerJoin("vote_roll_marks as m", "m.vote_id", "b.vote_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("b.vote_id", "=", voteId)
      .executeTakeFirstOrThrow();
    expect(Number(joined.n)).toBe(count * count);
    expect(
      await app.ctx.db.selectFrom("vote_envelopes").select("id").where("vote_id", "=", voteId).execute(),
    ).toEqual([]);
  });

  it("stores no receipt code anywhere but in the ballot box (not in the audit log, a session or a mark)", async () => {
    const sample = receipts.filter((_, i) => i % 20 === 0);
    for (const table of await everyTable()) {
      if (table === "vote_ballots") continue;
      const rows = await sql`select * from ${sql.table(table)}`.execute(app.ctx.db);
      const text = JSON.stringify(rows.rows);
      for (const r of sample) expect(text.includes(r), `${r} in ${table}`).toBe(false);
    }
    const audit = await app.ctx.db
      .selectFrom("audit_log")
      .select("after_json")
      .where("entity_id", "=", voteId)
      .where("action", "in", ["votes.cast", "votes.paper_ballot"])
      .execute();
    expect(audit).toHaveLength(count);
    for (const a of audit) {
      expect(Object.keys(a.after_json ?? {}).sort()).toEqual([
        "ballots",
        "channel",
        "household_id",
        "person_id",
      ]);
    }
  });

  it("keeps no order from casting: the box's order does not follow the roll marks' order", async () => {
    const marks = await sql<{
      person_id: string;
    }>`select person_id from vote_roll_marks where vote_id = ${voteId}`.execute(app.ctx.db);
    const marked = marks.rows.map((m) => truth.get(m.person_id)!);
    // The marks' own stored order here still follows casting (the households were made in order).
    expect(runs(marked)).toBeLessThan(10);
    // The box's physical order: primary-key order on SQLite (WITHOUT ROWID), heap order on
    // PostgreSQL (ctid); and the transaction that wrote each row (xmin).
    const orders: [string, string][] = [
      ["receipt", "select choice from vote_ballots where vote_id = $1 order by receipt"],
    ];
    if (dialectUnderTest === "postgres") {
      orders.push(["ctid", "select choice from vote_ballots where vote_id = $1 order by ctid"]);
      orders.push(["xmin", "select choice from vote_ballots where vote_id = $1 order by xmin::text::bigint"]);
    }
    for (const [name, text] of orders) {
      const rows = await sql<{ choice: string }>`${sql.raw(text.replace("$1", `'${voteId}'`))}`.execute(
        app.ctx.db,
      );
      const box = rows.rows.map((r) => r.choice);
      expect(box).toHaveLength(count);
      // In casting order there would be 2 runs (yes…, no…); a random order has about 200.
      expect(runs(box), name).toBeGreaterThan(150);
      // Pairing the i-th mark with the i-th ballot agrees about half the time, as chance does.
      const agree = box.filter((c, i) => c === marked[i]).length / count;
      expect(agree, name).toBeGreaterThan(0.35);
      expect(agree, name).toBeLessThan(0.65);
    }
  });

  it("has no hidden row order or shared transaction to join on", async () => {
    if (dialectUnderTest === "sqlite") {
      // WITHOUT ROWID: no insertion counter to order by.
      await expect(sql`select rowid from vote_ballots`.execute(app.ctx.db)).rejects.toThrow(/rowid/);
      await expect(sql`select rowid from vote_roll_marks`.execute(app.ctx.db)).rejects.toThrow(/rowid/);
      return;
    }
    // Every ballot went in with the close's transaction; no mark was written by that transaction.
    const ballots = await sql<{
      x: string;
    }>`select distinct xmin::text as x from vote_ballots where vote_id = ${voteId}`.execute(app.ctx.db);
    expect(ballots.rows).toHaveLength(1);
    const marks = await sql<{
      x: string;
    }>`select distinct xmin::text as x from vote_roll_marks where vote_id = ${voteId}`.execute(app.ctx.db);
    expect(marks.rows.length).toBe(count);
    expect(marks.rows.map((m) => m.x)).not.toContain(ballots.rows[0]!.x);
  });

  it("refuses to change or remove a ballot, in the database itself", async () => {
    const db = app.ctx.db;
    await expect(
      db.updateTable("vote_ballots").set({ choice: "no" }).where("vote_id", "=", voteId).execute(),
    ).rejects.toThrow(/not allowed/);
    await expect(db.deleteFrom("vote_ballots").where("vote_id", "=", voteId).execute()).rejects.toThrow(
      /not allowed/,
    );
    await expect(db.deleteFrom("vote_roll_marks").where("vote_id", "=", voteId).execute()).rejects.toThrow(
      /not allowed/,
    );
    // Nor can a ballot be added to the box once the closing transaction is over.
    await expect(
      db
        .insertInto("vote_ballots")
        .values({ vote_id: voteId, receipt: "0000-0000-0000-0000", choice: "yes" })
        .execute(),
    ).rejects.toThrow(/needs the vote to be closing/);
  });
});
