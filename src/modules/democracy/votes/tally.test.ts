import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { castBallots } from "./cast.service.ts";
import { closeVote } from "./lifecycle.service.ts";
import { resultsOf, tallyVote, verifyRoll } from "./results.service.ts";
import {
  addHouseholds,
  newDepartment,
  openedVote,
  setSoleAdultCastsBoth,
  testActor,
} from "./test-fixtures.ts";
import { findVote } from "./votes.repository.ts";
import type { Choice } from "./votes.table.ts";

let app: TestApp;

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-12-01T09:00:00.000Z"));
});
afterAll(async () => {
  await app.close();
});

/** A small seeded generator, so a failure can be replayed with the seed it prints. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("a generated vote of 1,000 households", () => {
  it("tallies exactly the ballots cast, and ballots = roll marks", async () => {
    const seed = Date.now() % 1_000_000;
    const rand = random(seed);
    await setSoleAdultCastsBoth(app.ctx, true);
    const departmentId = await newDepartment(app.ctx, 921);
    const households = await addHouseholds(
      app.ctx,
      departmentId,
      1000,
      () => 1 + Math.floor(rand() * 3),
      () => Math.floor(rand() * 3),
    );
    const voteId = await openedVote(app.ctx, departmentId);
    const truth: Record<Choice, number> = { yes: 0, no: 0, blank: 0 };
    const choose = (): Choice => (["yes", "no", "blank"] as const)[Math.floor(rand() * 3)]!;
    const casts: { personId: string; choices: Choice[]; channel: "web" | "paper" }[] = [];
    for (const h of households) {
      if (h.adults === 1) {
        // A sole adult casts none, one or both of the household's votes.
        const n = Math.floor(rand() * 3);
        if (n > 0)
          casts.push({ personId: h.people[0]!, choices: Array.from({ length: n }, choose), channel: "web" });
        continue;
      }
      // Of two or three adults, each votes with probability 0.7 until the household's 2 are used.
      let used = 0;
      for (const personId of h.people.slice(0, h.adults)) {
        if (used === 2 || rand() >= 0.7) continue;
        casts.push({ personId, choices: [choose()], channel: rand() < 0.2 ? "paper" : "web" });
        used++;
      }
    }
    for (const c of casts) for (const choice of c.choices) truth[choice]++;
    const expected = truth.yes + truth.no + truth.blank;
    // A few at a time, in random order across households.
    casts.sort(() => rand() - 0.5);
    for (let i = 0; i < casts.length; i += 5) {
      await Promise.all(casts.slice(i, i + 5).map((c) => castBallots(app.ctx, testActor, { voteId, ...c })));
    }
    const published = await closeVote(app.ctx, testActor, voteId);
    const message = `seed ${seed}`;
    expect(published, message).toEqual({ ...truth, ballots: expected, marks: expected, rejected: 0 });
    expect(await tallyVote(app.ctx.db, voteId), message).toEqual({
      ...truth,
      ballots: expected,
      marks: expected,
    });
    const v = (await findVote(app.ctx.db, voteId))!;
    const results = await resultsOf(app.ctx.db, v);
    expect(results.verified, message).toBe(true);
    expect(results.outcome).toBe(truth.yes > truth.no ? "yes" : truth.no > truth.yes ? "no" : "tie");
    expect(v.roll_households).toBe(1000);
    expect((await verifyRoll(app.ctx.db, v))?.matches).toBe(true);
  });
});
