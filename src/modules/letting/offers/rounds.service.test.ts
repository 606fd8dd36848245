import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { ConflictError } from "../../../platform/errors.ts";
import { createVacancy } from "../staff/vacancies.service.ts";
import { answerOffer, withdrawAcceptance } from "./answers.service.ts";
import { closeRound } from "./close.service.ts";
import { answerDeadline } from "./deadline.ts";
import { extendRound, runOfferRound } from "./rounds.service.ts";
import {
  type Applicant,
  type Fixture,
  offersOfVacancy,
  roundsScenario,
  staffPrincipal,
  testActor,
  vacancyOnFreeUnit,
} from "./test-fixtures.ts";

let app: TestApp;
let f: Fixture;
let people: Applicant[];

beforeAll(async () => {
  app = await buildTestApp();
  ({ f, people } = await roundsScenario(app));
});
afterAll(async () => {
  await app.close();
});

const offersOf = (vacancyId: string) => offersOfVacancy(app, vacancyId);
const newVacancy = () => vacancyOnFreeUnit(app, f);

describe("answer deadlines in Copenhagen time", () => {
  it("ends at 23:59:59 local time, across the autumn change to CET", () => {
    expect(answerDeadline("2026-10-22", 5).toISOString()).toBe("2026-10-27T22:59:59.000Z");
    expect(answerDeadline("2026-10-19", 5).toISOString()).toBe("2026-10-24T21:59:59.000Z");
    expect(answerDeadline("2026-03-27", 3).toISOString()).toBe("2026-03-30T21:59:59.000Z");
  });
});

