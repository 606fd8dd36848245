import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { ConflictError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { type PreparedLetter, prepareLetters, recordLetters } from "../../letters/index.ts";
import type { LetVia, VacancyStatus } from "../letting.table.ts";
import { leaveQueues } from "../queue.repository.ts";
import type { LettingSettings } from "../settings.ts";

/** Props of makeLease: who gets which vacancy, and by which right. */
export interface LeaseProps {
  vacancy: {
    id: string;
    organisation_id: string;
    unit_id: string;
    unit_number: string;
    free_from: string;
    rent_ore: number;
  };
  /** The status the vacancy must still have: the guard against a second lease. */
  expectedStatus: VacancyStatus;
  personId: string;
  /** The winning application; null for a municipal referral. */
  applicationId: string | null;
  letVia: LetVia;
  afterLease: LettingSettings["afterLease"];
  welcome: PreparedLetter[];
}

/** The welcome letter, rendered before the transaction (letters: prepare outside, record inside). */
export function prepareWelcome(
  ctx: AppContext,
  actor: Actor,
  organisationId: string,
  personId: string,
  unitId: string,
  moveIn: string,
) {
  return prepareLetters(ctx, {
    organisationId,
    letterType: "welcome",
    recipients: [{ personId, unitId }],
    values: { move_in_date: { date: moveIn } },
    createdBy: actor.userId,
  });
}

/**
 * Command (inside the caller's transaction): the household becomes a tenancy on the unit from the
 * move-in date, the unit is let, the welcome letter queued, the applications follow `afterLease`.
 * The first write is a conditional status change checked for exactly one row: of two leases
 * processed at once, the second finds the vacancy no longer in `expectedStatus` (PostgreSQL makes
 * it wait for the first's row lock, SQLite has one writer) and fails with a conflict.
 */
export async function makeLease(
  trx: Kysely<Database>,
  ctx: AppContext,
  actor: Actor,
  p: LeaseProps,
): Promise<string> {
  const now = ctx.clock.now().toISOString();
  const guard = await trx
    .updateTable("vacancies")
    .set({
      status: "let",
      let_via: p.letVia,
      let_application_id: p.applicationId,
      let_at: now,
      updated_at: now,
    })
    .where("id", "=", p.vacancy.id)
    .where("status", "=", p.expectedStatus)
    .executeTakeFirst();
  if (Number(guard.numUpdatedRows) !== 1) throw new ConflictError("letting.staff.errors.already_let");

  const tenancyId = newId();
  await trx
    .insertInto("tenancies")
    .values({
      id: tenancyId,
      organisation_id: p.vacancy.organisation_id,
      unit_id: p.vacancy.unit_id,
      tenancy_number: `L-${p.vacancy.unit_number}-${p.vacancy.free_from.replace(/-/g, "")}`,
      start_date: p.vacancy.free_from,
      end_date: null,
      rent_at_start_ore: p.vacancy.rent_ore,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await trx
    .insertInto("household_members")
    .values({ id: newId(), tenancy_id: tenancyId, person_id: p.personId, role: "tenant" })
    .execute();
  // A new tenant with a login becomes a resident of the department: their home page, letters
  // and the department's democracy follow from the role.
  const { department_id: departmentId } = await trx
    .selectFrom("units")
    .select("department_id")
    .where("id", "=", p.vacancy.unit_id)
    .executeTakeFirstOrThrow();
  const users = await trx.selectFrom("users").select("id").where("person_id", "=", p.personId).execute();
  for (const u of users) {
    const has = await trx
      .selectFrom("user_roles")
      .select("id")
      .where("user_id", "=", u.id)
      .where("role", "=", "resident")
      .where("department_id", "=", departmentId)
      .executeTakeFirst();
    if (!has) {
      await trx
        .insertInto("user_roles")
        .values({
          id: newId(),
          user_id: u.id,
          role: "resident",
          organisation_id: null,
          department_id: departmentId,
          created_at: now,
        })
        .execute();
    }
  }
  await trx
    .updateTable("vacancies")
    .set({ new_tenancy_id: tenancyId })
    .where("id", "=", p.vacancy.id)
    .execute();
  await trx
    .updateTable("units")
    .set({ status: "let", updated_at: now })
    .where("id", "=", p.vacancy.unit_id)
    .execute();
  await recordLetters(trx, p.welcome);
  if (p.applicationId) await settleApplications(trx, ctx, p.applicationId, p.personId, p.afterLease, now);
  await audit(trx, ctx.clock, actor, {
    action: "letting.lease",
    entity: "vacancies",
    entityId: p.vacancy.id,
    organisationId: p.vacancy.organisation_id,
    after: { tenancyId, personId: p.personId, applicationId: p.applicationId, letVia: p.letVia },
  });
  return tenancyId;
}

/** The winner is housed; their other applications are kept or removed as the organisation rules. */
async function settleApplications(
  trx: Kysely<Database>,
  ctx: AppContext,
  applicationId: string,
  personId: string,
  afterLease: LettingSettings["afterLease"],
  now: string,
) {
  const dialect = ctx.database.dialect;
  await trx
    .updateTable("applications")
    .set({ status: "housed", updated_at: now })
    .where("id", "=", applicationId)
    .execute();
  await leaveQueues(trx, dialect, applicationId);
  if (afterLease === "keep_all") return;
  const others = await trx
    .selectFrom("applications as a")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .select(["a.id", "l.kind"])
    .where("a.person_id", "=", personId)
    .where("a.id", "<>", applicationId)
    .where("a.status", "in", ["active", "passive"])
    .execute();
  for (const o of others) {
    if (afterLease === "keep_internal" && o.kind === "internal") continue;
    await trx
      .updateTable("applications")
      .set({ status: "removed", updated_at: now })
      .where("id", "=", o.id)
      .execute();
    await leaveQueues(trx, dialect, o.id);
  }
}
