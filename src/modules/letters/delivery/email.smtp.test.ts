/**
 * E-mailed letters over real SMTP: nodemailer (src/platform/mail.ts) talking to a local SMTP server,
 * the received message parsed back — so the headers, encodings and the attached PDF are what a
 * resident's mail program gets, not what we handed the transport.
 */

import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import type { Principal } from "../../../platform/access.ts";
import { createMailTransport } from "../../../platform/mail.ts";
import { sendNotice } from "../notices.service.ts";
import { deliverDueLetters } from "../outbox/worker.ts";
import { directoryTransport } from "./digital-post.ts";

interface Received {
  from: string;
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

let smtp: SMTPServer;
let port: number;
const received: Received[] = [];
let app: TestApp;
let dropDir: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", callback);
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const envelope = session.envelope;
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              from: envelope.mailFrom ? (envelope.mailFrom as SMTPServerAddress).address : "",
              to: envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            callback();
          },
          (e: Error) => callback(e),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(0, "127.0.0.1", () => resolve());
  });
  port = (smtp.server.address() as AddressInfo).port;
  app = await buildTestApp({ config: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
  dropDir = await mkdtemp(path.join(tmpdir(), "almen-dp-smtp-"));
});

afterAll(async () => {
  await app?.close();
  if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
  if (dropDir) await rm(dropDir, { recursive: true, force: true });
});

const subject = "Varmt vand på Ærøvej: lukket tirsdag 8–12 – også i køkkenet";

describe("an e-mailed letter over SMTP", () => {
  it("arrives once, with the UTF-8 subject, text and HTML bodies, the stored PDF and the letter's Message-ID", async () => {
    expect(app.ctx.config.mail).toMatchObject({ kind: "smtp", url: `smtp://127.0.0.1:${port}` });
    const smtpTransport = createMailTransport(app.ctx.config.mail, app.ctx.log);
    const org = await app.ctx.db.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
    const admin: Principal = {
      userId: "test",
      grants: [{ role: "org_admin", organisationId: org.id, departmentId: null }],
    };
    const department = await app.ctx.db
      .selectFrom("departments")
      .select("id")
      .where("number", "=", 101)
      .executeTakeFirstOrThrow();

    // 101-0002 is the demo resident's home: the resident (e-mail consent) and a co-tenant.
    const { batchId } = await sendNotice(app.ctx, { userId: null, label: "test" }, admin, {
      department_id: department.id,
      audience: "units",
      building_number: "",
      unit_numbers: "101-0002",
      subject,
      message: "Kære {{name}}\n\nVi skifter stigstrenge & <ventiler>.\nHusk at tappe vand før kl. 8.",
    });
    const letters = await app.ctx.db
      .selectFrom("letters")
      .select(["id", "channel", "recipient_email", "reference", "subject", "body", "status"])
      .where("batch_id", "=", batchId)
      .orderBy("id")
      .execute();
    const emailed = letters.filter((l) => l.channel === "email");
    expect(emailed).toHaveLength(1);
    const letter = emailed[0]!;
    expect(letter.recipient_email).toBe("beboer@almen.demo");
    expect(letter.subject).toBe(subject);

    const pass = await deliverDueLetters(app.ctx, {
      digitalPost: directoryTransport(dropDir),
      mail: smtpTransport,
    });
    const electronic = letters.filter((l) => l.channel !== "paper");
    expect(pass).toEqual({ claimed: electronic.length, sent: electronic.length, failed: 0 });

    // Exactly one message reached the server, addressed to the e-mail recipient only.
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.from).toBe("noreply@almen.local");
    expect(mail.to).toEqual(["beboer@almen.demo"]);
    expect(app.mail.sent).toEqual([]); // the in-memory mailbox was not used

    const { parsed, raw } = mail;
    // Headers on the wire are plain ASCII; the subject is a MIME encoded-word that decodes exactly.
    const headerEnd = raw.indexOf("\r\n\r\n");
    expect(headerEnd).toBeGreaterThan(0);
    expect([...raw.subarray(0, headerEnd)].every((b) => b < 0x80)).toBe(true);
    expect(raw.subarray(0, headerEnd).toString("ascii")).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(parsed.subject).toBe(subject);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : []).toEqual([
      "beboer@almen.demo",
    ]);
    expect(parsed.from?.value[0]).toEqual({ name: "almen", address: "noreply@almen.local" });
    // The Message-ID comes from the letter id and the public host, so a repeat is recognisable.
    expect(parsed.messageId).toBe(`<${letter.id}@localhost>`);

    // Text body: the letter itself, then the footer with the reference.
    const footer = `Brevet er vedhæftet som PDF og ligger også under Mine breve i almen. Reference: ${letter.reference}.`;
    expect(parsed.text?.replace(/\r\n/g, "\n")).toBe(`${letter.body}\n\n-- \n${footer}\n`);
    expect(letter.body).toContain("Jens Ærø Beboer");
    expect(letter.body).toContain("Vi skifter stigstrenge & <ventiler>.\nHusk at tappe vand før kl. 8.");

    // HTML body: the same text, escaped, in paragraphs with line breaks kept.
    const html = parsed.html || "";
    expect(html).toContain('<html lang="da">');
    expect(html).toContain("<p>Kære Jens Ærø Beboer</p>");
    expect(html).toContain(
      "<p>Vi skifter stigstrenge &#38; &#60;ventiler&#62;.<br>Husk at tappe vand før kl. 8.</p>",
    );
    expect(html).not.toContain("<ventiler>");
    expect(html).toContain(footer);

    // One attachment: the PDF stored with the letter, byte for byte.
    expect(parsed.attachments).toHaveLength(1);
    const attachment = parsed.attachments[0]!;
    expect(attachment.contentType).toBe("application/pdf");
    expect(attachment.filename).toBe(`brev-${letter.reference}.pdf`);
    expect(attachment.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const stored = await app.ctx.db
      .selectFrom("letter_pdfs")
      .select("pdf")
      .where("letter_id", "=", letter.id)
      .executeTakeFirstOrThrow();
    expect(Buffer.compare(attachment.content, Buffer.from(stored.pdf))).toBe(0);

    const after = await app.ctx.db
      .selectFrom("letters")
      .select(["id", "status"])
      .where("batch_id", "=", batchId)
      .execute();
    for (const l of after) {
      const channel = letters.find((x) => x.id === l.id)!.channel;
      expect(l.status).toBe(channel === "paper" ? "queued" : "sent");
    }

    // Nothing is due any more: a second pass sends nothing.
    expect(
      await deliverDueLetters(app.ctx, { digitalPost: directoryTransport(dropDir), mail: smtpTransport }),
    ).toEqual({ claimed: 0, sent: 0, failed: 0 });
    expect(received).toHaveLength(1);
  });
});
