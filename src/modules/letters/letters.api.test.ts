import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { letterTypeNames } from "./letter-types.ts";

let app: TestApp;
let adminToken: string;
let caretakerToken: string;
let residentToken: string;
let organisationId: string;
let dept101: string;
let dept102: string;
let batchId: string;

/** A personal API token, made the way a person does it: logged in, from their account. */
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
  adminToken = await tokenFor("admin@almen.demo", [
    "letters.read",
    "letters.send",
    "letters.print",
    "letters.templates",
  ]);
  caretakerToken = await tokenFor("vicevaert@almen.demo", ["letters.read", "letters.send"]);
  residentToken = await tokenFor("beboer@almen.demo", ["inbox.read"]);
  organisationId = (await app.ctx.db.selectFrom("organisations").select("id").executeTakeFirstOrThrow()).id;
  const departments = await app.ctx.db.selectFrom("departments").select(["id", "number"]).execute();
  dept101 = departments.find((d) => d.number === 101)!.id;
  dept102 = departments.find((d) => d.number === 102)!.id;
});
afterAll(async () => {
  await app.close();
});

const call = (token: string, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
  app.server.inject({
    method,
    url,
    payload: payload as never,
    headers: { authorization: `Bearer ${token}` },
  });

const notice = (over: Record<string, unknown> = {}) => ({
  departmentId: dept101,
  audience: "department",
  subject: "Vandet lukkes tirsdag 8–12",
  message: "Kære {{name}}\n\nVi skifter stigstrenge. Vandet er lukket tirsdag kl. 8–12.",
  ...over,
});

const counted = async () => {
  const n = async (table: "letters" | "letter_batches" | "letter_pdfs" | "audit_log") =>
    Number(
      (
        await app.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    letters: await n("letters"),
    batches: await n("letter_batches"),
    pdfs: await n("letter_pdfs"),
    audit: await n("audit_log"),
  };
};

describe("notices through the API", () => {
  it("previews a notice with dryRun: letters counted per channel, one sample each, nothing written", async () => {
    const before = await counted();
    const res = await call(adminToken, "POST", "/api/v1/notices", notice({ dryRun: true }));
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    // 101 has 10 let homes in the demo data, each with a tenant and a co-tenant.
    expect(preview.total).toBe(20);
    const { digital_post, email, paper } = preview.counts;
    expect(digital_post + email + paper).toBe(20);
    expect(Math.min(digital_post, email, paper)).toBeGreaterThan(0);
    expect(preview.samples.map((s: { channel: string }) => s.channel).sort()).toEqual([
      "digital_post",
      "email",
      "paper",
    ]);
    expect(preview.samples[0]).toMatchObject({
      channelRule: expect.any(String),
      recipientName: expect.any(String),
      subject: "Vandet lukkes tirsdag 8–12",
    });
    expect(preview.samples[0].body).toContain(`Kære ${preview.samples[0].recipientName}`);
    expect(await counted()).toEqual(before);
  });

  it("sends a notice as a batch whose letters are listed by batch, audited as the caller", async () => {
    const res = await call(adminToken, "POST", "/api/v1/notices", notice());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ batchId: expect.any(String), letters: 20 });
    batchId = res.json().batchId;

    const listed = await call(adminToken, "GET", `/api/v1/letters?batch=${batchId}`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({ total: 20, page: 1, pageSize: 100 });
    for (const l of listed.json().items) {
      expect(l).toMatchObject({ batchId, type: "notice", status: "queued", departmentId: dept101 });
    }
    const paper = await call(adminToken, "GET", `/api/v1/letters?batch=${batchId}&channel=paper`);
    expect(paper.json().items.every((l: { channel: string }) => l.channel === "paper")).toBe(true);
    expect((await call(adminToken, "GET", "/api/v1/letters?status=nonsense")).statusCode).toBe(400);

    const batch = (await call(adminToken, "GET", `/api/v1/letter-batches/${batchId}`)).json();
    expect(batch).toMatchObject({
      id: batchId,
      type: "notice",
      letterCount: 20,
      statusCounts: { queued: 20 },
    });
    expect(batch.audience.label).toContain("101");
    const perChannel = Object.values(batch.channels as Record<string, { queued: number }>);
    expect(perChannel.reduce((sum, c) => sum + c.queued, 0)).toBe(20);
    const batches = (await call(adminToken, "GET", "/api/v1/letter-batches")).json();
    expect(batches.items[0]).toMatchObject({ id: batchId, statusCounts: { queued: 20 } });

    const entry = await app.ctx.db
      .selectFrom("audit_log")
      .select(["actor_label"])
      .where("action", "=", "letters.notice.send")
      .where("entity_id", "=", batchId)
      .executeTakeFirstOrThrow();
    expect(entry.actor_label).toBe("admin@almen.demo");
  });

  it("names unknown units and missing fields by their JSON names", async () => {
    const unknown = await call(
      adminToken,
      "POST",
      "/api/v1/notices",
      notice({ audience: "units", unitNumbers: ["101-0002", "101-9999"], dryRun: true }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe("validation");
    expect(unknown.json().error.fields.unitNumbers).toContain("101-9999");
    expect(unknown.json().error.fields.unitNumbers).not.toContain("101-0002");

    const missing = await call(
      adminToken,
      "POST",
      "/api/v1/notices",
      notice({ audience: "building", subject: " " }),
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({
      buildingNumber: "Skriv bygningsnummeret.",
      subject: "Skriv et emne.",
    });
  });

  it("keeps a caretaker to their own department", async () => {
    const out = await call(caretakerToken, "POST", "/api/v1/notices", notice({ departmentId: dept102 }));
    expect(out.statusCode).toBe(400);
    expect(Object.keys(out.json().error.fields)).toEqual(["departmentId"]);

    const sent = await call(adminToken, "POST", "/api/v1/notices", notice({ departmentId: dept102 }));
    expect(sent.statusCode).toBe(201);
    const theirs = (await call(adminToken, "GET", `/api/v1/letters?batch=${sent.json().batchId}`)).json();
    const letterOf102 = theirs.items[0].id;
    expect((await call(caretakerToken, "GET", `/api/v1/letters/${letterOf102}`)).statusCode).toBe(404);
    expect((await call(caretakerToken, "GET", `/api/v1/letters/${letterOf102}/pdf`)).statusCode).toBe(404);
    expect(
      (await call(caretakerToken, "GET", `/api/v1/letter-batches/${sent.json().batchId}`)).statusCode,
    ).toBe(404);
    const visible = (await call(caretakerToken, "GET", "/api/v1/letters")).json();
    expect(visible.total).toBe(20);
    expect(visible.items.every((l: { departmentId: string }) => l.departmentId === dept101)).toBe(true);
    // Sending is not printing: the token's owner does not hold letters.print.
    expect((await call(caretakerToken, "GET", "/api/v1/print-batches")).statusCode).toBe(404);
  });

  it("shows residents their own letters and PDFs, and nobody else's", async () => {
    const mine = await call(residentToken, "GET", "/api/v1/me/letters");
    expect(mine.statusCode).toBe(200);
    expect(mine.json().total).toBe(1);
    const item = mine.json().items[0];
    expect(item).toMatchObject({ subject: "Vandet lukkes tirsdag 8–12", type: "notice", status: "queued" });
    const letter = await call(residentToken, "GET", `/api/v1/me/letters/${item.id}`);
    expect(letter.json()).toMatchObject({ id: item.id, reference: item.reference });
    expect(letter.json().body).toContain("Jens Ærø Beboer");
    const pdf = await call(residentToken, "GET", `/api/v1/me/letters/${item.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");

    const other = (await call(adminToken, "GET", `/api/v1/letters?batch=${batchId}`))
      .json()
      .items.find((l: { id: string }) => l.id !== item.id)!.id;
    expect((await call(residentToken, "GET", `/api/v1/me/letters/${other}`)).statusCode).toBe(404);
    expect((await call(residentToken, "GET", `/api/v1/me/letters/${other}/pdf`)).statusCode).toBe(404);
    expect((await call(residentToken, "GET", `/api/v1/letters/${item.id}`)).statusCode).toBe(404);
    expect((await call(adminToken, "GET", "/api/v1/me/letters")).statusCode).toBe(403);
  });

  it("retries only failed letters", async () => {
    const url = `/api/v1/letters?batch=${batchId}&channel=email`;
    const id = (await call(adminToken, "GET", url)).json().items[0].id;
    expect((await call(adminToken, "POST", `/api/v1/letters/${id}/retry`)).statusCode).toBe(409);
    await app.ctx.db
      .updateTable("letters")
      .set({ status: "failed", due_at: null })
      .where("id", "=", id)
      .execute();
    const retried = await call(adminToken, "POST", `/api/v1/letters/${id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id, status: "retrying", attempts: 0 });
  });
});

describe("templates through the API", () => {
  const notice_da = () => `/api/v1/letter-templates/${organisationId}/notice/da`;

  it("lists every type and language, refuses unknown merge fields, and saves versions", async () => {
    const overview = await call(adminToken, "GET", "/api/v1/letter-templates");
    expect(overview.statusCode).toBe(200);
    expect(overview.json().organisationId).toBe(organisationId);
    // Every letter type in Danish and English.
    expect(overview.json().items).toHaveLength(letterTypeNames.length * 2);
    expect(overview.json().items.every((t: { version: number }) => t.version === 0)).toBe(true);
    expect(overview.json().mergeFields).toContain("message");

    const bad = await call(adminToken, "PUT", notice_da(), { subject: "{{subject}}", body: "Hej {{foo}}" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.body).toContain("{{foo}}");
    const empty = await call(adminToken, "PUT", notice_da(), { subject: "", body: "x" });
    expect(empty.json().error.fields).toEqual({ subject: "Skriv et emne." });

    const body = "Kære {{name}}\n\n{{message}}\n\nVenlig hilsen\n{{organisation}}";
    const first = await call(adminToken, "PUT", notice_da(), { subject: "{{subject}}", body });
    expect(first.json()).toEqual({ version: 1 });
    const second = await call(adminToken, "PUT", notice_da(), { subject: "Meddelelse: {{subject}}", body });
    expect(second.json()).toEqual({ version: 2 });
    const one = (await call(adminToken, "GET", notice_da())).json();
    expect(one.current).toMatchObject({ version: 2, subject: "Meddelelse: {{subject}}" });
    expect(one.history.map((h: { version: number }) => h.version)).toEqual([2, 1, 0]);
    expect(one.history[0].createdByName).toBe("Karin Administrator");

    const sent = await call(
      adminToken,
      "POST",
      "/api/v1/notices",
      notice({ audience: "units", unitNumbers: ["101-0002"], subject: "Trappevask" }),
    );
    expect(sent.statusCode).toBe(201);
    const listed = (await call(adminToken, "GET", `/api/v1/letters?batch=${sent.json().batchId}`)).json();
    const letter = (await call(adminToken, "GET", `/api/v1/letters/${listed.items[0].id}`)).json();
    expect(letter.template.version).toBe(2);
    expect(letter.subject).toBe("Meddelelse: Trappevask");
  });

  it("hides organisations and types that are not there", async () => {
    expect((await call(adminToken, "GET", "/api/v1/letter-templates?organisationId=nope")).statusCode).toBe(
      404,
    );
    const nope = `/api/v1/letter-templates/nope/notice/da`;
    expect((await call(adminToken, "PUT", nope, { subject: "a", body: "b" })).statusCode).toBe(404);
    expect(
      (await call(adminToken, "GET", `/api/v1/letter-templates/${organisationId}/x/da`)).statusCode,
    ).toBe(400);
    expect((await call(caretakerToken, "GET", "/api/v1/letter-templates")).statusCode).toBe(404);
  });
});

describe("print batches through the API", () => {
  it("gathers paper letters, gives the PDF, and counts them as sent once printed", async () => {
    const overview = (await call(adminToken, "GET", "/api/v1/print-batches")).json();
    const waiting = overview.waiting.find(
      (w: { organisationId: string }) => w.organisationId === organisationId,
    );
    expect(waiting.count).toBeGreaterThan(0);

    const created = await call(adminToken, "POST", "/api/v1/print-batches", { organisationId });
    expect(created.statusCode).toBe(201);
    expect(created.json().letters).toBe(waiting.count);
    const id = created.json().id;
    const inPrint = (await call(adminToken, "GET", "/api/v1/letters?channel=paper")).json();
    expect(
      inPrint.items.every((l: { status: string; printBatchId: string }) => l.status === "in_print"),
    ).toBe(true);

    const pdf = await call(adminToken, "GET", `/api/v1/print-batches/${id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");

    const printed = await call(adminToken, "POST", `/api/v1/print-batches/${id}/printed`);
    expect(printed.statusCode).toBe(204);
    const sent = (await call(adminToken, "GET", "/api/v1/letters?channel=paper")).json();
    expect(sent.total).toBe(waiting.count);
    for (const l of sent.items) expect(l).toMatchObject({ status: "sent", printBatchId: id });
    expect((await call(adminToken, "GET", "/api/v1/print-batches")).json().batches[0]).toMatchObject({
      id,
      printedBy: "Karin Administrator",
    });

    expect((await call(adminToken, "POST", `/api/v1/print-batches/${id}/printed`)).statusCode).toBe(409);
    const again = await call(adminToken, "POST", "/api/v1/print-batches", { organisationId });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("conflict");
  });

  it("is in the OpenAPI document with the letter described", async () => {
    const doc = (await app.server.inject({ url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/me/letters",
        "/api/v1/letters/{id}",
        "/api/v1/notices",
        "/api/v1/letter-batches/{id}",
        "/api/v1/letter-templates/{organisationId}/{type}/{language}",
        "/api/v1/print-batches/{id}/printed",
      ]),
    );
    const letter = doc.paths["/api/v1/letters/{id}"].get.responses["200"].content["application/json"].schema;
    expect(Object.keys(letter.properties)).toEqual(expect.arrayContaining(["channelRule", "template"]));
    expect(doc.paths["/api/v1/letters/{id}/pdf"].get.responses["200"].content).toHaveProperty(
      "application/pdf",
    );
  });
});
