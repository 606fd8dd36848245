import type { TestApp } from "../../../../test/helpers.ts";
import type { Principal } from "../../../platform/access.ts";
import type { Actor } from "../../../platform/audit.ts";
import { newId } from "../../../platform/ids.ts";

/** Test set-up for boards: the demo organisation's departments and people, meetings, a department of many households. */

export const staff: Principal = {
  userId: "staff",
  grants: [{ role: "system_admin", organisationId: null, departmentId: null }],
};
export const testActor: Actor = { userId: null, label: "test" };

export const residentOf = (departmentId: string): Principal => ({
  userId: "resident",
  grants: [{ role: "resident", organisationId: null, departmentId }],
});

export interface World {
  organisationId: string;
  /** Department 101 (Æblehaven), where the demo resident, board member and chair live. */
  departmentId: string;
  /** Department 102 (Søparken). */
  otherDepartmentId: string;
  /** The demo logins' people, by e-mail. */
  person: (email: string) => string;
  user: (email: string) => string;
}

export async function world(app: TestApp): Promise<World> {
  const db = app.ctx.db;
  const depts = await db
    .selectFrom("departments")
    .select(["id", "number", "organisation_id"])
    .orderBy("number")
    .execute();
  const people = await db
    .selectFrom("people")
    .select(["id", "email"])
    .where("email", "is not", null)
    .execute();
  const users = await db.selectFrom("users").select(["id", "email"]).execute();
  return {
    organisationId: depts[0]!.organisation_id,
    departmentId: depts.find((d) => d.number === 101)!.id,
    otherDepartmentId: depts.find((d) => d.number === 102)!.id,
    person: (email) => people.find((p) => p.email === email)!.id,
    user: (email) => users.find((u) => u.email === email)!.id,
  };
}

/** The board roles a login holds (role and department). */
export async function boardGrants(app: TestApp, userId: string) {
  return app.ctx.db
    .selectFrom("user_roles")
    .select(["role", "department_id", "organisation_id"])
    .where("user_id", "=", userId)
    .where("role", "in", ["board_member", "board_chair"])
    .execute();
}

/** A meeting of the department on a date, starting 19:00 Copenhagen (summer or winter alike, 17/18 UTC). */
export async function addMeeting(
  app: TestApp,
  w: World,
  departmentId: string,
  date: string,
  over: { kind?: "ordinary" | "extraordinary"; convenedAt?: string | null; demandId?: string | null } = {},
): Promise<string> {
  const id = newId();
  const now = app.ctx.clock.now().toISOString();
  await app.ctx.db
    .insertInto("meetings")
    .values({
      id,
      organisation_id: w.organisationId,
      department_id: departmentId,
      kind: over.kind ?? "ordinary",
      title: `Afdelingsmøde ${date}`,
      starts_at: `${date}T17:00:00.000Z`,
      meeting_date: date,
      location: "Fælleshuset",
      stage: over.convenedAt ? "convened" : "planned",
      demand_id: over.demandId ?? null,
      convene_by: null,
      meeting_chair_user_id: null,
      meeting_chair_name: null,
      minutes_intro: null,
      convened_at: over.convenedAt ?? null,
      convened_by: null,
      proposals_opened_at: null,
      final_agenda_at: null,
      held_at: null,
      minutes_approved_at: null,
      published_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export interface Household {
  tenancyId: string;
  unitId: string;
  /** The tenant and a co-tenant. */
  people: [string, string];
}

/** A new department of `count` let homes, each a household of two adults with their own address. */
export async function departmentWithHouseholds(app: TestApp, w: World, number: number, count: number) {
  const db = app.ctx.db;
  const now = "2026-01-01T00:00:00.000Z";
  const departmentId = newId();
  await db
    .insertInto("departments")
    .values({
      id: departmentId,
      organisation_id: w.organisationId,
      number,
      name: `Testparken ${number}`,
      municipality_code: "0101",
      street: "Testvej",
      house_number: "1",
      postcode: "2300",
      town: "København S",
      construction_year: 1970,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const households: Household[] = [];
  for (let i = 1; i <= count; i++) {
    const unitId = newId();
    const tenancyId = newId();
    await db
      .insertInto("units")
      .values({
        id: unitId,
        organisation_id: w.organisationId,
        department_id: departmentId,
        building_id: null,
        unit_number: `${number}-${i}`,
        street: "Testvej",
        house_number: String(i),
        floor: null,
        door: null,
        postcode: "2300",
        town: "København S",
        address_search: `testvej ${i}`,
        dar_id: null,
        bbr_unit_uuid: null,
        kind: "family",
        rooms: 3,
        area_m2: 80,
        rent_ore: 700_000,
        status: "let",
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto("tenancies")
      .values({
        id: tenancyId,
        organisation_id: w.organisationId,
        unit_id: unitId,
        tenancy_number: `T-${number}-${i}`,
        start_date: "2020-01-01",
        end_date: null,
        rent_at_start_ore: 700_000,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const people: string[] = [];
    for (const [j, role] of (["tenant", "co_tenant"] as const).entries()) {
      const personId = newId();
      await db
        .insertInto("people")
        .values({
          id: personId,
          organisation_id: w.organisationId,
          person_number: `P-${number}-${i}-${j}`,
          name: `Beboer ${i}${j === 0 ? "A" : "B"}`,
          birth_date: null,
          email: null,
          phone: null,
          street: "Testvej",
          house_number: String(i),
          floor: null,
          door: null,
          postcode: "2300",
          town: "København S",
          cpr_enc: null,
          cpr_hash: null,
          cpr_masked: null,
          cpr_legal_basis: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await db
        .insertInto("household_members")
        .values({ id: newId(), tenancy_id: tenancyId, person_id: personId, role })
        .execute();
      people.push(personId);
    }
    households.push({ tenancyId, unitId, people: people as [string, string] });
  }
  return { departmentId, households };
}

/** A login for a person, holding the resident role in the department. */
export async function loginFor(
  app: TestApp,
  personId: string,
  departmentId: string,
  email: string,
): Promise<string> {
  const userId = newId();
  const now = app.ctx.clock.now().toISOString();
  await app.ctx.db
    .insertInto("users")
    .values({
      id: userId,
      email,
      name: email,
      password_hash: null,
      totp_secret_enc: null,
      totp_last_step: null,
      person_id: personId,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .execute();
  await app.ctx.db
    .insertInto("user_roles")
    .values({
      id: newId(),
      user_id: userId,
      role: "resident",
      organisation_id: null,
      department_id: departmentId,
      created_at: now,
    })
    .execute();
  return userId;
}
