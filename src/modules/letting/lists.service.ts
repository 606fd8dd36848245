import type { Kysely } from "kysely";
import type { DialectName } from "../../db/database.ts";
import type { Database } from "../../db/database-types.ts";
import { type Actor, audit } from "../../platform/audit.ts";
import { nowIso } from "../../platform/clock.ts";
import type { AppContext } from "../../platform/context.ts";
import { addDays, addMonths, ageOn, todayInCopenhagen } from "../../platform/dates.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { recordLetters } from "../letters/index.ts";
import type { UnitKind } from "../masterdata/index.ts";
import { organisationFees, type PlannedCharge, planCharge, signUpDueDays } from "./fees/charges.ts";
import type { ListKind } from "./letting.table.ts";
import { addQueueRows, enterQueues, leaveQueues } from "./queue.repository.ts";

type Db = Kysely<Database>;

/** The organisation's external and internal lists, made the first time they are needed. */
export async function ensureWaitingLists(
  db: Db,
  organisationId: string,
  now: string = new Date().toISOString(),
): Promise<Record<ListKind, string>> {
  for (const kind of ["external", "internal"] as const) {
    await db
      .insertInto("waiting_lists")
      .values({ id: newId(), organisation_id: organisationId, kind, created_at: now })
      .onConflict((oc) => oc.columns(["organisation_id", "kind"]).doNothing())
      .execute();
  }
  const rows = await db
    .selectFrom("waiting_lists")
    .select(["id", "kind"])
    .where("organisation_id", "=", organisationId)
    .execute();
  const byKind = Object.fromEntries(rows.map((r) => [r.kind, r.id]));
  return { external: byKind.external!, internal: byKind.internal! };
}

/** Whether the person lives in one of the organisation's homes today (the internal list's rule). */
export async function isCurrentResident(
  db: Db,
  personId: string,
  organisationId: string,
  today: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("household_members as m")
    .innerJoin("tenancies as t", "t.id", "m.tenancy_id")
    .select("t.id")
    .where("m.person_id", "=", personId)
    .where("t.organisation_id", "=", organisationId)
    .where("t.start_date", "<=", today)
    .where((eb) => eb.or([eb("t.end_date", "is", null), eb("t.end_date", ">=", today)]))
    .executeTakeFirst();
  return !!row;
}

/** Props of signUp: who, on which list, in which departments, wanting what. */
export interface SignUpProps {
  personId: string;
  organisationId: string;
  listKind: ListKind;
  departmentIds: string[];
  /** Used (and stored on the person) when no birth date is on file: the minimum age needs it. */
  birthDate?: string | null;
  roomsMin?: number | null;
  roomsMax?: number | null;
  maxRentOre?: number | null;
  kinds?: UnitKind[];
  features?: string[];
  householdSize?: number;
  hasChildren?: boolean;
}

async function checkSignUp(ctx: AppContext, props: SignUpProps, today: string) {
  const person = await ctx.db
    .selectFrom("people")
    .select(["id", "birth_date"])
    .where("id", "=", props.personId)
    .executeTakeFirst();
  if (!person) throw new NotFoundError();
  const org = await organisationFees(ctx.db, props.organisationId);
  const birthDate = person.birth_date ?? props.birthDate ?? null;
  if (!birthDate) throw new ValidationError({ birth_date: "letting.seeker.errors.birth_date_required" });
  const minimumAge = org.settings.minimumAge;
  if (ageOn(birthDate, today) < minimumAge) {
    throw new ValidationError(
      { birth_date: "letting.seeker.errors.too_young" },
      "letting.seeker.errors.too_young",
      { age: minimumAge },
    );
  }
  const wanted = [...new Set(props.departmentIds)];
  const found = wanted.length
    ? await ctx.db
        .selectFrom("departments")
        .select("id")
        .where("organisation_id", "=", props.organisationId)
        .where("id", "in", wanted)
        .execute()
    : [];
  if (wanted.length === 0 || found.length !== wanted.length) {
    throw new ValidationError({ departments: "letting.seeker.errors.departments" });
  }
  if (props.roomsMin != null && props.roomsMax != null && props.roomsMin > props.roomsMax) {
    throw new ValidationError({ rooms_max: "letting.seeker.errors.rooms_order" });
  }
  if (
    props.listKind === "internal" &&
    !(await isCurrentResident(ctx.db, props.personId, props.organisationId, today))
  ) {
    throw new ValidationError({ list_kind: "letting.seeker.errors.internal_residents_only" });
  }
  return { org, wanted, storeBirthDate: person.birth_date ? null : birthDate };
}

/**
 * Signs a person up on an organisation's list, in one transaction: the application (seniority =
 * today in Copenhagen), its departments in their queues, the sign-up fee charge with its payment
 * request letter, and the audit entry. A person removed from the list may sign up again, with a
 * new seniority date.
 */
