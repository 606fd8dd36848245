import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/database-types.ts";
import { type Principal, requireAccess } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { formatDate, todayInCopenhagen } from "../../../platform/dates.ts";
import { ConflictError, NotFoundError } from "../../../platform/errors.ts";
import { translator } from "../../../platform/i18n/index.ts";
import { newId } from "../../../platform/ids.ts";
import { type PreparedLetter, prepareLetters, recordLetters } from "../../letters/index.ts";
import { conveneByForDemand } from "../meetings/deadlines.ts";
import { democracySettingsFor } from "../settings.ts";
import { householdCount, householdOf } from "./board.repository.ts";
import { countSignatures, demandById, sittingMembers } from "./demands.repository.ts";
import { demandThreshold } from "./rules.ts";
import { parseProps } from "./validate.ts";

export const startDemandSchema = z.object({
  subject: z.string().trim().min(1, "boards.errors.subject_required").max(200),
  reason: z.string().trim().min(1, "boards.errors.reason_required").max(4000),
});
export type StartDemand = z.input<typeof startDemandSchema>;

/** Thrown inside the signing transaction when it reaches the threshold without its letters ready. */
class LettersNeeded extends Error {}

/** The signer's household in the demand's department, or 404 (not allowed looks like not there). */
async function signerHousehold(
  ctx: AppContext,
  principal: Principal,
  personId: string | null,
  scope: { organisationId: string; departmentId: string },
  today: string,
): Promise<string> {
  requireAccess(principal, "democracy.participate", scope);
  const tenancyId = personId ? await householdOf(ctx.db, personId, scope.departmentId, today) : undefined;
  if (!tenancyId) throw new NotFoundError();
  return tenancyId;
}

/** The letters to the sitting board when a demand is reached: each member in their language. */
async function prepareNotice(
  ctx: AppContext,
  actor: Actor,
  demand: { organisation_id: string; department_id: string; subject: string },
  reachedAt: Date,
  conveneBy: string,
  signed: number,
  households: number,
  today: string,
): Promise<PreparedLetter[]> {
  const members = await sittingMembers(ctx.db, demand.department_id, today);
  const prepared: PreparedLetter[] = [];
  for (const lang of ["da", "en"] as const) {
    const recipients = members.filter((m) => (m.language === "en" ? "en" : "da") === lang);
    if (recipients.length === 0) continue;
    const t = translator(lang);
    prepared.push(
      ...(await prepareLetters(ctx, {
        organisationId: demand.organisation_id,
        departmentId: demand.department_id,
        letterType: "notice",
        recipients: recipients.map((r) => ({ personId: r.person_id, unitId: r.unitId })),
        values: {
          subject: t("boards.demands.letter_subject"),
          message: t("boards.demands.letter_message", {
            subject: demand.subject,
            signed,
            households,
            reached: formatDate(todayOf(reachedAt), lang),
            date: formatDate(conveneBy, lang),
          }),
        },
        createdBy: actor.userId,
      })),
    );
  }
  return prepared;
}

const todayOf = (at: Date) => todayInCopenhagen({ now: () => at });

/**
 * Inside the transaction: one household's signature (the database refuses a second), then the
 * count. The demand row is updated first, so concurrent signers of one demand take turns
 * (PostgreSQL row lock; SQLite has one writer) and each counts the signatures before it. The
 * signature that reaches the threshold marks the demand reached, fixes the convening deadline
 * and records the board's letters — once, since only an open demand takes signatures.
 */
