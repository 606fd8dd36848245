import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { can, reachOf } from "../../platform/access.ts";
import type { AppContext } from "../../platform/context.ts";
import { NotFoundError, ValidationError } from "../../platform/errors.ts";
import { actorOf } from "../../platform/http/actor.ts";
import { exportPage, exportRecord } from "./import/export.ts";
import { importKinds } from "./import/kinds.ts";
import { saveRecord } from "./import/save.ts";
import { unitFilterSchema } from "./masterdata.routes.tsx";
import { scopeOf } from "./masterdata-edit.routes.tsx";
import { listDepartments, searchPeople, searchUnits } from "./search.repository.ts";

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const kindParam = z.object({ kind: z.enum(importKinds) });
const record = z
  .record(z.string(), z.string())
  .describe(
    "A record with the import columns as fields (see docs/import.md); all values are strings as in the CSV files",
  );
const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
const pageSize = 100;
const tags = ["masterdata"];

/** Master data for integrators: the same fields as the CSV import, the same rules and audit. */
export function masterdataApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const read = { permission: "masterdata.read" } as const;
    const write = { permission: "masterdata.write" } as const;

    app.get(
      "/masterdata/units/search",
      {
        config: read,
        schema: {
          tags,
          summary:
            "Search units as on the staff pages (address fragment, status, kind, rooms, rent in kroner, energy label)",
          querystring: unitFilterSchema,
          response: { 200: page(z.record(z.string(), z.unknown())), ...errors },
        },
      },
      async (request) => {
        const f = request.query;
        const result = await searchUnits(ctx.db, reachOf(request.principal!, "masterdata.read"), {
          ...f,
          rentMinOre: f.rentMin,
          rentMaxOre: f.rentMax,
          pageSize,
        });
        return {
          items: result.rows.map((r) => ({ ...r })),
          total: result.total,
          page: result.page,
          pageSize,
        };
      },
    );

    // Departments and people are searched by one text field, as on their pages.
    const textSearches = [
      {
        path: "/masterdata/departments/search",
        summary: "Departments by number or name",
        search: listDepartments,
      },
      {
        path: "/masterdata/people/search",
        summary: "People by name, person number or e-mail (CPR numbers are never returned)",
        search: searchPeople,
      },
    ];
    for (const { path, summary, search } of textSearches) {
      app.get(
        path,
        {
          config: read,
          schema: {
            tags,
            summary,
            querystring: z.object({
              q: z.string().max(200).optional(),
              page: z.coerce.number().int().min(1).default(1),
            }),
            response: { 200: page(z.record(z.string(), z.unknown())), ...errors },
          },
        },
        async (request) => {
          const reach = reachOf(request.principal!, "masterdata.read");
          const result = await search(ctx.db, ctx.database.dialect, reach, { ...request.query, pageSize });
          return {
            items: result.rows.map((r) => ({ ...r })),
            total: result.total,
            page: result.page,
            pageSize,
          };
        },
      );
    }

    app.get(
      "/masterdata/:kind",
      {
        config: read,
        schema: {
          tags,
          summary:
            "Every record of a kind in pages of 2,000, in the import format, ordered by id; pass `next` as `after` for the following page",
          params: kindParam,
          querystring: z.object({ after: z.string().max(64).default("") }),
          response: { 200: z.object({ items: z.array(record), next: z.string().nullable() }), ...errors },
        },
      },
      async (request) => {
        const result = await exportPage(
          ctx.db,
          reachOf(request.principal!, "masterdata.read"),
          request.params.kind,
          request.query.after,
        );
        return { items: result.rows, next: result.next };
      },
    );

    app.get(
      "/masterdata/:kind/:id",
      {
        config: read,
        schema: {
          tags,
          summary: "One record in the import format",
          params: kindParam.extend({ id: z.string() }),
          response: { 200: record, ...errors },
        },
      },
      async (request) => {
        const { kind, id } = request.params;
        const scope = await scopeOf(ctx, kind, id);
        if (
          !scope.organisationId ||
          !can(request.principal, "masterdata.read", scope as { organisationId: string })
        )
          throw new NotFoundError();
        const row = await exportRecord(ctx.db, kind, id);
        if (!row) throw new NotFoundError();
        return row;
      },
    );

    app.post(
      "/masterdata/:kind",
      {
        config: write,
        schema: {
          tags,
          summary: "Create a record (fields as the import columns); validated and audited like an import",
          params: kindParam,
          body: record,
          response: { 201: record, ...errors },
        },
      },
      async (request, reply) => {
        const { kind } = request.params;
        const result = await saveRecord(
          ctx,
          actorOf(request),
          reachOf(request.principal!, "masterdata.write"),
          kind,
          request.body,
        );
        if (!result.ok) throw new ValidationError(result.errors);
        return reply.code(201).send((await exportRecord(ctx.db, kind, result.id))!);
      },
    );

    app.put(
      "/masterdata/:kind/:id",
      {
        config: write,
        schema: {
          tags,
          summary: "Replace a record's fields (all import columns)",
          params: kindParam.extend({ id: z.string() }),
          body: record,
          response: { 200: record, ...errors },
        },
      },
      async (request) => {
        const { kind, id } = request.params;
        const scope = await scopeOf(ctx, kind, id);
        if (
          !scope.organisationId ||
          !can(request.principal, "masterdata.write", scope as { organisationId: string })
        )
          throw new NotFoundError();
        const result = await saveRecord(
          ctx,
          actorOf(request),
          reachOf(request.principal!, "masterdata.write"),
          kind,
          request.body,
          id,
        );
        if (!result.ok) throw new ValidationError(result.errors);
        return (await exportRecord(ctx.db, kind, id))!;
      },
    );
  };
}
