import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { positionsOf, rerankAll } from "../queue.repository.ts";
import { applicationColumns, applicationErrors } from "./application-rows.ts";
import { importApplications } from "./applications-import.ts";

let app: TestApp;
let org: number;
let depts: number[];
let people: string[];

beforeAll(async () => {
  app = await buildTestApp();
  const db = app.ctx.db;
  const o = await db
    .selectFrom("organisations")
    .select(["id", "number"])
    .orderBy("number")
    .executeTakeFirstOrThrow();
  org = o.number;
  depts = (
    await db
      .selectFrom("departments")
      .select("number")
      .where("organisation_id", "=", o.id)
      .orderBy("number")
      .execute()
  ).map((d) => Number(d.number));
  people = (
    await db
      .selectFrom("people")
      .select("person_number")
      .where("organisation_id", "=", o.id)
      .orderBy("person_number")
      .limit(8)
      .execute()
  ).map((p) => p.person_number);
});
afterAll(async () => {
  await app.close();
});

const csv = (...rows: string[]) =>
  Buffer.from(`${applicationColumns.join(";")}\n${rows.join("\n")}\n`, "utf8");
const row = (cells: Partial<Record<(typeof applicationColumns)[number], string | number>>) =>
  applicationColumns
    .map((c) => {
      const defaults: Record<string, string | number> = {
        organisation: org,
        list: "external",
        seniority_date: "2015-03-01",
        status: "active",
        departments: depts[0]!,
        household_size: 1,
        has_children: "nej",
      };
      return String(cells[c] ?? defaults[c] ?? "");
    })
    .join(";");

