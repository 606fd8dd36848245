import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { newId } from "../../platform/ids.ts";
import { addQueueRows, enterQueues, leaveQueues, positionsOf, rerankAll } from "./queue.repository.ts";

let app: TestApp;
let departments: string[];
let lists: string[];
let organisationId: string;
const now = "2026-11-27T12:00:00.000Z";

beforeAll(async () => {
  app = await buildTestApp();
  const db = app.ctx.db;
  organisationId = (await db.selectFrom("organisations").select("id").executeTakeFirstOrThrow()).id;
  // The first and the last department by id: on PostgreSQL rerankAll ranks two halves of the
  // departments at once, and these lie in different halves.
  const all = (await db.selectFrom("departments").select("id").orderBy("id").execute()).map((d) => d.id);
  expect(all.length).toBeGreaterThanOrEqual(2);
  departments = [all[0]!, all.at(-1)!];
  lists = [newId(), newId()];
  await db
    .insertInto("waiting_lists")
    .values([
      { id: lists[0]!, organisation_id: organisationId, kind: "external", created_at: now },
      { id: lists[1]!, organisation_id: organisationId, kind: "internal", created_at: now },
    ])
    .execute();
});
afterAll(async () => {
  await app.close();
});

/** What the ranks must be: active applications per department and list, by seniority then id. */
async function expectedRanks() {
  const rows = await app.ctx.db
    .selectFrom("application_departments as q")
    .innerJoin("applications as a", "a.id", "q.application_id")
    .select(["q.application_id", "q.department_id", "q.list_id", "q.seniority_date", "q.rank", "a.status"])
    .execute();
  const want = new Map<string, number | null>();
  const queues = new Map<string, typeof rows>();
  for (const r of rows) {
    if (r.status !== "active") {
      want.set(`${r.application_id}/${r.department_id}`, null);
      continue;
    }
    const key = `${r.department_id}/${r.list_id}`;
    queues.set(key, [...(queues.get(key) ?? []), r]);
  }
  for (const queue of queues.values()) {
    queue.sort((a, b) =>
      a.seniority_date === b.seniority_date
        ? a.application_id < b.application_id
          ? -1
          : 1
        : a.seniority_date < b.seniority_date
          ? -1
          : 1,
    );
    for (const [i, r] of queue.entries()) want.set(`${r.application_id}/${r.department_id}`, i + 1);
  }
  const got = new Map(rows.map((r) => [`${r.application_id}/${r.department_id}`, r.rank]));
  return { want, got };
}

const op = fc.oneof(
  fc.record({
    kind: fc.constant("add" as const),
    list: fc.nat(1),
    date: fc.integer({ min: 0, max: 40 }),
    depts: fc.subarray([0, 1], { minLength: 1 }),
  }),
  fc.record({ kind: fc.constantFrom("leave" as const, "enter" as const), pick: fc.nat(1000) }),
);

describe("stored waiting-list ranks", () => {
  it("stay equal to the seniority order through any sequence of sign-ups, pauses and returns", async () => {
    const db = app.ctx.db;
    const dialect = app.ctx.database.dialect;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        await db.deleteFrom("application_departments").execute();
        await db.deleteFrom("applications").execute();
        const apps: { id: string; active: boolean }[] = [];
        for (const o of ops) {
          await db.transaction().execute(async (trx) => {
            if (o.kind === "add") {
              const id = newId();
              const personId = newId();
              const seniority = new Date(Date.UTC(2020, 0, 1 + o.date)).toISOString().slice(0, 10);
              await trx
                .insertInto("people")
                .values({
                  id: personId,
                  organisation_id: organisationId,
                  person_number: `Q-${personId}`,
                  name: "Søger",
                  created_at: now,
                  updated_at: now,
                })
                .execute();
              await trx
                .insertInto("applications")
                .values({
                  id,
                  list_id: lists[o.list]!,
                  person_id: personId,
                  seniority_date: seniority,
                  status: "active",
                  created_at: now,
                  updated_at: now,
                })
                .execute();
              await addQueueRows(
                trx,
                id,
                o.depts.map((d) => departments[d]!),
              );
              await enterQueues(trx, dialect, id);
              apps.push({ id, active: true });
              return;
            }
            const candidates = apps.filter((a) => a.active === (o.kind === "leave"));
            const target = candidates[o.pick % Math.max(candidates.length, 1)];
            if (!target) return;
            await trx
              .updateTable("applications")
              .set({ status: o.kind === "leave" ? "passive" : "active" })
              .where("id", "=", target.id)
              .execute();
            if (o.kind === "leave") await leaveQueues(trx, dialect, target.id);
            else await enterQueues(trx, dialect, target.id);
            target.active = o.kind === "enter";
          });
        }
        const { want, got } = await expectedRanks();
        expect(got).toEqual(want);
        await rerankAll(app.ctx.db, app.ctx.database.dialect);
        expect((await expectedRanks()).got).toEqual(want);
        // A repair: whatever the stored ranks say, the re-rank makes them true again.
        await db
          .updateTable("application_departments")
          .set((eb) => ({ rank: eb.fn.coalesce(eb("rank", "*", 3), eb.val(5)) }))
          .execute();
        await rerankAll(app.ctx.db, app.ctx.database.dialect);
        expect((await expectedRanks()).got).toEqual(want);
      }),
      { numRuns: 40 },
    );
  });

  it("answer a seeker's positions from the stored ranks", async () => {
    const db = app.ctx.db;
    const row = await db
      .selectFrom("applications")
      .select(["person_id"])
      .where("status", "=", "active")
      .executeTakeFirst();
    if (!row) return;
    const positions = await positionsOf(db, row.person_id);
    expect(positions.length).toBeGreaterThan(0);
    for (const p of positions) expect(p.rank).toBeGreaterThanOrEqual(1);
  });
});
