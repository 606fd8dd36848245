import type { TestApp } from "../../../../test/helpers.ts";
import { nowIso } from "../../../platform/clock.ts";
import { newId } from "../../../platform/ids.ts";

/** The demo organisation and its two departments (101 Æblehaven, 102 Søparken). */
export async function demoOrganisation(app: TestApp) {
  const db = app.ctx.db;
  const org = await db
    .selectFrom("organisations")
    .select("id")
    .where("number", "=", 1)
    .executeTakeFirstOrThrow();
  const departments = await db
    .selectFrom("departments")
    .select(["id", "number"])
    .where("organisation_id", "=", org.id)
    .orderBy("number")
    .execute();
  return { organisationId: org.id, dept101: departments[0]!.id, dept102: departments[1]!.id };
}

let personNo = 0;

/** A person who may sign up (born 1990 unless told), without a home in the organisation. */
export async function makePerson(
  app: TestApp,
  organisationId: string,
  over: { birthDate?: string | null; name?: string } = {},
): Promise<string> {
  const id = newId();
  const now = nowIso(app.ctx.clock);
  await app.ctx.db
    .insertInto("people")
    .values({
      id,
      organisation_id: organisationId,
      person_number: `T-${++personNo}-${id.slice(-6)}`,
      name: over.name ?? `Test Søger ${personNo}`,
      birth_date: over.birthDate === undefined ? "1990-05-17" : over.birthDate,
      email: null,
      phone: null,
      street: "Testvej",
      house_number: "1",
      floor: null,
      door: null,
      postcode: "2400",
      town: "København NV",
      cpr_enc: null,
      cpr_hash: null,
      cpr_masked: null,
      cpr_legal_basis: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export const testActor = { userId: null, label: "test" };
