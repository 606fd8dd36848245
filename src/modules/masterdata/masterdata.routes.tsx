import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { can, reachOf } from "../../platform/access.ts";
import type { AppContext } from "../../platform/context.ts";
import { parseKronerToOre } from "../../platform/csv/values.ts";
import { AppError } from "../../platform/errors.ts";
import { actorOf } from "../../platform/http/actor.ts";
import { pageContext, sendPage } from "../../platform/http/request-context.ts";
import { parseInput } from "../../platform/validation.ts";
import {
  buildingOverview,
  departmentOverview,
  organisationList,
  organisationOverview,
  personOverview,
  revealCpr,
  tenancyOverview,
  unitOverview,
} from "./masterdata.service.ts";
import { unitKinds, unitStatuses } from "./masterdata.table.ts";
import { energyLabelClasses } from "./rules/index.ts";
import { listDepartments, searchPeople, searchUnits } from "./search.repository.ts";
import { BuildingPage, TenancyPage } from "./views/buildings.views.tsx";
import { DepartmentListPage, DepartmentPage, MasterdataHome } from "./views/departments.views.tsx";
import { OrganisationListPage, OrganisationPage } from "./views/organisations.views.tsx";
import { PeopleSearchPage, PersonPage } from "./views/people.views.tsx";
import { type UnitFilterValues, UnitPage, UnitSearchPage } from "./views/units.views.tsx";

const read = { config: { permission: "masterdata.read" } } as const;
const pageSize = 50;
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
const kroner = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((v, c) => {
      const ore = parseKronerToOre(v);
      if (ore !== undefined) return ore;
      c.addIssue({ code: "custom", message: "masterdata.errors.amount" });
      return z.NEVER;
    })
    .optional(),
);
const rooms = z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(50).optional());

export const unitFilterSchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.preprocess(blankToUndefined, z.enum(unitStatuses).optional()),
  kind: z.preprocess(blankToUndefined, z.enum(unitKinds).optional()),
  roomsMin: rooms,
  roomsMax: rooms,
  rentMin: kroner,
  rentMax: kroner,
  energyLabel: z.preprocess(blankToUndefined, z.enum(energyLabelClasses).optional()),
  departmentId: z.string().optional(),
  sort: z.preprocess(blankToUndefined, z.enum(["number", "address", "rent", "rooms", "area"]).optional()),
  page: pageParam,
});

