import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { addDays, todayInCopenhagen } from "../../../platform/dates.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import type { FieldErrors, FormValues } from "../../../ui/components.tsx";
import { findBoard, homesOf, householdOf, scopeOf, termsOf } from "./board.repository.ts";
import { type ElectionRow, electionsOf, nominationsOf, pendingConsentsOf } from "./elections.repository.ts";
import { toElectionView, toNominationView } from "./elections.routes.tsx";
import { reachableElection } from "./elections.service.ts";
import { formBody, idParams, submitForm, text } from "./form.ts";
import { setContactConsent } from "./members.service.ts";
import { answerNomination, nominateOnline } from "./nominations.service.ts";
import { boardView } from "./presenters.ts";
import {
  ChooseDepartmentPage,
  NominatePage,
  type OpenElectionView,
  ResidentBoardPage,
} from "./resident.views.tsx";
import { reachedDemandViews } from "./staff.routes.tsx";
import { viewerDepartments } from "./viewer.ts";

const openView = (
  ctx: AppContext,
  e: ElectionRow,
  board: string,
  candidates: string[],
): OpenElectionView => ({
  election: toElectionView(e, board),
  candidates,
  nominationsOpen:
    e.status === "open" && (!e.meetingStartsAt || e.meetingStartsAt > ctx.clock.now().toISOString()),
});

/** Residents: who sits on their board and how to reach them; nominations for its elections. */
export function residentBoardRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const view = { config: { permission: "democracy.view" } } as const;
    const participate = { config: { permission: "democracy.participate" } } as const;

    app.get("/democracy/board", view, async (request, reply) => {
      const { departments, current } = await viewerDepartments(ctx, request);
      if (!current) {
        return sendPage(
          reply,
          ChooseDepartmentPage({
            ctx: pageContext(request, reply),
            title: request.t("boards.resident.choose_title"),
            action: "/democracy/board",
            departments,
          }),
        );
      }
      const today = todayInCopenhagen(ctx.clock);
      const personId = request.user!.personId;
      const scope = { organisationId: current.organisationId, departmentId: current.id };
      const board = await findBoard(ctx.db, scope);
      const sitting = boardView(board ? await termsOf(ctx.db, board.id) : [], today).sitting;
      const org = await scopeOf(ctx.db, current.organisationId);
      const orgBoard = await findBoard(ctx.db, {
        organisationId: current.organisationId,
        departmentId: null,
      });
      const orgSitting = orgBoard ? boardView(await termsOf(ctx.db, orgBoard.id), today).sitting : [];
      const elections = board ? await electionsOf(ctx.db, board.id) : [];
      const openElections: OpenElectionView[] = [];
      const results = [];
      for (const e of elections) {
        const nominations = (await nominationsOf(ctx.db, e.id)).map(toNominationView);
        const row = { ...e, organisation_id: current.organisationId, department_id: current.id };
        if (e.status === "open") {
          const names = nominations.filter((n) => n.status === "accepted").map((n) => n.name);
          openElections.push(openView(ctx, row, current.name, names));
        } else if (e.election_date >= addDays(today, -365)) {
          results.push({
            election: toElectionView(row, current.name),
            elected: nominations.filter((n) => n.outcome && n.outcome !== "not_elected"),
          });
        }
      }
      const pending = personId ? await pendingConsentsOf(ctx.db, personId) : [];
      const resident = personId ? await householdOf(ctx.db, personId, current.id, today) : undefined;
      return sendPage(
        reply,
        ResidentBoardPage({
          ctx: pageContext(request, reply),
          departments,
          department: current,
          sitting,
          organisationBoard: orgSitting.length && org ? { name: org.name, sitting: orgSitting } : null,
          myTerms: [...sitting, ...orgSitting].filter((m) => personId && m.personId === personId),
          pending: pending.map((n) => ({
            id: n.id,
            meeting: n.meetingTitle,
            date: n.election_date,
            nominatedBy: n.nominatedByName,
          })),
          openElections,
          results,
          demands: await reachedDemandViews(ctx, current.id),
          canNominate: !!resident && can(request.principal, "democracy.participate", scope),
        }),
      );
    });

    const nominatePage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: FormValues = {},
      errors: FieldErrors = {},
      status = 200,
    ) => {
      const { id } = idParams.parse(request.params);
      const e = await reachableElection(ctx, request.principal!, "democracy.participate", id);
      const today = todayInCopenhagen(ctx.clock);
      const personId = request.user!.personId;
      if (!e.department_id || !personId || !(await householdOf(ctx.db, personId, e.department_id, today))) {
        throw new NotFoundError();
      }
      const scope = (await scopeOf(ctx.db, e.department_id))!;
      const candidates = (await nominationsOf(ctx.db, e.id))
        .filter((n) => n.status === "accepted")
        .map((n) => n.name);
      const homes = await homesOf(ctx.db, e.department_id);
      return sendPage(
        reply,
        NominatePage({
          ctx: pageContext(request, reply),
          department: { id: e.department_id, name: scope.name },
          election: openView(ctx, e, scope.name, candidates),
          homes: homes.map((h) => ({ value: h.unitId, label: h.address })),
          values,
          errors,
        }),
        status,
      );
    };

    app.get("/democracy/board/elections/:id/nominate", participate, (request, reply) =>
      nominatePage(request, reply),
    );

    app.post("/democracy/board/elections/:id/nominations", participate, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const b = formBody(request);
      const values = { who: text(b.who) || "self", unitId: text(b.unitId), name: text(b.name) };
      const e = await reachableElection(ctx, request.principal!, "democracy.participate", id);
      const back = `/democracy/board?department=${e.department_id ?? ""}`;
      return submitForm(request, reply, {
        back,
        run: async () => {
          const r = await nominateOnline(
            ctx,
            actorOf(request),
            request.principal!,
            request.user!.personId,
            id,
            values.who === "self" ? { self: true } : { unitId: values.unitId, name: values.name },
          );
          const flash =
            r.status === "accepted" ? "boards.nominations.done_self" : "boards.nominations.done_other";
          return { to: back, flash: request.t(flash) };
        },
        invalid: (errors) => nominatePage(request, reply, values, errors, 400),
      });
    });

    app.post("/democracy/board/nominations/:id/answer", view, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const accept = text(formBody(request).answer) === "accept";
      return submitForm(request, reply, {
        back: "/democracy/board",
        run: async () => {
          const status = await answerNomination(ctx, actorOf(request), request.user!.personId, id, accept);
          return { to: "/democracy/board", flash: request.t(`boards.nominations.answered.${status}`) };
        },
        invalid: () => {
          setFlash(request, request.t("errors.validation"));
          return reply.redirect("/democracy/board", 303);
        },
      });
    });

    app.post("/democracy/board/terms/:id/contact", view, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const consent = text(formBody(request).consent) === "ja";
      await setContactConsent(ctx, actorOf(request), request.user!.personId, id, consent);
      setFlash(
        request,
        request.t(consent ? "boards.resident.contact_now_shown" : "boards.resident.contact_now_hidden"),
      );
      return reply.redirect("/democracy/board", 303);
    });
  };
}
