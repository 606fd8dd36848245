import { type Principal, reaches, reachOf, staffRoles } from "../../platform/access.ts";
import type { AuditRow } from "../../platform/audit.repository.ts";
import { findAuditEntries } from "../../platform/audit.repository.ts";
import { type Actor, audit } from "../../platform/audit.ts";
import type { AppContext } from "../../platform/context.ts";
import { decrypt } from "../../platform/crypto.ts";
import { todayInCopenhagen } from "../../platform/dates.ts";
import { NotFoundError, ValidationError } from "../../platform/errors.ts";
import { oneLineAddress } from "./address.ts";
import * as detail from "./detail.repository.ts";
import type { ImportKind } from "./import/kinds.ts";
import { searchUnits } from "./search.repository.ts";

export type HistoryEntry = AuditRow;

/** Read-side workflows for the staff pages and the API: one access check per record, then data. */

export async function historyOf(ctx: AppContext, kind: ImportKind, id: string): Promise<HistoryEntry[]> {
  const { rows } = await findAuditEntries(ctx.db, ctx.database.dialect, {
    organisationIds: null,
    entity: kind,
    entityId: id,
    page: 1,
    pageSize: 50,
  });
  return rows;
}

const readReach = (principal: Principal) => reachOf(principal, "masterdata.read");

export async function departmentOverview(ctx: AppContext, principal: Principal, id: string, page: number) {
  const d = await detail.getDepartment(ctx.db, id);
  if (!d || !reaches(readReach(principal), d.organisation_id, d.id)) throw new NotFoundError();
  const [counts, buildings, units, history, rent, staff] = await Promise.all([
    detail.departmentCountsOf(ctx.db, id, todayInCopenhagen(ctx.clock)),
    detail.listBuildingsOf(ctx.db, id),
    searchUnits(ctx.db, readReach(principal), { departmentId: id, page, pageSize: 50 }),
    historyOf(ctx, "departments", id),
    ctx.db
      .selectFrom("units")
      .select((eb) => [eb.fn.sum<number>("rent_ore").as("rent"), eb.fn.sum<number>("area_m2").as("area")])
      .where("department_id", "=", id)
      .executeTakeFirstOrThrow(),
    // Staff assigned to the department: department-scoped staff roles (caretakers and others).
    ctx.db
      .selectFrom("user_roles as r")
      .innerJoin("users as u", "u.id", "r.user_id")
      .select(["u.name", "u.email", "r.role"])
      .where("r.department_id", "=", id)
      .where("r.role", "in", [...staffRoles])
      .where("u.status", "=", "active")
      .orderBy("u.name")
      .execute(),
  ]);
  const area = Number(rent.area ?? 0);
  return {
    id: d.id,
    number: d.number,
    name: d.name,
    organisationId: d.organisation_id,
    organisationName: d.organisation_name,
    municipalityCode: d.municipality_code,
    address:
      d.street && d.house_number && d.postcode && d.town
        ? oneLineAddress({
            street: d.street,
            houseNumber: d.house_number,
            floor: null,
            door: null,
            postcode: d.postcode,
            town: d.town,
          })
        : null,
    constructionYear: d.construction_year,
    hasBoard: d.has_board as boolean,
    counts,
    buildings: buildings.map((b) => ({
      id: b.id,
      number: b.building_number,
      address: `${b.street} ${b.house_number}, ${b.postcode} ${b.town}`,
      energyLabel: b.energy_label,
      units: Number(b.units ?? 0),
    })),
    units,
    history,
    staff,
    // Yearly rent per m² (a key figure in the styringsdialog).
    rentPerM2Ore: area > 0 ? Math.round((Number(rent.rent ?? 0) * 12) / area) : null,
  };
}

export async function buildingOverview(ctx: AppContext, principal: Principal, id: string) {
  const b = await detail.getBuilding(ctx.db, id);
  if (!b || !reaches(readReach(principal), b.organisation_id, b.department_id)) throw new NotFoundError();
  const [units, history] = await Promise.all([
    searchUnits(ctx.db, readReach(principal), { buildingId: id, page: 1, pageSize: 500 }),
    historyOf(ctx, "buildings", id),
  ]);
  return {
    id: b.id,
    buildingNumber: b.building_number,
    address: `${b.street} ${b.house_number}, ${b.postcode} ${b.town}`,
    departmentId: b.department_id,
    department: `${b.department_number} ${b.department_name}`,
    constructionYear: b.construction_year,
    bbrUseCode: b.bbr_use_code,
    bbrUuid: b.bbr_uuid,
    darId: b.dar_id,
    energyLabel: b.energy_label,
    energyLabelSerial: b.energy_label_serial,
    energyLabelValidFrom: b.energy_label_valid_from,
    energyLabelValidTo: b.energy_label_valid_to,
    units: units.rows,
    history,
  };
}

async function withMembers(ctx: AppContext, tenancies: detail.TenancyRow[]) {
  const today = todayInCopenhagen(ctx.clock);
  const members = await detail.membersOf(
    ctx.db,
    tenancies.map((t) => t.id),
  );
  return tenancies.map((t) => ({
    ...t,
    current: t.startDate <= today && (t.endDate === null || t.endDate >= today),
    members: members.filter((m) => m.tenancyId === t.id),
  }));
}

