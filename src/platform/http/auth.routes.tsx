import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  attemptLogin,
  beginTotpEnrolment,
  confirmTotpEnrolment,
  isResetTokenValid,
  pendingTotpSecret,
  requestPasswordReset,
  resetPassword,
  verifySecondFactor,
} from "../auth/auth.service.ts";
import { totpQrSvg, totpUri } from "../auth/totp.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { findUserById } from "../users.repository.ts";
import { parseInput } from "../validation.ts";
import {
  EnrolPage,
  ForgotPage,
  LoginPage,
  RecoveryCodesPage,
  ResetPage,
  SecondFactorPage,
} from "../views/auth.views.tsx";
import { completeLogin, pendingMfa, regenerateSession } from "./login.ts";
import { pageContext, safeNext, sendPage, setFlash } from "./request-context.ts";

const loginSchema = z.object({
  email: z.string().trim().min(1, "auth.email_required"),
  password: z.string().min(1, "auth.password_required"),
  next: z.string().optional(),
});
const codeSchema = z.object({ code: z.string().trim().min(1, "auth.code_required") });
const forgotSchema = z.object({ email: z.email("auth.email_invalid") });
const resetSchema = z.object({ password: z.string(), confirm: z.string() });
const tokenParams = z.object({ token: z.string().min(10).max(200) });

const publicRoute = { config: { permission: "public" } } as const;
/** Second-factor and reset forms are throttled per IP on top of the per-account login throttle. */
const throttled = {
  config: { permission: "public", rateLimit: { max: 10, timeWindow: "5 minutes" } },
} as const;

function errorStatus(error: unknown): number {
  return error instanceof AppError && error.code === "too_many_requests" ? 429 : 400;
}

