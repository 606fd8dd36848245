import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { importFile } from "./import/engine.ts";
import { importKinds } from "./import/kinds.ts";

let app: TestApp;
const example = (kind: string) =>
  readFileSync(path.join(import.meta.dirname, "../../../docs/import-examples", `${kind}.csv`));

beforeAll(async () => {
  app = await buildTestApp();
  for (const kind of importKinds) {
    const r = await importFile(
      app.ctx,
      { userId: null, label: "setup" },
      { all: true, organisationIds: [], departmentIds: [] },
      kind,
      () => example(kind),
    );
    expect(r.errors).toEqual([]);
  }
});
afterAll(async () => {
  await app.close();
});

const idOf = async (table: "units" | "departments" | "people", column: string, value: string | number) =>
  (
    await app.ctx.db
      .selectFrom(table)
      .select("id")
      .where(column as never, "=", value as never)
      .executeTakeFirstOrThrow()
  ).id;

describe("master data pages", () => {
  it("lets staff walk department → unit → tenancy → person, with counts", async () => {
    const staff = new TestBrowser(app.server);
    await staff.login("system@almen.demo");
    const dept = await idOf("departments", "number", 701);
    const page = await staff.get(`/masterdata/departments/${dept}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Kærgården");
    expect(page.body).toMatch(/<strong>2<\/strong> lejemål/);
    expect(page.body).toMatch(/<strong>1<\/strong> ledige/);
    expect(page.body).toMatch(/<strong>1<\/strong> aktuelle lejekontrakter/);
    expect(page.body).toContain("Intet personale er tilknyttet");
    const demoDept = await idOf("departments", "number", 101);
    expect((await staff.get(`/masterdata/departments/${demoDept}`)).body).toContain(
      "Lars Vicevært (Ejendomsfunktionær)",
    );
    const unit = await idOf("units", "unit_number", "701-001");
    const unitPage = await staff.get(`/masterdata/units/${unit}`);
    expect(unitPage.body).toContain("Søndergade 4, st. tv, 2400 København NV");
    expect(unitPage.body).toContain("Søren Ærbo");
    const person = await idOf("people", "person_number", "P-1002");
    const personPage = await staff.get(`/masterdata/people/${person}`);
    expect(personPage.body).toContain("170582-XXXX");
    expect(personPage.body).not.toContain("170582-1234");
  });

  it("finds a unit by part of its address, filters and paginates on the server", async () => {
    const staff = new TestBrowser(app.server);
    await staff.login("system@almen.demo");
    const found = await staff.get("/masterdata/units?q=SØNDERGADE%204,%20st");
    expect(found.body).toContain("701-001");
    expect(found.body).not.toContain("701-002");
    const vacant = await staff.get("/masterdata/units?status=vacant&rentMax=5.200");
    expect(vacant.body).toContain("701-002");
    expect(vacant.body).not.toContain("701-001");
    const bad = await staff.get("/masterdata/units?rentMin=lots");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Skriv et beløb i kroner");
  });

  it("edits the rent through the form, shows an error summary for bad input, and the change in the history", async () => {
    const staff = new TestBrowser(app.server);
    await staff.login("system@almen.demo");
    const unit = await idOf("units", "unit_number", "701-002");
    const form = await staff.get(`/masterdata/units/${unit}/edit`);
    expect(form.statusCode).toBe(200);
    const values = Object.fromEntries(
      [
        ...form.body.matchAll(
          /<input class="form-input" id="([a-z_0-9]+)" name="\1" type="[a-z]+" value="([^"]*)"/g,
        ),
      ].map((m) => [m[1]!, m[2]!.replaceAll("&amp;", "&")]),
    );
    const selects = Object.fromEntries(
      [
        ...form.body.matchAll(
          /<select class="form-select" id="([a-z_]+)"[\s\S]*?<option value="([^"]*)" selected/g,
        ),
      ].map((m) => [m[1]!, m[2]!]),
    );
    const all = { ...values, ...selects };
    expect(all.unit_number).toBe("701-002");
    const bad = await staff.post(`/masterdata/units/${unit}/edit`, {
      ...all,
      rent: "mange penge",
      floor: "k10",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Der er fejl i formularen");
    expect(bad.body).toContain('value="mange penge"');
    const ok = await staff.post(`/masterdata/units/${unit}/edit`, { ...all, rent: "5.300,00" });
    expect(ok.statusCode).toBe(303);
    const page = await staff.get(`/masterdata/units/${unit}`);
    expect(page.body).toContain("Ændringerne er gemt.");
    expect(page.body).toMatch(/rent_ore: 512000 → 530000/);
    expect(page.body).toContain("system@almen.demo");
  });

  it("shows a full CPR number only with a reason, and logs the read", async () => {
    const staff = new TestBrowser(app.server);
    await staff.login("system@almen.demo");
    const person = await idOf("people", "person_number", "P-1002");
    await staff.get(`/masterdata/people/${person}`);
    const noReason = await staff.post(`/masterdata/people/${person}/cpr`, { reason: "" });
    expect(noReason.statusCode).toBe(400);
    const shown = await staff.post(`/masterdata/people/${person}/cpr`, {
      reason: "Indberetning til kommunen",
    });
    expect(shown.body).toContain("170582-1234");
    const log = await app.ctx.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "cpr.read")
      .executeTakeFirstOrThrow();
    expect(log).toMatchObject({
      actor_label: "system@almen.demo",
      entity_id: person,
      after_json: { reason: "Indberetning til kommunen" },
    });
  });

  it("imports through the upload page: a bad file writes nothing and lists the line", async () => {
    const staff = new TestBrowser(app.server);
    await staff.login("system@almen.demo");
    await staff.get("/masterdata/import");
    const boundary = "----almen";
    const file =
      "organisation;number;name;municipality_code;street;house_number;postcode;town;construction_year;has_board\n7;703;Ny afdeling;0101;;;;;;måske\n";
    const body = [
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${staff.lastCsrf}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ndepartments\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="afd.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n`,
      `--${boundary}--\r\n`,
    ].join("");
    const cookie = [...staff.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await app.server.inject({
      method: "POST",
      url: "/masterdata/import",
      payload: body,
      headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Skriv ja eller nej.");
    expect(res.body).toMatch(/<td>2<\/td><td>has_board<\/td>/);
    expect(
      await app.ctx.db.selectFrom("departments").select("id").where("number", "=", 703).executeTakeFirst(),
    ).toBeUndefined();
    const good = body.replace("måske", "ja");
    const ok = await app.server.inject({
      method: "POST",
      url: "/masterdata/import",
      payload: good,
      headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("1 oprettet");
    const csv = await staff.get("/masterdata/export/departments");
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("703;Ny afdeling");
  });

  it("keeps a caretaker to the assigned department and residents out entirely (404)", async () => {
    const caretaker = new TestBrowser(app.server);
    await caretaker.login("vicevaert@almen.demo");
    const other = await idOf("units", "unit_number", "701-001");
    expect((await caretaker.get(`/masterdata/units/${other}`)).statusCode).toBe(404);
    const list = await caretaker.get("/masterdata/units");
    expect(list.body).not.toContain("701-001");
    expect(list.body).toContain("101-0001");
    expect((await caretaker.get(`/masterdata/units/${other}/edit`)).statusCode).toBe(404);
    const resident = new TestBrowser(app.server);
    await resident.login("beboer@almen.demo");
    expect((await resident.get("/masterdata")).statusCode).toBe(404);
    expect((await resident.get(`/masterdata/units/${other}`)).statusCode).toBe(404);
  });

  it("lets a resident edit their own phone number, and nobody else's", async () => {
    const resident = new TestBrowser(app.server);
    await resident.login("beboer@almen.demo");
    const form = await resident.get("/account/contact");
    expect(form.statusCode).toBe(200);
    const bad = await resident.post("/account/contact", {
      email: "jens@example.dk",
      phone: "12",
      language: "da",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Skriv et telefonnummer med 8 cifre");
    expect(bad.body).toContain('value="jens@example.dk"');
    const ok = await resident.post("/account/contact", {
      email: "jens@example.dk",
      phone: "+45 22 33 44 55",
      language: "da",
      email_consent: "ja",
    });
    expect(ok.statusCode).toBe(303);
    const person = await app.ctx.db
      .selectFrom("people")
      .innerJoin("users", "users.person_id", "people.id")
      .select(["people.phone", "people.has_email_consent"])
      .where("users.email", "=", "beboer@almen.demo")
      .executeTakeFirstOrThrow();
    expect(person).toEqual({ phone: "+45 22 33 44 55", has_email_consent: true });
    const entry = await app.ctx.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "contact.update")
      .executeTakeFirstOrThrow();
    expect(entry.actor_label).toBe("beboer@almen.demo");
    const seeker = new TestBrowser(app.server);
    await seeker.login("boligsoger@almen.demo");
    expect((await seeker.get("/account/contact")).statusCode).toBe(404);
  });

  it("lists organisations and shows one with its departments and history", async () => {
    const staff = new TestBrowser(app.server);
    await staff.login("system@almen.demo");
    const list = await staff.get("/masterdata/organisations");
    expect(list.body).toContain("Boligforeningen Æblegården");
    const org = (
      await app.ctx.db
        .selectFrom("organisations")
        .select("id")
        .where("number", "=", 7)
        .executeTakeFirstOrThrow()
    ).id;
    const page = await staff.get(`/masterdata/organisations/${org}`);
    expect(page.body).toContain("701 Kærgården");
    expect(page.body).toContain("12345674");
    expect(page.body).toContain("oprettet");
    const admin = new TestBrowser(app.server);
    await admin.login("admin@almen.demo");
    expect((await admin.get(`/masterdata/organisations/${org}`)).statusCode).toBe(404);
  });
});
