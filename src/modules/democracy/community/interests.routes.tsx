import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { AppError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { formErrors, pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import { byField, formList, formText } from "./community-ui.tsx";
import {
  interestedResidents,
  interestInputSchema,
  interestOverview,
  kindsOf,
  myInterests,
  participationDepartments,
  saveInterest,
  withdrawInterest,
} from "./interests.service.ts";
import {
  InterestedResidentsPage,
  type InterestFormValues,
  InterestOverviewPage,
  InterestPage,
} from "./interests.views.tsx";

const overviewPageSize = 100;
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);
const idParam = z.object({ id: z.string().max(64) });

/** Recruitment: "Bliv beboerdemokrat", the board's list and the organisation's numbers. */
export function interestsRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const participate = { config: { permission: "democracy.participate" } } as const;

    const page = async (
      request: FastifyRequest,
      reply: FastifyReply,
      departmentId: string | undefined,
      typed?: InterestFormValues,
      errors?: Record<string, string>,
    ) => {
      const principal = request.principal!;
      const departments = await participationDepartments(ctx, principal);
      const department = departments.find((d) => d.id === departmentId) ?? departments[0] ?? null;
      const saved = (await myInterests(ctx, request.user!.personId)).find(
        (i) => i.department_id === department?.id,
      );
      const values: InterestFormValues = typed ?? {
        interests: saved ? kindsOf(saved) : [],
        note: saved?.note ?? "",
        contactConsent: saved?.has_contact_consent ?? false,
      };
      const label = (d: { number: number; name: string }) => `${d.number} ${d.name}`;
      return sendPage(
        reply,
        InterestPage({
          ctx: pageContext(request, reply),
          departments: departments.map((d) => ({ id: d.id, label: label(d) })),
          department: department ? { id: department.id, label: label(department) } : null,
          saved: saved ? { updatedAt: saved.updated_at } : null,
          values,
          boardLink:
            !!department &&
            can(principal, "board.work", {
              organisationId: department.organisation_id,
              departmentId: department.id,
            }),
          errors,
        }),
        errors ? 400 : 200,
      );
    };

    app.get("/get-involved", participate, async (request, reply) => {
      const department = z
        .string()
        .max(64)
        .optional()
        .catch(undefined)
        .parse((request.query as { department?: unknown }).department);
      return page(request, reply, department);
    });

    app.post("/get-involved", participate, async (request, reply) => {
      const f = formText(request.body, "department_id", "note", "contact_consent");
      const values: InterestFormValues = {
        interests: formList(request.body, "interests"),
        note: f.note!,
        contactConsent: f.contact_consent === "ja",
      };
      const input = parseInput(
        interestInputSchema,
        {
          departmentId: f.department_id,
          interests: values.interests,
          note: values.note,
          contactConsent: values.contactConsent,
        },
        request.lang,
        request.t,
      );
      if (!input.ok) return page(request, reply, f.department_id, values, byField(input.errors));
      try {
        await saveInterest(ctx, actorOf(request), request.principal!, request.user!.personId, input.data);
      } catch (e) {
        if (e instanceof AppError && e.code === "validation") {
          return page(request, reply, f.department_id, values, formErrors(request, e));
        }
        throw e;
      }
      setFlash(request, request.t("community.interests.saved"));
      return reply.redirect(`/get-involved?department=${encodeURIComponent(f.department_id!)}`, 303);
    });

    app.post("/get-involved/withdraw", participate, async (request, reply) => {
      const f = formText(request.body, "department_id");
      await withdrawInterest(
        ctx,
        actorOf(request),
        request.principal!,
        request.user!.personId,
        f.department_id!,
      );
      setFlash(request, request.t("community.interests.withdrawn"));
      return reply.redirect(`/get-involved?department=${encodeURIComponent(f.department_id!)}`, 303);
    });

    app.get(
      "/get-involved/departments/:id",
      { config: { permission: "board.work" } },
      async (request, reply) => {
        const { id } = idParam.parse(request.params);
        const r = await interestedResidents(ctx, request.principal!, id);
        return sendPage(
          reply,
          InterestedResidentsPage({
            ctx: pageContext(request, reply),
            department: `${r.department.number} ${r.department.name}`,
            residents: r.residents.map((x) => ({
              name: x.person_name,
              email: x.person_email,
              phone: x.person_phone,
              kinds: kindsOf(x),
              note: x.note,
              updatedAt: x.updated_at,
            })),
            withoutConsent: r.withoutConsent,
          }),
        );
      },
    );

    // Staff who curate or manage boards; the route's own permission is the wider democracy.view,
    // and the service answers 404 to anyone else.
    app.get(
      "/get-involved/overview",
      { config: { permission: "democracy.view" } },
      async (request, reply) => {
        const n = pageParam.parse((request.query as { page?: unknown }).page);
        const r = await interestOverview(ctx, request.principal!, n, overviewPageSize);
        return sendPage(
          reply,
          InterestOverviewPage({
            ctx: pageContext(request, reply),
            rows: r.rows.map((x) => ({ ...x, department: `${x.department_number} ${x.department_name}` })),
            sums: r.sums,
            page: n,
            pages: Math.max(1, Math.ceil(r.total / overviewPageSize)),
          }),
        );
      },
    );
  };
}
