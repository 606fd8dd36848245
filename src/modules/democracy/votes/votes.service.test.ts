import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { AppError } from "../../../platform/errors.ts";
import { castBallots, entitlementOf } from "./cast.service.ts";
import { advanceDueVotes, closeVote, currentVote, openVote } from "./lifecycle.service.ts";
import { checkReceipt, publishedReceipts, resultsOf, tallyVote, verifyRoll } from "./results.service.ts";
import {
  addHouseholds,
  newDepartment,
  openedVote,
  setSoleAdultCastsBoth,
  testActor,
} from "./test-fixtures.ts";
import { findVote } from "./votes.repository.ts";
import { createVote } from "./votes.service.ts";

let app: TestApp;
const day = 86_400_000;

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-12-01T09:00:00.000Z"));
});
afterAll(async () => {
  await app.close();
});

const refusal = async (work: Promise<unknown>): Promise<string> => {
  try {
    await work;
  } catch (e) {
    if (e instanceof AppError) return e.messageKey;
    throw e;
  }
  throw new Error("expected a refusal");
};

const vote = async (id: string) => (await findVote(app.ctx.db, id))!;

describe("creating a vote", () => {
  it("checks the vote and audits it", async () => {
    const departmentId = await newDepartment(app.ctx, 901);
    const bad = await refusal(
      createVote(app.ctx, testActor, {
        departmentId,
        title: " ",
        question: "Q",
        kind: "ballot",
        opensAt: "2026-12-10T10:00:00Z",
        closesAt: "2026-12-09T10:00:00Z",
      }),
    );
    expect(bad).toBe("errors.validation");
    const { id } = await createVote(app.ctx, testActor, {
      departmentId,
      title: "Ny legeplads",
      question: "Skal vi have en ny legeplads?",
      kind: "digital",
      opensAt: "2026-12-10T10:00:00+01:00",
      closesAt: "2026-12-17T10:00:00+01:00",
    });
    const v = await vote(id);
    expect(v).toMatchObject({ status: "planned", opens_at: "2026-12-10T09:00:00.000Z", roll_hash: null });
    const entry = await app.ctx.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", id)
      .where("action", "=", "votes.create")
      .executeTakeFirst();
    expect(entry).toBeTruthy();
  });
});

describe("the vote's window, by the server clock", () => {
  it("refuses votes before opening and after closing, and hides results until closed", async () => {
    const departmentId = await newDepartment(app.ctx, 902);
    const [h] = await addHouseholds(app.ctx, departmentId, 1, () => 2);
    const start = app.clock.now().getTime();
    const { id } = await createVote(app.ctx, testActor, {
      departmentId,
      title: "Vindmølle",
      question: "Skal vi købe andele i en vindmølle?",
      kind: "ballot",
      opensAt: new Date(start + day).toISOString(),
      closesAt: new Date(start + 8 * day).toISOString(),
    });
    const cast = (personId: string) =>
      castBallots(app.ctx, testActor, { voteId: id, personId, choices: ["yes"], channel: "web" });
    expect(await refusal(cast(h!.people[0]!))).toBe("votes.errors.not_open_yet");
    expect(await refusal(resultsOf(app.ctx.db, await vote(id)))).toBe("votes.errors.results_hidden");

    // The clock passes the opening: the first look opens it and freezes the roll.
    app.clock.set(new Date(start + day + 1000));
    expect((await currentVote(app.ctx, id))?.status).toBe("open");
    const { receipts } = await cast(h!.people[0]!);
    expect(receipts).toHaveLength(1);
    expect(await refusal(resultsOf(app.ctx.db, await vote(id)))).toBe("votes.errors.results_hidden");
    expect(await refusal(publishedReceipts(app.ctx.db, await vote(id)))).toBe("votes.errors.results_hidden");
    expect(await refusal(checkReceipt(app.ctx.db, await vote(id), receipts[0]!))).toBe(
      "votes.errors.results_hidden",
    );

    // At the closing instant voting is over, even before anything has marked it closed.
    app.clock.set(new Date(start + 8 * day));
    expect(await refusal(cast(h!.people[1]!))).toBe("votes.errors.closed");
    expect(await advanceDueVotes(app.ctx)).toBeGreaterThanOrEqual(1);
    const closed = await vote(id);
    expect(closed.status).toBe("closed");
    expect(await refusal(cast(h!.people[1]!))).toBe("votes.errors.closed");
    const results = await resultsOf(app.ctx.db, closed);
    expect(results.recount).toMatchObject({ yes: 1, no: 0, blank: 0, ballots: 1, marks: 1 });
    expect(results.verified).toBe(true);
    expect(await checkReceipt(app.ctx.db, closed, receipts[0]!.toLowerCase())).toEqual({
      code: receipts[0],
      found: true,
    });
    expect((await checkReceipt(app.ctx.db, closed, "0000-0000-0000-0000")).found).toBe(false);
    expect(await publishedReceipts(app.ctx.db, closed)).toEqual(receipts);
    const actions = await app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .orderBy("id") // time-ordered ids: the order they were written
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "votes.create",
      "votes.open",
      "votes.cast",
      "votes.close",
      "votes.publish",
    ]);
  });
});