export async function signUp(
  ctx: AppContext,
  actor: Actor,
  props: SignUpProps,
): Promise<{ applicationId: string; chargeId: string | null }> {
  const today = todayInCopenhagen(ctx.clock);
  const { org, wanted, storeBirthDate } = await checkSignUp(ctx, props, today);
  const lists = await ensureWaitingLists(ctx.db, props.organisationId, nowIso(ctx.clock));
  const listId = lists[props.listKind];
  const existing = await ctx.db
    .selectFrom("applications")
    .select(["id", "status"])
    .where("list_id", "=", listId)
    .where("person_id", "=", props.personId)
    .executeTakeFirst();
  if (existing && existing.status !== "removed")
    throw new ConflictError("letting.seeker.errors.already_on_list");
  const applicationId = existing?.id ?? newId();
  const periodEnd = addMonths(today, 12);
  const fee = org.settings.signUpFeeOre;
  const charge: PlannedCharge | null =
    fee > 0
      ? await planCharge(ctx, {
          org,
          applicationId,
          personId: props.personId,
          listKind: props.listKind,
          kind: "sign_up",
          amountOre: fee,
          periodEnd,
          dueDate: addDays(today, signUpDueDays),
          createdBy: actor.userId,
        })
      : null;
  const now = nowIso(ctx.clock);
  const values = {
    list_id: listId,
    person_id: props.personId,
    seniority_date: today,
    status: "active" as const,
    rooms_min: props.roomsMin ?? null,
    rooms_max: props.roomsMax ?? null,
    max_rent_ore: props.maxRentOre ?? null,
    kinds_json: props.kinds?.length ? props.kinds : ["family"],
    features_json: props.features ?? [],
    household_size: props.householdSize ?? 1,
    has_children: props.hasChildren ?? false,
    // Without a sign-up fee the first year is paid from the start.
    fee_paid_until: fee > 0 ? null : periodEnd,
    unanswered_offers: 0,
    quarantine_until: null,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (storeBirthDate) {
      await trx
        .updateTable("people")
        .set({ birth_date: storeBirthDate, updated_at: now })
        .where("id", "=", props.personId)
        .execute();
    }
    if (existing) {
      await trx.updateTable("applications").set(values).where("id", "=", applicationId).execute();
      await trx.deleteFrom("application_departments").where("application_id", "=", applicationId).execute();
    } else {
      await trx
        .insertInto("applications")
        .values({ id: applicationId, ...values, created_at: now })
        .execute();
    }
    await addQueueRows(trx, applicationId, wanted);
    await enterQueues(trx, ctx.database.dialect, applicationId);
    if (charge) {
      await recordLetters(trx, charge.letters);
      await trx.insertInto("fee_charges").values(charge.row).execute();
    }
    await audit(trx, ctx.clock, actor, {
      action: "letting.sign_up",
      entity: "application",
      entityId: applicationId,
      organisationId: props.organisationId,
      after: { list: props.listKind, departments: wanted, seniorityDate: today, fee },
    });
  });
  return { applicationId, chargeId: charge ? String(charge.row.id) : null };
}

type Status = "active" | "passive" | "removed";

/** Moves an application between statuses; it is in the queues exactly while active. */
export async function changeStatusInTrx(
  trx: Db,
  dialect: DialectName,
  applicationId: string,
  from: readonly Status[],
  to: Status,
  now: string,
): Promise<boolean> {
  const updated = await trx
    .updateTable("applications")
    .set({ status: to, updated_at: now, ...(to === "active" ? { unanswered_offers: 0 } : {}) })
    .where("id", "=", applicationId)
    .where("status", "in", from)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  if (to === "active") await enterQueues(trx, dialect, applicationId);
  else await leaveQueues(trx, dialect, applicationId);
  if (to === "removed") {
    await trx
      .updateTable("fee_charges")
      .set({ status: "cancelled" })
      .where("application_id", "=", applicationId)
      .where("status", "=", "open")
      .execute();
  }
  return true;
}

async function changeStatus(
  ctx: AppContext,
  actor: Actor,
  applicationId: string,
  from: readonly Status[],
  to: Status,
  reason: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await changeStatusInTrx(trx, ctx.database.dialect, applicationId, from, to, nowIso(ctx.clock));
    if (!ok) throw new ConflictError(`letting.seeker.errors.not_${from[0]}`);
    await audit(trx, ctx.clock, actor, {
      action: `letting.application_${to}`,
      entity: "application",
      entityId: applicationId,
      after: { status: to, reason },
    });
  });
}

/** Passive: keeps seniority, gets no offers (e.g. after too many unanswered offers). */
export const pauseApplication = (ctx: AppContext, actor: Actor, applicationId: string, reason: string) =>
  changeStatus(ctx, actor, applicationId, ["active"], "passive", reason);

/** Back in the queues at the original seniority; the unanswered offers start again from zero. */
export const reactivateApplication = (ctx: AppContext, actor: Actor, applicationId: string) =>
  changeStatus(ctx, actor, applicationId, ["passive"], "active", "reactivated");

/** Off the list for good (seniority is lost); open fee charges are cancelled. */
export const removeApplication = (ctx: AppContext, actor: Actor, applicationId: string, reason: string) =>
  changeStatus(ctx, actor, applicationId, ["active", "passive"], "removed", reason);
