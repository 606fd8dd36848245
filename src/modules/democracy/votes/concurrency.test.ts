import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, dialectUnderTest, type TestApp } from "../../../../test/helpers.ts";
import { type Db, openDatabase } from "../../../db/database.ts";
import type { AppContext } from "../../../platform/context.ts";
import { AppError } from "../../../platform/errors.ts";
import { castBallots } from "./cast.service.ts";
import { closeVote } from "./lifecycle.service.ts";
import { tallyVote } from "./results.service.ts";
import {
  addHouseholds,
  type Household,
  newDepartment,
  openedVote,
  setSoleAdultCastsBoth,
  testActor,
} from "./test-fixtures.ts";
import type { Choice } from "./votes.table.ts";

/**
 * 50 submissions at once for one household, many times over: exactly the allowed number of
 * ballots goes in. On PostgreSQL every submission is its own transaction on its own connection
 * (a pool of 25), so the unique constraints, not the code, decide; on SQLite the transactions
 * queue on the one connection.
 */

let app: TestApp;
let ctx: AppContext;
let wide: Db | undefined;

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-12-01T09:00:00.000Z"));
  ctx = app.ctx;
  if (dialectUnderTest === "postgres") {
    const { name } = (await sql<{ name: string }>`select current_database() as name`.execute(app.ctx.db))
      .rows[0]!;
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    wide = openDatabase({ kind: "postgres", url: url.href }, { poolSize: 25 });
    ctx = { ...app.ctx, database: wide, db: wide.kysely };
  }
});
afterAll(async () => {
  await wide?.destroy();
  await app.close();
});

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
const anyChoice = (): Choice => pick(["yes", "no", "blank"] as Choice[]);

/** Fires 50 casts at once from the household's adults; answers the ballots that went in. */
async function storm(voteId: string, h: Household, maxPerCast: number): Promise<number> {
  const adults = h.people.slice(0, h.adults);
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, () =>
      castBallots(ctx, testActor, {
        voteId,
        personId: pick(adults),
        choices: Array.from({ length: 1 + Math.floor(Math.random() * maxPerCast) }, anyChoice),
        channel: pick(["web", "paper"] as const),
      }),
    ),
  );
  let ballots = 0;
  for (const r of results) {
    if (r.status === "fulfilled") ballots += r.value.receipts.length;
    // Every refusal is a clean conflict: no unique violation, deadlock or lock error leaks out.
    else expect(r.reason instanceof AppError && r.reason.code === "conflict", String(r.reason)).toBe(true);
  }
  return ballots;
}

async function marksOf(voteId: string, householdId: string): Promise<number> {
  const rows = await ctx.db
    .selectFrom("vote_roll_marks")
    .select("slot")
    .where("vote_id", "=", voteId)
    .where("household_id", "=", householdId)
    .execute();
  return rows.length;
}

describe("50 parallel submissions for one household", () => {
  const repetitions = 12;

  it("store exactly 2 for households of two or three adults and for a sole adult who may cast both", async () => {
    const departmentId = await newDepartment(ctx, 911);
    await setSoleAdultCastsBoth(ctx, true);
    const households = await addHouseholds(ctx, departmentId, repetitions * 3, (i) => [2, 3, 1][i % 3]!);
    const voteId = await openedVote(ctx, departmentId);
    let total = 0;
    for (const h of households) {
      const stored = await storm(voteId, h, h.adults === 1 ? 2 : 1);
      expect(stored, `household of ${h.adults}`).toBe(2);
      expect(await marksOf(voteId, h.householdId)).toBe(2);
      total += stored;
    }
    const envelopes = await ctx.db
      .selectFrom("vote_envelopes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("vote_id", "=", voteId)
      .executeTakeFirstOrThrow();
    expect(Number(envelopes.n)).toBe(total);
    const results = await closeVote(ctx, testActor, voteId);
    expect(results.ballots).toBe(total);
    expect(results.marks).toBe(total);
    expect(await tallyVote(ctx.db, voteId)).toMatchObject({ ballots: total, marks: total });
  });

  it("store exactly 1 for a sole adult when the setting gives one vote each", async () => {
    const departmentId = await newDepartment(ctx, 912);
    await setSoleAdultCastsBoth(ctx, false);
    const households = await addHouseholds(ctx, departmentId, repetitions, () => 1);
    const voteId = await openedVote(ctx, departmentId);
    for (const h of households) {
      expect(await storm(voteId, h, 2)).toBe(1);
      expect(await marksOf(voteId, h.householdId)).toBe(1);
    }
    const results = await closeVote(ctx, testActor, voteId);
    expect(results).toMatchObject({ ballots: repetitions, marks: repetitions, rejected: 0 });
  });

  it("let no cast in flight slip past the close: ballots = marks whatever the timing", async () => {
    const departmentId = await newDepartment(ctx, 913);
    const households = await addHouseholds(ctx, departmentId, 60, () => 2);
    const voteId = await openedVote(ctx, departmentId);
    // Ten voters' devices cast one after another; the close starts as the 40th ballot lands, with
    // casts in flight and more to come.
    const queue = households.flatMap((h) => h.people);
    let landed = 0;
    let refused = 0;
    let closing: ReturnType<typeof closeVote> | undefined;
    const device = async () => {
      for (let personId = queue.shift(); personId; personId = queue.shift()) {
        try {
          await castBallots(ctx, testActor, { voteId, personId, choices: [anyChoice()], channel: "web" });
          if (++landed === 40) closing = closeVote(ctx, testActor, voteId);
        } catch (e) {
          expect(e instanceof AppError && e.messageKey === "votes.errors.closed", String(e)).toBe(true);
          refused++;
        }
      }
    };
    await Promise.all(Array.from({ length: 10 }, device));
    const results = await closing!;
    const cast = landed;
    expect(refused).toBeGreaterThan(0);
    expect(cast).toBeGreaterThanOrEqual(40);
    expect(cast).toBeLessThan(120);
    const envelopesLeft = await ctx.db
      .selectFrom("vote_envelopes")
      .select("id")
      .where("vote_id", "=", voteId)
      .execute();
    expect(envelopesLeft).toEqual([]);
    expect(results.ballots).toBe(results.marks);
    expect(results.ballots).toBe(cast);
  });
});