describe("the roll", () => {
  it("is the households current at opening with their adults, frozen and hashed", async () => {
    const departmentId = await newDepartment(app.ctx, 903);
    await setSoleAdultCastsBoth(app.ctx, true);
    const households = await addHouseholds(
      app.ctx,
      departmentId,
      4,
      (i) => [1, 2, 3, 0][i]!,
      (i) => [2, 0, 1, 1][i]!,
    );
    const id = await openedVote(app.ctx, departmentId);
    const v = await vote(id);
    expect(v).toMatchObject({
      roll_households: 3,
      roll_people: 6,
      roll_ballots: 6,
      is_sole_adult_casting_both: true,
    });
    expect((await verifyRoll(app.ctx.db, v))?.matches).toBe(true);
    const [sole, two, three, childOnly] = households;
    expect((await entitlementOf(app.ctx.db, id, sole!.people[0]!)).own).toBe(2);
    expect((await entitlementOf(app.ctx.db, id, sole!.people[1]!)).onRoll).toBe(false); // a child
    expect((await entitlementOf(app.ctx.db, id, two!.people[1]!)).own).toBe(1);
    expect((await entitlementOf(app.ctx.db, id, childOnly!.people[0]!)).onRoll).toBe(false);

    // Someone moving in after opening is not on the frozen roll; the hash still matches.
    const [late] = await addHouseholds(app.ctx, departmentId, 1, () => 1);
    expect(
      await refusal(
        castBallots(app.ctx, testActor, {
          voteId: id,
          personId: late!.people[0]!,
          choices: ["no"],
          channel: "web",
        }),
      ),
    ).toBe("votes.errors.not_on_roll");
    expect((await verifyRoll(app.ctx.db, await vote(id)))?.matches).toBe(true);

    // Three adults, two votes: the third finds the household done, on any channel.
    for (const p of three!.people.slice(0, 2)) {
      await castBallots(app.ctx, testActor, { voteId: id, personId: p, choices: ["no"], channel: "paper" });
    }
    expect(
      await refusal(
        castBallots(app.ctx, testActor, {
          voteId: id,
          personId: three!.people[2]!,
          choices: ["yes"],
          channel: "web",
        }),
      ),
    ).toBe("votes.errors.household_done");
    // The sole adult casts both, one at a time, then has none left.
    await castBallots(app.ctx, testActor, {
      voteId: id,
      personId: sole!.people[0]!,
      choices: ["yes"],
      channel: "web",
    });
    expect((await entitlementOf(app.ctx.db, id, sole!.people[0]!)).remaining).toBe(1);
    await castBallots(app.ctx, testActor, {
      voteId: id,
      personId: sole!.people[0]!,
      choices: ["blank"],
      channel: "paper",
    });
    expect(
      await refusal(
        castBallots(app.ctx, testActor, {
          voteId: id,
          personId: sole!.people[0]!,
          choices: ["yes"],
          channel: "web",
        }),
      ),
    ).toBe("votes.errors.already_voted");
    // Two ballots at once are only for a sole adult.
    expect(
      await refusal(
        castBallots(app.ctx, testActor, {
          voteId: id,
          personId: two!.people[0]!,
          choices: ["yes", "yes"],
          channel: "web",
        }),
      ),
    ).toBe("votes.errors.too_many");
    const results = await closeVote(app.ctx, testActor, id);
    expect(results).toEqual({ yes: 1, no: 2, blank: 1, ballots: 4, marks: 4, rejected: 0 });
  });

  it("freezes the sole-adult rule as it stood at opening", async () => {
    const departmentId = await newDepartment(app.ctx, 904);
    const [sole] = await addHouseholds(app.ctx, departmentId, 1, () => 1);
    await setSoleAdultCastsBoth(app.ctx, false);
    const id = await openedVote(app.ctx, departmentId);
    await setSoleAdultCastsBoth(app.ctx, true);
    expect((await vote(id)).is_sole_adult_casting_both).toBe(false);
    expect(
      await refusal(
        castBallots(app.ctx, testActor, {
          voteId: id,
          personId: sole!.people[0]!,
          choices: ["yes", "no"],
          channel: "web",
        }),
      ),
    ).toBe("votes.errors.too_many");
    await castBallots(app.ctx, testActor, {
      voteId: id,
      personId: sole!.people[0]!,
      choices: ["yes"],
      channel: "web",
    });
    expect((await entitlementOf(app.ctx.db, id, sole!.people[0]!)).remaining).toBe(0);
  });

  it("cannot be opened twice or closed before it opened", async () => {
    const departmentId = await newDepartment(app.ctx, 905);
    const id = await openedVote(app.ctx, departmentId);
    expect(await refusal(openVote(app.ctx, testActor, id))).toBe("votes.errors.not_planned");
    await closeVote(app.ctx, testActor, id);
    expect(await refusal(closeVote(app.ctx, testActor, id))).toBe("votes.errors.not_open");
    expect(await tallyVote(app.ctx.db, id)).toEqual({ yes: 0, no: 0, blank: 0, ballots: 0, marks: 0 });
  });
});
