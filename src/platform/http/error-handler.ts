import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { ErrorPage } from "../../ui/error-page.tsx";
import { AppError, type ErrorCode, statusOf } from "../errors.ts";
import { translateMaybe, translator } from "../i18n/index.ts";
import { fastifyValidationToFields } from "../validation.ts";
import { pageContext, sendPage } from "./request-context.ts";

export const wantsJson = (request: FastifyRequest): boolean =>
  request.url.startsWith("/api/") || request.headers.authorization !== undefined;

interface Classified {
  code: ErrorCode;
  messageKey: string;
  fields?: Record<string, string>;
  params?: Record<string, string | number>;
}

function classify(error: FastifyError, request: FastifyRequest): Classified {
  if (error instanceof AppError) {
    return { code: error.code, messageKey: error.messageKey, fields: error.fields, params: error.params };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = fastifyValidationToFields(
      error.validation,
      request.lang ?? "da",
      request.t ?? translator("da"),
    );
    return { code: "validation", messageKey: "errors.validation", fields };
  }
  if (error.code?.startsWith("FST_CSRF")) return { code: "csrf", messageKey: "errors.csrf" };
  if (error.statusCode === 429) return { code: "too_many_requests", messageKey: "errors.too_many_requests" };
  if (error.statusCode === 404) return { code: "not_found", messageKey: "errors.not_found" };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { code: "validation", messageKey: "errors.bad_request" };
  }
  return { code: "internal", messageKey: "errors.internal" };
}

/** The one place errors become responses: JSON for the API, a page for people. Never a stack trace. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const c = classify(error, request);
  const status = statusOf[c.code];
  if (status >= 500) request.log.error({ err: error }, "request failed");
  const t = request.t ?? translator("da");
  const message = translateMaybe(t, c.messageKey, c.params);
  const fields =
    c.fields &&
    Object.fromEntries(Object.entries(c.fields).map(([k, v]) => [k, translateMaybe(t, v, c.params)]));
  if (wantsJson(request)) {
    return reply.code(status).send({ error: { code: c.code, message, ...(fields ? { fields } : {}) } });
  }
  if (c.code === "unauthorized") {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  return sendPage(reply, ErrorPage({ ctx: pageContext(request, reply), status, message, fields }), status);
}
