import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { Config } from "../config.ts";

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** A fixed Message-ID (e.g. from a letter id) lets receivers spot a repeated delivery. */
  messageId?: string;
}

export interface MailTransport {
  send(mail: Mail): Promise<void>;
}

/** SMTP in production; in development each mail is written to data/mail/ as JSON and logged. */
export function createMailTransport(config: Config["mail"], log: Logger): MailTransport {
  if (config.kind === "smtp") {
    const transporter = nodemailer.createTransport(config.url);
    return {
      async send(mail) {
        await transporter.sendMail({ from: config.from, ...mail });
      },
    };
  }
  return {
    async send(mail) {
      await mkdir(config.dir, { recursive: true });
      const stamp = `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.to.replace(/[^\w.@-]/g, "_")}`;
      // Attachments (letter PDFs) are written beside the mail, so the JSON stays readable.
      const attachments = [];
      for (const [i, a] of (mail.attachments ?? []).entries()) {
        const file = `${stamp}-${i + 1}-${a.filename.replace(/[^\w.-]/g, "_")}`;
        await writeFile(path.join(config.dir, file), a.content);
        attachments.push({ filename: a.filename, contentType: a.contentType, file });
      }
      const file = path.join(config.dir, `${stamp}.json`);
      await writeFile(file, JSON.stringify({ from: config.from, ...mail, attachments }, null, 2));
      log.info({ file, subject: mail.subject }, "mail written to the development mail folder");
    },
  };
}

/** Keeps mails in memory: for tests that need to read a link out of a mail. */
export function memoryMailTransport(): MailTransport & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    sent,
    async send(mail) {
      sent.push(mail);
    },
  };
}
