import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { Principal } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { ConflictError, NotFoundError } from "../../../platform/errors.ts";
import type { LetVia } from "../letting.table.ts";
import { leaveQueues } from "../queue.repository.ts";
import { lettingSettingsFor } from "../settings.service.ts";
import type { LettingSettings } from "../settings.ts";
import { managedVacancy } from "../staff/vacancies.service.ts";
import { makeLease, prepareWelcome } from "./lease.service.ts";

/** The vacancy's offers with their round, best-ranked first (earlier round, then position). */
async function offersOf(db: Kysely<Database>, vacancyId: string) {
  return db
    .selectFrom("offers as o")
    .innerJoin("offer_rounds as r", "r.id", "o.round_id")
    .innerJoin("applications as a", "a.id", "o.application_id")
    .select([
      "o.id",
      "o.status",
      "o.position",
      "o.deadline_at",
      "o.reason_json",
      "r.round_number",
      "a.person_id",
    ])
    .select(["a.id as application_id"])
    .where("o.vacancy_id", "=", vacancyId)
    .orderBy("r.round_number")
    .orderBy("o.position")
    .execute();
}

export interface CloseResult {
  winnerApplicationId: string | null;
  tenancyId: string | null;
  expired: number;
}

const groupOf = (reason: Record<string, unknown>): LetVia =>
  (reason.group as LetVia | undefined) ?? "external";

/**
 * Command: after every answer is in or every deadline has passed, the best-ranked acceptor gets the
 * home (makeLease); every other offer gets an outcome the applicant can read. Unanswered offers
 * count against the applicant: at `passiveAfterUnanswered` the application becomes passive. With
 * no acceptor the vacancy stays on offer, for staff to extend to the next candidates.
 */
export async function closeRound(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  vacancyId: string,
): Promise<CloseResult> {
  const { db, clock } = ctx;
  const v = await managedVacancy(ctx, principal, vacancyId);
  if (v.status !== "offering") throw new ConflictError("letting.staff.errors.wrong_status");
  const now = clock.now().toISOString();
  const offers = await offersOf(db, v.id);
  if (offers.some((o) => o.status === "sent" && o.deadline_at >= now)) {
    throw new ConflictError("letting.staff.errors.answers_pending");
  }
  const settings = await lettingSettingsFor(ctx.db, v.organisation_id, v.department_id);
  const winner = offers.find((o) => o.status === "accepted");
  const welcome = winner
    ? await prepareWelcome(ctx, actor, v.organisation_id, winner.person_id, v.unit_id, v.free_from)
    : [];
  return db.transaction().execute(async (trx) => {
    // The guard: of two closes at once, the second finds no open round (PostgreSQL: after the
    // first commits, as the rows are locked) and changes nothing.
    const closed = await trx
      .updateTable("offer_rounds")
      .set({ status: "closed" })
      .where("vacancy_id", "=", v.id)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) === 0) throw new ConflictError("letting.staff.errors.wrong_status");
    let expired = 0;
    for (const o of offers) {
      if (o.status === "sent") {
        expired += 1;
        await setOutcome(trx, o.id, "sent", "expired", { code: "outcome_unanswered" });
        await countUnanswered(trx, ctx, o.application_id, settings, now);
      } else if (o.status === "declined") {
        await setOutcome(trx, o.id, "declined", "declined", { code: "outcome_declined" });
      } else if (o.status === "accepted" && winner && o.id !== winner.id) {
        const same = groupOf(o.reason_json) === groupOf(winner.reason_json);
        await setOutcome(trx, o.id, "accepted", "lost", {
          code: same ? "outcome_lost_seniority" : "outcome_lost_priority",
          params: { group: groupOf(winner.reason_json) },
        });
      }
    }
    let tenancyId: string | null = null;
    if (winner) {
      await setOutcome(trx, winner.id, "accepted", "won", {
        code: "outcome_won",
        params: { moveIn: v.free_from },
      });
      tenancyId = await makeLease(trx, ctx, actor, {
        vacancy: v,
        expectedStatus: "offering",
        personId: winner.person_id,
        applicationId: winner.application_id,
        letVia: groupOf(winner.reason_json),
        afterLease: settings.afterLease,
        welcome,
      });
    }
    await audit(trx, clock, actor, {
      action: "letting.round.close",
      entity: "vacancies",
      entityId: v.id,
      organisationId: v.organisation_id,
      after: { winner: winner?.application_id ?? null, expired },
    });
    return { winnerApplicationId: winner?.application_id ?? null, tenancyId, expired };
  });
}

async function setOutcome(
  trx: Kysely<Database>,
  id: string,
  from: string,
  to: "expired" | "declined" | "lost" | "won",
  outcome: Record<string, unknown>,
) {
  const r = await trx
    .updateTable("offers")
    .set({ status: to, outcome_json: outcome })
    .where("id", "=", id)
    .where("status", "=", from as "sent")
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new ConflictError("letting.staff.errors.answers_changed");
}

async function countUnanswered(
  trx: Kysely<Database>,
  ctx: AppContext,
  applicationId: string,
  settings: LettingSettings,
  now: string,
) {
  await trx
    .updateTable("applications")
    .set((eb) => ({ unanswered_offers: eb("unanswered_offers", "+", 1), updated_at: now }))
    .where("id", "=", applicationId)
    .execute();
  if (settings.passiveAfterUnanswered === 0) return;
  const passive = await trx
    .updateTable("applications")
    .set({ status: "passive", updated_at: now })
    .where("id", "=", applicationId)
    .where("status", "=", "active")
    .where("unanswered_offers", ">=", settings.passiveAfterUnanswered)
    .executeTakeFirst();
  if (Number(passive.numUpdatedRows) === 1) await leaveQueues(trx, ctx.database.dialect, applicationId);
}

/** Command: the municipality's referral for a vacancy in its turn — the referred person gets the lease. */
export async function recordReferral(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  vacancyId: string,
  personId: string,
): Promise<string> {
  const v = await managedVacancy(ctx, principal, vacancyId);
  if (v.status !== "municipal") throw new ConflictError("letting.staff.errors.wrong_status");
  const person = await ctx.db
    .selectFrom("people")
    .select("id")
    .where("id", "=", personId)
    .where("organisation_id", "=", v.organisation_id)
    .executeTakeFirst();
  if (!person) throw new NotFoundError();
  const settings = await lettingSettingsFor(ctx.db, v.organisation_id, v.department_id);
  const welcome = await prepareWelcome(ctx, actor, v.organisation_id, person.id, v.unit_id, v.free_from);
  return ctx.db.transaction().execute((trx) =>
    makeLease(trx, ctx, actor, {
      vacancy: v,
      expectedStatus: "municipal",
      personId: person.id,
      applicationId: null,
      letVia: "municipal",
      afterLease: settings.afterLease,
      welcome,
    }),
  );
}
