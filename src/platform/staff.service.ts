import type { DialectName } from "../db/database.ts";
import { containsInsensitive } from "../db/dialect.ts";
import { organisationsWith, type Principal, type Role, type RoleGrant, requireAccess } from "./access.ts";
import { type Actor, audit } from "./audit.ts";
import { requestPasswordReset } from "./auth/auth.service.ts";
import { nowIso } from "./clock.ts";
import type { AppContext } from "./context.ts";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";
import { newId } from "./ids.ts";
import { endSessionsOf } from "./sessions.ts";
import {
  findUserByEmail,
  findUserById,
  grantsOf,
  normaliseEmail,
  type UserRecord,
} from "./users.repository.ts";

export interface AccountSummary {
  id: string;
  name: string;
  email: string;
  status: "active" | "suspended";
  roles: string[];
}

export interface AccountDetail extends UserRecord {
  grants: (RoleGrant & { id: string })[];
}

/** Accounts holding a role in one of the organisations the administrator manages. */
export async function listAccounts(
  ctx: AppContext,
  principal: Principal,
  filter: { q?: string; status?: string; page: number; pageSize: number },
): Promise<{ rows: AccountSummary[]; total: number }> {
  const orgs = organisationsWith(principal, "staff.manage");
  const dialect: DialectName = ctx.database.dialect;
  let q = ctx.db.selectFrom("users").where("users.kind", "=", "person");
  if (orgs !== null) {
    if (orgs.length === 0) return { rows: [], total: 0 };
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_roles")
          .leftJoin("departments", "departments.id", "user_roles.department_id")
          .select("user_roles.id")
          .whereRef("user_roles.user_id", "=", "users.id")
          .where((w) =>
            w.or([w("user_roles.organisation_id", "in", orgs), w("departments.organisation_id", "in", orgs)]),
          ),
      ),
    );
  }
  if (filter.q) {
    const term = filter.q;
    q = q.where((eb) =>
      eb.or([
        containsInsensitive(dialect, eb.ref("users.name"), term),
        containsInsensitive(dialect, eb.ref("users.email"), term),
      ]),
    );
  }
  if (filter.status === "active" || filter.status === "suspended")
    q = q.where("users.status", "=", filter.status);
  const [rows, count] = await Promise.all([
    q
      .select(["users.id", "users.name", "users.email", "users.status"])
      .orderBy("users.name")
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const roles = ids.length
    ? await ctx.db.selectFrom("user_roles").select(["user_id", "role"]).where("user_id", "in", ids).execute()
    : [];
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      status: r.status as AccountSummary["status"],
      roles: [...new Set(roles.filter((x) => x.user_id === r.id).map((x) => x.role))],
    })),
  };
}

async function organisationOfGrant(
  ctx: AppContext,
  grant: { organisationId: string | null; departmentId: string | null },
) {
  if (grant.departmentId) {
    const dept = await ctx.db
      .selectFrom("departments")
      .select("organisation_id")
      .where("id", "=", grant.departmentId)
      .executeTakeFirst();
    if (!dept) throw new ValidationError({ departmentId: "staff.department_unknown" });
    return dept.organisation_id;
  }
  return grant.organisationId;
}

/** An administrator may see an account only when it holds a role in one of their organisations. */
export async function getAccount(
  ctx: AppContext,
  principal: Principal,
  userId: string,
): Promise<AccountDetail> {
  const user = await findUserById(ctx.db, userId);
  if (user?.kind !== "person") throw new NotFoundError();
  const grants = await ctx.db
    .selectFrom("user_roles")
    .leftJoin("departments", "departments.id", "user_roles.department_id")
    .select([
      "user_roles.id",
      "user_roles.role",
      "user_roles.organisation_id",
      "user_roles.department_id",
      "departments.organisation_id as dept_org",
    ])
    .where("user_roles.user_id", "=", userId)
    .execute();
  const orgs = organisationsWith(principal, "staff.manage");
  const visible = orgs === null || grants.some((g) => orgs.includes(g.organisation_id ?? g.dept_org ?? ""));
  if (!visible) throw new NotFoundError();
  return {
    ...user,
    grants: grants.map((g) => ({
      id: g.id,
      role: g.role as Role,
      organisationId: g.organisation_id,
      departmentId: g.department_id,
    })),
  };
}

/** The text of the e-mail that lets a new account holder choose a password (in their language). */
export type WelcomeMail = (name: string, link: string) => { subject: string; text: string };

export interface GrantInput {
  role: Role;
  organisationId: string | null;
  departmentId: string | null;
}