export function authRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const renderLogin = (
      request: FastifyRequest,
      reply: FastifyReply,
      extra: Parameters<typeof LoginPage>[0] extends infer P ? Omit<P & object, "ctx"> : never,
      status = 200,
    ) =>
      sendPage(
        reply,
        LoginPage({ ctx: pageContext(request, reply), oidcLabel: ctx.config.oidc?.label, ...extra }),
        status,
      );

    app.get("/login", publicRoute, async (request, reply) => {
      if (request.user) return reply.redirect("/home", 303);
      const next = (request.query as { next?: string }).next;
      return renderLogin(request, reply, { next: next ? safeNext(next) : undefined });
    });

    app.post("/login", publicRoute, async (request, reply) => {
      const input = parseInput(loginSchema, request.body, request.lang, request.t);
      const values = request.body as Record<string, string>;
      if (!input.ok)
        return renderLogin(request, reply, { values, errors: input.errors, next: values.next }, 400);
      const next = safeNext(input.data.next);
      try {
        const result = await attemptLogin(ctx, {
          email: input.data.email,
          password: input.data.password,
          ip: request.ip,
        });
        if (result.kind === "ok") {
          await completeLogin(ctx, request, result.userId);
          return reply.redirect(next, 303);
        }
        await regenerateSession(request);
        request.session.pendingMfa = {
          userId: result.userId,
          enrol: result.enrol,
          next,
          at: ctx.clock.now().getTime(),
        };
        return reply.redirect(result.enrol ? "/login/enrol" : "/login/second-factor", 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const errors = { _form: error.messageKey };
        return renderLogin(
          request,
          reply,
          { values: { email: input.data.email }, errors, next },
          errorStatus(error),
        );
      }
    });

    app.get("/login/second-factor", publicRoute, async (request, reply) => {
      const pending = pendingMfa(ctx, request);
      if (!pending || pending.enrol) return reply.redirect("/login", 303);
      return sendPage(reply, SecondFactorPage({ ctx: pageContext(request, reply) }));
    });

    app.post("/login/second-factor", throttled, async (request, reply) => {
      const pending = pendingMfa(ctx, request);
      if (!pending || pending.enrol) return reply.redirect("/login", 303);
      const input = parseInput(codeSchema, request.body, request.lang, request.t);
      const ok = input.ok && (await verifySecondFactor(ctx, pending.userId, input.data.code));
      if (!ok) {
        request.log.info(
          { event: "login.second_factor_failure", userId: pending.userId },
          "second factor rejected",
        );
        const errors = input.ok ? { code: "auth.totp_invalid" } : input.errors;
        return sendPage(reply, SecondFactorPage({ ctx: pageContext(request, reply), errors }), 400);
      }
      await completeLogin(ctx, request, pending.userId);
      return reply.redirect(safeNext(pending.next), 303);
    });

    const renderEnrol = async (
      request: FastifyRequest,
      reply: FastifyReply,
      userId: string,
      errors?: Record<string, string>,
    ) => {
      const user = await findUserById(ctx.db, userId);
      if (!user) return reply.redirect("/login", 303);
      const secret = (await pendingTotpSecret(ctx, userId)) ?? (await beginTotpEnrolment(ctx, userId));
      const qrSvg = await totpQrSvg(totpUri(secret, user.email));
      return sendPage(
        reply,
        EnrolPage({ ctx: pageContext(request, reply), qrSvg, secret, errors }),
        errors ? 400 : 200,
      );
    };

    app.get("/login/enrol", publicRoute, async (request, reply) => {
      const pending = pendingMfa(ctx, request);
      if (!pending?.enrol) return reply.redirect("/login", 303);
      return renderEnrol(request, reply, pending.userId);
    });

    app.post("/login/enrol", throttled, async (request, reply) => {
      const pending = pendingMfa(ctx, request);
      if (!pending?.enrol) return reply.redirect("/login", 303);
      const input = parseInput(codeSchema, request.body, request.lang, request.t);
      if (!input.ok) return renderEnrol(request, reply, pending.userId, input.errors);
      try {
        const actor = { userId: pending.userId, label: "self", ip: request.ip };
        const codes = await confirmTotpEnrolment(ctx, actor, pending.userId, input.data.code);
        await completeLogin(ctx, request, pending.userId);
        // Shown once, in this response; never stored in clear text.
        return sendPage(reply, RecoveryCodesPage({ ctx: pageContext(request, reply), codes }));
      } catch (error) {
        if (!(error instanceof AppError) || !error.fields) throw error;
        return renderEnrol(request, reply, pending.userId, error.fields);
      }
    });

    app.post("/logout", { config: { permission: "account.self" } }, async (request, reply) => {
      request.log.info({ event: "logout", userId: request.user?.id }, "logged out");
      await request.session.destroy();
      return reply.redirect("/", 303);
    });

    app.get("/password/forgot", publicRoute, async (request, reply) =>
      sendPage(reply, ForgotPage({ ctx: pageContext(request, reply) })),
    );

    app.post("/password/forgot", throttled, async (request, reply) => {
      const input = parseInput(forgotSchema, request.body, request.lang, request.t);
      if (!input.ok) {
        const values = request.body as Record<string, string>;
        return sendPage(
          reply,
          ForgotPage({ ctx: pageContext(request, reply), values, errors: input.errors }),
          400,
        );
      }
      const t = request.t;
      await requestPasswordReset(ctx, {
        email: input.data.email,
        mail: (link) => ({
          subject: t("auth.reset_mail_subject"),
          text: t("auth.reset_mail_text", { link }),
        }),
      });
      return sendPage(reply, ForgotPage({ ctx: pageContext(request, reply), sent: true }));
    });

    app.get("/password/reset/:token", publicRoute, async (request, reply) => {
      const params = tokenParams.safeParse(request.params);
      const valid = params.success && (await isResetTokenValid(ctx, params.data.token));
      const token = params.success ? params.data.token : "";
      return sendPage(
        reply,
        ResetPage({ ctx: pageContext(request, reply), token, invalid: !valid }),
        valid ? 200 : 404,
      );
    });

    app.post("/password/reset/:token", throttled, async (request, reply) => {
      const params = tokenParams.safeParse(request.params);
      if (!params.success)
        return sendPage(
          reply,
          ResetPage({ ctx: pageContext(request, reply), token: "", invalid: true }),
          404,
        );
      const input = parseInput(resetSchema, request.body, request.lang, request.t);
      try {
        if (!input.ok) throw new AppError("validation", "errors.validation", input.errors);
        await resetPassword(ctx, { token: params.data.token, ...input.data, ip: request.ip });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.messageKey === "auth.reset_invalid") {
          return sendPage(
            reply,
            ResetPage({ ctx: pageContext(request, reply), token: "", invalid: true }),
            404,
          );
        }
        const page = ResetPage({
          ctx: pageContext(request, reply),
          token: params.data.token,
          errors: error.fields,
        });
        return sendPage(reply, page, 400);
      }
      setFlash(request, request.t("auth.reset_done"));
      return reply.redirect("/login", 303);
    });
  };
}
