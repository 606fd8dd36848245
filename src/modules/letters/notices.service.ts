import { z } from "zod";
import { type Principal, reaches, reachOf } from "../../platform/access.ts";
import { type Actor, audit } from "../../platform/audit.ts";
import type { AppContext } from "../../platform/context.ts";
import { todayInCopenhagen } from "../../platform/dates.ts";
import { ValidationError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { withinReach } from "../../platform/reach-sql.ts";
import { type LetterRecipient, planLetters, prepareLetters, recordLetters } from "./compose.ts";

export const audienceKinds = ["department", "building", "units"] as const;
export type AudienceKind = (typeof audienceKinds)[number];

/** A notice to households: free text merged into the organisation's notice template. */
export const noticeSchema = z
  .object({
    department_id: z.string().trim().min(1, { message: "letters.errors.department" }),
    audience: z.enum(audienceKinds, { message: "letters.errors.audience" }),
    building_number: z.string().trim().default(""),
    unit_numbers: z.string().default(""),
    subject: z
      .string()
      .trim()
      .min(1, { message: "letters.errors.subject" })
      .max(200, { message: "letters.errors.subject_long" }),
    message: z
      .string()
      .trim()
      .min(1, { message: "letters.errors.message" })
      .max(10_000, { message: "letters.errors.message_long" }),
  })
  .superRefine((v, ctx) => {
    if (v.audience === "building" && !v.building_number)
      ctx.addIssue({ code: "custom", path: ["building_number"], message: "letters.errors.building" });
    if (v.audience === "units" && !unitNumbersOf(v.unit_numbers).length)
      ctx.addIssue({ code: "custom", path: ["unit_numbers"], message: "letters.errors.unit_numbers" });
  });
export type NoticeInput = z.output<typeof noticeSchema>;

/** "101-0001, 101-0002" or one per line. */
export const unitNumbersOf = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

export interface Audience {
  organisationId: string;
  departmentId: string;
  label: string;
  recipients: LetterRecipient[];
}

/** Departments the user may send notices to, for the form's list. */
export async function sendableDepartments(ctx: AppContext, principal: Principal) {
  return ctx.db
    .selectFrom("departments as d")
    .innerJoin("organisations as o", "o.id", "d.organisation_id")
    .select(["d.id", "d.number", "d.name", "o.name as organisationName"])
    .where(withinReach(reachOf(principal, "letters.send"), "d.organisation_id", "d.id"))
    .orderBy("o.number")
    .orderBy("d.number")
    .execute();
}

/**
 * The households a notice goes to: every lease holder (tenant and co-tenant) of the current
 * leases on the chosen homes. Each lease holder gets their own letter: Digital Post is personal.
 */
export async function resolveAudience(
  ctx: AppContext,
  principal: Principal,
  input: NoticeInput,
): Promise<Audience> {
  const dept = await ctx.db
    .selectFrom("departments")
    .select(["id", "organisation_id", "number", "name"])
    .where("id", "=", input.department_id)
    .executeTakeFirst();
  if (!dept || !reaches(reachOf(principal, "letters.send"), dept.organisation_id, dept.id)) {
    throw new ValidationError({ department_id: "letters.errors.department" });
  }
  let units = ctx.db
    .selectFrom("units as u")
    .select(["u.id", "u.unit_number"])
    .where("u.department_id", "=", dept.id);
  let label = `${dept.number} ${dept.name}`;
  if (input.audience === "building") {
    const building = await ctx.db
      .selectFrom("buildings")
      .select(["id", "building_number", "street", "house_number"])
      .where("department_id", "=", dept.id)
      .where("building_number", "=", input.building_number)
      .executeTakeFirst();
    if (!building) throw new ValidationError({ building_number: "letters.errors.building_unknown" });
    units = units.where("u.building_id", "=", building.id);
    label = `${label}, ${building.building_number} (${building.street} ${building.house_number})`;
  }
  if (input.audience === "units") {
    const wanted = unitNumbersOf(input.unit_numbers);
    const found = await units.where("u.unit_number", "in", wanted).execute();
    const known = new Set(found.map((u) => u.unit_number));
    const unknown = wanted.filter((n) => !known.has(n));
    if (unknown.length) {
      throw new ValidationError({ unit_numbers: "letters.errors.units_unknown" }, "errors.validation", {
        units: unknown.join(", "),
      });
    }
    units = units.where("u.unit_number", "in", wanted);
    label = `${label}: ${wanted.join(", ")}`;
  }
  const today = todayInCopenhagen(ctx.clock);
  const unitRows = await units.execute();
  const unitIds = unitRows.map((u) => u.id);
  const holders = unitIds.length
    ? await ctx.db
        .selectFrom("tenancies as t")
        .innerJoin("household_members as m", "m.tenancy_id", "t.id")
        .select(["t.unit_id", "m.person_id"])
        .where("t.unit_id", "in", unitIds)
        .where("t.start_date", "<=", today)
        .where((eb) => eb.or([eb("t.end_date", "is", null), eb("t.end_date", ">=", today)]))
        .where("m.role", "in", ["tenant", "co_tenant"])
        .orderBy("t.unit_id")
        .orderBy("m.person_id")
        .execute()
    : [];
  if (holders.length === 0) throw new ValidationError({ audience: "letters.errors.no_households" });
  return {
    organisationId: dept.organisation_id,
    departmentId: dept.id,
    label,
    recipients: holders.map((h) => ({ personId: h.person_id, unitId: h.unit_id })),
  };
}

/** What staff see before sending: how many letters go by which channel, and one of each. */
export async function previewNotice(ctx: AppContext, principal: Principal, input: NoticeInput) {
  const audience = await resolveAudience(ctx, principal, input);
  const planned = await planLetters(ctx, {
    organisationId: audience.organisationId,
    departmentId: audience.departmentId,
    letterType: "notice",
    recipients: audience.recipients,
    values: { subject: input.subject, message: input.message },
    createdBy: null,
  });
  const counts = { digital_post: 0, email: 0, paper: 0 };
  const samples = new Map<string, (typeof planned)[number]>();
  for (const p of planned) {
    counts[p.row.channel]++;
    if (!samples.has(p.row.channel)) samples.set(p.row.channel, p);
  }
  return { audience, counts, total: planned.length, samples: [...samples.values()] };
}

/**
 * Command: sends a notice. The batch, its letters (each with its PDF and the rule that chose its
 * channel) and the audit entry are written in one transaction; the outbox worker delivers them.
 */
export async function sendNotice(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  input: NoticeInput,
): Promise<{ batchId: string; count: number }> {
  const audience = await resolveAudience(ctx, principal, input);
  const batchId = newId();
  const prepared = await prepareLetters(ctx, {
    organisationId: audience.organisationId,
    departmentId: audience.departmentId,
    letterType: "notice",
    recipients: audience.recipients,
    values: { subject: input.subject, message: input.message },
    batchId,
    createdBy: actor.userId,
  });
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("letter_batches")
      .values({
        id: batchId,
        organisation_id: audience.organisationId,
        department_id: audience.departmentId,
        letter_type: "notice",
        title: input.subject,
        audience_json: { kind: input.audience, label: audience.label },
        letter_count: prepared.length,
        created_by: actor.userId,
        created_at: now,
      })
      .execute();
    await recordLetters(trx, prepared);
    await audit(trx, ctx.clock, actor, {
      action: "letters.notice.send",
      entity: "letter_batches",
      entityId: batchId,
      organisationId: audience.organisationId,
      after: { subject: input.subject, audience: audience.label, letters: prepared.length },
    });
  });
  return { batchId, count: prepared.length };
}
