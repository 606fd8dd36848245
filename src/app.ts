import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySession from "@fastify/session";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { Config } from "./config.ts";
import { type Db, openDatabase } from "./db/database.ts";
import { moduleRoutes } from "./modules/index.ts";
import { type Clock, startedClock, systemClock } from "./platform/clock.ts";
import type { AppContext } from "./platform/context.ts";
import { NotFoundError } from "./platform/errors.ts";
import { type RouteAccessEntry, registerAccessHooks } from "./platform/http/access-hooks.ts";
import { registerApiDocs } from "./platform/http/api-docs.ts";
import { handleError } from "./platform/http/error-handler.ts";
import { platformRoutes } from "./platform/http/routes.ts";
import { loggerOptions } from "./platform/logging.ts";
import { createMailTransport, type MailTransport } from "./platform/mail.ts";
import { DatabaseSessionStore } from "./platform/sessions.ts";

const require = createRequire(import.meta.url);
// dkfds exports only its JS (dist/js/dkfds.min.js); its CSS, fonts and icons sit beside it in dist/.
const dkfdsDist = path.resolve(path.dirname(require.resolve("dkfds")), "..");
const ownAssets = path.join(path.dirname(fileURLToPath(import.meta.url)), "ui", "assets");

export interface BuildOptions {
  config: Config;
  database?: Db;
  clock?: Clock;
  mail?: MailTransport;
  /** Silence request logs (tests, benchmarks). */
  logger?: boolean;
}

export interface App {
  server: FastifyInstance;
  ctx: AppContext;
  /** Every route with the permission it declares (see platform/access.ts). */
  routes: RouteAccessEntry[];
}

/** The composition root: wires config, database, clock and mail once, and builds the Fastify app. */
export async function buildApp(options: BuildOptions): Promise<App> {
  const { config } = options;
  const server = Fastify({
    logger: options.logger === false ? false : loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
  });
  const log = server.log as unknown as Logger;
  const database = options.database ?? openDatabase(config.database);
  const ctx: AppContext = {
    config,
    database,
    db: database.kysely,
    clock: options.clock ?? (config.clockStart ? startedClock(config.clockStart) : systemClock),
    mail: options.mail ?? createMailTransport(config.mail, log),
    log,
  };

  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  server.decorateRequest("user", null);
  server.decorateRequest("principal", null);
  server.decorateRequest("authVia", null);
  server.decorateRequest("lang", "da");
  server.decorateRequest("t", null as never);

  await server.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    // Only HTTPS deployments want HSTS; the embedded default runs on plain http://localhost.
    strictTransportSecurity: config.secureCookies,
  });
  await server.register(fastifyCookie, { secret: config.sessionSecret });
  await server.register(fastifyFormbody);
  // Uploads are parsed before the CSRF check sees the body; the file arrives as a Buffer.
  await server.register(fastifyMultipart, {
    attachFieldsToBody: "keyValues",
    limits: { fileSize: 100 * 1024 * 1024, files: 1 },
  });
  await server.register(fastifySession, {
    secret: config.sessionSecret,
    cookieName: "almen_session",
    store: new DatabaseSessionStore(ctx.db, ctx.clock),
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: "lax", secure: config.secureCookies, path: "/" },
  });
  await server.register(fastifyCsrf, {
    cookieKey: "almen_csrf",
    cookieOpts: { httpOnly: true, sameSite: "lax", secure: config.secureCookies, path: "/", signed: true },
    getToken: (request) => {
      const body = request.body as { _csrf?: unknown } | undefined;
      return typeof body?._csrf === "string"
        ? body._csrf
        : (request.headers["x-csrf-token"] as string | undefined);
    },
  });
  await server.register(fastifyRateLimit, { global: false });

  const routes = registerAccessHooks(server, ctx);
  server.setErrorHandler(handleError);
  // An attacker could search for valid URLs if 404 handling were not rate limited.
  server.setNotFoundHandler(
    { preHandler: server.rateLimit({ max: 120, timeWindow: "1 minute" }) },
    async () => {
      throw new NotFoundError();
    },
  );

  await server.register(fastifyStatic, { root: dkfdsDist, prefix: "/assets/dkfds/", maxAge: "7d" });
  await server.register(fastifyStatic, {
    root: ownAssets,
    prefix: "/assets/app/",
    decorateReply: false,
    maxAge: "1h",
  });
  await registerApiDocs(server);
  await server.register(platformRoutes(ctx));
  await server.register(moduleRoutes(ctx));
  server.addHook("onClose", async () => {
    if (!options.database) await database.destroy();
  });
  return { server, ctx, routes };
}
