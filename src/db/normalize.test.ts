import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../test/helpers.ts";
import { newId } from "../platform/ids.ts";

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe(`both dialects hand the app the same types (${process.env.DATABASE_URL ? "postgres" : "sqlite"})`, () => {
  it("returns booleans, parsed JSON, numbers for counts and bigints, and ISO text instants", async () => {
    const now = new Date("2026-03-29T00:30:00.000Z");
    const id = newId();
    await db.kysely
      .insertInto("users")
      .values({
        id,
        email: "t@almen.demo",
        name: "T",
        password_hash: null,
        totp_secret_enc: null,
        is_totp_enabled: true,
        person_id: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        last_login_at: null,
      })
      .execute();
    await db.kysely
      .insertInto("api_tokens")
      .values({
        id: newId(),
        user_id: id,
        name: "n",
        prefix: "p",
        token_hash: "h",
        scopes_json: ["a", "b"],
        created_at: now.toISOString(),
        expires_at: null,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    const user = await db.kysely
      .selectFrom("users")
      .select(["is_totp_enabled", "created_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(user.is_totp_enabled).toBe(true);
    expect(user.created_at).toBe("2026-03-29T00:30:00.000Z");
    const token = await db.kysely.selectFrom("api_tokens").select("scopes_json").executeTakeFirstOrThrow();
    expect(token.scopes_json).toEqual(["a", "b"]);
    const count = await db.kysely
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
    const flipped = await db.kysely
      .updateTable("users")
      .set({ is_totp_enabled: false })
      .where("id", "=", id)
      .executeTakeFirst();
    expect(Number(flipped.numUpdatedRows)).toBe(1);
    const off = await db.kysely
      .selectFrom("users")
      .select("is_totp_enabled")
      .where("is_totp_enabled", "=", false)
      .executeTakeFirstOrThrow();
    expect(off.is_totp_enabled).toBe(false);
  });

  it("keeps money in øre beyond 32 bits as a number", async () => {
    const orgId = newId();
    const deptId = newId();
    const t = new Date().toISOString();
    await db.kysely
      .insertInto("organisations")
      .values({ id: orgId, number: 7, name: "O", cvr: null, created_at: t, updated_at: t })
      .execute();
    await db.kysely
      .insertInto("departments")
      .values({
        id: deptId,
        organisation_id: orgId,
        number: 1,
        name: "D",
        municipality_code: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await db.kysely
      .insertInto("units")
      .values({
        id: newId(),
        organisation_id: orgId,
        department_id: deptId,
        unit_number: "1",
        street: "Vej",
        house_number: "1",
        floor: null,
        door: null,
        postcode: "1620",
        town: "København V",
        address_search: "vej 1, 1620 københavn v",
        kind: "family",
        rooms: 2,
        area_m2: 60,
        rent_ore: 5_000_000_000,
        status: "let",
        created_at: t,
        updated_at: t,
      })
      .execute();
    const row = await db.kysely
      .selectFrom("units")
      .select((eb) => ["rent_ore", eb.fn.sum<number>("rent_ore").as("total")])
      .groupBy("rent_ore")
      .executeTakeFirstOrThrow();
    expect(row.rent_ore).toBe(5_000_000_000);
    expect(Number(row.total)).toBe(5_000_000_000);
    expect(typeof row.rent_ore).toBe("number");
  });
});
