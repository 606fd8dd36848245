import type { Kysely, Selectable } from "kysely";
import type { Database } from "../db/database-types.ts";
import { prepareQuery } from "../db/prepared.ts";
import type { Role, RoleGrant } from "./access.ts";
import type { Executor } from "./audit.ts";

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  kind: "person" | "service";
  status: "active" | "suspended";
  language: "da" | "en";
  isTotpEnabled: boolean;
  personId: string | null;
}

const userColumns = [
  "id",
  "email",
  "name",
  "kind",
  "status",
  "language",
  "is_totp_enabled",
  "person_id",
] as const;

type UserRow = Pick<Selectable<Database["users"]>, (typeof userColumns)[number]>;

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    kind: row.kind as UserRecord["kind"],
    status: row.status as UserRecord["status"],
    language: row.language as UserRecord["language"],
    isTotpEnabled: row.is_totp_enabled as boolean,
    personId: row.person_id,
  };
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export async function findUserById(db: Executor, id: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom("users").select(userColumns).where("id", "=", id).executeTakeFirst();
  return row && toUser(row);
}

export async function findUserByEmail(
  db: Executor,
  email: string,
): Promise<(UserRecord & { passwordHash: string | null }) | undefined> {
  const row = await db
    .selectFrom("users")
    .select([...userColumns, "password_hash"])
    .where("email", "=", normaliseEmail(email))
    .executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export async function grantsOf(db: Executor, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom("user_roles")
    .select(["role", "organisation_id", "department_id"])
    .where("user_id", "=", userId)
    .execute();
  return rows.map((r) => ({
    role: r.role as Role,
    organisationId: r.organisation_id,
    departmentId: r.department_id,
  }));
}

/** What every authenticated request needs: the user, and the roles they hold. */
export interface UserWithGrants {
  user: UserRecord;
  grants: RoleGrant[];
}

/** Columns for `userWithGrantsFrom`, in a query that joins users as `u` and user_roles as `r`. */
export const userWithGrantsColumns = [
  "u.id",
  "u.email",
  "u.name",
  "u.kind",
  "u.status",
  "u.language",
  "u.is_totp_enabled",
  "u.person_id",
  "r.role",
  "r.organisation_id",
  "r.department_id",
] as const;

type Nullable<T> = { [K in keyof T]: T[K] | null };
type UserGrantRow = Nullable<UserRow> & {
  role: string | null;
  organisation_id: string | null;
  department_id: string | null;
};

/** The user's row once per grant (or once with no grant, or with no user at all): user and grants. */
export function userWithGrantsFrom(rows: readonly UserGrantRow[]): UserWithGrants | undefined {
  const first = rows[0];
  if (!first || first.id === null) return undefined;
  const grants: RoleGrant[] = [];
  for (const r of rows) {
    if (r.role === null) continue;
    grants.push({ role: r.role as Role, organisationId: r.organisation_id, departmentId: r.department_id });
  }
  return { user: toUser(first as UserRow), grants };
}

const userWithGrants = prepareQuery((db, p: { id: string }) =>
  db
    .selectFrom("users as u")
    .leftJoin("user_roles as r", "r.user_id", "u.id")
    .select(userWithGrantsColumns)
    .where("u.id", "=", p.id),
);

/** A user and their role grants in one round trip. */
export async function findUserWithGrants(db: Executor, id: string): Promise<UserWithGrants | undefined> {
  return userWithGrantsFrom(await userWithGrants.execute(db, { id }));
}

export async function setLanguage(
  db: Kysely<Database>,
  userId: string,
  language: "da" | "en",
): Promise<void> {
  await db.updateTable("users").set({ language }).where("id", "=", userId).execute();
}
