import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { demoOrganisation, testActor } from "../fees/test-support.ts";
import { pauseApplication } from "../lists.service.ts";

let app: TestApp;
let seeker: TestBrowser;
let staff: TestBrowser;
let org: Awaited<ReturnType<typeof demoOrganisation>>;

beforeAll(async () => {
  app = await buildTestApp();
  org = await demoOrganisation(app);
  seeker = new TestBrowser(app.server);
  await seeker.login("boligsoger@almen.demo");
  staff = new TestBrowser(app.server);
  await staff.login("udlejning@almen.demo");
});
afterAll(async () => {
  await app.close();
});

const form = (over: Record<string, string | string[]> = {}) => ({
  organisation_id: org.organisationId,
  list_kind: "external",
  departments: [org.dept101, org.dept102],
  birth_date: "1995-03-14",
  rooms_min: "2",
  rooms_max: "3",
  max_rent: "8000",
  household_size: "2",
  ...over,
});

async function applicationOfSeeker() {
  return app.ctx.db
    .selectFrom("applications as a")
    .innerJoin("users as u", "u.person_id", "a.person_id")
    .select(["a.id", "a.status"])
    .where("u.email", "=", "boligsoger@almen.demo")
    .executeTakeFirstOrThrow();
}

describe("the seeker's pages", () => {
  it("sign up: keep what was typed, say what is wrong, then show the place and the fee", async () => {
    const empty = await seeker.get("/waiting-lists");
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain("Du står ikke på nogen venteliste endnu.");
    const page = await seeker.get("/waiting-lists/sign-up");
    expect(page.body).toContain("101 Æblehaven");
    expect(page.body).toContain("Fødselsdato");

    const bad = await seeker.post("/waiting-lists/sign-up", form({ departments: [], birth_date: "" }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Vælg mindst én afdeling i boligorganisationen.");
    expect(bad.body).toContain('value="8000"');

    const young = await seeker.post("/waiting-lists/sign-up", form({ birth_date: "2020-01-01" }));
    expect(young.statusCode).toBe(400);
    expect(young.body).toContain("Du skal være mindst 15 år for at skrive dig op.");

    const internal = await seeker.post("/waiting-lists/sign-up", form({ list_kind: "internal" }));
    expect(internal.statusCode).toBe(400);
    expect(internal.body).toContain("Den interne venteliste er kun for beboere");

    const ok = await seeker.post("/waiting-lists/sign-up", form());
    expect(ok.statusCode).toBe(303);
    const mine = await seeker.get("/waiting-lists");
    expect(mine.body).toContain("Du er skrevet op.");
    expect(mine.body).toContain("nr. 1");
    expect(mine.body).toContain("For få udlejninger til et skøn");
    expect(mine.body).toContain("Ikke betalte gebyrer");
    expect(mine.body).toContain("300,00");

    const again = await seeker.post("/waiting-lists/sign-up", form());
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain("Du står allerede på denne venteliste.");
  });

  it("a passive seeker reactivates and is back at the same place", async () => {
    const { id } = await applicationOfSeeker();
    await pauseApplication(app.ctx, testActor, id, "unanswered_offers");
    const page = await seeker.get("/waiting-lists");
    expect(page.body).toContain("Genaktivér");
    const res = await seeker.post(`/waiting-lists/${id}/reactivate`);
    expect(res.statusCode).toBe(303);
    expect((await applicationOfSeeker()).status).toBe("active");
    expect((await seeker.get("/waiting-lists")).body).toContain("nr. 1");
    // Someone else's application (or none) is not found.
    expect((await staff.post(`/waiting-lists/${id}/reactivate`)).statusCode).toBe(404);
  });
});

describe("the staff's fee page", () => {
  it("lists open charges, registers a payment, reads a bank file", async () => {
    const list = await staff.get("/letting/fees?q=Sofie");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Sofie Boligsøger");
    const { id } = await applicationOfSeeker();
    const charge = await app.ctx.db
      .selectFrom("fee_charges")
      .select(["id", "payment_id"])
      .where("application_id", "=", id)
      .executeTakeFirstOrThrow();
    const wrong = await staff.post("/letting/fees/payments", {
      charge_id: charge.id,
      amount: "200,00",
      paid_on: "",
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("Skriv datoen som ÅÅÅÅ-MM-DD.");
    const wrongAmount = await staff.post("/letting/fees/payments", {
      charge_id: charge.id,
      amount: "200,00",
      paid_on: "2026-12-01",
    });
    expect(wrongAmount.body).toContain("Beløbet skal være");
    await staff.get("/letting/fees");
    const csv = `payment_id;amount;paid_on;bank_reference\n${charge.payment_id};300,00;01-12-2026;BANK-77\n`;
    const boundary = "----almen-test";
    const payload = [
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${staff.lastCsrf}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bank.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`,
      `--${boundary}--\r\n`,
    ].join("");
    const res = await app.server.inject({
      method: "POST",
      url: "/letting/fees/import",
      payload,
      headers: {
        cookie: [...staff.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        "content-type": `multipart/form-data; boundary=${boundary}`,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("1 betaling er bogført.");
    expect((await seeker.get("/waiting-lists")).body).not.toContain("Ikke betalte gebyrer");
  });

  it("is not there for a seeker", async () => {
    expect((await seeker.get("/letting/fees")).statusCode).toBe(404);
  });
});
