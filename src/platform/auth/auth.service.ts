import { sql } from "kysely";
import { isStaff, type RoleGrant } from "../access.ts";
import { type Actor, audit } from "../audit.ts";
import { nowIso } from "../clock.ts";
import type { AppContext } from "../context.ts";
import { decrypt, encrypt, randomToken, sha256 } from "../crypto.ts";
import { TooManyRequestsError, ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";
import { endSessionsOf } from "../sessions.ts";
import { findUserByEmail, findUserById, grantsOf, normaliseEmail } from "../users.repository.ts";
import { hashPassword, minPasswordLength, verifyPassword } from "./passwords.ts";
import { newTotpSecret, verifyTotp } from "./totp.ts";

/** 10 failures within 5 minutes for an account or an IP: the next attempt is refused. */
export const loginThrottle = { maxFailures: 10, windowMs: 5 * 60 * 1000 };
export const resetLinkLifetimeMs = 30 * 60 * 1000;
const recoveryCodeCount = 10;

export type LoginResult =
  | { kind: "ok"; userId: string; grants: RoleGrant[] }
  | { kind: "second_factor"; userId: string; enrol: boolean };

async function failuresSince(
  ctx: AppContext,
  column: "email" | "ip",
  value: string,
  since: string,
): Promise<number> {
  const row = await ctx.db
    .selectFrom("login_attempts")
    .select(sql<number>`count(*)`.as("n"))
    .where(column, "=", value)
    .where("is_success", "=", false)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function recordAttempt(ctx: AppContext, email: string, ip: string, success: boolean): Promise<void> {
  await ctx.db
    .insertInto("login_attempts")
    .values({ id: newId(), email, ip, is_success: success, at: nowIso(ctx.clock) })
    .execute();
  ctx.log.info({ event: success ? "login.success" : "login.failure", email, ip }, "login attempt");
}

/** Checks e-mail and password (throttled per account and per IP). Never logs the password. */
export async function attemptLogin(
  ctx: AppContext,
  input: { email: string; password: string; ip: string },
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const since = new Date(ctx.clock.now().getTime() - loginThrottle.windowMs).toISOString();
  const [byEmail, byIp] = await Promise.all([
    failuresSince(ctx, "email", email, since),
    failuresSince(ctx, "ip", input.ip, since),
  ]);
  if (byEmail >= loginThrottle.maxFailures || byIp >= loginThrottle.maxFailures) {
    ctx.log.warn({ event: "login.throttled", email, ip: input.ip }, "login throttled");
    throw new TooManyRequestsError("auth.throttled");
  }
  const user = await findUserByEmail(ctx.db, email);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || user.status !== "active" || user.kind !== "person") {
    await recordAttempt(ctx, email, input.ip, false);
    throw new ValidationError({}, "auth.invalid");
  }
  await recordAttempt(ctx, email, input.ip, true);
  const grants = await grantsOf(ctx.db, user.id);
  if (isStaff(grants)) return { kind: "second_factor", userId: user.id, enrol: !user.isTotpEnabled };
  await markLoggedIn(ctx, user.id);
  return { kind: "ok", userId: user.id, grants };
}

export async function markLoggedIn(ctx: AppContext, userId: string): Promise<void> {
  await ctx.db
    .updateTable("users")
    .set({ last_login_at: nowIso(ctx.clock) })
    .where("id", "=", userId)
    .execute();
}

/** Starts (or restarts) TOTP enrolment: a new secret, stored encrypted, not yet enabled. */
export async function beginTotpEnrolment(ctx: AppContext, userId: string): Promise<string> {
  const user = await findUserById(ctx.db, userId);
  if (!user || user.isTotpEnabled) throw new ValidationError({}, "auth.already_enrolled");
  const secret = newTotpSecret();
  await ctx.db
    .updateTable("users")
    .set({ totp_secret_enc: encrypt(ctx.config.dataKey, secret), updated_at: nowIso(ctx.clock) })
    .where("id", "=", userId)
    .execute();
  return secret;
}

export async function pendingTotpSecret(ctx: AppContext, userId: string): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom("users")
    .select("totp_secret_enc")
    .where("id", "=", userId)
    .executeTakeFirst();
  return row?.totp_secret_enc ? decrypt(ctx.config.dataKey, row.totp_secret_enc) : undefined;
}

