import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import type { Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkPage,
  clickAndCheck,
  completeEnrolment,
  logOut,
  pathOf,
  skipJourneys,
  submitLogin,
  tableRecords,
  visit,
} from "./browser.ts";
import { byRole } from "./demo.ts";
import { journey, useSuite } from "./harness.ts";
import { startServer } from "./server.ts";

const officer = byRole("letting_officer");
const resident = byRole("resident");
const subject = "Vandet lukkes tirsdag 8–12";
const message = "Kære {{name}}\n\nVi skifter stigstrenge i opgangen. Vandet er lukket tirsdag kl. 8–12.";

interface Received {
  to: string[];
  mail: ParsedMail;
}

/** A local SMTP server (no TLS, no login) that keeps every message it receives, parsed. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        },
        (e: Error) => callback(e),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` gives a value; the bound only stops a hung journey, it is not what is tested. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(200);
  }
}

/** "Digital Post: 7 breve" (or "7 breve med Digital Post") → 7, from the preview's counts. */
/** How many paper letters /letters/paper says are waiting (0 when it names none). */
async function waitingPaper(page: Page): Promise<number> {
  const text = (await page.locator("main").textContent()) ?? "";
  return Number(text.match(/(\d+) breve? fra Boligselskabet Rum for Liv venter\./)?.[1] ?? 0);
}

async function previewCount(page: Page, channel: string): Promise<number> {
  const line = await page
    .locator("main li")
    .filter({ hasText: new RegExp(`^(${channel}: \\d+ breve?|\\d+ breve? med ${channel})$`) })
    .textContent();
  return Number(line?.match(/\d+/)?.[0]);
}

/** The batch page's "status per channel" table as { channel: { status: count } }. */
async function batchSummary(page: Page): Promise<Record<string, Record<string, number>>> {
  const rows = await tableRecords(page.locator("main table").first());
  const summary: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const channel = r["Sendt med"] ?? "";
    summary[channel] = { ...summary[channel], [r.Status ?? ""]: Number(r.Breve) };
  }
  return summary;
}

