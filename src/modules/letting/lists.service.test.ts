import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { addMonths, todayInCopenhagen } from "../../platform/dates.ts";
import { AppError } from "../../platform/errors.ts";
import { isValidFiPaymentId } from "../../platform/payments/fi-card.ts";
import { demoOrganisation, makePerson, testActor } from "./fees/test-support.ts";
import {
  ensureWaitingLists,
  pauseApplication,
  reactivateApplication,
  removeApplication,
  signUp,
} from "./lists.service.ts";

let app: TestApp;
let org: Awaited<ReturnType<typeof demoOrganisation>>;

beforeAll(async () => {
  app = await buildTestApp();
  org = await demoOrganisation(app);
});
afterAll(async () => {
  await app.close();
});

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, key: e.messageKey, fields: e.fields, params: e.params };
    throw e;
  }
  throw new Error("expected a failure");
};

const rankOf = async (applicationId: string, departmentId: string) =>
  (
    await app.ctx.db
      .selectFrom("application_departments")
      .select("rank")
      .where("application_id", "=", applicationId)
      .where("department_id", "=", departmentId)
      .executeTakeFirstOrThrow()
  ).rank;

describe("waiting lists", () => {
  it("are made once per organisation, external and internal", async () => {
    const first = await ensureWaitingLists(app.ctx.db, org.organisationId);
    const again = await ensureWaitingLists(app.ctx.db, org.organisationId);
    expect(again).toEqual(first);
    expect(first.external).not.toEqual(first.internal);
  });
});

describe("signUp", () => {
  it("makes the application with today's seniority, its queues and a sign-up fee letter", async () => {
    const personId = await makePerson(app, org.organisationId);
    const result = await signUp(app.ctx, testActor, {
      personId,
      organisationId: org.organisationId,
      listKind: "external",
      departmentIds: [org.dept101, org.dept102],
      roomsMin: 2,
      roomsMax: 3,
    });
    const today = todayInCopenhagen(app.ctx.clock);
    const application = await app.ctx.db
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", result.applicationId)
      .executeTakeFirstOrThrow();
    expect(application).toMatchObject({
      seniority_date: today,
      status: "active",
      rooms_min: 2,
      fee_paid_until: null,
    });
    expect(await rankOf(result.applicationId, org.dept101)).toBeGreaterThanOrEqual(1);
    const charge = await app.ctx.db
      .selectFrom("fee_charges")
      .selectAll()
      .where("id", "=", result.chargeId!)
      .executeTakeFirstOrThrow();
    expect(charge).toMatchObject({
      kind: "sign_up",
      amount_ore: 30_000,
      status: "open",
      period_end: addMonths(today, 12),
    });
    expect(isValidFiPaymentId(charge.payment_id)).toBe(true);
    const letter = await app.ctx.db
      .selectFrom("letters")
      .select(["letter_type", "body"])
      .where("id", "=", charge.letter_id!)
      .executeTakeFirstOrThrow();
    expect(letter.letter_type).toBe("payment_request");
    // No FI creditor number in the demo organisation: the letter names the payment id instead.
    expect(letter.body).toContain(charge.payment_id);
    expect(letter.body).toContain("300,00");
    expect(
      await failure(
        signUp(app.ctx, testActor, {
          personId,
          organisationId: org.organisationId,
          listKind: "external",
          departmentIds: [org.dept101],
        }),
      ),
    ).toMatchObject({ code: "conflict", key: "letting.seeker.errors.already_on_list" });
  });

  it("prints the FI +71 payment line when the organisation has a creditor number", async () => {
    await app.ctx.db
      .updateTable("organisations")
      .set({ settings_json: { letting: { fiCreditorNumber: "81234567" } } })
      .where("id", "=", org.organisationId)
      .execute();
    try {
      const personId = await makePerson(app, org.organisationId);
      const { chargeId } = await signUp(app.ctx, testActor, {
        personId,
        organisationId: org.organisationId,
        listKind: "external",
        departmentIds: [org.dept102],
      });
      const row = await app.ctx.db
        .selectFrom("fee_charges as c")
        .innerJoin("letters as l", "l.id", "c.letter_id")
        .select(["c.payment_id", "l.body"])
        .where("c.id", "=", chargeId!)
        .executeTakeFirstOrThrow();
      expect(row.body).toContain(`+71<${row.payment_id}+81234567<`);
    } finally {
      await app.ctx.db
        .updateTable("organisations")
        .set({ settings_json: {} })
        .where("id", "=", org.organisationId)
        .execute();
    }
  });

  it("refuses anyone under the minimum age, and asks for a birth date when none is on file", async () => {
    const today = todayInCopenhagen(app.ctx.clock);
    const young = await makePerson(app, org.organisationId, { birthDate: addMonths(today, -12 * 15 + 1) });
    const props = {
      organisationId: org.organisationId,
      listKind: "external" as const,
      departmentIds: [org.dept101],
    };
    expect(await failure(signUp(app.ctx, testActor, { ...props, personId: young }))).toMatchObject({
      code: "validation",
      fields: { birth_date: "letting.seeker.errors.too_young" },
      params: { age: 15 },
    });
    const unknown = await makePerson(app, org.organisationId, { birthDate: null });
    expect(await failure(signUp(app.ctx, testActor, { ...props, personId: unknown }))).toMatchObject({
      fields: { birth_date: "letting.seeker.errors.birth_date_required" },
    });
    await signUp(app.ctx, testActor, { ...props, personId: unknown, birthDate: addMonths(today, -12 * 15) });
    const person = await app.ctx.db
      .selectFrom("people")
      .select("birth_date")
      .where("id", "=", unknown)
      .executeTakeFirstOrThrow();
    expect(person.birth_date).toBe(addMonths(today, -12 * 15));
  });

  it("keeps the internal list for the organisation's residents and checks the departments", async () => {
    const outsider = await makePerson(app, org.organisationId);
    const props = { organisationId: org.organisationId, departmentIds: [org.dept101] };
    expect(
      await failure(signUp(app.ctx, testActor, { ...props, personId: outsider, listKind: "internal" })),
    ).toMatchObject({ fields: { list_kind: "letting.seeker.errors.internal_residents_only" } });
    expect(
      await failure(
        signUp(app.ctx, testActor, { ...props, personId: outsider, listKind: "external", departmentIds: [] }),
      ),
    ).toMatchObject({ fields: { departments: "letting.seeker.errors.departments" } });
    const resident = await app.ctx.db
      .selectFrom("people")
      .select("id")
      .where("email", "=", "beboer@almen.demo")
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .updateTable("people")
      .set({ birth_date: "1970-01-01" })
      .where("id", "=", resident.id)
      .execute();
    const { applicationId } = await signUp(app.ctx, testActor, {
      ...props,
      personId: resident.id,
      listKind: "internal",
    });
    expect(await rankOf(applicationId, org.dept101)).toBe(1);
  });
});

