import { z } from "zod";
import { type Principal, requireAccess } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { addDays } from "../../../platform/dates.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { findVacancy, openVacancyOf } from "./vacancies.repository.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Props of createVacancy: a unit by hand (new building, back from renovation) or a move-out. */
export const createVacancySchema = z.union([
  z.object({
    source: z.literal("manual"),
    unitId: z.string().min(1).max(64),
    freeFrom: isoDate,
    /** Defaults to the unit's current rent. */
    rentOre: z.number().int().min(0).max(100_000_000).optional(),
  }),
  z.object({
    source: z.literal("move_out"),
    tenancyId: z.string().min(1).max(64),
    rentOre: z.number().int().min(0).max(100_000_000).optional(),
  }),
]);
export type CreateVacancy = z.infer<typeof createVacancySchema>;

/**
 * Command: a home to let. From a move-out it is free the day after the tenancy's end date; by hand
 * from the given date. One open vacancy per unit at a time.
 */
export async function createVacancy(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  props: CreateVacancy,
): Promise<string> {
  const { db, clock } = ctx;
  let unitId: string;
  let freeFrom: string;
  let endingTenancyId: string | null = null;
  if (props.source === "move_out") {
    const tenancy = await db
      .selectFrom("tenancies")
      .select(["id", "unit_id", "end_date"])
      .where("id", "=", props.tenancyId)
      .executeTakeFirst();
    if (!tenancy) throw new NotFoundError();
    if (!tenancy.end_date) throw new ValidationError({ tenancyId: "letting.staff.errors.no_end_date" });
    unitId = tenancy.unit_id;
    freeFrom = addDays(tenancy.end_date, 1);
    endingTenancyId = tenancy.id;
  } else {
    unitId = props.unitId;
    freeFrom = props.freeFrom;
  }
  const unit = await db
    .selectFrom("units")
    .select(["id", "organisation_id", "department_id", "rent_ore"])
    .where("id", "=", unitId)
    .executeTakeFirst();
  if (!unit) throw new NotFoundError();
  requireAccess(principal, "letting.manage", {
    organisationId: unit.organisation_id,
    departmentId: unit.department_id,
  });
  const id = newId();
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    if (await openVacancyOf(trx, unit.id)) throw new ConflictError("letting.staff.errors.already_vacant");
    const row = {
      id,
      organisation_id: unit.organisation_id,
      department_id: unit.department_id,
      unit_id: unit.id,
      source: props.source,
      ending_tenancy_id: endingTenancyId,
      free_from: freeFrom,
      rent_ore: props.rentOre ?? unit.rent_ore,
      status: "open" as const,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("vacancies").values(row).execute();
    await audit(trx, clock, actor, {
      action: "letting.vacancy.create",
      entity: "vacancies",
      entityId: id,
      organisationId: unit.organisation_id,
      after: row,
    });
  });
  return id;
}

/** A vacancy staff may see (letting.read within reach), else not found. */
export async function staffVacancy(ctx: AppContext, principal: Principal, id: string) {
  const v = await findVacancy(ctx.db, id);
  if (!v) throw new NotFoundError();
  requireAccess(principal, "letting.read", {
    organisationId: v.organisation_id,
    departmentId: v.department_id,
  });
  return v;
}

/** A vacancy staff may let (letting.manage within reach), else not found. */
export async function managedVacancy(ctx: AppContext, principal: Principal, id: string) {
  const v = await findVacancy(ctx.db, id);
  if (!v) throw new NotFoundError();
  requireAccess(principal, "letting.manage", {
    organisationId: v.organisation_id,
    departmentId: v.department_id,
  });
  return v;
}
