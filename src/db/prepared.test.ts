import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../test/helpers.ts";
import { newId } from "../platform/ids.ts";
import type { Database } from "./database-types.ts";
import { hasConvertibleValue } from "./normalize-plugin.ts";
import { prepareQuery } from "./prepared.ts";

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db.drop();
});

const insertUser = async (email: string, isTotpEnabled: boolean, into: Kysely<Database> = db.kysely) => {
  const id = newId();
  const t = new Date().toISOString();
  await into
    .insertInto("users")
    .values({
      id,
      email,
      name: email,
      password_hash: null,
      totp_secret_enc: null,
      is_totp_enabled: isTotpEnabled,
      person_id: null,
      created_at: t,
      updated_at: t,
      last_login_at: null,
    })
    .execute();
  return id;
};

describe(`prepared queries (${process.env.DATABASE_URL ? "postgres" : "sqlite"})`, () => {
  it("runs with new values each time, keeps constants, and normalises results and parameters", async () => {
    const a = await insertUser("a@almen.demo", true);
    const b = await insertUser("b@almen.demo", false);
    const query = prepareQuery((k, p: { id: string; totp: boolean }) =>
      k
        .selectFrom("users")
        .select(["email", "is_totp_enabled"])
        .where("id", "=", p.id)
        .where("is_totp_enabled", "=", p.totp)
        .where("email", "like", "%@almen.demo"),
    );
    expect(await query.execute(db.kysely, { id: a, totp: true })).toEqual([
      { email: "a@almen.demo", is_totp_enabled: true },
    ]);
    expect(await query.executeTakeFirst(db.kysely, { id: b, totp: false })).toEqual({
      email: "b@almen.demo",
      is_totp_enabled: false,
    });
    expect(await query.executeTakeFirst(db.kysely, { id: b, totp: true })).toBeUndefined();
    await db.kysely.transaction().execute(async (trx) => {
      expect(await query.execute(trx, { id: a, totp: true })).toHaveLength(1);
    });
  });

  it("never shows a read from outside an open transaction what the transaction has not committed", async () => {
    const query = prepareQuery((k, p: { email: string }) =>
      k.selectFrom("users").select("email").where("email", "=", p.email),
    );
    let seen: { email: string }[] | undefined;
    await db.kysely.transaction().execute(async (trx) => {
      await insertUser("uncommitted@almen.demo", false, trx);
      void query.execute(db.kysely, { email: "uncommitted@almen.demo" }).then((rows) => {
        seen = rows;
      });
      await new Promise((resolve) => setTimeout(resolve, 30));
      // PostgreSQL answers from the last commit; SQLite's one connection makes the read wait.
      if (process.env.DATABASE_URL) expect(seen).toEqual([]);
      else expect(seen).toBeUndefined();
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    if (!process.env.DATABASE_URL) expect(seen).toEqual([{ email: "uncommitted@almen.demo" }]);
  });

  it.runIf(Boolean(process.env.DATABASE_URL))(
    "runs as a named statement on PostgreSQL, parsed once per connection",
    async () => {
      const query = prepareQuery((k, p: { email: string }) =>
        k.selectFrom("users").select("id").where("email", "=", p.email),
      );
      await db.kysely.transaction().execute(async (trx) => {
        await query.execute(trx, { email: "a@almen.demo" });
        await query.execute(trx, { email: "b@almen.demo" });
        const statements = await sql<{ name: string; statement: string }>`
          select name, statement from pg_prepared_statements`.execute(trx);
        const ours = statements.rows.filter((r) => r.statement.includes('where "email" = $1'));
        expect(ours).toHaveLength(1);
        expect(ours[0]!.name).toMatch(/^almen_prepared_\d+$/);
      });
    },
  );

  it("refuses a parameter that is not bound as a whole value", async () => {
    const inString = prepareQuery((k, p: { q: string }) =>
      k.selectFrom("users").select("id").where("email", "like", `%${p.q}%`),
    );
    await expect(inString.execute(db.kysely, { q: "a" })).rejects.toThrow(/inside a larger value|not bound/);
    const inLogic = prepareQuery((k, p: { q: string }) =>
      p.q ? k.selectFrom("users").select("id") : k.selectFrom("users").select("email"),
    );
    await expect(inLogic.execute(db.kysely, { q: "a" })).rejects.toThrow(/not bound/);
  });
});

describe("normalize plugin: only queries with values to convert are rebuilt", () => {
  it("finds booleans, dates and objects anywhere in a query, and nothing in plain ones", () => {
    const k = db.kysely.withoutPlugins();
    const plain = k.selectFrom("users").select("id").where("email", "=", "x").where("id", "in", ["a", "b"]);
    expect(hasConvertibleValue(plain.toOperationNode())).toBe(false);
    const bool = k.selectFrom("users").select("id").where("is_totp_enabled", "=", true);
    expect(hasConvertibleValue(bool.toOperationNode())).toBe(true);
    const date = k
      .selectFrom("users")
      .select("id")
      .where("created_at", ">", new Date() as never);
    expect(hasConvertibleValue(date.toOperationNode())).toBe(true);
    const json = k
      .updateTable("api_tokens")
      .set({ scopes_json: ["a"] })
      .where("id", "=", "x");
    expect(hasConvertibleValue(json.toOperationNode())).toBe(true);
    const inList = k.selectFrom("users").select("id").where("is_totp_enabled", "in", [true, false]);
    expect(hasConvertibleValue(inList.toOperationNode())).toBe(true);
    const ddl = k.schema.createTable("x").addColumn("is_on", "integer", (c) => c.defaultTo(false));
    expect(hasConvertibleValue(ddl.toOperationNode())).toBe(true);
  });
});