export async function unitOverview(ctx: AppContext, principal: Principal, id: string) {
  const u = await detail.getUnit(ctx.db, id);
  if (!u || !reaches(readReach(principal), u.organisation_id, u.department_id)) throw new NotFoundError();
  const [tenancies, history] = await Promise.all([
    detail.tenanciesOfUnit(ctx.db, id).then((t) => withMembers(ctx, t)),
    historyOf(ctx, "units", id),
  ]);
  const features = [
    u.has_elevator && "elevator",
    u.has_step_free_access && "step_free",
    u.has_balcony_or_garden && "balcony_or_garden",
    u.is_pets_allowed && "pets_allowed",
  ].filter((f): f is string => typeof f === "string");
  return {
    id: u.id,
    organisationId: u.organisation_id,
    unitNumber: u.unit_number,
    address: oneLineAddress({
      street: u.street,
      houseNumber: u.house_number,
      floor: u.floor,
      door: u.door,
      postcode: u.postcode,
      town: u.town,
    }),
    departmentId: u.department_id,
    department: `${u.department_number} ${u.department_name}`,
    buildingId: u.building_id,
    building: u.building_number,
    energyLabel: u.energy_label,
    kind: u.kind,
    rooms: u.rooms,
    areaM2: u.area_m2,
    rentOre: u.rent_ore,
    status: u.status,
    features,
    darId: u.dar_id,
    bbrUnitUuid: u.bbr_unit_uuid,
    tenancies,
    history,
  };
}

/** Department-scoped staff see the people who live (or lived) in their departments. */
export async function personOverview(ctx: AppContext, principal: Principal, id: string) {
  const p = await detail.getPerson(ctx.db, id);
  if (!p) throw new NotFoundError();
  const reach = readReach(principal);
  const departments =
    reach.all || reach.organisationIds.includes(p.organisation_id)
      ? []
      : await detail.departmentsOfPerson(ctx.db, id);
  if (!reaches(reach, p.organisation_id) && !departments.some((d) => reach.departmentIds.includes(d)))
    throw new NotFoundError();
  const [tenancies, history] = await Promise.all([
    detail.tenanciesOfPerson(ctx.db, id).then((t) => withMembers(ctx, t)),
    historyOf(ctx, "people", id),
  ]);
  return {
    id: p.id,
    organisationId: p.organisation_id,
    personNumber: p.person_number,
    name: p.name,
    birthDate: p.birth_date,
    email: p.email,
    phone: p.phone,
    address:
      p.street && p.house_number && p.postcode && p.town
        ? oneLineAddress({
            street: p.street,
            houseNumber: p.house_number,
            floor: p.floor,
            door: p.door,
            postcode: p.postcode,
            town: p.town,
          })
        : null,
    language: p.language as string,
    isDigitalPostExempt: p.is_digital_post_exempt as boolean,
    hasEmailConsent: p.has_email_consent as boolean,
    cprMasked: p.cpr_masked,
    cprLegalBasis: p.cpr_legal_basis,
    cprEnc: p.cpr_enc,
    tenancies,
    history,
  };
}

export async function tenancyOverview(ctx: AppContext, principal: Principal, id: string) {
  const t = await detail.getTenancy(ctx.db, id);
  if (!t || !reaches(readReach(principal), t.organisationId, t.departmentId)) throw new NotFoundError();
  const [tenancy] = await withMembers(ctx, [t]);
  return {
    tenancy: tenancy!,
    unit: { id: t.unitId, label: t.unitNumber },
    history: await historyOf(ctx, "tenancies", id),
  };
}

/** Shows a full CPR number: only with the permission and a stated reason, and every read is logged. */
export async function revealCpr(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  personId: string,
  reason: string,
): Promise<string> {
  const person = await personOverview(ctx, principal, personId);
  if (!person.cprEnc || !reaches(reachOf(principal, "cpr.read"), person.organisationId))
    throw new NotFoundError();
  if (reason.trim().length < 5) throw new ValidationError({ reason: "masterdata.errors.cpr_reason" });
  await audit(ctx.db, ctx.clock, actor, {
    action: "cpr.read",
    entity: "people",
    entityId: personId,
    organisationId: person.organisationId,
    after: { reason: reason.trim() },
  });
  ctx.log.info({ event: "cpr.read", personId, userId: actor.userId }, "full CPR number shown");
  return decrypt(ctx.config.dataKey, person.cprEnc);
}

export async function organisationList(ctx: AppContext, principal: Principal) {
  const reach = readReach(principal);
  const rows = await ctx.db
    .selectFrom("organisations as o")
    .select((eb) => [
      "o.id",
      "o.number",
      "o.name",
      "o.cvr",
      eb
        .selectFrom("departments as d")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("d.organisation_id", "=", "o.id")
        .as("departments"),
    ])
    .orderBy("o.number")
    .execute();
  return rows
    .filter((o) => reaches(reach, o.id))
    .map((o) => ({ ...o, departments: Number(o.departments ?? 0) }));
}

export async function organisationOverview(ctx: AppContext, principal: Principal, id: string) {
  const o = await detail.getOrganisation(ctx.db, id);
  if (!o || !reaches(readReach(principal), o.id)) throw new NotFoundError();
  const [departments, history] = await Promise.all([
    ctx.db
      .selectFrom("departments")
      .select(["id", "number", "name"])
      .where("organisation_id", "=", id)
      .orderBy("number")
      .execute(),
    historyOf(ctx, "organisations", id),
  ]);
  const address =
    o.street && o.house_number && o.postcode && o.town
      ? oneLineAddress({
          street: o.street,
          houseNumber: o.house_number,
          floor: o.floor,
          door: o.door,
          postcode: o.postcode,
          town: o.town,
        })
      : null;
  return { id: o.id, number: o.number, name: o.name, cvr: o.cvr, address, departments, history };
}
