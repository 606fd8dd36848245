import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { deliverDueLetters } from "./outbox/worker.ts";

let app: TestApp;
let staff: TestBrowser;
let dept101: string;

beforeAll(async () => {
  app = await buildTestApp();
  staff = new TestBrowser(app.server);
  await staff.login("udlejning@almen.demo");
  dept101 = (
    await app.ctx.db
      .selectFrom("departments")
      .select("id")
      .where("number", "=", 101)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await app.close();
});

const noticeForm = (over: Record<string, string> = {}) => ({
  department_id: dept101,
  audience: "department",
  building_number: "",
  unit_numbers: "",
  subject: "Vandet lukkes tirsdag 8–12",
  message: "Vi skifter stigstrenge på {{address}}.\n\nVandet er lukket tirsdag fra kl. 8 til 12.",
  ...over,
});

describe("the notice pages", () => {
  it("keep what was typed and say what is wrong", async () => {
    await staff.get("/letters/new");
    const res = await staff.post("/letters/new/preview", noticeForm({ subject: "", audience: "units" }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Skriv et emne.");
    expect(res.body).toContain("Skriv mindst ét lejemålsnummer.");
    expect(res.body).toContain("Vandet er lukket tirsdag fra kl. 8 til 12.");
    const unknown = await staff.post(
      "/letters/new/preview",
      noticeForm({ audience: "units", unit_numbers: "101-9999" }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("Disse lejemål findes ikke i afdelingen: 101-9999");
  });

  it("preview per channel, then send to the outbox, and staff follow each letter", async () => {
    await staff.get("/letters/new");
    const preview = await staff.post("/letters/new/preview", noticeForm());
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("20 breve til 101 Æblehaven.");
    expect(preview.body).toContain("Sådan ser det ud i Digital Post");
    expect(preview.body).toContain("Sådan ser e-mailen ud");
    expect(preview.body).toContain("Sådan ser papirbrevet ud");
    expect(await app.ctx.db.selectFrom("letters").select("id").execute()).toEqual([]);

    const pdf = await staff.post("/letters/new/preview.pdf", noticeForm());
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");

    const sent = await staff.post("/letters/new", noticeForm());
    expect(sent.statusCode).toBe(303);
    const batchUrl = String(sent.headers.location);
    const batch = await staff.get(batchUrl);
    expect(batch.body).toContain("Meddelelsen er lagt i udbakken: 20 breve.");
    expect(batch.body).toContain("Digital Post er standard, når modtageren ikke har valgt e-mail");
    expect(batch.body).toContain("Modtageren er fritaget for Digital Post");

    await deliverDueLetters(app.ctx, {
      digitalPost: { name: "test", deliver: async () => {} },
      mail: app.mail,
    });
    const outbox = await staff.get("/letters");
    expect(outbox.body).toContain("Vandet lukkes tirsdag 8–12");
    const letter = await app.ctx.db
      .selectFrom("letters")
      .select("id")
      .where("channel", "=", "email")
      .executeTakeFirstOrThrow();
    const page = await staff.get(`/letters/${letter.id}`);
    expect(page.body).toContain("Modtageren har valgt e-mail og givet samtykke");
    expect(page.body).toContain("Sendt");
    expect(page.body).toContain("Standardtekst (version 0)");
  });

  it("show a resident their letter and its PDF, and nobody else's", async () => {
    const resident = new TestBrowser(app.server);
    await resident.login("beboer@almen.demo");
    const inbox = await resident.get("/inbox");
    expect(inbox.body).toContain("Vandet lukkes tirsdag 8–12");
    const id = /href="\/inbox\/([0-9a-f-]+)"/.exec(inbox.body)?.[1];
    const letter = await resident.get(`/inbox/${id}`);
    expect(letter.body).toContain("Kære Jens");
    const pdf = await resident.get(`/inbox/${id}/pdf`);
    expect(pdf.headers["content-type"]).toBe("application/pdf");

    const other = await app.ctx.db
      .selectFrom("letters")
      .select("id")
      .where("id", "!=", id!)
      .executeTakeFirstOrThrow();
    expect((await resident.get(`/inbox/${other.id}`)).statusCode).toBe(404);
    expect((await resident.get(`/letters/${id}`)).statusCode).toBe(404);
    expect((await resident.get("/letters/new")).statusCode).toBe(404);
  });

  it("let residents choose a daily digest, which holds their ordinary letters until 7 o'clock", async () => {
    const resident = new TestBrowser(app.server);
    await resident.login("beboer@almen.demo");
    await resident.get("/account/contact");
    const saved = await resident.post("/account/contact", {
      email: "beboer@almen.demo",
      phone: "",
      language: "da",
      email_consent: "ja",
      email_frequency: "daily_digest",
    });
    expect(saved.statusCode).toBe(303);
    await staff.get("/letters/new");
    for (const subject of ["Første meddelelse", "Anden meddelelse"]) {
      await staff.post("/letters/new", noticeForm({ audience: "units", unit_numbers: "101-0002", subject }));
    }
    const transports = { digitalPost: { name: "test", deliver: async () => {} }, mail: app.mail };
    const before = app.mail.sent.length;
    await deliverDueLetters(app.ctx, transports);
    expect(app.mail.sent.length).toBe(before);
    app.clock.advance(25 * 3600_000);
    await deliverDueLetters(app.ctx, transports);
    const digests = app.mail.sent.slice(before);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toContain("Dine 2 breve");
    expect(digests[0]!.attachments).toHaveLength(2);
    // No letters, no digest.
    app.clock.advance(25 * 3600_000);
    await deliverDueLetters(app.ctx, transports);
    expect(app.mail.sent.length).toBe(before + 1);
  });
});

describe("templates", () => {
  it("are edited by administrators as new versions, with a preview, and each letter keeps its version", async () => {
    const admin = new TestBrowser(app.server);
    await admin.login("admin@almen.demo");
    const list = await admin.get("/letters/templates");
    const edit = /href="(\/letters\/templates\/[^/]+\/notice\/da)"/.exec(list.body)?.[1];
    expect(edit).toBeDefined();
    await admin.get(edit!);
    const bad = await admin.post(edit!, { subject: "{{subject}}", body: "Hej {{navn}}" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Ukendte flettefelter: {{navn}}");
    const preview = await admin.post(`${edit}/preview`, {
      subject: "{{subject}}",
      body: "Hej {{name}}\n\n{{message}}",
    });
    expect(preview.body).toContain("Hej Anna Jensen");
    const saved = await admin.post(edit!, { subject: "{{subject}}", body: "Hej {{name}}\n\n{{message}}" });
    expect(saved.statusCode).toBe(303);
    expect((await admin.get(edit!)).body).toContain("Skabelonen er gemt som version 1.");

    // The digest test moved the clock two days on: the staff session has ended.
    staff = new TestBrowser(app.server);
    await staff.login("udlejning@almen.demo");
    await staff.get("/letters/new");
    const sent = await staff.post(
      "/letters/new",
      noticeForm({ audience: "units", unit_numbers: "101-0003", subject: "Ny skabelon" }),
    );
    expect(sent.statusCode).toBe(303);
    const letter = await app.ctx.db
      .selectFrom("letters")
      .select(["template_version", "body"])
      .where("subject", "=", "Ny skabelon")
      .where("language", "=", "da")
      .executeTakeFirstOrThrow();
    expect(letter.template_version).toBe(1);
    expect(letter.body.startsWith("Hej ")).toBe(true);
    expect((await staff.get(edit!)).statusCode).toBe(404);
  });
});