async function signInTrx(
  trx: Kysely<Database>,
  ctx: AppContext,
  actor: Actor,
  demandId: string,
  signer: { personId: string; tenancyId: string },
  letters: PreparedLetter[] | null,
  deadline: { reachedAt: Date; conveneBy: string; today: string },
): Promise<{ reached: boolean; signatures: number; threshold: number; households: number }> {
  const now = deadline.reachedAt.toISOString();
  const open = await trx
    .updateTable("meeting_demands")
    .set({ updated_at: now })
    .where("id", "=", demandId)
    .where("status", "=", "open")
    .executeTakeFirst();
  if (Number(open.numUpdatedRows) !== 1) throw new ConflictError("boards.errors.demand_reached");
  const inserted = await trx
    .insertInto("meeting_demand_signatures")
    .values({
      id: newId(),
      demand_id: demandId,
      tenancy_id: signer.tenancyId,
      person_id: signer.personId,
      user_id: actor.userId,
      signed_at: now,
    })
    .onConflict((oc) => oc.columns(["demand_id", "tenancy_id"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1)
    throw new ConflictError("boards.errors.household_signed");
  const d = await trx
    .selectFrom("meeting_demands")
    .select(["organisation_id", "department_id", "threshold_percent"])
    .where("id", "=", demandId)
    .executeTakeFirstOrThrow();
  const signatures = await countSignatures(trx, demandId);
  const households = await householdCount(trx, d.department_id, deadline.today);
  const threshold = demandThreshold(households, d.threshold_percent);
  await audit(trx, ctx.clock, actor, {
    action: "board.demand.sign",
    entity: "meeting_demands",
    entityId: demandId,
    organisationId: d.organisation_id,
    after: { tenancyId: signer.tenancyId, signatures, threshold },
  });
  if (signatures < threshold) return { reached: false, signatures, threshold, households };
  if (!letters) throw new LettersNeeded();
  await trx
    .updateTable("meeting_demands")
    .set({
      status: "reached",
      reached_at: now,
      households_at_reached: households,
      signatures_at_reached: signatures,
      convene_by: deadline.conveneBy,
    })
    .where("id", "=", demandId)
    .execute();
  await recordLetters(trx, letters);
  await audit(trx, ctx.clock, actor, {
    action: "board.demand.reached",
    entity: "meeting_demands",
    entityId: demandId,
    organisationId: d.organisation_id,
    after: { signatures, households, threshold, conveneBy: deadline.conveneBy, letters: letters.length },
  });
  return { reached: true, signatures, threshold, households };
}

/** What signing needs to know of the demand. */
interface DemandFacts {
  id: string;
  organisation_id: string;
  department_id: string;
  subject: string;
  threshold_percent: number;
  /** Signatures before this one. */
  signatures: number;
}

/**
 * Signs with the letters rendered beforehand when this signature may reach the threshold; if
 * another household signed meanwhile and this one reaches it unprepared, it runs again with them.
 * `start` runs first in the same transaction (a new demand is written with its first signature).
 */
async function sign(
  ctx: AppContext,
  actor: Actor,
  d: DemandFacts,
  signer: { personId: string; tenancyId: string },
  start?: (trx: Kysely<Database>) => Promise<void>,
) {
  const settings = await democracySettingsFor(ctx.db, d.organisation_id);
  const reachedAt = ctx.clock.now();
  const today = todayInCopenhagen(ctx.clock);
  const conveneBy = conveneByForDemand(reachedAt, settings);
  const deadline = { reachedAt, conveneBy, today };
  const households = await householdCount(ctx.db, d.department_id, today);
  let mayReach = d.signatures + 1 >= demandThreshold(households, d.threshold_percent);
  for (;;) {
    const letters = mayReach
      ? await prepareNotice(ctx, actor, d, reachedAt, conveneBy, d.signatures + 1, households, today)
      : null;
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        await start?.(trx);
        return signInTrx(trx, ctx, actor, d.id, signer, letters, deadline);
      });
    } catch (e) {
      if (!(e instanceof LettersNeeded) || mayReach) throw e;
      mayReach = true;
    }
  }
}

/** Command: a resident of the department signs a demand for an extraordinary meeting (their household's one signature). */
export async function signDemand(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  personId: string | null,
  demandId: string,
) {
  const d = await demandById(ctx.db, demandId);
  if (!d) throw new NotFoundError();
  const today = todayInCopenhagen(ctx.clock);
  const scope = { organisationId: d.organisation_id, departmentId: d.department_id };
  const tenancyId = await signerHousehold(ctx, principal, personId, scope, today);
  return sign(ctx, actor, { ...d, signatures: Number(d.signatures) }, { personId: personId!, tenancyId });
}

/** Command: a resident starts a demand (what the meeting is to decide, and why), signed by their household. */
export async function startDemand(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  personId: string | null,
  departmentId: string,
  input: StartDemand,
): Promise<string> {
  const p = parseProps(startDemandSchema, input);
  const dept = await ctx.db
    .selectFrom("departments")
    .select(["id", "organisation_id"])
    .where("id", "=", departmentId)
    .executeTakeFirst();
  if (!dept) throw new NotFoundError();
  const today = todayInCopenhagen(ctx.clock);
  const scope = { organisationId: dept.organisation_id, departmentId: dept.id };
  const tenancyId = await signerHousehold(ctx, principal, personId, scope, today);
  const settings = await democracySettingsFor(ctx.db, dept.organisation_id);
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const row = {
    id,
    organisation_id: dept.organisation_id,
    department_id: dept.id,
    subject: p.subject,
    reason: p.reason,
    status: "open" as const,
    started_by_person_id: personId!,
    threshold_percent: settings.demandThresholdPercent,
    reached_at: null,
    households_at_reached: null,
    signatures_at_reached: null,
    convene_by: null,
    created_at: now,
    updated_at: now,
  };
  // The demand is written and signed in one transaction: a demand never exists unsigned.
  await sign(ctx, actor, { ...row, signatures: 0 }, { personId: personId!, tenancyId }, async (trx) => {
    await trx.insertInto("meeting_demands").values(row).execute();
    await audit(trx, ctx.clock, actor, {
      action: "board.demand.start",
      entity: "meeting_demands",
      entityId: id,
      organisationId: dept.organisation_id,
      after: { departmentId: dept.id, subject: p.subject, thresholdPercent: row.threshold_percent },
    });
  });
  return id;
}
