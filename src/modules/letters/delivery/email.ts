import type { TFunction } from "i18next";
import type { Mail } from "../../../platform/mail.ts";
import { redactCpr } from "../memo/memo.ts";
import type { ClaimedLetter } from "../outbox/outbox.repository.ts";

/** A CPR number never goes into an e-mail subject (DOMAIN.md); the body is the letter itself. */
const withoutCpr = (text: string): string => redactCpr(text);

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Paragraphs on blank lines, line breaks kept: the same reading order as the PDF. */
function bodyHtml(body: string): string {
  return body
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

const pdfName = (letter: ClaimedLetter) => `brev-${letter.reference}.pdf`;

function html(lang: "da" | "en", inner: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head><body>${inner}</body></html>`;
}

/** One letter as one e-mail: text and HTML bodies, the PDF attached, a Message-ID from the letter id. */
export function letterEmail(letter: ClaimedLetter, pdf: Buffer, t: TFunction, domain: string): Mail {
  const footer = t("letters.email.footer", { reference: letter.reference });
  return {
    to: letter.recipientEmail ?? "",
    subject: withoutCpr(letter.subject),
    text: `${letter.body}\n\n-- \n${footer}\n`,
    html: html(
      letter.language,
      `${bodyHtml(letter.body)}\n<hr>\n<p><small>${escapeHtml(footer)}</small></p>`,
    ),
    attachments: [{ filename: pdfName(letter), content: pdf, contentType: "application/pdf" }],
    messageId: `<${letter.id}@${domain}>`,
  };
}

/** A resident's daily digest: one e-mail listing the day's ordinary letters, each PDF attached. */
export function digestEmail(
  letters: ClaimedLetter[],
  pdfs: Map<string, Buffer>,
  organisation: string,
  t: TFunction,
  domain: string,
): Mail {
  const first = letters[0]!;
  const intro = t("letters.email.digest_intro", { count: letters.length, organisation });
  const items = letters.map((l) => `${withoutCpr(l.subject)} (${l.reference})`);
  const sections = letters.map((l) => `== ${withoutCpr(l.subject)} ==\n\n${l.body}`);
  return {
    to: first.recipientEmail ?? "",
    subject: t("letters.email.digest_subject", { count: letters.length, organisation }),
    text: `${intro}\n\n${items.map((i) => `- ${i}`).join("\n")}\n\n${sections.join("\n\n")}\n`,
    html: html(
      first.language,
      `<p>${escapeHtml(intro)}</p><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>` +
        letters.map((l) => `<h2>${escapeHtml(withoutCpr(l.subject))}</h2>${bodyHtml(l.body)}`).join("\n"),
    ),
    attachments: letters.map((l) => ({
      filename: pdfName(l),
      content: pdfs.get(l.id) ?? Buffer.alloc(0),
      contentType: "application/pdf",
    })),
    // The digest is keyed on its first letter: a repeated delivery carries the same Message-ID.
    messageId: `<digest-${first.id}@${domain}>`,
  };
}
