import type { FastifyPluginAsync } from "fastify";
import {
  authorizationRequest,
  completeAuthorization,
  oidcClient,
  resolveOidcAccount,
} from "../auth/oidc.service.ts";
import type { AppContext } from "../context.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { completeLogin } from "./login.ts";
import { safeNext } from "./request-context.ts";

/** Login through an OpenID Connect provider (a MitID broker or the staff identity provider). */
export function oidcRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const settings = ctx.config.oidc;
    const configuration = settings ? oidcClient(settings) : undefined;
    const redirectUri = `${ctx.config.publicUrl}/auth/oidc/callback`;

    app.get("/auth/oidc/start", { config: { permission: "public" } }, async (request, reply) => {
      if (!configuration) throw new NotFoundError();
      const next = (request.query as { next?: string }).next;
      const auth = await authorizationRequest(await configuration(), redirectUri);
      request.session.oidc = {
        state: auth.state,
        nonce: auth.nonce,
        codeVerifier: auth.codeVerifier,
        next: safeNext(next),
      };
      return reply.redirect(auth.url, 303);
    });

    app.get("/auth/oidc/callback", { config: { permission: "public" } }, async (request, reply) => {
      if (!configuration) throw new NotFoundError();
      const checks = request.session.oidc;
      if (!checks) throw new ValidationError({}, "oidc.no_login_in_progress");
      request.session.oidc = undefined;
      const callbackUrl = new URL(request.url, ctx.config.publicUrl);
      let identity: Awaited<ReturnType<typeof completeAuthorization>>;
      try {
        identity = await completeAuthorization(await configuration(), callbackUrl, checks);
      } catch (error) {
        request.log.warn({ err: error }, "OIDC login failed");
        throw new ValidationError({}, "oidc.failed");
      }
      const { userId } = await resolveOidcAccount(ctx, identity, request.user?.id ?? null, request.ip);
      await completeLogin(ctx, request, userId);
      return reply.redirect(checks.next ?? "/home", 303);
    });
  };
}