const newRecoveryCode = (): string => {
  const raw = randomToken(8)
    .replace(/[^a-zA-Z0-9]/g, "")
    .slice(0, 10)
    .toLowerCase()
    .padEnd(10, "0");
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
};

/** Confirms enrolment with a first code; returns the recovery codes, shown once. */
export async function confirmTotpEnrolment(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  code: string,
): Promise<string[]> {
  const secret = await pendingTotpSecret(ctx, userId);
  const step = secret ? await verifyTotp(secret, code, ctx.clock.now()) : null;
  if (step === null) throw new ValidationError({ code: "auth.totp_invalid" });
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ is_totp_enabled: true, totp_last_step: step, updated_at: nowIso(ctx.clock) })
      .where("id", "=", userId)
      .execute();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
    await trx
      .insertInto("recovery_codes")
      .values(codes.map((c) => ({ id: newId(), user_id: userId, code_hash: sha256(c), used_at: null })))
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "totp.enrol",
      entity: "user",
      entityId: userId,
      after: { is_totp_enabled: true },
    });
  });
  return codes;
}

/** Checks a TOTP code, or uses up one recovery code. */
export async function verifySecondFactor(ctx: AppContext, userId: string, code: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom("users")
    .select(["totp_secret_enc", "totp_last_step"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (row?.totp_secret_enc) {
    const secret = decrypt(ctx.config.dataKey, row.totp_secret_enc);
    const step = await verifyTotp(secret, code, ctx.clock.now(), row.totp_last_step);
    if (step !== null) {
      // Claimed atomically: two requests with the same code cannot both pass.
      const claimed = await ctx.db
        .updateTable("users")
        .set({ totp_last_step: step })
        .where("id", "=", userId)
        .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
        .executeTakeFirst();
      return Number(claimed.numUpdatedRows) === 1;
    }
  }
  const clean = code.trim().toLowerCase();
  if (!/^[a-z0-9]{5}-[a-z0-9]{5}$/.test(clean)) return false;
  const result = await ctx.db
    .updateTable("recovery_codes")
    .set({ used_at: nowIso(ctx.clock) })
    .where("user_id", "=", userId)
    .where("code_hash", "=", sha256(clean))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Always answers the same way, so the form does not reveal which e-mails have accounts. */
export async function requestPasswordReset(
  ctx: AppContext,
  input: { email: string; mail: (link: string) => { subject: string; text: string } },
): Promise<void> {
  const user = await findUserByEmail(ctx.db, input.email);
  if (user?.status !== "active" || user.kind !== "person") return;
  const token = randomToken();
  const now = ctx.clock.now();
  await ctx.db
    .insertInto("password_resets")
    .values({
      id: newId(),
      user_id: user.id,
      token_hash: sha256(token),
      expires_at: new Date(now.getTime() + resetLinkLifetimeMs).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  const link = `${ctx.config.publicUrl}/password/reset/${token}`;
  await ctx.mail.send({ to: user.email, ...input.mail(link) });
}

export async function isResetTokenValid(ctx: AppContext, token: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom("password_resets")
    .select("id")
    .where("token_hash", "=", sha256(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", nowIso(ctx.clock))
    .executeTakeFirst();
  return Boolean(row);
}

export function validateNewPassword(password: string, confirm: string): void {
  if (password.length < minPasswordLength) throw new ValidationError({ password: "auth.password_too_short" });
  if (password !== confirm) throw new ValidationError({ confirm: "auth.password_mismatch" });
}

/** Uses a reset link once: sets the password and ends every session of the account. */
export async function resetPassword(
  ctx: AppContext,
  input: { token: string; password: string; confirm: string; ip: string },
): Promise<void> {
  validateNewPassword(input.password, input.confirm);
  const passwordHash = await hashPassword(input.password);
  const userId = await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx.clock);
    const row = await trx
      .updateTable("password_resets")
      .set({ used_at: now })
      .where("token_hash", "=", sha256(input.token))
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .returning("user_id")
      .executeTakeFirst();
    if (!row) throw new ValidationError({}, "auth.reset_invalid");
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: now })
      .where("id", "=", row.user_id)
      .execute();
    await audit(
      trx,
      ctx.clock,
      { userId: row.user_id, label: "password reset", ip: input.ip },
      {
        action: "password.reset",
        entity: "user",
        entityId: row.user_id,
      },
    );
    return row.user_id;
  });
  await endSessionsOf(ctx.db, userId);
}
