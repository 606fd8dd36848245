import { z } from "zod";
import { type Principal, reaches, reachOf } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import type { LetterDocument } from "../letter-document.ts";
import { type LetterType, letterTypes } from "../letter-types.ts";
import { senderFacts } from "../recipients.repository.ts";
import { type MergeValues, merge, unknownFields } from "./merge.ts";
import { currentTemplate } from "./templates.repository.ts";

export const templateSchema = z.object({
  subject: z
    .string()
    .trim()
    .min(1, { message: "letters.errors.subject" })
    .max(200, { message: "letters.errors.subject_long" }),
  body: z
    .string()
    .trim()
    .min(1, { message: "letters.errors.body" })
    .max(20_000, { message: "letters.errors.message_long" })
    .transform((v) => v.replace(/\r\n/g, "\n")),
});
export type TemplateInput = z.output<typeof templateSchema>;

/** Organisations whose templates the user may edit. */
export async function templateOrganisations(ctx: AppContext, principal: Principal) {
  const reach = reachOf(principal, "letters.templates");
  let q = ctx.db.selectFrom("organisations").select(["id", "number", "name"]).orderBy("number");
  if (!reach.all) q = q.where("id", "in", reach.organisationIds.length ? reach.organisationIds : [""]);
  return q.execute();
}

export function requireTemplateAccess(principal: Principal, organisationId: string): void {
  if (!reaches(reachOf(principal, "letters.templates"), organisationId)) throw new NotFoundError();
}

/** Every letter type in both languages with the version in force. */
export async function templateOverview(ctx: AppContext, organisationId: string) {
  const types = Object.keys(letterTypes) as LetterType[];
  return Promise.all(
    types.map(async (type) => ({
      type,
      da: await currentTemplate(ctx.db, organisationId, type, "da"),
      en: await currentTemplate(ctx.db, organisationId, type, "en"),
    })),
  );
}

/** Command: saves an edited template as the next version; earlier letters keep their version. */
export async function saveTemplate(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  key: { organisationId: string; type: LetterType; language: "da" | "en" },
  input: TemplateInput,
): Promise<number> {
  requireTemplateAccess(principal, key.organisationId);
  const unknown = unknownFields(`${input.subject}\n${input.body}`);
  if (unknown.length) {
    throw new ValidationError({ body: "letters.errors.unknown_fields" }, "errors.validation", {
      fields: unknown.map((f) => `{{${f}}}`).join(", "),
    });
  }
  const current = await currentTemplate(ctx.db, key.organisationId, key.type, key.language);
  const version = current.version + 1;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const id = newId();
      await trx
        .insertInto("letter_templates")
        .values({
          id,
          organisation_id: key.organisationId,
          letter_type: key.type,
          language: key.language,
          version,
          subject: input.subject,
          body: input.body,
          created_by: actor.userId,
          created_at: ctx.clock.now().toISOString(),
        })
        .execute();
      await audit(trx, ctx.clock, actor, {
        action: "letters.template.save",
        entity: "letter_templates",
        entityId: id,
        organisationId: key.organisationId,
        before: { version: current.version, subject: current.subject },
        after: { type: key.type, language: key.language, version, subject: input.subject },
      });
    });
  } catch (e) {
    // Two editors saved at once: the unique (organisation, type, language, version) says who won.
    if (/unique|duplicate/i.test(String(e))) throw new ConflictError("letters.errors.template_conflict");
    throw e;
  }
  return version;
}

/** Example merge values, so the preview shows a whole letter. */
export function sampleValues(lang: "da" | "en", organisation: string, today: string): MergeValues {
  return {
    name: "Anna Jensen",
    address: "Æblehaven 12, 2. tv, 2700 Brønshøj",
    unit: "101-0012",
    department: "Æblehaven",
    organisation,
    date: { date: today },
    subject: lang === "da" ? "Vandet lukkes tirsdag 8–12" : "Water off Tuesday 8–12",
    message:
      lang === "da"
        ? "Vi skifter stigstrenge i opgang 12. Vandet er lukket tirsdag fra kl. 8 til 12."
        : "We are replacing the risers in stairwell 12. The water is off on Tuesday from 8 to 12.",
    amount: { ore: 845_000 },
    due_date: { date: today },
    deadline: { date: today },
    meeting_date: { date: today },
    move_in_date: { date: today },
    end_date: { date: today },
    inspection_date: { date: today },
  };
}

/** A template filled with example values, as the letter it would make. */
export async function previewDocument(
  ctx: AppContext,
  organisationId: string,
  type: LetterType,
  language: "da" | "en",
  input: TemplateInput,
): Promise<LetterDocument> {
  const sender = await senderFacts(ctx.db, organisationId);
  if (!sender) throw new NotFoundError();
  const today = todayInCopenhagen(ctx.clock);
  const values = sampleValues(language, sender.name, today);
  return {
    letterId: "00000000-0000-7000-8000-000000000000",
    reference: "PREV-IEW0",
    language,
    date: today,
    sender: { name: sender.name, addressLines: sender.addressLines, cvr: sender.cvr },
    recipient: { name: "Anna Jensen", addressLines: ["Æblehaven 12, 2. tv", "2700 Brønshøj"] },
    subject: merge(input.subject, values, language).trim(),
    body: merge(input.body, values, language).trim(),
    paymentSlip: letterTypes[type].paymentSlip,
  };
}
