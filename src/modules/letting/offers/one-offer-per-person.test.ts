import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { runOfferRound } from "./rounds.service.ts";
import {
  applicant,
  type Fixture,
  lettingFixture,
  offersOfVacancy,
  staffPrincipal,
  testActor,
  vacancyOnFreeUnit,
} from "./test-fixtures.ts";

let app: TestApp;
let f: Fixture;

beforeAll(async () => {
  app = await buildTestApp();
  f = await lettingFixture(app, {
    offersPerRound: 2,
    municipalAssignmentEvery: 0,
    childrenPriorityMinRooms: 0,
  });
});
afterAll(async () => {
  await app.close();
});

describe("an offer round", () => {
  it("offers a person on both lists once, and still makes the round's number of offers", async () => {
    // The internal list has the first turn (nothing let yet); the same person tops both lists.
    const both = await applicant(app, f, { seniority: "2010-01-01", list: "internal" });
    const again = await applicant(app, f, {
      seniority: "2010-01-01",
      list: "external",
      personId: both.personId,
    });
    const next = await applicant(app, f, { seniority: "2012-01-01", list: "external" });
    await applicant(app, f, { seniority: "2014-01-01", list: "external" });
    const vacancyId = await vacancyOnFreeUnit(app, f);
    const round = await runOfferRound(app.ctx, testActor, staffPrincipal, vacancyId);
    expect(round.offers).toBe(2);
    const offers = await offersOfVacancy(app, vacancyId);
    expect(offers.map((o) => o.application_id)).toEqual([both.applicationId, next.applicationId]);
    expect(offers.map((o) => o.application_id)).not.toContain(again.applicationId);
  });
});
