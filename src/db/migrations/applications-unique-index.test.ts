/**
 * Migration 2026-11-29T0200 makes SQLite's applications table again (to turn its unique
 * constraint into an index). The rows that refer to an application must come through: with
 * foreign-key enforcement on, dropping the old table would have deleted the queue rows (cascade)
 * or been refused (fee charges).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp, testPerson } from "../../../test/helpers.ts";
import { addQueueRows, enterQueues } from "../../modules/letting/queue.repository.ts";
import { newId } from "../../platform/ids.ts";
import { migrateToLatest } from "../migrate.ts";

let app: TestApp;
const now = "2026-11-29T12:00:00.000Z";
const applicationId = newId();
let listId: string;
let personId: string;
let departmentId: string;

beforeAll(async () => {
  app = await buildTestApp({ migrateUpTo: "2026-11-29T0100-letting-queue-by-seniority" });
  const db = app.ctx.db;
  const organisationId = (await db.selectFrom("organisations").select("id").executeTakeFirstOrThrow()).id;
  departmentId = (await db.selectFrom("departments").select("id").executeTakeFirstOrThrow()).id;
  listId = newId();
  personId = newId();
  await db
    .insertInto("waiting_lists")
    .values({ id: listId, organisation_id: organisationId, kind: "external", created_at: now })
    .execute();
  await db
    .insertInto("people")
    .values(testPerson({ id: personId, organisationId, name: "Søger Før" }))
    .execute();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("applications")
      .values({
        id: applicationId,
        list_id: listId,
        person_id: personId,
        seniority_date: "2020-01-01",
        status: "active",
        rooms_min: 2,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await addQueueRows(trx, applicationId, [departmentId]);
    await enterQueues(trx, app.ctx.database.dialect, applicationId);
    await trx
      .insertInto("fee_charges")
      .values({
        id: newId(),
        application_id: applicationId,
        kind: "sign_up",
        amount_ore: 20000,
        payment_id: `+71<${applicationId.slice(-15)}+00000000<`,
        period_end: "2021-01-01",
        due_date: "2020-01-15",
        status: "open",
        created_at: now,
      })
      .execute();
  });
  expect(await migrateToLatest(app.ctx.database)).toContain("2026-11-29T0200-applications-unique-index");
});
afterAll(async () => {
  await app.close();
});

describe("applications' unique index (migration 2026-11-29T0200)", () => {
  it("keeps the application, its queue row with its place, and its fee charge", async () => {
    const db = app.ctx.db;
    expect(
      await db.selectFrom("applications").select("rooms_min").where("id", "=", applicationId).execute(),
    ).toEqual([{ rooms_min: 2 }]);
    expect(
      await db
        .selectFrom("application_departments")
        .select(["department_id", "rank"])
        .where("application_id", "=", applicationId)
        .execute(),
    ).toEqual([{ department_id: departmentId, rank: 1 }]);
    const charges = await db
      .selectFrom("fee_charges")
      .select("id")
      .where("application_id", "=", applicationId)
      .execute();
    expect(charges).toHaveLength(1);
  });

  it("still refuses a person's second application to the same list", async () => {
    const second = app.ctx.db
      .insertInto("applications")
      .values({
        id: newId(),
        list_id: listId,
        person_id: personId,
        seniority_date: "2021-01-01",
        status: "active",
        created_at: now,
        updated_at: now,
      })
      .execute();
    await expect(second).rejects.toThrow(/unique|duplicate/i);
  });

  it("keeps the trigger that copies an application's facts onto its queue rows", async () => {
    const db = app.ctx.db;
    await db.updateTable("applications").set({ rooms_min: 3 }).where("id", "=", applicationId).execute();
    const row = await db
      .selectFrom("application_departments")
      .select("rooms_min")
      .where("application_id", "=", applicationId)
      .executeTakeFirstOrThrow();
    expect(row.rooms_min).toBe(3);
  });

  it("still deletes an application's queue rows with it, and refuses to orphan its fee charge", async () => {
    const db = app.ctx.db;
    await expect(db.deleteFrom("applications").where("id", "=", applicationId).execute()).rejects.toThrow(
      /foreign key/i,
    );
    await db.deleteFrom("fee_charges").where("application_id", "=", applicationId).execute();
    await db.deleteFrom("applications").where("id", "=", applicationId).execute();
    const left = await db
      .selectFrom("application_departments")
      .select("department_id")
      .where("application_id", "=", applicationId)
      .execute();
    expect(left).toEqual([]);
  });
});
