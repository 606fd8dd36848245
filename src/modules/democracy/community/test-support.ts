import { TestBrowser } from "../../../../test/browser.ts";
import type { TestApp } from "../../../../test/helpers.ts";
import type { Principal, Role } from "../../../platform/access.ts";
import type { Actor } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import { newId } from "../../../platform/ids.ts";
import { grantsOf } from "../../../platform/users.repository.ts";

/** The demo organisation with its departments 101 (has a board) and 102. */
export async function demoPlaces(app: TestApp) {
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

export interface TestUser {
  userId: string;
  personId: string | null;
  email: string;
  principal: Principal;
  actor: Actor;
}

/** A demo login as a user of the tests: its id, person, grants and an actor. */
export async function demoUser(app: TestApp, email: string): Promise<TestUser> {
  const u = await app.ctx.db
    .selectFrom("users")
    .select(["id", "person_id"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return {
    userId: u.id,
    personId: u.person_id,
    email,
    principal: { userId: u.id, grants: await grantsOf(app.ctx.db, u.id) },
    actor: { userId: u.id, label: email },
  };
}

let counter = 0;

/**
 * A new login with a person in the demo organisation and role grants (department-scoped when a
 * department is given). It shares the demo password, so a TestBrowser can log in as it.
 */
export async function makeUser(
  app: TestApp,
  over: {
    name?: string;
    roles: Role[];
    departmentId?: string | null;
    organisationId: string;
    person?: boolean;
  },
): Promise<TestUser> {
  const db = app.ctx.db;
  const n = ++counter;
  const now = nowIso(app.ctx.clock);
  const email = `t${n}-${newId().slice(-8)}@almen.test`;
  const name = over.name ?? `Testperson ${n}`;
  const demo = await db
    .selectFrom("users")
    .select("password_hash")
    .where("email", "=", "beboer@almen.demo")
    .executeTakeFirstOrThrow();
  let personId: string | null = null;
  if (over.person !== false) {
    personId = newId();
    await db
      .insertInto("people")
      .values({
        id: personId,
        organisation_id: over.organisationId,
        person_number: `TC-${n}-${personId.slice(-6)}`,
        name,
        birth_date: "1980-01-01",
        email,
        phone: `+45 20 00 ${String(n).padStart(4, "0")}`,
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
      })
      .execute();
  }
  const userId = newId();
  await db
    .insertInto("users")
    .values({
      id: userId,
      email,
      name,
      password_hash: demo.password_hash,
      totp_secret_enc: null,
      totp_last_step: null,
      person_id: personId,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .execute();
  for (const role of over.roles) {
    await db
      .insertInto("user_roles")
      .values({
        id: newId(),
        user_id: userId,
        role,
        organisation_id: over.departmentId ? null : over.organisationId,
        department_id: over.departmentId ?? null,
        created_at: now,
      })
      .execute();
  }
  return {
    userId,
    personId,
    email,
    principal: { userId, grants: await grantsOf(db, userId) },
    actor: { userId, label: email },
  };
}

export async function browserFor(app: TestApp, email: string): Promise<TestBrowser> {
  const b = new TestBrowser(app.server);
  await b.login(email);
  const home = await b.get("/account");
  if (home.statusCode !== 200) throw new Error(`Login as ${email} failed: ${home.statusCode}`);
  return b;
}

/** An API token with these scopes for a login. */
export async function tokenFor(app: TestApp, email: string, scopes: string[]): Promise<string> {
  const b = await browserFor(app, email);
  await b.get("/account/tokens");
  const res = await b.json("POST", "/api/v1/tokens", { name: "Test", scopes });
  if (res.statusCode !== 201) throw new Error(`No token for ${email}: ${res.body}`);
  return res.json().token;
}

export function api(app: TestApp, token: string) {
  return (method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown) =>
    app.server.inject({
      method,
      url,
      payload: payload as never,
      headers: { authorization: `Bearer ${token}` },
    });
}