describe("passive and active", () => {
  it("leave the queue and come back at the original seniority", async () => {
    const props = {
      organisationId: org.organisationId,
      listKind: "external" as const,
      departmentIds: [org.dept102],
    };
    const lists = await ensureWaitingLists(app.ctx.db, org.organisationId);
    // Earlier seniority than everyone else in this file: the clock goes back a year for this sign-up.
    app.clock.advance(-366 * 24 * 3600_000);
    const first = await signUp(app.ctx, testActor, {
      ...props,
      personId: await makePerson(app, org.organisationId),
    });
    app.clock.advance(366 * 24 * 3600_000);
    const second = await signUp(app.ctx, testActor, {
      ...props,
      personId: await makePerson(app, org.organisationId),
    });
    expect(await rankOf(first.applicationId, org.dept102)).toBe(1);
    const secondRank = (await rankOf(second.applicationId, org.dept102))!;
    await pauseApplication(app.ctx, testActor, first.applicationId, "unanswered_offers");
    expect(await rankOf(first.applicationId, org.dept102)).toBeNull();
    expect(await rankOf(second.applicationId, org.dept102)).toBe(secondRank - 1);
    expect(await failure(pauseApplication(app.ctx, testActor, first.applicationId, "x"))).toMatchObject({
      key: "letting.seeker.errors.not_active",
    });
    await reactivateApplication(app.ctx, testActor, first.applicationId);
    expect(await rankOf(first.applicationId, org.dept102)).toBe(1);
    expect(await rankOf(second.applicationId, org.dept102)).toBe(secondRank);
    await removeApplication(app.ctx, testActor, first.applicationId, "asked");
    expect(await rankOf(second.applicationId, org.dept102)).toBe(secondRank - 1);
    const charges = await app.ctx.db
      .selectFrom("fee_charges")
      .select("status")
      .where("application_id", "=", first.applicationId)
      .execute();
    expect(charges.map((c) => c.status)).toEqual(["cancelled"]);
    expect(lists.external).toBeTruthy();
  });
});