async function checkGrantAllowed(
  ctx: AppContext,
  principal: Principal,
  grant: GrantInput,
): Promise<string | null> {
  if (grant.role === "system_admin") {
    requireAccess(principal, "staff.manage"); // and only a global administrator:
    if (organisationsWith(principal, "staff.manage") !== null)
      throw new ValidationError({ role: "staff.role_not_allowed" });
    return null;
  }
  const org = await organisationOfGrant(ctx, grant);
  if (!org && grant.role !== "housing_seeker")
    throw new ValidationError({ organisationId: "staff.scope_required" });
  const orgs = organisationsWith(principal, "staff.manage");
  if (orgs !== null && (!org || !orgs.includes(org)))
    throw new ValidationError({ organisationId: "staff.scope_not_allowed" });
  return org;
}

/** Creates an account with a first role; the person sets a password through the e-mailed link. */
export async function createAccount(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  input: { name: string; email: string; grant: GrantInput; welcome: WelcomeMail },
): Promise<string> {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(ctx.db, email)) throw new ValidationError({ email: "staff.email_taken" });
  const org = await checkGrantAllowed(ctx, principal, input.grant);
  const id = newId();
  const now = nowIso(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    const user = {
      id,
      email,
      name: input.name.trim(),
      password_hash: null,
      totp_secret_enc: null,
      person_id: null,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    };
    await trx.insertInto("users").values(user).execute();
    const grant = {
      id: newId(),
      user_id: id,
      role: input.grant.role,
      organisation_id: input.grant.organisationId,
      department_id: input.grant.departmentId,
      created_at: now,
    };
    await trx.insertInto("user_roles").values(grant).execute();
    await audit(trx, ctx.clock, actor, {
      action: "account.create",
      entity: "user",
      entityId: id,
      organisationId: org,
      after: { email, name: user.name, role: grant.role },
    });
  });
  const name = input.name.trim();
  await requestPasswordReset(ctx, { email, mail: (link) => input.welcome(name, link) });
  return id;
}

export async function addRole(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  userId: string,
  grant: GrantInput,
): Promise<void> {
  await getAccount(ctx, principal, userId).catch(async (e) => {
    // A brand-new grant may be what makes the account visible; the target must still exist.
    if (!(e instanceof NotFoundError) || !(await findUserById(ctx.db, userId))) throw e;
  });
  const org = await checkGrantAllowed(ctx, principal, grant);
  const existing = await grantsOf(ctx.db, userId);
  if (
    existing.some(
      (g) =>
        g.role === grant.role &&
        g.organisationId === grant.organisationId &&
        g.departmentId === grant.departmentId,
    )
  ) {
    throw new ConflictError("staff.role_exists");
  }
  await ctx.db.transaction().execute(async (trx) => {
    const row = {
      id: newId(),
      user_id: userId,
      role: grant.role,
      organisation_id: grant.organisationId,
      department_id: grant.departmentId,
      created_at: nowIso(ctx.clock),
    };
    await trx.insertInto("user_roles").values(row).execute();
    await audit(trx, ctx.clock, actor, {
      action: "role.grant",
      entity: "user",
      entityId: userId,
      organisationId: org,
      after: { role: row.role, organisation_id: row.organisation_id, department_id: row.department_id },
    });
  });
}

export async function removeRole(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  userId: string,
  grantId: string,
): Promise<void> {
  const account = await getAccount(ctx, principal, userId);
  const grant = account.grants.find((g) => g.id === grantId);
  if (!grant) throw new NotFoundError();
  const org = await checkGrantAllowed(ctx, principal, grant);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("user_roles").where("id", "=", grantId).execute();
    await audit(trx, ctx.clock, actor, {
      action: "role.revoke",
      entity: "user",
      entityId: userId,
      organisationId: org,
      before: { role: grant.role, organisation_id: grant.organisationId, department_id: grant.departmentId },
    });
  });
}

/** Suspension ends every session of the account at once; reactivation lets it log in again. */
export async function setAccountStatus(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  userId: string,
  status: "active" | "suspended",
): Promise<void> {
  const account = await getAccount(ctx, principal, userId);
  if (account.id === principal.userId) throw new ValidationError({}, "staff.not_yourself");
  if (account.status === status) return;
  const orgs = organisationsWith(principal, "staff.manage");
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ status, updated_at: nowIso(ctx.clock) })
      .where("id", "=", userId)
      .execute();
    if (status === "suspended") {
      await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    }
    await audit(trx, ctx.clock, actor, {
      action: status === "suspended" ? "account.suspend" : "account.reactivate",
      entity: "user",
      entityId: userId,
      organisationId: orgs?.[0] ?? null,
      before: { status: account.status },
      after: { status },
    });
  });
  if (status === "suspended") await endSessionsOf(ctx.db, userId);
}
