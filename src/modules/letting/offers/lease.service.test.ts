import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { ConflictError } from "../../../platform/errors.ts";
import { answerOffer } from "./answers.service.ts";
import { closeRound, recordReferral } from "./close.service.ts";
import { runOfferRound } from "./rounds.service.ts";
import {
  type Applicant,
  applicant,
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

describe("two acceptances processed at once", () => {
  it("never produce two leases for one unit", async () => {
    app.clock.set(new Date("2026-11-20T10:00:00.000Z"));
    const fresh = [];
    for (const s of ["2010-01-01", "2010-02-01"]) fresh.push(await applicant(app, f, { seniority: s }));
    // The first also waits on the internal list, which has the turn: one offer, on that application;
    // after the lease their external application goes (afterLease keep_internal).
    const internal = await applicant(app, f, {
      seniority: "2011-01-01",
      list: "internal",
      personId: fresh[0]!.personId,
    });
    const vacancy = await newVacancy();
    await runOfferRound(app.ctx, testActor, staffPrincipal, vacancy);
    const offers = await offersOf(vacancy);
    expect(offers.map((o) => o.application_id)).toContain(internal.applicationId);
    expect(offers.map((o) => o.application_id)).not.toContain(fresh[0]!.applicationId);
    for (const id of [internal.applicationId, fresh[1]!.applicationId]) {
      const o = offers.find((x) => x.application_id === id)!;
      const owner = id === internal.applicationId ? fresh[0]! : fresh[1]!;
      await answerOffer(app.ctx, testActor, owner.personId, o.id, "accept");
    }
    app.clock.set(new Date("2026-11-26T10:00:00.000Z"));
    const results = await Promise.allSettled([
      closeRound(app.ctx, testActor, staffPrincipal, vacancy),
      closeRound(app.ctx, testActor, staffPrincipal, vacancy),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    const v = await app.ctx.db
      .selectFrom("vacancies")
      .select("unit_id")
      .where("id", "=", vacancy)
      .executeTakeFirstOrThrow();
    const leases = await app.ctx.db
      .selectFrom("tenancies")
      .select("id")
      .where("unit_id", "=", v.unit_id)
      .where("start_date", "=", "2026-12-01")
      .execute();
    expect(leases).toHaveLength(1);
    const won = await offersOf(vacancy);
    expect(won.filter((o) => o.status === "won").map((o) => o.application_id)).toEqual([
      internal.applicationId,
    ]);
    const statuses = await app.ctx.db
      .selectFrom("applications")
      .select(["id", "status"])
      .where("person_id", "=", fresh[0]!.personId)
      .execute();
    expect(Object.fromEntries(statuses.map((a) => [a.id, a.status]))).toEqual({
      [fresh[0]!.applicationId]: "removed",
      [internal.applicationId]: "housed",
    });
    const queue = await app.ctx.db
      .selectFrom("application_departments")
      .select("rank")
      .where("application_id", "=", fresh[0]!.applicationId)
      .executeTakeFirstOrThrow();
    expect(queue.rank).toBeNull();
  });
});

describe("the municipality's turn", () => {
  it("makes no offers, and the referral becomes the lease", async () => {
    await app.ctx.db
      .updateTable("departments")
      .set({ settings_json: { letting: { municipalAssignmentEvery: 1 } } })
      .where("id", "=", f.departmentId)
      .execute();
    const vacancy = await newVacancy();
    const round = await runOfferRound(app.ctx, testActor, staffPrincipal, vacancy);
    expect(round).toMatchObject({ mode: "municipal_assignment", offers: 0 });
    const tenancyId = await recordReferral(app.ctx, testActor, staffPrincipal, vacancy, people[6]!.personId);
    const v = await app.ctx.db
      .selectFrom("vacancies")
      .selectAll()
      .where("id", "=", vacancy)
      .executeTakeFirstOrThrow();
    expect(v).toMatchObject({ status: "let", let_via: "municipal", new_tenancy_id: tenancyId });
    await app.ctx.db
      .updateTable("departments")
      .set({ settings_json: {} })
      .where("id", "=", f.departmentId)
      .execute();
  });
});
