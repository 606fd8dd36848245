import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { parseKroner } from "./settings.routes.tsx";
import { fieldKinds, lettingSettingsFor, toFormState, validStored } from "./settings.service.ts";
import { defaultLettingSettings } from "./settings.ts";

let app: TestApp;
let admin: TestBrowser;
let orgId: string;
let dept101: string;
let dept102: string;

beforeAll(async () => {
  app = await buildTestApp();
  admin = new TestBrowser(app.server);
  await admin.login("admin@almen.demo");
  const depts = await app.ctx.db
    .selectFrom("departments")
    .select(["id", "number", "organisation_id"])
    .orderBy("number")
    .execute();
  orgId = depts[0]!.organisation_id;
  dept101 = depts.find((d) => d.number === 101)!.id;
  dept102 = depts.find((d) => d.number === 102)!.id;
});
afterAll(async () => {
  await app.close();
});

/** The whole form as the page fills it in, with some fields changed. */
function orgForm(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = { organisation_id: orgId };
  for (const [k, v] of Object.entries(toFormState(defaultLettingSettings))) {
    if (fieldKinds[k as keyof typeof fieldKinds] === "bool" && v === "") continue; // unchecked
    form[k] = v;
  }
  return { ...form, ...over };
}

describe("stored values", () => {
  it("fall back to the organisation's value or the default when no longer valid", () => {
    expect(validStored({ answerDays: 99, minimumAge: 16, unknown: 1, afterLease: "keep_all" })).toEqual({
      minimumAge: 16,
      afterLease: "keep_all",
    });
    expect(validStored("nonsense")).toEqual({});
  });
});

describe("kroner as typed", () => {
  it("reads Danish and plain amounts, and refuses the rest", () => {
    expect(parseKroner("300,00")).toBe(30_000);
    expect(parseKroner("300")).toBe(30_000);
    expect(parseKroner("1.300,5")).toBe(130_050);
    expect(parseKroner("250.75")).toBe(25_075);
    expect(parseKroner("300 kr.")).toBe(30_000);
    expect(parseKroner("tre hundrede")).toBeNull();
    expect(parseKroner("-5")).toBeNull();
  });
});

