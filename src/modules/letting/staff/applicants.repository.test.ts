import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, dialectUnderTest, type TestApp } from "../../../../test/helpers.ts";
import type { Reach } from "../../../platform/access.ts";
import { newId } from "../../../platform/ids.ts";
import { applicant, type Fixture, lettingFixture } from "../offers/test-fixtures.ts";
import {
  applicantDepartments,
  nameVariants,
  prefixBound,
  searchApplicants,
  searchBranches,
} from "./applicants.repository.ts";

let app: TestApp;
let f: Fixture;
let otherOrganisationId: string;
let otherDepartmentId: string;
const ids: Record<string, string> = {};

const everywhere: Reach = { all: true, organisationIds: [], departmentIds: [] };
const ownOrganisation = (): Reach => ({ all: false, organisationIds: [f.organisationId], departmentIds: [] });
const now = "2026-01-01T00:00:00.000Z";

async function otherOrganisation(): Promise<string> {
  const id = newId();
  await app.ctx.db
    .insertInto("organisations")
    .values({
      id,
      number: 999,
      name: "Anden Boligorganisation",
      cvr: null,
      street: null,
      house_number: null,
      floor: null,
      door: null,
      postcode: null,
      town: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

beforeAll(async () => {
  app = await buildTestApp();
  f = await lettingFixture(app, {});
  for (const [key, name, seniority] of [
    ["anna", "Anna Jensen", "2015-01-01"],
    ["annette", "Annette Østergaard", "2016-01-01"],
    ["ann", "ann lille", "2017-01-01"],
    ["bo", "Bo Hansen", "2018-01-01"],
    ["aase", "Åse Ærø", "2019-01-01"],
  ] as const) {
    ids[key] = (await applicant(app, f, { seniority, name })).applicationId;
  }
  for (let i = 0; i < 5; i++) {
    ids[`page${i}`] = (
      await applicant(app, f, { seniority: `202${i}-01-01`, name: `Pagina ${i}` })
    ).applicationId;
  }
  // A person registered with another organisation, on this organisation's list.
  otherOrganisationId = await otherOrganisation();
  const personId = newId();
  await app.ctx.db
    .insertInto("people")
    .values({
      id: personId,
      organisation_id: otherOrganisationId,
      person_number: "X-4711",
      name: "Udefra Person",
      birth_date: null,
      email: null,
      phone: null,
      street: null,
      house_number: null,
      floor: null,
      door: null,
      postcode: null,
      town: null,
      cpr_enc: null,
      cpr_hash: null,
      cpr_masked: null,
      cpr_legal_basis: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  ids.outsider = (await applicant(app, f, { seniority: "2014-01-01", personId })).applicationId;
  otherDepartmentId = (
    await app.ctx.db
      .selectFrom("departments")
      .select("id")
      .where("id", "<>", f.departmentId)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await app.close();
});

const names = async (q: string, reach: Reach = everywhere) =>
  (await searchApplicants(app.ctx.db, reach, { q, page: 1, pageSize: 50 })).rows.map((r) => r.name);

describe("search helpers", () => {
  it("tries a name as typed, with a capital first letter and with every word capitalised", () => {
    expect(nameVariants("anna jensen")).toEqual(["anna jensen", "Anna jensen", "Anna Jensen"]);
    expect(nameVariants("ANNE-marie")).toEqual(["ANNE-marie", "Anne-Marie"]);
    expect(nameVariants("åse")).toEqual(["åse", "Åse"]);
  });

  it("bounds a prefix by the next code point, so the range holds exactly the names with that prefix", () => {
    expect(prefixBound("Ann")).toBe("Ano");
    expect(prefixBound("Ø")).toBe("Ù");
    for (const name of ["Ann", "Anna", "Ann\u{10FFF}"]) {
      expect(name >= "Ann" && name < prefixBound("Ann")).toBe(true);
    }
    for (const name of ["Ano", "Am", "Bo"]) expect(name >= "Ann" && name < prefixBound("Ann")).toBe(false);
  });
});

describe("searchApplicants", () => {
  it("finds by the start of the name in any case, by name", async () => {
    expect(await names("ann")).toEqual(["Anna Jensen", "Annette Østergaard", "ann lille"]);
    expect(await names("Anna J")).toEqual(["Anna Jensen"]);
    expect(await names("anna jensen")).toEqual(["Anna Jensen"]);
    expect(await names("åse")).toEqual(["Åse Ærø"]);
    expect(await names("jensen")).toEqual([]);
  });

  it("finds by person number, also a person registered with another organisation", async () => {
    expect(await names("X-4711")).toEqual(["Udefra Person"]);
    const anna = await app.ctx.db
      .selectFrom("applications as a")
      .innerJoin("people as p", "p.id", "a.person_id")
      .select("p.person_number")
      .where("a.id", "=", ids.anna!)
      .executeTakeFirstOrThrow();
    expect(await names(anna.person_number)).toEqual(["Anna Jensen"]);
  });

  it("pages by name without counting: each page says whether there is a next", async () => {
    const page = (n: number) => searchApplicants(app.ctx.db, everywhere, { q: "pag", page: n, pageSize: 2 });
    const pages = [await page(1), await page(2), await page(3)];
    expect(pages.map((p) => p.rows.map((r) => r.name))).toEqual([
      ["Pagina 0", "Pagina 1"],
      ["Pagina 2", "Pagina 3"],
      ["Pagina 4"],
    ]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    expect((await searchApplicants(app.ctx.db, everywhere, { q: " ", page: 1, pageSize: 50 })).rows).toEqual(
      [],
    );
  });

  it("stays within reach: the list's organisation or a wanted department", async () => {
    expect(await names("Bo", ownOrganisation())).toEqual(["Bo Hansen"]);
    const elsewhere: Reach = { all: false, organisationIds: [otherOrganisationId], departmentIds: [] };
    // The outsider's person is registered there, but the application is on this organisation's list.
    expect(await names("Udefra", elsewhere)).toEqual([]);
    expect(await names("Udefra", ownOrganisation())).toEqual(["Udefra Person"]);
    expect(await names("Bo", { all: false, organisationIds: [], departmentIds: [f.departmentId] })).toEqual([
      "Bo Hansen",
    ]);
    expect(
      await names("Bo", { all: false, organisationIds: [], departmentIds: [otherDepartmentId] }),
    ).toEqual([]);
    expect(await names("Bo", { all: false, organisationIds: [], departmentIds: [] })).toEqual([]);
  });

  it.runIf(dialectUnderTest === "sqlite")("walks indexes, never the whole people table", async () => {
    for (const reach of [everywhere, ownOrganisation()]) {
      for (const q of ["ann", "A", "X-4711"]) {
        for (const branch of await searchBranches(app.ctx.db, reach, q, 51)) {
          const c = branch.compile();
          const plan = await app.ctx.db.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]),
          );
          const details = plan.rows.map((r) => r.detail);
          // The people are read through an index (a name range in name order, stopping after the
          // page, or a person number), never by scanning a table.
          expect(details.join("\n")).toMatch(
            /SEARCH p USING (COVERING )?INDEX (people_name|sqlite_autoindex_people_\d)/,
          );
          expect(details.filter((d) => d.startsWith("SCAN"))).toEqual([]);
        }
      }
    }
  });

  it.runIf(dialectUnderTest === "postgres")("can walk the name and person-number indexes", async () => {
    // The tables here are tiny, so the planner would rather scan them: forbid that, and the plan
    // shows the indexes are usable for the name range (the column's collation) and the number.
    await app.ctx.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      for (const q of ["ann", "X-4711"]) {
        const branches = await searchBranches(trx, ownOrganisation(), q, 51);
        const plans = [];
        for (const branch of branches) {
          const c = branch.compile();
          const plan = await trx.executeQuery<{ "QUERY PLAN": string }>(
            CompiledQuery.raw(`explain ${c.sql}`, [...c.parameters]),
          );
          plans.push(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
        }
        expect(plans[0]).toMatch(/Index (Only )?Scan using people_name on people p/);
        expect(plans.at(-1)).toMatch(/Index (Only )?Scan using people_org_number on people p/);
      }
    });
  });
});

describe("applicantDepartments", () => {
  it("reads the stored place in each wanted department", async () => {
    const rows = await applicantDepartments(app.ctx.db, ids.bo!);
    const stored = await app.ctx.db
      .selectFrom("application_departments")
      .select("rank")
      .where("application_id", "=", ids.bo!)
      .executeTakeFirstOrThrow();
    expect(rows).toEqual([expect.objectContaining({ department_id: f.departmentId, rank: stored.rank })]);
    expect(stored.rank).toBeGreaterThan(1);
  });
});
