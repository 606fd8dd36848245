import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../../../platform/errors.ts";
import { formErrors, setFlash } from "../../../platform/http/request-context.ts";
import type { FieldErrors } from "../../../ui/components.tsx";

/** Form plumbing the board pages share: reading fields, and running a command from a form. */

export const idParams = z.object({ id: z.string().max(64) });
export const scopeParams = z.object({ scopeId: z.string().max(64) });

export const formBody = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
export const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
/** A whole number typed in a form; anything else is NaN, which the command's schema refuses. */
export const int = (v: unknown) => (/^\d{1,6}$/.test(text(v)) ? Number(text(v)) : Number.NaN);
export const optional = (v: unknown) => text(v) || undefined;

/**
 * Runs a command from a form: done → flash and redirect; refused input → the form again with the
 * errors and the user's values (status 400); a conflict (already done, too late) → its message as
 * flash, back to `back`. Not found stays not found.
 */
export async function submitForm(
  request: FastifyRequest,
  reply: FastifyReply,
  p: {
    run: () => Promise<{ to: string; flash: string }>;
    invalid: (errors: FieldErrors) => Promise<FastifyReply> | FastifyReply;
    back: string;
  },
): Promise<FastifyReply> {
  try {
    const done = await p.run();
    setFlash(request, done.flash);
    return reply.redirect(done.to, 303);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (e.code === "validation") return p.invalid(formErrors(request, e));
    if (e.code === "conflict") {
      setFlash(request, request.t(e.messageKey));
      return reply.redirect(p.back, 303);
    }
    throw e;
  }
}
