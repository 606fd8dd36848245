import type { FastifyRequest } from "fastify";
import { isStaff } from "../access.ts";
import { markLoggedIn } from "../auth/auth.service.ts";
import type { AppContext } from "../context.ts";
import { isLang } from "../i18n/index.ts";
import { grantsOf, setLanguage } from "../users.repository.ts";

/** A new session id at every step of logging in, so a planted session id is worth nothing. */
export async function regenerateSession(request: FastifyRequest): Promise<void> {
  await request.session.regenerate();
}

export async function completeLogin(ctx: AppContext, request: FastifyRequest, userId: string): Promise<void> {
  const grants = await grantsOf(ctx.db, userId);
  await regenerateSession(request);
  const now = ctx.clock.now().getTime();
  request.session.userId = userId;
  request.session.isStaff = isStaff(grants);
  request.session.loggedInAt = now;
  request.session.lastSeenAt = now;
  await markLoggedIn(ctx, userId);
  // A language chosen before logging in wins over the one stored on the account.
  const lang = request.cookies.lang;
  if (isLang(lang)) await setLanguage(ctx.db, userId, lang);
  request.log.info({ event: "login.complete", userId }, "logged in");
}

/** Password accepted; the second factor (or its enrolment) has 10 minutes. */
export const pendingMfaLifetimeMs = 10 * 60 * 1000;

export function pendingMfa(ctx: AppContext, request: FastifyRequest) {
  const pending = request.session.pendingMfa;
  if (!pending || ctx.clock.now().getTime() - pending.at > pendingMfaLifetimeMs) return undefined;
  return pending;
}
