import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { seedDemoVotes } from "../../../seed/demo-votes.ts";
import { resultsOf } from "./results.service.ts";
import { findVote } from "./votes.repository.ts";

let app: TestApp;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe("the demo votes", () => {
  it("are a closed ballot with verified results, an open digital vote and an upcoming ballot, once", async () => {
    expect(await seedDemoVotes(app.ctx)).toBe(true);
    expect(await seedDemoVotes(app.ctx)).toBe(false);
    const votes = await app.ctx.db
      .selectFrom("votes")
      .select(["id", "status", "kind"])
      .orderBy("opens_at")
      .execute();
    expect(votes.map((v) => [v.status, v.kind])).toEqual([
      ["closed", "ballot"],
      ["open", "digital"],
      ["planned", "ballot"],
    ]);
    const closed = (await findVote(app.ctx.db, votes[0]!.id))!;
    const results = await resultsOf(app.ctx.db, closed);
    expect(results.verified).toBe(true);
    expect(results.recount.ballots).toBe(12);
  });
});