async function counts() {
  const db = app.ctx.db;
  const a = await db
    .selectFrom("applications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const q = await db
    .selectFrom("application_departments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { applications: Number(a.n), queue: Number(q.n) };
}

describe("importApplications", () => {
  it("writes nothing when a row is bad, and reports every bad row by line and column", async () => {
    const before = await counts();
    const file = csv(
      row({ person_number: people[0]! }),
      row({ person_number: "nobody-here" }),
      row({ person_number: people[1]!, departments: "99999" }),
      row({ person_number: people[2]!, seniority_date: "31-02-2020" }),
      row({ person_number: people[3]!, list: "waiting", rooms_min: 4, rooms_max: 2 }),
      row({ person_number: people[0]! }),
      row({ organisation: 999, person_number: people[4]! }),
      row({ person_number: people[5]!, paid_until: "2027-13-01" }),
    );
    const report = await importApplications(app.ctx.database, () => file);
    expect(report.written).toBe(false);
    expect(report.rows).toBe(8);
    expect(report.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [3, "person_number", applicationErrors.person_unknown],
      [4, "departments", applicationErrors.department_unknown],
      [5, "seniority_date", applicationErrors.date],
      [6, "list", applicationErrors.list],
      [6, "rooms_max", applicationErrors.rooms_order],
      [7, "person_number", applicationErrors.already_on_list],
      [8, "organisation", applicationErrors.organisation_unknown],
      [9, "paid_until", applicationErrors.date],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("reports a missing column", async () => {
    const report = await importApplications(app.ctx.database, () =>
      Buffer.from("organisation;list\n1;external\n"),
    );
    expect(report.written).toBe(false);
    expect(report.errors.map((e) => e.column)).toEqual(["person_number", "seniority_date", "departments"]);
  });

  it("imports in batches and ranks every queue once at the end", async () => {
    const [d1, d2] = [depts[0]!, depts[1] ?? depts[0]!];
    const file = csv(
      row({
        person_number: people[0]!,
        seniority_date: "2019-05-01",
        departments: `${d1}|${d2}`,
        kinds: "family|youth",
      }),
      row({
        person_number: people[1]!,
        seniority_date: "01-02-2010",
        departments: `${d1}`,
        max_rent: "7.500,00",
        paid_until: "31-03-2027",
      }),
      row({
        person_number: people[2]!,
        seniority_date: "2012-01-01",
        departments: `${d2}`,
        status: "passive",
      }),
      row({
        person_number: people[3]!,
        seniority_date: "2011-01-01",
        departments: `${d2}|${d1}`,
        has_children: "ja",
      }),
      row({
        person_number: people[0]!,
        list: "internal",
        seniority_date: "2020-01-01",
        departments: `${d1}`,
      }),
    );
    const report = await importApplications(app.ctx.database, () => file, {
      batchSize: 2,
    });
    expect(report.errors).toEqual([]);
    expect(report.written).toBe(true);
    expect(report.created).toBe(5);
    expect(report.queueEntries).toBe(d1 === d2 ? 5 : 7);

    const db = app.ctx.db;
    const person = async (n: string) =>
      (await db.selectFrom("people").select("id").where("person_number", "=", n).executeTakeFirstOrThrow())
        .id;
    const p0 = await positionsOf(db, await person(people[0]!));
    // On the external list of d1: 2010 (people[1]), 2011 (people[3]), 2019 (people[0]).
    expect(p0.find((p) => p.list === "external" && Number(p.number) === d1)?.rank).toBe(3);
    expect(p0.find((p) => p.list === "internal")?.rank).toBe(1);
    const passive = await positionsOf(db, await person(people[2]!));
    expect(passive.map((p) => p.rank)).toEqual([null]);
    const stored = await db
      .selectFrom("applications")
      .select(["max_rent_ore", "kinds_json", "has_children", "fee_paid_until"])
      .where("person_id", "=", await person(people[1]!))
      .executeTakeFirstOrThrow();
    expect(stored.max_rent_ore).toBe(750_000);
    expect(stored.fee_paid_until).toBe("2027-03-31");
    expect(stored.kinds_json).toEqual([]);
    // Each queue row carries the application's facts, as the ranking reads them from there.
    const facts = [
      "rooms_min",
      "rooms_max",
      "max_rent_ore",
      "kinds_json",
      "features_json",
      "fee_paid_until",
    ] as const;
    const apps = await db
      .selectFrom("applications")
      .select(["id", "household_size", "has_children", ...facts])
      .execute();
    const queue = await db
      .selectFrom("application_departments")
      .select(["application_id", "household_size", "has_children", ...facts])
      .execute();
    expect(queue.length).toBeGreaterThan(0);
    for (const q of queue) {
      const { id, ...application } = apps.find((a) => a.id === q.application_id)!;
      const { application_id, ...copy } = q;
      expect(copy).toEqual(application);
    }
    expect(queue.filter((q) => q.has_children).length).toBe(d1 === d2 ? 1 : 2);
    expect(queue.some((q) => q.kinds_json.join() === "family,youth")).toBe(true);
    expect(queue.filter((q) => q.fee_paid_until === "2027-03-31")).toHaveLength(1);

    // The places given in memory are the ones a full re-rank gives.
    const ranks = () =>
      db
        .selectFrom("application_departments")
        .select(["application_id", "department_id", "rank"])
        .orderBy("application_id")
        .orderBy("department_id")
        .execute();
    const given = await ranks();
    expect(given.filter((r) => r.rank !== null).length).toBe(d1 === d2 ? 4 : 6);
    await rerankAll(db, app.ctx.database.dialect);
    expect(await ranks()).toEqual(given);

    // The same file again: every row is already on its list.
    const again = await importApplications(app.ctx.database, () => file);
    expect(again.written).toBe(false);
    expect(again.errorCount).toBe(5);

    // Into lists that hold applications already: every queue is re-ranked.
    const more = await importApplications(app.ctx.database, () =>
      csv(row({ person_number: people[4]!, seniority_date: "2005-06-01", departments: `${d1}` })),
    );
    expect(more.errors).toEqual([]);
    expect((await positionsOf(db, await person(people[4]!)))[0]?.rank).toBe(1);
    const moved = await positionsOf(db, await person(people[0]!));
    expect(moved.find((p) => p.list === "external" && Number(p.number) === d1)?.rank).toBe(4);
  });

  it("leaves the tables settled: statistics, and on PostgreSQL pages marked all-visible", async () => {
    // Runs after the imports above. All-visible pages let index-only scans skip the table.
    const { kysely: db, dialect } = app.ctx.database;
    if (dialect === "postgres") {
      const row = await sql<{ visible: number }>`
        select relallvisible as visible from pg_class where relname = 'application_departments'`.execute(db);
      expect(Number(row.rows[0]?.visible)).toBeGreaterThan(0);
    } else {
      const row = await sql<{ n: number }>`
        select count(*) as n from sqlite_stat1 where tbl = 'application_departments'`.execute(db);
      expect(Number(row.rows[0]?.n)).toBeGreaterThan(0);
    }
  });

  it("validates only with dryRun", async () => {
    const before = await counts();
    const report = await importApplications(app.ctx.database, () => csv(row({ person_number: people[5]! })), {
      dryRun: true,
    });
    expect(report.errors).toEqual([]);
    expect(report.written).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("makes the indexes and foreign keys it drops for a big file again, also when the file fails", async () => {
    const { kysely: db, dialect } = app.ctx.database;
    const schema = async () =>
      dialect === "sqlite"
        ? (
            await sql<{ definition: string }>`
              select sql as definition from sqlite_master
              where tbl_name in ('applications', 'application_departments') and sql is not null
              order by name`.execute(db)
          ).rows
        : (
            await sql<{ definition: string }>`
              select indexdef as definition from pg_indexes
              where tablename in ('applications', 'application_departments')
              union all
              select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
              where conrelid in ('applications'::regclass, 'application_departments'::regclass)
              order by 1`.execute(db)
          ).rows;
    const before = await schema();
    expect(before.length).toBeGreaterThan(5);
    const bulk = { batchSize: 1, bulkAfter: 1 };
    const failed = await importApplications(
      app.ctx.database,
      () => csv(row({ person_number: people[4]!, list: "internal" }), row({ person_number: "nobody" })),
      bulk,
    );
    expect(failed.written).toBe(false);
    expect(await schema()).toEqual(before);
    const report = await importApplications(
      app.ctx.database,
      () =>
        csv(
          row({ person_number: people[4]!, list: "internal" }),
          row({ person_number: people[5]!, list: "internal" }),
        ),
      bulk,
    );
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(2);
    expect(await schema()).toEqual(before);
  });

  it("reports a database failure while writing as itself, and writes nothing", async () => {
    const { kysely: db, dialect } = app.ctx.database;
    // A rule the row checks do not know: the database refuses the first batch, while the import
    // reads on and then drops its indexes (batches of one, bulk after one).
    if (dialect === "sqlite")
      await sql`create trigger no_big_households before insert on applications
        when new.household_size > 6 begin select raise(abort, 'no_big_households'); end`.execute(db);
    else
      await sql`alter table applications add constraint no_big_households check (household_size <= 6)`.execute(
        db,
      );
    try {
      const before = await counts();
      const file = csv(
        row({ person_number: people[6]!, household_size: 7 }),
        row({ person_number: people[7]! }),
      );
      await expect(
        importApplications(app.ctx.database, () => file, { batchSize: 1, bulkAfter: 1 }),
      ).rejects.toThrow(/no_big_households/);
      expect(await counts()).toEqual(before);
    } finally {
      if (dialect === "sqlite") await sql`drop trigger no_big_households`.execute(db);
      else await sql`alter table applications drop constraint no_big_households`.execute(db);
    }
  });
});
