import type { TestApp } from "../../../../test/helpers.ts";
import type { Principal } from "../../../platform/access.ts";
import type { Actor } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { newId } from "../../../platform/ids.ts";
import { openVote } from "./lifecycle.service.ts";
import { createVote, type NewVote } from "./votes.service.ts";

/** Test set-up for votes: households inserted straight into master data, and votes on them. */

export const testActor: Actor = { userId: null, label: "test" };
export const votesAdmin: Principal = {
  userId: "test",
  grants: [{ role: "org_admin", organisationId: null, departmentId: null }],
};

export interface Household {
  householdId: string;
  /** Adults first, then children. */
  people: string[];
  adults: number;
}

export async function demoDepartments(
  app: TestApp,
): Promise<{ organisationId: string; d101: string; d102: string }> {
  const rows = await app.ctx.db
    .selectFrom("departments")
    .select(["id", "number", "organisation_id"])
    .execute();
  const by = (n: number) => rows.find((r) => r.number === n)!;
  return { organisationId: by(101).organisation_id, d101: by(101).id, d102: by(102).id };
}

/** A department of its own, so generated households do not mix with the demo's. */
export async function newDepartment(ctx: AppContext, number: number): Promise<string> {
  const org = await ctx.db.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
  const id = newId();
  const now = "2026-01-01T00:00:00.000Z";
  await ctx.db
    .insertInto("departments")
    .values({
      id,
      organisation_id: org.id,
      number,
      name: `Testafdeling ${number}`,
      municipality_code: "0101",
      street: "Testvej",
      house_number: "1",
      postcode: "2400",
      town: "København NV",
      construction_year: 1970,
      has_board: true,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/**
 * `count` households in a department, each a let unit with a current tenancy: `adultsOf(i)`
 * adults (tenant, co-tenant, then adult members, born 1970) and `childrenOf(i)` children (born
 * 2015). Inserted a few hundred rows at a time.
 */
export async function addHouseholds(
  ctx: AppContext,
  departmentId: string,
  count: number,
  adultsOf: (i: number) => number,
  childrenOf: (i: number) => number = () => 0,
): Promise<Household[]> {
  const dept = await ctx.db
    .selectFrom("departments")
    .select(["organisation_id", "number"])
    .where("id", "=", departmentId)
    .executeTakeFirstOrThrow();
  const now = "2026-01-01T00:00:00.000Z";
  const households: Household[] = [];
  const step = 100;
  for (let from = 0; from < count; from += step) {
    const units = [];
    const tenancies = [];
    const people = [];
    const members = [];
    for (let i = from; i < Math.min(count, from + step); i++) {
      const unitId = newId();
      const tenancyId = newId();
      const key = `${dept.number}-${newId().slice(-12)}`;
      units.push({
        id: unitId,
        organisation_id: dept.organisation_id,
        department_id: departmentId,
        building_id: null,
        unit_number: key,
        street: "Testvej",
        house_number: String(1 + i),
        floor: null,
        door: null,
        postcode: "2400",
        town: "København NV",
        address_search: `testvej ${1 + i}`,
        dar_id: null,
        bbr_unit_uuid: null,
        kind: "family" as const,
        rooms: 3,
        area_m2: 80,
        rent_ore: 600_000,
        status: "let" as const,
        created_at: now,
        updated_at: now,
      });
      tenancies.push({
        id: tenancyId,
        organisation_id: dept.organisation_id,
        unit_id: unitId,
        tenancy_number: `L-${key}`,
        start_date: "2020-01-01",
        end_date: null,
        rent_at_start_ore: 600_000,
        created_at: now,
        updated_at: now,
      });
      const adults = adultsOf(i);
      const children = childrenOf(i);
      const ids: string[] = [];
      for (let p = 0; p < adults + children; p++) {
        const personId = newId();
        ids.push(personId);
        const adult = p < adults;
        people.push({
          id: personId,
          organisation_id: dept.organisation_id,
          person_number: `T-${personId}`,
          name: `${adult ? "Voksen" : "Barn"} ${i + 1}.${p + 1}`,
          birth_date: adult ? "1970-05-01" : "2015-05-01",
          email: null,
          phone: null,
          street: null,
          house_number: null,
          floor: null,
          door: null,
          postcode: null,
          town: null,
          cpr_enc: null,
          cpr_hash: null,
          cpr_masked: null,
          cpr_legal_basis: null,
          created_at: now,
          updated_at: now,
        });
        members.push({
          id: newId(),
          tenancy_id: tenancyId,
          person_id: personId,
          role: (p === 0 ? "tenant" : p === 1 && adult ? "co_tenant" : adult ? "adult" : "child") as "tenant",
        });
      }
      households.push({ householdId: tenancyId, people: ids, adults });
    }
    await ctx.db.insertInto("units").values(units).execute();
    await ctx.db.insertInto("tenancies").values(tenancies).execute();
    for (let p = 0; p < people.length; p += 100) {
      await ctx.db
        .insertInto("people")
        .values(people.slice(p, p + 100))
        .execute();
    }
    for (let m = 0; m < members.length; m += 200) {
      await ctx.db
        .insertInto("household_members")
        .values(members.slice(m, m + 200))
        .execute();
    }
  }
  return households;
}

/** A vote in the department that opens at the clock's now and closes a week later, opened. */
export async function openedVote(
  ctx: AppContext,
  departmentId: string,
  over: Partial<NewVote> = {},
): Promise<string> {
  const now = ctx.clock.now().getTime();
  const { id } = await createVote(ctx, testActor, {
    departmentId,
    title: "Altaner på blok B",
    question: "Skal afdelingen sætte altaner op på blok B?",
    kind: "ballot",
    opensAt: new Date(now).toISOString(),
    closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    ...over,
  });
  await openVote(ctx, testActor, id);
  return id;
}

/** Sets the organisation's sole-adult rule. */
export async function setSoleAdultCastsBoth(ctx: AppContext, value: boolean): Promise<void> {
  const org = await ctx.db
    .selectFrom("organisations")
    .select(["id", "settings_json"])
    .executeTakeFirstOrThrow();
  const settings = org.settings_json as Record<string, unknown>;
  await ctx.db
    .updateTable("organisations")
    .set({
      settings_json: {
        ...settings,
        democracy: { ...(settings.democracy as object), soleAdultCastsBoth: value },
      },
    })
    .where("id", "=", org.id)
    .execute();
}
