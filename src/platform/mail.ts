import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { Config } from "../config.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailTransport {
  send(mail: Mail): Promise<void>;
}

/** SMTP in production; in development each mail is written to data/mail/ and logged. */
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
      const file = path.join(config.dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.to}.json`);
      await writeFile(file, JSON.stringify({ from: config.from, ...mail }, null, 2));
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