export function masterdataRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get("/masterdata", read, async (request, reply) =>
      sendPage(
        reply,
        MasterdataHome({
          ctx: pageContext(request, reply),
          canImport: can(request.principal, "masterdata.import"),
          canWrite: can(request.principal, "masterdata.write"),
        }),
      ),
    );

    app.get("/masterdata/organisations", read, async (request, reply) => {
      const rows = await organisationList(ctx, request.principal!);
      return sendPage(
        reply,
        OrganisationListPage({
          ctx: pageContext(request, reply),
          rows,
          canCreate: reachOf(request.principal!, "masterdata.write").all,
        }),
      );
    });

    app.get("/masterdata/organisations/:id", read, async (request, reply) => {
      const o = await organisationOverview(ctx, request.principal!, (request.params as { id: string }).id);
      return sendPage(
        reply,
        OrganisationPage({
          ctx: pageContext(request, reply),
          o,
          canWrite: can(request.principal, "masterdata.write", { organisationId: o.id }),
        }),
      );
    });

    app.get("/masterdata/departments", read, async (request, reply) => {
      const f = z.object({ q: z.string().trim().max(200).optional(), page: pageParam }).parse(request.query);
      const page = await listDepartments(
        ctx.db,
        ctx.database.dialect,
        reachOf(request.principal!, "masterdata.read"),
        { ...f, pageSize },
      );
      return sendPage(
        reply,
        DepartmentListPage({
          ctx: pageContext(request, reply),
          page,
          filter: f,
          canWrite: can(request.principal, "masterdata.write"),
        }),
      );
    });

    app.get("/masterdata/departments/:id", read, async (request, reply) => {
      const { id } = request.params as { id: string };
      const page = pageParam.parse((request.query as { page?: string }).page);
      const d = await departmentOverview(ctx, request.principal!, id, page);
      return sendPage(
        reply,
        DepartmentPage({
          ctx: pageContext(request, reply),
          d,
          canWrite: can(request.principal, "masterdata.write", {
            organisationId: d.organisationId,
            departmentId: d.id,
          }),
        }),
      );
    });

    app.get("/masterdata/buildings/:id", read, async (request, reply) => {
      const b = await buildingOverview(ctx, request.principal!, (request.params as { id: string }).id);
      return sendPage(
        reply,
        BuildingPage({
          ctx: pageContext(request, reply),
          b,
          canWrite: can(request.principal, "masterdata.write"),
        }),
      );
    });

    app.get("/masterdata/units", read, async (request, reply) => {
      const raw = request.query as UnitFilterValues;
      const input = parseInput(unitFilterSchema, raw, request.lang, request.t);
      const f = input.ok ? input.data : { page: 1 };
      const page = await searchUnits(ctx.db, reachOf(request.principal!, "masterdata.read"), {
        ...f,
        rentMinOre: "rentMin" in f ? f.rentMin : undefined,
        rentMaxOre: "rentMax" in f ? f.rentMax : undefined,
        pageSize,
      });
      const view = UnitSearchPage({
        ctx: pageContext(request, reply),
        page,
        filter: raw,
        errors: input.ok ? undefined : input.errors,
        canWrite: can(request.principal, "masterdata.write"),
      });
      return sendPage(reply, view, input.ok ? 200 : 400);
    });

    app.get("/masterdata/units/:id", read, async (request, reply) => {
      const u = await unitOverview(ctx, request.principal!, (request.params as { id: string }).id);
      return sendPage(
        reply,
        UnitPage({
          ctx: pageContext(request, reply),
          u,
          canWrite: can(request.principal, "masterdata.write", {
            organisationId: u.organisationId,
            departmentId: u.departmentId,
          }),
        }),
      );
    });

    app.get("/masterdata/people", read, async (request, reply) => {
      const f = z.object({ q: z.string().trim().max(200).optional(), page: pageParam }).parse(request.query);
      const page = await searchPeople(
        ctx.db,
        ctx.database.dialect,
        reachOf(request.principal!, "masterdata.read"),
        { ...f, pageSize },
      );
      return sendPage(
        reply,
        PeopleSearchPage({
          ctx: pageContext(request, reply),
          page,
          filter: f,
          canWrite: can(request.principal, "masterdata.write"),
        }),
      );
    });

    const personPage = async (
      request: Parameters<typeof pageContext>[0],
      reply: Parameters<typeof pageContext>[1],
      id: string,
      extra: { fullCpr?: string; errors?: Record<string, string> } = {},
    ) => {
      const p = await personOverview(ctx, request.principal!, id);
      const scope = { organisationId: p.organisationId };
      const view = PersonPage({
        ctx: pageContext(request, reply),
        p,
        canWrite: can(request.principal, "masterdata.write", scope),
        canReadCpr: can(request.principal, "cpr.read", scope),
        ...extra,
      });
      return sendPage(reply, view, extra.errors ? 400 : 200);
    };

    app.get("/masterdata/people/:id", read, (request, reply) =>
      personPage(request, reply, (request.params as { id: string }).id),
    );

    app.post("/masterdata/people/:id/cpr", { config: { permission: "cpr.read" } }, async (request, reply) => {
      const { id } = request.params as { id: string };
      const reason = String((request.body as { reason?: string }).reason ?? "");
      try {
        const fullCpr = await revealCpr(ctx, actorOf(request), request.principal!, id, reason);
        return personPage(request, reply, id, { fullCpr });
      } catch (error) {
        if (!(error instanceof AppError) || !error.fields) throw error;
        return personPage(request, reply, id, { errors: error.fields });
      }
    });

    app.get("/masterdata/tenancies/:id", read, async (request, reply) => {
      const view = await tenancyOverview(ctx, request.principal!, (request.params as { id: string }).id);
      return sendPage(reply, TenancyPage({ ctx: pageContext(request, reply), ...view }));
    });
  };
}
