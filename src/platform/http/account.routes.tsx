import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can, type Principal, permissions } from "../access.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { isLang } from "../i18n/index.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "../tokens.service.ts";
import { setLanguage } from "../users.repository.ts";
import { parseInput, stringList } from "../validation.ts";
import { AccountPage, TokensPage } from "../views/account.views.tsx";
import { actorOf, scopeLabels } from "./actor.ts";
import { pageContext, safeNext, sendPage, setFlash } from "./request-context.ts";

const languageSchema = z.object({ lang: z.string(), next: z.string().optional() });
const tokenSchema = z.object({
  name: z.string().trim().min(1, "tokens.name_required").max(100),
  scopes: stringList,
});

export const heldPermissions = (principal: Principal) => permissions.filter((p) => can(principal, p));

export function accountRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.post("/language", { config: { permission: "public" } }, async (request, reply) => {
      const body = languageSchema.safeParse(request.body);
      const lang = body.success && isLang(body.data.lang) ? body.data.lang : "da";
      reply.setCookie("lang", lang, {
        path: "/",
        maxAge: 365 * 24 * 3600,
        sameSite: "lax",
        httpOnly: true,
        secure: ctx.config.secureCookies,
      });
      if (request.user) await setLanguage(ctx.db, request.user.id, lang);
      return reply.redirect(safeNext(body.success ? body.data.next : undefined, "/"), 303);
    });

    app.get("/account", { config: { permission: "account.self" } }, async (request, reply) => {
      const user = request.user!;
      const labels = await scopeLabels(ctx, user.grants);
      const account = {
        name: user.name,
        email: user.email,
        roles: user.grants.map((g) => ({ role: g.role, scope: labels(g) })),
      };
      return sendPage(reply, AccountPage({ ctx: pageContext(request, reply), account }));
    });

    const renderTokens = async (
      request: FastifyRequest,
      reply: FastifyReply,
      extra: Partial<Parameters<typeof TokensPage>[0]> = {},
      status = 200,
    ) => {
      const tokens = await listApiTokens(ctx, request.user!.id);
      const page = TokensPage({
        ctx: pageContext(request, reply),
        tokens,
        available: heldPermissions(request.principal!),
        ...extra,
      });
      return sendPage(reply, page, status);
    };

    app.get("/account/tokens", { config: { permission: "tokens.manage" } }, (request, reply) =>
      renderTokens(request, reply),
    );

    app.post("/account/tokens", { config: { permission: "tokens.manage" } }, async (request, reply) => {
      const input = parseInput(tokenSchema, request.body, request.lang, request.t);
      const raw = request.body as { name?: string; scopes?: string | string[] };
      const values = { name: raw.name, scopes: [raw.scopes ?? []].flat() };
      if (!input.ok) return renderTokens(request, reply, { values, errors: input.errors }, 400);
      try {
        const { token } = await createApiToken(ctx, actorOf(request), request.principal!, input.data);
        return renderTokens(request, reply, { created: token });
      } catch (error) {
        if (!(error instanceof AppError) || !error.fields) throw error;
        return renderTokens(request, reply, { values, errors: error.fields }, 400);
      }
    });

    app.post(
      "/account/tokens/:id/revoke",
      { config: { permission: "tokens.manage" } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        await revokeApiToken(ctx, actorOf(request), request.user!.id, id);
        setFlash(request, request.t("tokens.revoked_flash"));
        return reply.redirect("/account/tokens", 303);
      },
    );
  };
}
