import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { chairedBoards, isCurator } from "./community-access.ts";
import { formText } from "./community-ui.tsx";
import { toChecklistView, toProgressView } from "./onboarding.presenters.ts";
import {
  chairProgress,
  checklistFor,
  myChecklists,
  organisationProgress,
  setItemDone,
} from "./onboarding.service.ts";
import { ChecklistPage, MyOnboardingPage, ProgressPage } from "./onboarding.views.tsx";

const pageSize = 50;
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);
const idParam = z.object({ id: z.string().max(64) });
const pageOf = (request: FastifyRequest) => pageParam.parse((request.query as { page?: unknown }).page);

/** Onboarding: the new member's checklist, the chair's and the organisation's progress views. */
export function onboardingRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const boardWork = { config: { permission: "board.work" } } as const;
    const orgBoard = (request: FastifyRequest) => request.t("community.onboarding.organisation_board");

    app.get("/onboarding", boardWork, async (request, reply) => {
      const today = todayInCopenhagen(ctx.clock);
      const checklists = await myChecklists(ctx, request.user!.personId);
      return sendPage(
        reply,
        MyOnboardingPage({
          ctx: pageContext(request, reply),
          checklists: checklists.map((c) => toChecklistView(c, today, orgBoard(request))),
          chairLink: Object.values(chairedBoards(request.principal!)).some((ids) => ids.length > 0),
        }),
      );
    });

    app.post("/onboarding/items/:id", boardWork, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const done = formText(request.body, "done").done === "ja";
      await setItemDone(ctx, { id: request.user!.id, personId: request.user!.personId }, id, done);
      setFlash(request, request.t(done ? "community.onboarding.ticked" : "community.onboarding.unticked"));
      return reply.redirect("/onboarding", 303);
    });

    app.get("/onboarding/board", boardWork, async (request, reply) => {
      const n = pageOf(request);
      const r = await chairProgress(ctx, request.principal!, { limit: pageSize, offset: (n - 1) * pageSize });
      return sendPage(
        reply,
        ProgressPage({
          ctx: pageContext(request, reply),
          title: request.t("community.onboarding.board_title"),
          intro: request.t("community.onboarding.board_intro"),
          rows: r.rows.map((x) => toProgressView(x, orgBoard(request))),
          page: n,
          pages: Math.max(1, Math.ceil(r.total / pageSize)),
          href: (p) => `/onboarding/board?page=${p}`,
          back: { href: "/onboarding", label: request.t("community.onboarding.title") },
        }),
      );
    });

    app.get(
      "/onboarding/progress",
      { config: { permission: "community.curate" } },
      async (request, reply) => {
        const n = pageOf(request);
        const r = await organisationProgress(ctx, request.principal!, {
          limit: pageSize,
          offset: (n - 1) * pageSize,
        });
        return sendPage(
          reply,
          ProgressPage({
            ctx: pageContext(request, reply),
            title: request.t("community.onboarding.progress_title"),
            intro: request.t("community.onboarding.progress_intro"),
            rows: r.rows.map((x) => toProgressView(x, orgBoard(request))),
            page: n,
            pages: Math.max(1, Math.ceil(r.total / pageSize)),
            href: (p) => `/onboarding/progress?page=${p}`,
            back: { href: "/onboarding/programmes", label: request.t("community.programmes.title") },
          }),
        );
      },
    );

    // The owner, their chair or a curator: the service decides, and anyone else gets 404.
    app.get(
      "/onboarding/checklists/:id",
      { config: { permission: "community.contribute" } },
      async (request, reply) => {
        const { id } = idParam.parse(request.params);
        const principal = request.principal!;
        const c = await checklistFor(ctx, principal, request.user!.personId, id);
        if (c.checklist.person_id === request.user!.personId) return reply.redirect("/onboarding", 303);
        const back = isCurator(principal, c.checklist.organisation_id)
          ? { href: "/onboarding/progress", label: request.t("community.onboarding.progress_title") }
          : { href: "/onboarding/board", label: request.t("community.onboarding.board_title") };
        return sendPage(
          reply,
          ChecklistPage({
            ctx: pageContext(request, reply),
            checklist: toChecklistView(c, todayInCopenhagen(ctx.clock), orgBoard(request)),
            back,
          }),
        );
      },
    );
  };
}
