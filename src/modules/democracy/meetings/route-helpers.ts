import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { AppError, statusOf } from "../../../platform/errors.ts";
import { formErrors } from "../../../platform/http/request-context.ts";
import { inLanguage } from "./explain.ts";
import { deadlinesOf } from "./lifecycle.service.ts";
import { agendaOf, approvalsOf, type MeetingRow, proposalsOf } from "./meetings.repository.ts";
import { toAgendaView, toApprovalViews, toMeetingView, toProposalView } from "./presenters.ts";

/** What the meeting pages share: reading a form, running a command, loading a meeting's views. */

export const form = (request: FastifyRequest): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((request.body ?? {}) as Record<string, unknown>))
    if (typeof v === "string") out[k] = v;
  return out;
};

export const idParams = z.object({ id: z.string().max(64) });
export const itemParams = z.object({ id: z.string().max(64), itemId: z.string().max(64) });
export const proposalParams = z.object({ id: z.string().max(64), proposalId: z.string().max(64) });
export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

export type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; errors: Record<string, string>; status: number };

/**
 * Runs a command. A refusal comes back as form errors (dates in the user's language) with its
 * status, so the page can show it again with the user's values; "not found" stays a 404.
 */
export async function attempt<T>(request: FastifyRequest, run: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (!(e instanceof AppError) || e.code === "not_found") throw e;
    return {
      ok: false,
      errors: formErrors(request, inLanguage(e, request.lang) as AppError),
      status: statusOf[e.code],
    };
  }
}

/** Prefixes field errors of a sub-form (the add-item form's "title" is "item_title"). */
export const prefixed = (errors: Record<string, string>, prefix: string, fields: string[]) =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [fields.includes(k) ? `${prefix}${k}` : k, v]));

/** A meeting with its deadlines, agenda (amendments under their items), proposals and approvals. */
export async function meetingViews(ctx: AppContext, request: FastifyRequest, m: MeetingRow) {
  const [deadlines, items, proposalRows, approvals] = await Promise.all([
    deadlinesOf(ctx, m),
    agendaOf(ctx.db, m.id),
    proposalsOf(ctx.db, m.id),
    approvalsOf(ctx.db, m.id),
  ]);
  const proposals = proposalRows.map(toProposalView);
  return {
    deadlines,
    meeting: toMeetingView(request.t, request.lang, m, deadlines),
    agenda: toAgendaView(items, proposals),
    proposals,
    proposalRows,
    approvals: toApprovalViews(approvals),
  };
}
