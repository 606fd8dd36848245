import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { demoOrganisation } from "../fees/test-support.ts";

let app: TestApp;
let org: Awaited<ReturnType<typeof demoOrganisation>>;
let seekerToken: string;
let staffToken: string;

async function tokenFor(email: string, scopes: string[]): Promise<string> {
  const browser = new TestBrowser(app.server);
  await browser.login(email);
  await browser.get("/account/tokens");
  const res = await browser.json("POST", "/api/v1/tokens", { name: "Integration", scopes });
  expect(res.statusCode).toBe(201);
  return res.json().token;
}

beforeAll(async () => {
  app = await buildTestApp();
  org = await demoOrganisation(app);
  seekerToken = await tokenFor("boligsoger@almen.demo", ["letting.apply"]);
  staffToken = await tokenFor("udlejning@almen.demo", ["letting.manage", "letting.apply"]);
});
afterAll(async () => {
  await app.close();
});

const call = (token: string, method: "GET" | "POST", url: string, payload?: unknown, type?: string) =>
  app.server.inject({
    method,
    url,
    payload: payload as never,
    headers: { authorization: `Bearer ${token}`, ...(type ? { "content-type": type } : {}) },
  });

describe("the letting API", () => {
  it("signs up, shows the place, and books the fee from a bank file", async () => {
    const bad = await call(seekerToken, "POST", "/api/v1/me/applications", {
      organisationId: org.organisationId,
      departmentIds: [org.dept101],
      birthDate: "2020-02-02",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.birth_date).toContain("15");
    const res = await call(seekerToken, "POST", "/api/v1/me/applications", {
      organisationId: org.organisationId,
      departmentIds: [org.dept101],
      birthDate: "1990-02-02",
      roomsMin: 2,
    });
    expect(res.statusCode).toBe(201);
    const mine = await call(seekerToken, "GET", "/api/v1/me/applications");
    const [application] = mine.json().items;
    expect(application.departments[0]).toMatchObject({ rank: 1, estimate: { kind: "none" } });
    const paymentId = application.openCharges[0].paymentId;

    const charges = await call(staffToken, "GET", "/api/v1/fee-charges?status=open");
    expect(charges.json().items.map((c: { paymentId: string }) => c.paymentId)).toContain(paymentId);
    const csv = `payment_id;amount;paid_on;bank_reference\n${paymentId};300,00;2026-12-01;API-1\n`;
    const imported = await call(staffToken, "POST", "/api/v1/fee-payments/import", csv, "text/csv");
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ booked: 1, rows: [{ outcome: "booked" }] });
    const again = await call(staffToken, "POST", "/api/v1/fee-payments/import", { csv });
    expect(again.json()).toMatchObject({ booked: 0, rows: [{ outcome: "duplicate" }] });
    const paid = await call(seekerToken, "GET", "/api/v1/me/applications");
    expect(paid.json().items[0].openCharges).toEqual([]);
    expect(paid.json().items[0].paidUntil).not.toBeNull();
  });

  it("keeps fees to staff and applications to their owner", async () => {
    expect((await call(seekerToken, "GET", "/api/v1/fee-charges")).statusCode).toBe(404);
    const reactivate = await call(staffToken, "POST", "/api/v1/me/applications/nope/reactivate");
    expect(reactivate.statusCode).toBe(404);
  });
});