describe("vacancies", () => {
  it("from a move-out is free the day after the tenancy ends", async () => {
    const t = await app.ctx.db
      .selectFrom("tenancies")
      .select(["id", "unit_id"])
      .where("end_date", "is", null)
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .updateTable("tenancies")
      .set({ end_date: "2027-01-31" })
      .where("id", "=", t.id)
      .execute();
    const id = await createVacancy(app.ctx, testActor, staffPrincipal, {
      source: "move_out",
      tenancyId: t.id,
    });
    const v = await app.ctx.db
      .selectFrom("vacancies")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(v).toMatchObject({
      unit_id: t.unit_id,
      free_from: "2027-02-01",
      status: "open",
      ending_tenancy_id: t.id,
    });
    await expect(
      createVacancy(app.ctx, testActor, staffPrincipal, { source: "move_out", tenancyId: t.id }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("an offer round", () => {
  let vacancyId: string;

  it("offers the top N with a DST-correct deadline, a letter each, and keeps the whole ranking", async () => {
    vacancyId = await newVacancy();
    const round = await runOfferRound(app.ctx, testActor, staffPrincipal, vacancyId);
    expect(round).toMatchObject({ mode: "lists", offers: 3, deadlineAt: "2026-10-27T22:59:59.000Z" });
    const offers = await offersOf(vacancyId);
    expect(offers.map((o) => o.application_id)).toEqual([0, 2, 3].map((i) => people[i]!.applicationId));
    expect(offers.every((o) => o.letter_id && o.deadline_at === "2026-10-27T22:59:59.000Z")).toBe(true);
    const letters = await app.ctx.db
      .selectFrom("letters")
      .select("letter_type")
      .where(
        "id",
        "in",
        offers.map((o) => o.letter_id!),
      )
      .execute();
    expect(letters.map((l) => l.letter_type)).toEqual(["offer", "offer", "offer"]);
    const r = await app.ctx.db
      .selectFrom("offer_rounds")
      .selectAll()
      .where("id", "=", round.roundId)
      .executeTakeFirstOrThrow();
    const decision = r.decision_json as {
      ranked: { applicationId: string }[];
      excluded: { applicationId: string; reason: string }[];
      steps: unknown[];
    };
    expect(decision.excluded).toEqual([{ applicationId: people[1]!.applicationId, reason: "fee_unpaid" }]);
    expect(decision.ranked.length).toBeGreaterThanOrEqual(3);
    expect(decision.steps.length).toBeGreaterThan(0);
  });

  it("cannot close while an answer may still come; the best-ranked acceptor wins after the deadline", async () => {
    const offers = await offersOf(vacancyId);
    const by = (i: number) => offers.find((o) => o.application_id === people[i]!.applicationId)!;
    await answerOffer(app.ctx, testActor, people[0]!.personId, by(0).id, "decline");
    await answerOffer(app.ctx, testActor, people[3]!.personId, by(3).id, "accept");
    await expect(answerOffer(app.ctx, testActor, people[2]!.personId, by(3).id, "accept")).rejects.toThrow();
    await expect(closeRound(app.ctx, testActor, staffPrincipal, vacancyId)).rejects.toBeInstanceOf(
      ConflictError,
    );
    app.clock.set(new Date("2026-10-27T23:00:00.000Z"));
    await expect(
      answerOffer(app.ctx, testActor, people[2]!.personId, by(2).id, "accept"),
    ).rejects.toBeInstanceOf(ConflictError);
    const result = await closeRound(app.ctx, testActor, staffPrincipal, vacancyId);
    expect(result).toMatchObject({ winnerApplicationId: people[3]!.applicationId, expired: 1 });
    const after = await offersOf(vacancyId);
    expect(after.map((o) => o.status)).toEqual(["declined", "expired", "won"]);
    const v = await app.ctx.db
      .selectFrom("vacancies")
      .selectAll()
      .where("id", "=", vacancyId)
      .executeTakeFirstOrThrow();
    expect(v).toMatchObject({ status: "let", let_via: "external", new_tenancy_id: result.tenancyId });
    const tenancy = await app.ctx.db
      .selectFrom("tenancies")
      .selectAll()
      .where("id", "=", result.tenancyId!)
      .executeTakeFirstOrThrow();
    expect(tenancy).toMatchObject({ unit_id: v.unit_id, start_date: "2026-12-01" });
    const member = await app.ctx.db
      .selectFrom("household_members")
      .selectAll()
      .where("tenancy_id", "=", tenancy.id)
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({ person_id: people[3]!.personId, role: "tenant" });
    const unit = await app.ctx.db
      .selectFrom("units")
      .select("status")
      .where("id", "=", v.unit_id)
      .executeTakeFirstOrThrow();
    expect(unit.status).toBe("let");
    const welcome = await app.ctx.db
      .selectFrom("letters")
      .select("id")
      .where("letter_type", "=", "welcome")
      .where("recipient_person_id", "=", people[3]!.personId)
      .execute();
    expect(welcome).toHaveLength(1);
    const won = await app.ctx.db
      .selectFrom("applications")
      .select("status")
      .where("id", "=", people[3]!.applicationId)
      .executeTakeFirstOrThrow();
    expect(won.status).toBe("housed");
    const unanswered = await app.ctx.db
      .selectFrom("applications")
      .select("unanswered_offers")
      .where("id", "=", people[2]!.applicationId)
      .executeTakeFirstOrThrow();
    expect(unanswered.unanswered_offers).toBe(1);
  });

  it("passes an applicant to passive after the configured number of unanswered offers", async () => {
    const vacancy = await newVacancy();
    app.clock.set(new Date("2026-11-02T10:00:00.000Z"));
    await runOfferRound(app.ctx, testActor, staffPrincipal, vacancy);
    const offers = await offersOf(vacancy);
    expect(offers.map((o) => o.application_id)).toContain(people[2]!.applicationId);
    app.clock.set(new Date("2026-11-09T10:00:00.000Z"));
    await closeRound(app.ctx, testActor, staffPrincipal, vacancy);
    const a = await app.ctx.db
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", people[2]!.applicationId)
      .executeTakeFirstOrThrow();
    expect(a).toMatchObject({ unanswered_offers: 2, status: "passive" });
    // Nobody accepted: the vacancy stays on offer and the next round skips everyone offered before.
    const ext = await extendRound(app.ctx, testActor, staffPrincipal, vacancy);
    const next = await app.ctx.db
      .selectFrom("offers")
      .select("application_id")
      .where("round_id", "=", ext.roundId)
      .execute();
    expect(next.map((o) => o.application_id).some((id) => offers.some((o) => o.application_id === id))).toBe(
      false,
    );
  });

  it("gives a quarantine to an applicant who withdraws an acceptance", async () => {
    const vacancy = await newVacancy();
    app.clock.set(new Date("2026-11-16T10:00:00.000Z"));
    await runOfferRound(app.ctx, testActor, staffPrincipal, vacancy);
    const [first] = await offersOf(vacancy);
    const owner = await app.ctx.db
      .selectFrom("applications")
      .select("person_id")
      .where("id", "=", first!.application_id)
      .executeTakeFirstOrThrow();
    await answerOffer(app.ctx, testActor, owner.person_id, first!.id, "accept");
    await withdrawAcceptance(app.ctx, testActor, owner.person_id, first!.id);
    const a = await app.ctx.db
      .selectFrom("applications")
      .select("quarantine_until")
      .where("id", "=", first!.application_id)
      .executeTakeFirstOrThrow();
    expect(a.quarantine_until).toBe("2027-11-16");
  });
});
