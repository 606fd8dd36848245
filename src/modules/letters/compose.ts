import { randomUUID } from "node:crypto";
import type { Insertable, Kysely } from "kysely";
import type { Database } from "../../db/database-types.ts";
import type { AppContext } from "../../platform/context.ts";
import { nextCopenhagenHour, todayInCopenhagen } from "../../platform/dates.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { isValidCvr } from "../masterdata/index.ts";
import { chooseChannel } from "./channel-rules.ts";
import type { LetterDocument } from "./letter-document.ts";
import { type LetterType, letterTypes } from "./letter-types.ts";
import type { LettersTable } from "./letters.table.ts";
import { renderLetterPdf } from "./pdf/letter-pdf.ts";
import { homeFacts, recipientFacts, senderFacts } from "./recipients.repository.ts";
import { type MergeValues, merge } from "./templates/merge.ts";
import { currentTemplate, type TemplateVersion } from "./templates/templates.repository.ts";

/** Ordinary e-mailed letters of residents who chose a digest wait for this Copenhagen hour. */
export const digestHour = 7;

export interface LetterRecipient {
  personId: string;
  /** The home the letter is about; its address is used when the person has none of their own. */
  unitId?: string | null;
  /** Merge values for this recipient only (e.g. an amount owed). */
  values?: MergeValues;
}

/** Props of a letter request: who gets which kind of letter, with which merge values. */
export interface LetterRequest {
  organisationId: string;
  letterType: LetterType;
  recipients: LetterRecipient[];
  /** Merge values shared by every letter (e.g. the subject and message of a notice). */
  values?: MergeValues;
  batchId?: string | null;
  departmentId?: string | null;
  createdBy: string | null;
}

export interface PlannedLetter {
  row: Insertable<LettersTable>;
  document: LetterDocument;
}

export interface PreparedLetter extends PlannedLetter {
  pdf: Buffer;
}

/** A short reference for the letter's reader, from the random tail of its id: "7K3F-92QA". */
export const letterReference = (id: string): string =>
  id
    .replace(/-/g, "")
    .slice(-8)
    .toUpperCase()
    .replace(/^(.{4})/, "$1-");

/**
 * Renders every letter of a request to its PDF — the slow part, done before the transaction that
 * records the letters (see recordLetters) so locks stay short.
 */
export async function prepareLetters(ctx: AppContext, request: LetterRequest): Promise<PreparedLetter[]> {
  const planned = await planLetters(ctx, request);
  const prepared: PreparedLetter[] = [];
  for (const p of planned) prepared.push({ ...p, pdf: await renderLetterPdf(p.document) });
  return prepared;
}

/** Writes each letter (merge fields filled in, channel decided) without rendering it: previews use this. */
export async function planLetters(ctx: AppContext, request: LetterRequest): Promise<PlannedLetter[]> {
  const { db, clock } = ctx;
  const sender = await senderFacts(db, request.organisationId);
  if (!sender) throw new NotFoundError();
  const people = await recipientFacts(db, [...new Set(request.recipients.map((r) => r.personId))]);
  const unitIds = request.recipients.map((r) => r.unitId).filter((id): id is string => !!id);
  const homes = await homeFacts(db, [...new Set(unitIds)]);
  const templates = {
    da: await currentTemplate(db, request.organisationId, request.letterType, "da"),
    en: await currentTemplate(db, request.organisationId, request.letterType, "en"),
  };
  const now = clock.now();
  const nowIso = now.toISOString();
  const today = todayInCopenhagen(clock);
  const digestAt = nextCopenhagenHour(now, digestHour).toISOString();
  const kind = letterTypes[request.letterType];
  const senderHasCvr = !!sender.cvr && isValidCvr(sender.cvr);

  const planned: PlannedLetter[] = [];
  for (const recipient of request.recipients) {
    const person = people.get(recipient.personId);
    if (!person) throw new NotFoundError();
    const home = recipient.unitId ? homes.get(recipient.unitId) : undefined;
    const lang = person.language;
    const template: TemplateVersion = templates[lang];
    const values: MergeValues = {
      name: person.name,
      address: home?.oneLine ?? person.addressLines?.join(", ") ?? "",
      unit: home?.unitNumber ?? "",
      department: home?.departmentName ?? "",
      organisation: sender.name,
      date: { date: today },
      ...request.values,
      ...recipient.values,
    };
    // Staff may use merge fields in their own subject and message too ("Kære {{name}}").
    for (const key of ["subject", "message"] as const) {
      const v = values[key];
      if (typeof v === "string") values[key] = merge(v, values, lang);
    }
    const decision = chooseChannel({
      letterType: request.letterType,
      digitalPostExempt: person.digitalPostExempt,
      hasCpr: person.hasCpr,
      emailConsent: person.emailConsent,
      hasEmail: !!person.email,
      senderHasCvr,
    });
    const digest =
      decision.channel === "email" && kind.digestible && person.emailFrequency === "daily_digest";
    const id = newId();
    const document: LetterDocument = {
      letterId: id,
      reference: letterReference(id),
      language: lang,
      date: today,
      sender: { name: sender.name, addressLines: sender.addressLines, cvr: sender.cvr },
      recipient: { name: person.name, addressLines: person.addressLines ?? home?.addressLines ?? [] },
      subject: merge(template.subject, values, lang).trim(),
      body: merge(template.body, values, lang).trim(),
      paymentSlip: kind.paymentSlip,
    };
    planned.push({
      document,
      row: {
        id,
        organisation_id: request.organisationId,
        department_id: request.departmentId ?? home?.departmentId ?? null,
        batch_id: request.batchId ?? null,
        letter_type: request.letterType,
        reference: document.reference,
        recipient_person_id: person.personId,
        recipient_name: person.name,
        recipient_address_json: document.recipient.addressLines,
        recipient_email: decision.channel === "email" ? person.email : null,
        language: lang,
        document_date: today,
        subject: document.subject,
        body: document.body,
        template_id: template.id,
        template_version: template.version,
        channel: decision.channel,
        channel_rule: decision.rule,
        delivery: digest ? "digest" : "immediate",
        status: "queued",
        // Paper waits for staff to print it; everything else is due now (or at the digest hour).
        due_at: decision.channel === "paper" ? null : digest ? digestAt : nowIso,
        // Fixed when the letter is made, so a repeated delivery carries the same messageUUID.
        memo_uuid: decision.channel === "digital_post" ? randomUUID() : null,
        created_by: request.createdBy,
        created_at: nowIso,
        updated_at: nowIso,
      },
    });
  }
  return planned;
}

/**
 * Records prepared letters inside the caller's transaction: the letter exists exactly when the
 * business change that caused it does (transactional outbox).
 */
export async function recordLetters(trx: Kysely<Database>, prepared: PreparedLetter[]): Promise<void> {
  // Well under SQLite's 32,766 bound parameters per statement (about 30 columns a row).
  const chunk = 200;
  for (let i = 0; i < prepared.length; i += chunk) {
    const part = prepared.slice(i, i + chunk);
    await trx
      .insertInto("letters")
      .values(part.map((p) => p.row))
      .execute();
    await trx
      .insertInto("letter_pdfs")
      .values(part.map((p) => ({ letter_id: p.row.id, pdf: p.pdf })))
      .execute();
  }
}
