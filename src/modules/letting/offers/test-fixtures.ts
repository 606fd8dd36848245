import type { TestApp } from "../../../../test/helpers.ts";
import type { Principal } from "../../../platform/access.ts";
import type { Actor } from "../../../platform/audit.ts";
import { newId } from "../../../platform/ids.ts";
import { addQueueRows, enterQueues } from "../queue.repository.ts";
import type { LettingSettings } from "../settings.ts";
import { createVacancy } from "../staff/vacancies.service.ts";

/** Test set-up for letting: lists, applicants in a department's queue, a unit to let. */
export const staffPrincipal: Principal = {
  userId: "test",
  grants: [{ role: "letting_officer", organisationId: null, departmentId: null }],
};
export const testActor: Actor = { userId: null, label: "test" };

export interface Fixture {
  organisationId: string;
  departmentId: string;
  lists: { external: string; internal: string };
}

export async function lettingFixture(app: TestApp, settings: Partial<LettingSettings>): Promise<Fixture> {
  const db = app.ctx.db;
  const org = await db.selectFrom("organisations").select(["id", "settings_json"]).executeTakeFirstOrThrow();
  await db
    .updateTable("organisations")
    .set({ settings_json: { ...org.settings_json, letting: settings } })
    .where("id", "=", org.id)
    .execute();
  const dept = await db
    .selectFrom("departments")
    .select("id")
    .where("organisation_id", "=", org.id)
    .orderBy("number")
    .executeTakeFirstOrThrow();
  const lists = { external: "", internal: "" };
  for (const kind of ["external", "internal"] as const) {
    const found = await db
      .selectFrom("waiting_lists")
      .select("id")
      .where("organisation_id", "=", org.id)
      .where("kind", "=", kind)
      .executeTakeFirst();
    lists[kind] = found?.id ?? newId();
    if (!found) {
      await db
        .insertInto("waiting_lists")
        .values({ id: lists[kind], organisation_id: org.id, kind, created_at: "2026-01-01T00:00:00.000Z" })
        .execute();
    }
  }
  return { organisationId: org.id, departmentId: dept.id, lists };
}

/** A person with an active application on the department's queue. */
export async function applicant(
  app: TestApp,
  f: Fixture,
  over: {
    seniority: string;
    list?: "external" | "internal";
    feePaidUntil?: string | null;
    name?: string;
    /** An existing person (e.g. a demo login's); otherwise a new one. */
    personId?: string;
  },
): Promise<{ personId: string; applicationId: string }> {
  const db = app.ctx.db;
  const now = "2026-01-01T00:00:00.000Z";
  const personId = over.personId ?? newId();
  if (!over.personId) await newPerson(app, f, personId, over.name ?? `Ansøger ${over.seniority}`);
  const applicationId = newId();
  const listId = f.lists[over.list ?? "external"];
  await db
    .insertInto("applications")
    .values({
      id: applicationId,
      list_id: listId,
      person_id: personId,
      seniority_date: over.seniority,
      status: "active",
      rooms_min: null,
      rooms_max: null,
      max_rent_ore: null,
      kinds_json: ["family", "youth", "senior"],
      household_size: 1,
      fee_paid_until: over.feePaidUntil ?? null,
      quarantine_until: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db.transaction().execute(async (trx) => {
    await addQueueRows(trx, applicationId, [f.departmentId]);
    await enterQueues(trx, app.ctx.database.dialect, applicationId);
  });
  return { personId, applicationId };
}

/** A unit of the department no vacancy has used yet (each lease gets its own unit). */
export async function freeUnit(app: TestApp, f: Fixture): Promise<string> {
  const unit = await app.ctx.db
    .selectFrom("units")
    .select("id")
    .where("department_id", "=", f.departmentId)
    .where("kind", "=", "family")
    .where("id", "not in", app.ctx.db.selectFrom("vacancies").select("unit_id"))
    .orderBy("unit_number")
    .executeTakeFirstOrThrow();
  return unit.id;
}

async function newPerson(app: TestApp, f: Fixture, personId: string, name: string) {
  const now = "2026-01-01T00:00:00.000Z";
  await app.ctx.db
    .insertInto("people")
    .values({
      id: personId,
      organisation_id: f.organisationId,
      person_number: `T-${personId}`,
      name,
      birth_date: null,
      email: null,
      phone: null,
      street: "Testvej",
      house_number: "1",
      floor: null,
      door: null,
      postcode: "2300",
      town: "København S",
      cpr_enc: null,
      cpr_hash: null,
      cpr_masked: null,
      cpr_legal_basis: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export type Applicant = Awaited<ReturnType<typeof applicant>>;

/**
 * The rounds and lease tests' world: 3 offers a round, 5 days to answer, no municipal turn,
 * passive after 2 unanswered offers, and seven applicants in seniority order (number 1 has an
 * unpaid fee and is passed over). The clock stands at 2026-10-22 10:00 UTC.
 */
export async function roundsScenario(app: TestApp): Promise<{ f: Fixture; people: Applicant[] }> {
  const f = await lettingFixture(app, {
    offersPerRound: 3,
    answerDays: 5,
    municipalAssignmentEvery: 0,
    passiveAfterUnanswered: 2,
    childrenPriorityMinRooms: 0,
  });
  app.clock.set(new Date("2026-10-22T10:00:00.000Z"));
  const people: Applicant[] = [];
  for (const [i, seniority] of [
    "2015-01-01",
    "2016-01-01",
    "2017-01-01",
    "2018-01-01",
    "2019-01-01",
    "2020-01-01",
    "2021-01-01",
  ].entries()) {
    people.push(await applicant(app, f, { seniority, feePaidUntil: i === 1 ? "2026-01-01" : null }));
  }
  return { f, people };
}

export const offersOfVacancy = (app: TestApp, vacancyId: string) =>
  app.ctx.db
    .selectFrom("offers")
    .selectAll()
    .where("vacancy_id", "=", vacancyId)
    .orderBy("position")
    .execute();

/** A vacancy created by hand on a free unit, free from 2026-12-01. */
export async function vacancyOnFreeUnit(app: TestApp, f: Fixture): Promise<string> {
  const unitId = await freeUnit(app, f);
  return createVacancy(app.ctx, testActor, staffPrincipal, {
    source: "manual",
    unitId,
    freeFrom: "2026-12-01",
  });
}
