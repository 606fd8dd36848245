import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { can, reachOf, requireAccess } from "../../platform/access.ts";
import type { AppContext } from "../../platform/context.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { actorOf } from "../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../platform/http/request-context.ts";
import { exportRecord } from "./import/export.ts";
import { columns, type ImportKind, isImportKind } from "./import/kinds.ts";
import { saveRecord } from "./import/save.ts";
import { RecordFormPage } from "./views/form.views.tsx";

const write = { config: { permission: "masterdata.write" } } as const;

const detailPath = (kind: ImportKind, id: string) => `/masterdata/${kind}/${id}`;

/** The organisation and department a record belongs to, for the access check. */
export async function scopeOf(ctx: AppContext, kind: ImportKind, id: string) {
  if (kind === "organisations") return { organisationId: id };
  if (kind === "departments")
    return {
      organisationId: (
        await ctx.db
          .selectFrom("departments")
          .select("organisation_id")
          .where("id", "=", id)
          .executeTakeFirst()
      )?.organisation_id,
      departmentId: id,
    };
  if (kind === "people")
    return {
      organisationId: (
        await ctx.db.selectFrom("people").select("organisation_id").where("id", "=", id).executeTakeFirst()
      )?.organisation_id,
    };
  if (kind === "tenancies") {
    const t = await ctx.db
      .selectFrom("tenancies as t")
      .innerJoin("units as u", "u.id", "t.unit_id")
      .select(["t.organisation_id", "u.department_id"])
      .where("t.id", "=", id)
      .executeTakeFirst();
    return { organisationId: t?.organisation_id, departmentId: t?.department_id };
  }
  const row = await ctx.db
    .selectFrom(kind)
    .select(["organisation_id", "department_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  return { organisationId: row?.organisation_id, departmentId: row?.department_id };
}

/** Create and edit pages for every kind, through the import's validation and write path. */
export function masterdataEditRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const render = (
      request: FastifyRequest,
      reply: FastifyReply,
      kind: ImportKind,
      values: Record<string, string>,
      id?: string,
      errors?: Record<string, string>,
    ) => {
      const t = request.t;
      const title = id
        ? t("masterdata.edit_kind", { kind: t(`masterdata.kind_one.${kind}`) })
        : t("masterdata.new_kind", { kind: t(`masterdata.kind_one.${kind}`) });
      const back = id
        ? { href: detailPath(kind, id), label: t(`masterdata.kinds.${kind}`) }
        : { href: "/masterdata", label: t("masterdata.title") };
      const page = RecordFormPage({
        ctx: pageContext(request, reply),
        kind,
        fields: columns[kind],
        values,
        errors,
        action: id ? `/masterdata/${kind}/${id}/edit` : `/masterdata/new/${kind}`,
        title,
        back,
      });
      return sendPage(reply, page, errors ? 400 : 200);
    };

    const formValues = (body: unknown, kind: ImportKind) => {
      const b = (body ?? {}) as Record<string, unknown>;
      return Object.fromEntries(
        columns[kind].map((c) => [c, typeof b[c] === "string" ? (b[c] as string) : ""]),
      );
    };

    app.get("/masterdata/new/:kind", write, async (request, reply) => {
      const { kind } = request.params as { kind: string };
      if (!isImportKind(kind)) throw new NotFoundError();
      const orgs = await ctx.db.selectFrom("organisations").select(["id", "number"]).execute();
      const reach = reachOf(request.principal!, "masterdata.write");
      const mine = orgs.filter((o) => reach.all || reach.organisationIds.includes(o.id));
      return render(
        request,
        reply,
        kind,
        mine.length === 1 && kind !== "organisations" ? { organisation: String(mine[0]!.number) } : {},
      );
    });

    app.post("/masterdata/new/:kind", write, async (request, reply) => {
      const { kind } = request.params as { kind: string };
      if (!isImportKind(kind)) throw new NotFoundError();
      const values = formValues(request.body, kind);
      const result = await saveRecord(
        ctx,
        actorOf(request),
        reachOf(request.principal!, "masterdata.write"),
        kind,
        values,
      );
      if (!result.ok) return render(request, reply, kind, values, undefined, result.errors);
      setFlash(request, request.t("masterdata.saved"));
      return reply.redirect(detailPath(kind, result.id), 303);
    });

    app.get("/masterdata/:kind/:id/edit", write, async (request, reply) => {
      const { kind, id } = request.params as { kind: string; id: string };
      if (!isImportKind(kind)) throw new NotFoundError();
      const scope = await scopeOf(ctx, kind, id);
      if (!scope.organisationId) throw new NotFoundError();
      requireAccess(request.principal, "masterdata.write", scope as { organisationId: string });
      const values = await exportRecord(ctx.db, kind, id);
      if (!values) throw new NotFoundError();
      return render(request, reply, kind, values, id);
    });

    app.post("/masterdata/:kind/:id/edit", write, async (request, reply) => {
      const { kind, id } = request.params as { kind: string; id: string };
      if (!isImportKind(kind)) throw new NotFoundError();
      const scope = await scopeOf(ctx, kind, id);
      if (
        !scope.organisationId ||
        !can(request.principal, "masterdata.write", scope as { organisationId: string })
      )
        throw new NotFoundError();
      const values = formValues(request.body, kind);
      const result = await saveRecord(
        ctx,
        actorOf(request),
        reachOf(request.principal!, "masterdata.write"),
        kind,
        values,
        id,
      );
      if (!result.ok) return render(request, reply, kind, values, id, result.errors);
      setFlash(request, request.t(result.changed ? "masterdata.saved" : "masterdata.unchanged"));
      return reply.redirect(detailPath(kind, id), 303);
    });
  };
}
