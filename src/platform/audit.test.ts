import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../test/helpers.ts";
import { findAuditEntries } from "./audit.repository.ts";
import { audit, withoutSecrets } from "./audit.ts";
import { fixedClock } from "./clock.ts";

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe("the audit log", () => {
  it("removes secrets from before/after snapshots", () => {
    expect(
      withoutSecrets({
        name: "A",
        password_hash: "x",
        cpr: "010101-1234",
        api_token: "t",
        totp_secret_enc: "s",
      }),
    ).toEqual({
      name: "A",
      password_hash: "[removed]",
      cpr: "[removed]",
      api_token: "[removed]",
      totp_secret_enc: "[removed]",
    });
  });

  it("is written in the same transaction as the change: a rolled-back change leaves no entry", async () => {
    const clock = fixedClock(new Date("2026-11-27T10:00:00Z"));
    const actor = { userId: null, label: "tester" };
    await db.kysely
      .transaction()
      .execute(async (trx) => {
        await audit(trx, clock, actor, {
          action: "thing.change",
          entity: "thing",
          entityId: "1",
          organisationId: "o1",
        });
        throw new Error("the change failed");
      })
      .catch(() => undefined);
    await audit(db.kysely, clock, actor, {
      action: "thing.keep",
      entity: "thing",
      entityId: "2",
      organisationId: "o1",
      before: { a: 1 },
      after: { a: 2 },
    });
    clock.advance(24 * 3600 * 1000);
    await audit(
      db.kysely,
      clock,
      { userId: null, label: "Other Person" },
      { action: "thing.keep", entity: "thing", entityId: "3", organisationId: "o2" },
    );
    const all = await findAuditEntries(db.kysely, db.dialect, {
      organisationIds: null,
      page: 1,
      pageSize: 10,
    });
    expect(all.rows.map((r) => r.entityId)).toEqual(["3", "2"]);
    expect(all.rows[1]).toMatchObject({ before: { a: 1 }, after: { a: 2 }, actorLabel: "tester" });
    const scoped = await findAuditEntries(db.kysely, db.dialect, {
      organisationIds: ["o1"],
      page: 1,
      pageSize: 10,
    });
    expect(scoped.total).toBe(1);
    const byDay = await findAuditEntries(db.kysely, db.dialect, {
      organisationIds: null,
      from: "2026-11-28",
      to: "2026-11-28",
      page: 1,
      pageSize: 10,
    });
    expect(byDay.rows.map((r) => r.entityId)).toEqual(["3"]);
    const byPerson = await findAuditEntries(db.kysely, db.dialect, {
      organisationIds: null,
      person: "other",
      page: 1,
      pageSize: 10,
    });
    expect(byPerson.rows.map((r) => r.entityId)).toEqual(["3"]);
    const none = await findAuditEntries(db.kysely, db.dialect, {
      organisationIds: [],
      page: 1,
      pageSize: 10,
    });
    expect(none.total).toBe(0);
  });
});
