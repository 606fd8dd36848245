import { z } from "zod";
import { type Actor, audit } from "../../platform/audit.ts";
import { nowIso } from "../../platform/clock.ts";
import type { AppContext } from "../../platform/context.ts";
import { NotFoundError } from "../../platform/errors.ts";

/** What residents may change about themselves: how to reach them and how they want letters. */
export const contactSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => v || null)
    .pipe(z.email({ message: "masterdata.errors.email" }).nullable()),
  phone: z
    .string()
    .trim()
    .regex(/^(\+?[\d ]{8,16})?$/, { message: "masterdata.errors.phone" })
    .transform((v) => v.replace(/\s+/g, " ") || null),
  language: z.enum(["da", "en"], { message: "masterdata.errors.language" }),
  email_consent: z.preprocess((v) => v === "ja" || v === "on" || v === true, z.boolean()),
  digital_post_exempt: z.preprocess((v) => v === "ja" || v === "on" || v === true, z.boolean()),
  // Absent (an older form or client): keep what the person chose before.
  email_frequency: z
    .enum(["immediate", "daily_digest"], { message: "contact.errors.email_frequency" })
    .optional(),
});
export type ContactInput = z.output<typeof contactSchema>;

export async function ownContact(ctx: AppContext, personId: string) {
  const p = await ctx.db
    .selectFrom("people")
    .select([
      "id",
      "organisation_id",
      "name",
      "email",
      "phone",
      "language",
      "has_email_consent",
      "is_digital_post_exempt",
      "email_frequency",
    ])
    .where("id", "=", personId)
    .executeTakeFirst();
  if (!p) throw new NotFoundError();
  return p;
}

/** Changes the resident's own contact details; audited like every master-data change. */
export async function updateOwnContact(
  ctx: AppContext,
  actor: Actor,
  personId: string,
  input: ContactInput,
): Promise<boolean> {
  const current = await ownContact(ctx, personId);
  const next = {
    email: input.email,
    phone: input.phone,
    language: input.language,
    has_email_consent: input.email_consent,
    is_digital_post_exempt: input.digital_post_exempt,
    email_frequency: input.email_frequency ?? current.email_frequency,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => current[k] !== next[k]);
  if (changed.length === 0) return false;
  await ctx.db.transaction().execute(async (trx) => {
    const set = Object.fromEntries(changed.map((k) => [k, next[k]]));
    await trx
      .updateTable("people")
      .set({ ...set, updated_at: nowIso(ctx.clock) })
      .where("id", "=", personId)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "contact.update",
      entity: "people",
      entityId: personId,
      organisationId: current.organisation_id,
      before: Object.fromEntries(changed.map((k) => [k, current[k]])),
      after: set,
    });
  });
  return true;
}
