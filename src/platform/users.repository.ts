import type { Kysely, Selectable } from "kysely";
import type { Database } from "../db/database-types.ts";
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

export async function setLanguage(
  db: Kysely<Database>,
  userId: string,
  language: "da" | "en",
): Promise<void> {
  await db.updateTable("users").set({ language }).where("id", "=", userId).execute();
}