describe("the letting rules page", () => {
  it("shows every rule with its default, money in kroner", async () => {
    const page = await admin.get("/letting/settings");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Udlejningsregler");
    expect(page.body).toContain('value="300,00"');
    expect(page.body).toContain("Standard: 15.");
    expect(page.body).toContain("Tilladt: 7–120.");
    for (const key of Object.keys(fieldKinds)) expect(page.body).toContain(`name="${key}"`);
    expect(page.body).not.toMatch(/>[a-z_]+\.[a-z_.]+</);
  });

  it("keeps what was typed and says clearly what is wrong", async () => {
    const res = await admin.post(
      "/letting/settings",
      orgForm({ reminderDays: "3", signUpFeeOre: "mange", answerDays: "fem", afterLease: "nope" }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Skriv et helt tal fra 7 til 120.");
    expect(res.body).toContain("Skriv et beløb i kroner, fx 300,00.");
    expect(res.body).toContain("Skriv et helt tal fra 1 til 30.");
    expect(res.body).toContain("Vælg en af mulighederne.");
    expect(res.body).toContain('value="mange"');
    expect(res.body).toContain('value="fem"');
    expect(await lettingSettingsFor(app.ctx.db, orgId)).toEqual(defaultLettingSettings);
  });

  it("saves the organisation's values in øre, keeps its other settings and audits before and after", async () => {
    await app.ctx.db
      .updateTable("organisations")
      .set({ settings_json: { other: { keep: true } } })
      .where("id", "=", orgId)
      .execute();
    await admin.get("/letting/settings");
    const res = await admin.post(
      "/letting/settings",
      orgForm({
        signUpFeeOre: "250,50",
        answerDays: "7",
        combinedLetting: "ja",
        flexibleCriteria: ["work", "divorce"],
        afterLease: "remove_all",
      }),
    );
    expect(res.statusCode).toBe(303);
    const org = await app.ctx.db
      .selectFrom("organisations")
      .select("settings_json")
      .where("id", "=", orgId)
      .executeTakeFirstOrThrow();
    expect(org.settings_json.other).toEqual({ keep: true });
    const saved = await lettingSettingsFor(app.ctx.db, orgId);
    expect(saved).toMatchObject({
      signUpFeeOre: 25_050,
      answerDays: 7,
      combinedLetting: true,
      rehousingPriority: true,
      flexibleCriteria: ["work", "divorce"],
      afterLease: "remove_all",
    });
    const entry = await app.ctx.db
      .selectFrom("audit_log")
      .select(["before_json", "after_json", "organisation_id"])
      .where("action", "=", "letting.settings.save")
      .executeTakeFirstOrThrow();
    expect(entry.organisation_id).toBe(orgId);
    expect(entry.before_json).toEqual({});
    expect(entry.after_json).toMatchObject({ signUpFeeOre: 25_050, answerDays: 7 });
    const page = await admin.get(String(res.headers.location));
    expect(page.body).toContain("Udlejningsreglerne er gemt.");
    expect(page.body).toContain('value="250,50"');
  });

  it("stores only a department's own values, and shows what is in force there", async () => {
    const url = `/letting/settings/departments/${dept101}`;
    const page = await admin.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Som organisationen (7)");
    const form: Record<string, string | string[]> = {};
    for (const key of Object.keys(fieldKinds)) form[`mode_${key}`] = "inherit";
    const bad = await admin.post(url, { ...form, mode_answerDays: "own", answerDays: "99" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Skriv et helt tal fra 1 til 30.");
    expect(bad.body).toContain('value="99"');

    const res = await admin.post(url, {
      ...form,
      mode_answerDays: "own",
      answerDays: "3",
      mode_municipalAssignmentExempt: "own",
      municipalAssignmentExempt: "ja",
      signUpFeeOre: "ikke brugt",
    });
    expect(res.statusCode).toBe(303);
    const dept = await app.ctx.db
      .selectFrom("departments")
      .select("settings_json")
      .where("id", "=", dept101)
      .executeTakeFirstOrThrow();
    expect(dept.settings_json.letting).toEqual({ answerDays: 3, municipalAssignmentExempt: true });
    const effective = await lettingSettingsFor(app.ctx.db, orgId, dept101);
    expect(effective).toMatchObject({ answerDays: 3, municipalAssignmentExempt: true, signUpFeeOre: 25_050 });
    expect((await lettingSettingsFor(app.ctx.db, orgId, dept102)).answerDays).toBe(7);
    const audited = await app.ctx.db
      .selectFrom("audit_log")
      .select(["before_json", "after_json"])
      .where("action", "=", "letting.settings.department_save")
      .executeTakeFirstOrThrow();
    expect(audited.after_json).toEqual({ answerDays: 3, municipalAssignmentExempt: true });
    const after = await admin.get(url);
    expect(after.body).toContain("Afdelingens regler er gemt.");
    expect(after.body).toMatch(/id="mode_answerDays-own"[^>]*checked/);
  });

  it("is not there for anyone without the permission", async () => {
    for (const email of ["udlejning@almen.demo", "beboer@almen.demo"]) {
      const browser = new TestBrowser(app.server);
      await browser.login(email);
      expect((await browser.get("/letting/settings")).statusCode, email).toBe(404);
      expect((await browser.get(`/letting/settings/departments/${dept101}`)).statusCode).toBe(404);
      expect((await browser.post(`/letting/settings/departments/${dept101}`, {})).statusCode).toBe(404);
    }
    // An organisation administrator reaches only their own organisation.
    await admin.get("/letting/settings");
    expect((await admin.post("/letting/settings", orgForm({ organisation_id: "nope" }))).statusCode).toBe(
      404,
    );
    expect((await admin.get("/letting/settings?organisation=nope")).statusCode).toBe(404);
    const anonymous = await new TestBrowser(app.server).get("/letting/settings");
    expect([302, 303, 401]).toContain(anonymous.statusCode);
  });
});

describe("the letting rules API", () => {
  async function tokenFor(email: string, scopes: string[]): Promise<string> {
    const browser = new TestBrowser(app.server);
    await browser.login(email);
    await browser.get("/account/tokens");
    const res = await browser.json("POST", "/api/v1/tokens", { name: "Regler", scopes });
    expect(res.statusCode).toBe(201);
    return res.json().token;
  }
  const call = (token: string, method: "GET" | "PUT", url: string, payload?: unknown) =>
    app.server.inject({
      method,
      url,
      payload: payload as never,
      headers: { authorization: `Bearer ${token}` },
    });

  it("reads and replaces an organisation's rules and a department's own values, with the same checks", async () => {
    const token = await tokenFor("admin@almen.demo", ["letting.settings"]);
    const read = await call(token, "GET", "/api/v1/letting/settings");
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ organisationId: orgId, stored: { answerDays: 7 } });

    const bad = await call(token, "PUT", "/api/v1/letting/settings", {
      organisationId: orgId,
      settings: { answerDays: 99 },
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(["settings.answerDays"]);

    const put = await call(token, "PUT", "/api/v1/letting/settings", {
      organisationId: orgId,
      settings: { answerDays: 6 },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().effective).toMatchObject({ answerDays: 6, signUpFeeOre: 30_000 });

    const dept = await call(token, "PUT", `/api/v1/letting/settings/departments/${dept102}`, {
      overrides: { offersPerRound: 20 },
    });
    expect(dept.statusCode).toBe(200);
    expect(dept.json().overrides).toEqual({ offersPerRound: 20 });
    expect(dept.json().effective).toMatchObject({ answerDays: 6, offersPerRound: 20 });
    expect(await lettingSettingsFor(app.ctx.db, orgId, dept102)).toMatchObject({ offersPerRound: 20 });
    const audits = await app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "letting.settings.%")
      .execute();
    expect(audits).toHaveLength(4);

    const other = await tokenFor("udlejning@almen.demo", ["letting.read"]);
    expect((await call(other, "GET", "/api/v1/letting/settings")).statusCode).toBe(404);
    expect(
      (await call(other, "PUT", `/api/v1/letting/settings/departments/${dept102}`, { overrides: {} }))
        .statusCode,
    ).toBe(404);
  });

  it("documents every route in the OpenAPI document", async () => {
    const doc = (await app.server.inject({ url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/public/vacancies",
        "/api/v1/public/departments/{id}",
        "/api/v1/letting/settings",
        "/api/v1/letting/settings/departments/{id}",
      ]),
    );
    expect(doc.paths["/api/v1/letting/settings"].put).toBeDefined();
  });
});
