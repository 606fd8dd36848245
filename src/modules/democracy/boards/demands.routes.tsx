import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage } from "../../../platform/http/request-context.ts";
import type { FieldErrors, FormValues } from "../../../ui/components.tsx";
import { democracySettingsFor } from "../settings.ts";
import { householdCount, householdOf } from "./board.repository.ts";
import { demandById, demandsOf, signedByHousehold } from "./demands.repository.ts";
import { signDemand, startDemand } from "./demands.service.ts";
import { DemandsPage } from "./demands.views.tsx";
import { formBody, idParams, submitForm, text } from "./form.ts";
import { demandView } from "./presenters.ts";
import { ChooseDepartmentPage } from "./resident.views.tsx";
import { demandThreshold } from "./rules.ts";
import { viewerDepartments } from "./viewer.ts";

/** Residents: demands for an extraordinary meeting, signed online by one member of each household. */
export function demandRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const view = { config: { permission: "democracy.view" } } as const;
    const participate = { config: { permission: "democracy.participate" } } as const;

    const demandsPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: FormValues = {},
      errors: FieldErrors = {},
      status = 200,
    ) => {
      const { departments, current } = await viewerDepartments(ctx, request);
      if (!current) {
        return sendPage(
          reply,
          ChooseDepartmentPage({
            ctx: pageContext(request, reply),
            title: request.t("boards.demands.choose_title"),
            action: "/democracy/demands",
            departments,
          }),
        );
      }
      const today = todayInCopenhagen(ctx.clock);
      const personId = request.user!.personId;
      const scope = { organisationId: current.organisationId, departmentId: current.id };
      const households = await householdCount(ctx.db, current.id, today);
      const tenancyId = personId ? await householdOf(ctx.db, personId, current.id, today) : undefined;
      const rows = await demandsOf(ctx.db, current.id);
      const signed = await signedByHousehold(
        ctx.db,
        rows.map((r) => r.id),
        tenancyId,
      );
      const settings = await democracySettingsFor(ctx.db, current.organisationId);
      const now = ctx.clock.now();
      return sendPage(
        reply,
        DemandsPage({
          ctx: pageContext(request, reply),
          departments,
          department: current,
          demands: rows.map((r) => demandView(r, now, households, signed.has(r.id))),
          households,
          needed: demandThreshold(households, settings.demandThresholdPercent),
          percent: settings.demandThresholdPercent,
          conveneWeeks: settings.demandConveneWeeks,
          canSign: !!tenancyId && can(request.principal, "democracy.participate", scope),
          values,
          errors,
        }),
        status,
      );
    };

    app.get("/democracy/demands", view, (request, reply) => demandsPage(request, reply));

    app.post("/democracy/demands", participate, async (request, reply) => {
      const b = formBody(request);
      const departmentId = text(b.departmentId);
      const values = { subject: text(b.subject), reason: text(b.reason) };
      const back = `/democracy/demands?department=${encodeURIComponent(departmentId)}`;
      (request.query as Record<string, string>).department = departmentId;
      return submitForm(request, reply, {
        back,
        run: async () => {
          await startDemand(
            ctx,
            actorOf(request),
            request.principal!,
            request.user!.personId,
            departmentId,
            values,
          );
          return { to: back, flash: request.t("boards.demands.started") };
        },
        invalid: (errors) => demandsPage(request, reply, values, errors, 400),
      });
    });

    app.post("/democracy/demands/:id/sign", participate, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const d = await demandById(ctx.db, id);
      if (!d) throw new NotFoundError();
      const back = `/democracy/demands?department=${d.department_id}`;
      return submitForm(request, reply, {
        back,
        run: async () => {
          const r = await signDemand(ctx, actorOf(request), request.principal!, request.user!.personId, id);
          return {
            to: back,
            flash: r.reached
              ? request.t("boards.demands.signed_reached")
              : request.t("boards.demands.signed", { signed: r.signatures, needed: r.threshold }),
          };
        },
        invalid: () => reply.redirect(back, 303),
      });
    });
  };
}
