import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../../platform/context.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import { worksOnBoard } from "./meeting-access.ts";
import { reviewSchema } from "./meetings.schemas.ts";
import { keepOffAgenda, meetingForBoard, putOnAgenda, reviewProposal } from "./proposals.service.ts";
import { attempt, form, idParams, meetingViews, proposalParams } from "./route-helpers.ts";
import { BoardProposalsPage } from "./views/board.views.tsx";

/** The department board (board.work for that department only): proposals, their order, comments, the agenda. */
export function boardMeetingRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const board = { config: { permission: "board.work" } } as const;

    /** Only this department's board: board.work reaching another department is not enough. */
    const boardMeeting = async (request: FastifyRequest, id: string) => {
      const m = await meetingForBoard(ctx, request.principal!, id);
      if (!worksOnBoard(request.principal, m)) throw new NotFoundError();
      return m;
    };

    const page = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      values = {},
      errors = {},
      status = 200,
    ) => {
      const m = await boardMeeting(request, id);
      const v = await meetingViews(ctx, request, m);
      return sendPage(
        reply,
        BoardProposalsPage({
          ctx: pageContext(request, reply),
          meeting: v.meeting,
          agenda: v.agenda,
          proposals: v.proposals,
          values,
          errors,
        }),
        status,
      );
    };
    app.get("/democracy/meetings/:id/board", board, (request, reply) =>
      page(request, reply, idParams.parse(request.params).id),
    );

    const back = (id: string, proposalId: string) =>
      `/democracy/meetings/${id}/board#${`rank_${proposalId}`}`;

    app.post("/democracy/meetings/:id/board/proposals/:proposalId/review", board, async (request, reply) => {
      const { id, proposalId } = proposalParams.parse(request.params);
      const values = form(request);
      const input = {
        rank: values[`rank_${proposalId}`] || null,
        comment: values[`comment_${proposalId}`] ?? "",
      };
      const parsed = parseInput(reviewSchema, input, request.lang, request.t);
      const rename = (errors: Record<string, string>) =>
        Object.fromEntries(
          Object.entries(errors).map(([k, v]) => [k === "_form" ? k : `${k}_${proposalId}`, v]),
        );
      if (!parsed.ok) return page(request, reply, id, values, rename(parsed.errors), 400);
      await boardMeeting(request, id);
      const r = await attempt(request, () =>
        reviewProposal(ctx, actorOf(request), request.principal!, id, proposalId, parsed.data),
      );
      if (!r.ok) return page(request, reply, id, values, rename(r.errors), r.status);
      setFlash(request, request.t("meetings.done.saved"));
      return reply.redirect(back(id, proposalId), 303);
    });

    app.post("/democracy/meetings/:id/board/proposals/:proposalId/agenda", board, async (request, reply) => {
      const { id, proposalId } = proposalParams.parse(request.params);
      await boardMeeting(request, id);
      const r = await attempt(request, () =>
        putOnAgenda(ctx, actorOf(request), request.principal!, id, proposalId),
      );
      if (!r.ok) return page(request, reply, id, {}, r.errors, r.status);
      setFlash(request, request.t("meetings.done.on_agenda"));
      return reply.redirect(back(id, proposalId), 303);
    });

    app.post(
      "/democracy/meetings/:id/board/proposals/:proposalId/keep-off",
      board,
      async (request, reply) => {
        const { id, proposalId } = proposalParams.parse(request.params);
        const values = form(request);
        await boardMeeting(request, id);
        const r = await attempt(request, () =>
          keepOffAgenda(
            ctx,
            actorOf(request),
            request.principal!,
            id,
            proposalId,
            values[`reason_${proposalId}`] ?? "",
          ),
        );
        if (!r.ok) {
          const errors = Object.fromEntries(
            Object.entries(r.errors).map(([k, v]) => [k === "comment" ? `reason_${proposalId}` : k, v]),
          );
          return page(request, reply, id, values, errors, r.status);
        }
        setFlash(request, request.t("meetings.done.kept_off"));
        return reply.redirect(back(id, proposalId), 303);
      },
    );
  };
}
