import type { Kysely } from "kysely";
import type { Database } from "../db/database-types.ts";
import { hashPassword } from "../platform/auth/passwords.ts";
import { type Clock, nowIso } from "../platform/clock.ts";
import { newId } from "../platform/ids.ts";
import { demoLogins, demoPassword } from "./demo-logins.ts";

export { demoLogins, demoPassword };

import { oneLineAddress } from "../modules/masterdata/index.ts";

const partnerFirstNames = ["Anne", "Fatima", "Peter", "Karsten"];
const streets = ["Rosenvænget", "Bøgealléen", "Åboulevarden", "Søndergade", "Kærvej", "Fælledvej"];

/** Seeds a small demo organisation when the database has none. Returns false when data exists. */
export async function seedDemo(db: Kysely<Database>, clock: Clock): Promise<boolean> {
  const existing = await db.selectFrom("organisations").select("id").limit(1).executeTakeFirst();
  if (existing) return false;
  const now = nowIso(clock);
  const passwordHash = await hashPassword(demoPassword);
  await db.transaction().execute(async (trx) => {
    const orgId = newId();
    await trx
      .insertInto("organisations")
      .values({
        id: orgId,
        number: 1,
        name: "Boligselskabet Rum for Liv",
        cvr: "10000009",
        created_at: now,
        updated_at: now,
      })
      .execute();
    const departments = [
      {
        id: newId(),
        number: 101,
        name: "Æblehaven",
        municipality_code: "0101",
        postcode: "2400",
        town: "København NV",
      },
      {
        id: newId(),
        number: 102,
        name: "Søparken",
        municipality_code: "0751",
        postcode: "8000",
        town: "Aarhus C",
      },
    ];
    for (const d of departments) {
      await trx
        .insertInto("departments")
        .values({
          id: d.id,
          organisation_id: orgId,
          number: d.number,
          name: d.name,
          municipality_code: d.municipality_code,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const units: { id: string; departmentId: string }[] = [];
    let unitNo = 1;
    for (const d of departments) {
      for (let i = 0; i < 12; i++) {
        const id = newId();
        const rooms = 1 + (i % 4);
        units.push({ id, departmentId: d.id });
        const address = {
          street: streets[(i + d.number) % streets.length]!,
          houseNumber: String(1 + Math.floor(i / 4) * 2),
          floor: i % 4 === 0 ? "st" : String(i % 4),
          door: i % 2 === 0 ? "tv" : "th",
          postcode: d.postcode,
          town: d.town,
        };
        await trx
          .insertInto("units")
          .values({
            id,
            organisation_id: orgId,
            department_id: d.id,
            unit_number: `${d.number}-${String(unitNo++).padStart(4, "0")}`,
            street: address.street,
            house_number: address.houseNumber,
            floor: address.floor,
            door: address.door,
            postcode: address.postcode,
            town: address.town,
            address_search: oneLineAddress(address).toLowerCase(),
            kind: i === 11 ? "youth" : "family",
            rooms,
            area_m2: 35 + rooms * 20,
            rent_ore: (3200 + rooms * 1450) * 100,
            status: i >= 10 ? "vacant" : "let",
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
    }
    for (const [index, login] of demoLogins.entries()) {
      const userId = newId();
      let personId: string | null = null;
      const livesHere = ["resident", "board_member", "board_chair"].includes(login.role);
      if (livesHere) {
        personId = newId();
        await trx
          .insertInto("people")
          .values({
            id: personId,
            organisation_id: orgId,
            person_number: `P-${index}`,
            name: login.name,
            email: login.email,
            phone: null,
            birth_date: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        const unit = units[index]!; // all in the first department
        const tenancyId = newId();
        await trx
          .insertInto("tenancies")
          .values({
            id: tenancyId,
            organisation_id: orgId,
            unit_id: unit.id,
            tenancy_number: `L-${1000 + index}`,
            start_date: "2019-04-01",
            end_date: null,
            rent_at_start_ore: 560000,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await trx
          .insertInto("household_members")
          .values({ id: newId(), tenancy_id: tenancyId, person_id: personId, role: "tenant" })
          .execute();
        const partnerId = newId();
        await trx
          .insertInto("people")
          .values({
            id: partnerId,
            organisation_id: orgId,
            person_number: `P-${index}-2`,
            name: `${partnerFirstNames[index % partnerFirstNames.length]} ${login.name.split(" ").slice(1).join(" ")}`,
            email: null,
            phone: null,
            birth_date: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await trx
          .insertInto("household_members")
          .values({ id: newId(), tenancy_id: tenancyId, person_id: partnerId, role: "co_tenant" })
          .execute();
      }
      await trx
        .insertInto("users")
        .values({
          id: userId,
          email: login.email,
          name: login.name,
          password_hash: passwordHash,
          totp_secret_enc: null,
          person_id: personId,
          created_at: now,
          updated_at: now,
          last_login_at: null,
        })
        .execute();
      const firstDept = departments[0]!.id;
      const scope =
        login.role === "system_admin" || login.role === "housing_seeker"
          ? { organisation_id: null, department_id: null }
          : ["resident", "board_member", "board_chair", "caretaker"].includes(login.role)
            ? { organisation_id: null, department_id: firstDept }
            : { organisation_id: orgId, department_id: null };
      await trx
        .insertInto("user_roles")
        .values({ id: newId(), user_id: userId, role: login.role, ...scope, created_at: now })
        .execute();
      if (login.role === "board_member" || login.role === "board_chair") {
        await trx
          .insertInto("user_roles")
          .values({
            id: newId(),
            user_id: userId,
            role: "resident",
            organisation_id: null,
            department_id: firstDept,
            created_at: now,
          })
          .execute();
      }
    }
  });
  return true;
}
