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

/** SMTP in production; in development each mail is written to data/mail/ as an .eml file and logged. */
export function createMailTransport(config: Config["mail"], log: Logger): MailTransport {
  if (config.kind === "smtp") {
    const transporter = nodemailer.createTransport(config.url);
    return {
      async send(mail) {
        await transporter.sendMail({ from: config.from, ...mail });
      },
    };
  }
  // nodemailer builds the same MIME message it would send, so the file opens in any mail program.
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(mail) {
      await mkdir(config.dir, { recursive: true });
      const info = await builder.sendMail({ from: config.from, ...mail });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const file = path.join(config.dir, `${stamp}-${mail.to.replace(/[^\w.@-]/g, "_")}.eml`);
      await writeFile(file, info.message as Buffer);
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
