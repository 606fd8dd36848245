import type { FastifyRequest } from "fastify";
import { isStaff } from "../access.ts";
import type { AppContext } from "../context.ts";
import { isLang, translator } from "../i18n/index.ts";
import { absoluteTimeoutMs, DatabaseSessionStore, touchIntervalMs } from "../sessions.ts";
import { principalForToken } from "../tokens.service.ts";
import { findUserWithGrants, type UserWithGrants } from "../users.repository.ts";

/** Works out who is asking (API token or session) and in which language to answer. */
export async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<void> {
  request.user = null;
  request.principal = null;
  request.authVia = null;
  const cookieLang = request.cookies.lang;
  request.lang = isLang(cookieLang) ? cookieLang : "da";

  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) {
    const token = await principalForToken(ctx, header.slice(7).trim());
    if (!token) return;
    await setUser(ctx, request, token.found.user.id, "token", token.found);
    if (request.user) request.principal = token.principal;
    request.t = translator(request.lang);
    return;
  }

  const session = request.session;
  const userId = session?.userId;
  if (userId) {
    const now = ctx.clock.now().getTime();
    const limit = session.isStaff ? absoluteTimeoutMs.staff : absoluteTimeoutMs.other;
    if (now - (session.loggedInAt ?? 0) > limit) {
      await session.destroy();
    } else {
      await setUser(ctx, request, userId, "session");
      if (!request.user) await session.destroy();
      else if (now - (session.lastSeenAt ?? 0) > touchIntervalMs) session.lastSeenAt = now;
    }
  }
  request.t = translator(request.lang);
}

async function setUser(
  ctx: AppContext,
  request: FastifyRequest,
  userId: string,
  via: "session" | "token",
  /** The user as the token's query read them. */
  withToken?: UserWithGrants,
) {
  // A session's store read its user along with it (see sessions.ts), as the token's query did;
  // otherwise look them up.
  const store = via === "session" ? request.sessionStore : undefined;
  const handedOver =
    withToken ??
    (store instanceof DatabaseSessionStore ? store.takeUser(request.session.sessionId, userId) : null);
  const found = handedOver !== null ? handedOver : await findUserWithGrants(ctx.db, userId);
  if (found?.user.status !== "active") return;
  const { user, grants } = found;
  request.user = {
    id: user.id,
    name: user.name,
    email: user.email,
    language: user.language,
    personId: user.personId,
    grants,
  };
  request.principal = { userId: user.id, grants };
  request.authVia = via;
  if (via === "session") request.lang = user.language;
  if (via === "session" && request.session.isStaff === undefined) request.session.isStaff = isStaff(grants);
}
