import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can, isPermission } from "../access.ts";
import type { AppContext } from "../context.ts";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../errors.ts";
import { authenticate } from "./authenticate.ts";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Routes that plugins register (static files, API docs) are public; everything else must say. */
const publicPluginPrefixes = ["/assets/", "/api/docs"];

/** One row per registered route: what it needs. Tests walk it; nothing may be missing. */
export interface RouteAccessEntry {
  method: string;
  url: string;
  permission: string | undefined;
}

export function registerAccessHooks(app: FastifyInstance, ctx: AppContext): RouteAccessEntry[] {
  const table: RouteAccessEntry[] = [];
  app.addHook("onRoute", (route) => {
    if (!route.config?.permission && publicPluginPrefixes.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, permission: "public" };
    }
    for (const method of [route.method].flat())
      table.push({ method, url: route.url, permission: route.config?.permission });
  });

  // Who is asking, then: may they? Default deny; not allowed answers 404 so ids cannot be probed.
  app.addHook("onRequest", async (request: FastifyRequest) => {
    await authenticate(ctx, request);
    const permission = request.routeOptions.config?.permission;
    if (permission === "public") return;
    if (!isPermission(permission)) throw new NotFoundError();
    if (!request.principal) throw new UnauthorizedError();
    if (can(request.principal, permission)) return;
    const tokenLacksScope =
      request.authVia === "token" && can({ ...request.principal, tokenScopes: undefined }, permission);
    throw tokenLacksScope ? new ForbiddenError("errors.token_scope") : new NotFoundError();
  });

  // Every state change made with a session cookie carries a CSRF token (form field or header).
  app.addHook("preValidation", (request: FastifyRequest, reply: FastifyReply, done) => {
    if (safeMethods.has(request.method) || request.authVia === "token") return done();
    app.csrfProtection(request, reply, done);
  });
  return table;
}