describe.skipIf(skipJourneys)("journey: a notice to a department, by Digital Post, e-mail and paper", () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  let dropDir = "";
  const suite = useSuite(async () => {
    smtp = await startSmtp();
    dropDir = await mkdtemp(path.join(tmpdir(), "almen-e2e-dp-"));
    // The outbox worker runs in the server (the default), delivering to the SMTP server and drop dir.
    return startServer({ SMTP_URL: smtp.url, ALMEN_DIGITAL_POST_DIR: dropDir });
  });
  afterAll(async () => {
    await smtp?.close();
    if (dropDir) await rm(dropDir, { recursive: true, force: true });
  });

  it("staff send it, the worker delivers it, paper is printed, and the resident reads it", async () => {
    const counts = { digital_post: 0, email: 0, paper: 0 };

    await journey(suite, {}, async (j) => {
      const { page } = j;
      const { url } = suite.server;
      await visit(j, url, "/login");
      await submitLogin(j, officer.email);
      await completeEnrolment(j);

      // Paper letters already waiting (the demo's meeting notices to households without Digital
      // Post or e-mail) go into the same print batch as this notice's.
      await visit(j, url, "/letters/paper");
      const waitingBefore = await waitingPaper(page);

      // Breve → Skriv en meddelelse.
      await clickAndCheck(j, () =>
        page.locator("nav").getByRole("link", { name: "Breve", exact: true }).click(),
      );
      expect(pathOf(page)).toBe("/letters");
      await clickAndCheck(j, () => page.getByRole("link", { name: "Skriv en meddelelse" }).click());
      expect(pathOf(page)).toBe("/letters/new");
      await page
        .getByLabel("Afdeling", { exact: true })
        .selectOption({ label: "101 Æblehaven (Boligselskabet Rum for Liv)" });
      await page.getByRole("radio", { name: "Alle husstande i afdelingen" }).check();
      await page.getByLabel("Emne", { exact: true }).fill(subject);
      await page.getByLabel("Meddelelse", { exact: true }).fill(message);

      // The preview: how many letters by which channel, and a sample of each.
      await clickAndCheck(j, () => page.getByRole("button", { name: "Forhåndsvis" }).click());
      expect(await page.locator("h1").textContent()).toBe("Forhåndsvisning af meddelelsen");
      expect(await page.locator("main").textContent()).toContain("20 breve til 101 Æblehaven.");
      counts.digital_post = await previewCount(page, "Digital Post");
      counts.email = await previewCount(page, "E-mail");
      counts.paper = await previewCount(page, "Papirbrev");
      expect(counts.digital_post + counts.email + counts.paper).toBe(20);
      for (const n of Object.values(counts)) expect(n).toBeGreaterThan(0);

      // Send: the batch page, with every letter waiting for the worker or the printer.
      await clickAndCheck(j, () => page.getByRole("button", { name: "Send 20 breve" }).click());
      expect(pathOf(page)).toMatch(/^\/letters\/batches\/[0-9a-f-]+$/);
      expect(await page.getByRole("status").first().textContent()).toContain(
        "Meddelelsen er lagt i udbakken: 20 breve.",
      );
      expect(await page.locator("h1").textContent()).toBe(subject);

      // The server's outbox worker delivers the electronic letters on its own.
      const delivered = await eventually("the worker to deliver", async () => {
        await page.reload();
        const summary = await batchSummary(page);
        const sent = (channel: string) => summary[channel]?.Sendt ?? 0;
        return sent("Digital Post") === counts.digital_post && sent("E-mail") === counts.email
          ? summary
          : undefined;
      });
      expect(delivered.Papirbrev).toEqual({ "I kø": counts.paper });
      await checkPage(j);

      // Paper: gather the waiting letters into a print batch, download it, confirm it was posted.
      await visit(j, url, "/letters");
      await clickAndCheck(j, () => page.getByRole("link", { name: "Papirbreve" }).click());
      expect(pathOf(page)).toBe("/letters/paper");
      const printed = waitingBefore + counts.paper;
      expect(await waitingPaper(page)).toBe(printed);
      await clickAndCheck(j, () => page.getByRole("button", { name: "Saml udskriftsbunke" }).click());
      expect(await page.getByRole("status").first().textContent()).toContain(
        `Udskriftsbunken er klar: ${printed} breve.`,
      );
      const pdfLink = page.getByRole("link", { name: `Hent PDF (${printed} breve)` });
      const pdf = await page.request.get(new URL((await pdfLink.getAttribute("href"))!, url).href);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
      await clickAndCheck(j, () => page.getByRole("button", { name: "Bekræft udskrevet og sendt" }).click());
      expect(await page.getByRole("status").first().textContent()).toContain(
        "Udskriftsbunken er markeret som udskrevet, og brevene tæller som sendt.",
      );
      expect(await page.getByRole("button", { name: "Bekræft udskrevet og sendt" }).count()).toBe(0);

      // Back on the batch: every letter is sent; the exempt household's went on paper.
      await visit(j, url, "/letters");
      await clickAndCheck(j, () => page.getByRole("link", { name: subject }).first().click());
      const summary = await batchSummary(page);
      expect(summary).toEqual({
        "Digital Post": { Sendt: counts.digital_post },
        "E-mail": { Sendt: counts.email },
        Papirbrev: { Sendt: counts.paper },
      });
      const letters = await tableRecords(page.locator("main table").nth(1));
      expect(letters).toHaveLength(20);
      const exempt = letters.filter((l) => l.Hvorfor === "Modtageren er fritaget for Digital Post");
      expect(exempt.length).toBeGreaterThan(0);
      for (const l of exempt) expect(l).toMatchObject({ "Sendt med": "Papirbrev", Status: "Sendt" });
      await logOut(j, url);
    });

    // The SMTP server got one e-mail per e-mailed letter of the notice (the demo's meeting notices
    // arrive too); the resident's is the letter with its PDF.
    const received = smtp!.received.filter((r) => r.mail.subject === subject);
    expect(received).toHaveLength(counts.email);
    const toResident = received.filter((r) => r.to.includes(resident.email));
    expect(toResident).toHaveLength(1);
    const mail = toResident[0]!.mail;
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(`Kære ${resident.name}`);
    expect(mail.text).toContain("Vandet er lukket tirsdag kl. 8–12.");
    expect(mail.attachments.map((a) => a.contentType)).toEqual(["application/pdf"]);
    expect(mail.attachments[0]!.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // The Digital Post recipients' MeMo messages are in the drop directory, one per letter.
    const files: string[] = [];
    for (const f of (await readdir(dropDir)).filter((f) => f.endsWith(".xml"))) {
      const xml = await readFile(path.join(dropDir, f), "utf8");
      if (xml.includes(`<memo:label>${subject}</memo:label>`)) files.push(xml);
    }
    expect(files).toHaveLength(counts.digital_post);
    const memo = files[0]!;
    expect(memo).toContain("<memo:messageUUID>");
    expect(await readdir(path.join(dropDir, ".partial"))).toEqual([]);

    // The resident (no second factor) finds the letter in Mine breve and downloads its PDF.
    await journey(suite, {}, async (j) => {
      const { page } = j;
      const { url } = suite.server;
      await visit(j, url, "/login");
      await submitLogin(j, resident.email);
      expect(pathOf(page)).toBe("/home");
      await clickAndCheck(j, () =>
        page.locator("nav").getByRole("link", { name: "Mine breve", exact: true }).click(),
      );
      expect(pathOf(page)).toBe("/inbox");
      const link = page.getByRole("link", { name: subject });
      expect(await link.count()).toBe(1);
      expect(await page.locator("main tbody tr").first().textContent()).toContain("E-mail");
      await clickAndCheck(j, () => link.click());
      expect(pathOf(page)).toMatch(/^\/inbox\/[0-9a-f-]+$/);
      expect(await page.locator("h1").textContent()).toBe(subject);
      expect(await page.locator("main").textContent()).toContain("Sendt med E-mail");
      expect(await page.locator("main").textContent()).toContain("Vandet er lukket tirsdag kl. 8–12.");
      const href = await page.getByRole("link", { name: "Hent brevet som PDF" }).getAttribute("href");
      const pdf = await page.request.get(new URL(href!, url).href);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      const bytes = await pdf.body();
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      // The same PDF that was e-mailed.
      expect(Buffer.compare(bytes, mail.attachments[0]!.content)).toBe(0);
      await logOut(j, url);
    });
  });
});
