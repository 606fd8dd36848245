import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { isRole, organisationsWith, type Principal, type Role, roles } from "../access.ts";
import { findAuditEntries } from "../audit.repository.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors.ts";
import {
  addRole,
  createAccount,
  type GrantInput,
  getAccount,
  listAccounts,
  removeRole,
  setAccountStatus,
} from "../staff.service.ts";
import { parseInput } from "../validation.ts";
import {
  AuditPage,
  NewStaffPage,
  type ScopeOption,
  StaffDetailPage,
  StaffListPage,
} from "../views/admin.views.tsx";
import { actorOf, scopeLabels } from "./actor.ts";
import { pageContext, sendPage, setFlash } from "./request-context.ts";

const pageSize = 50;

export const welcomeMail = (t: FastifyRequest["t"]) => (name: string, link: string) => ({
  subject: t("auth.welcome_mail_subject"),
  text: t("auth.welcome_mail_text", { name, link }),
});
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "errors.date_format");
export const auditQuery = z.object({
  person: z.string().trim().max(200).optional(),
  entity: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  from: isoDate.optional().or(z.literal("").transform(() => undefined)),
  to: isoDate.optional().or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(100000).default(1),
});
const staffQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
});
const grantSchema = z.object({
  role: z.string().refine(isRole, "staff.role_invalid"),
  scope: z.string().min(1, "staff.scope_required"),
});
const newAccountSchema = grantSchema.extend({
  name: z.string().trim().min(1, "staff.name_required").max(200),
  email: z.email("auth.email_invalid"),
});

/** Form value "org:<id>" / "dept:<id>" / "global" → the grant's scope. */
export function grantFromForm(role: Role, scope: string): GrantInput {
  const [kind, id] = scope.split(":");
  return {
    role,
    organisationId: kind === "org" ? (id ?? null) : null,
    departmentId: kind === "dept" ? (id ?? null) : null,
  };
}

async function scopeOptions(
  ctx: AppContext,
  principal: Principal,
  t: FastifyRequest["t"],
): Promise<ScopeOption[]> {
  const orgs = organisationsWith(principal, "staff.manage");
  let oq = ctx.db.selectFrom("organisations").select(["id", "name", "number"]).orderBy("number");
  let dq = ctx.db
    .selectFrom("departments")
    .select(["id", "name", "number", "organisation_id"])
    .orderBy("number");
  if (orgs !== null) {
    oq = oq.where("id", "in", orgs.length ? orgs : [""]);
    dq = dq.where("organisation_id", "in", orgs.length ? orgs : [""]);
  }
  const [o, d] = await Promise.all([oq.execute(), dq.limit(1000).execute()]);
  return [
    ...(orgs === null ? [{ value: "global", label: t("staff.scope_global") }] : []),
    ...o.map((x) => ({ value: `org:${x.id}`, label: `${t("staff.scope_org")}: ${x.number} ${x.name}` })),
    ...d.map((x) => ({ value: `dept:${x.id}`, label: `${t("staff.scope_dept")}: ${x.number} ${x.name}` })),
  ];
}

export function adminRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get("/admin/audit", { config: { permission: "audit.read" } }, async (request, reply) => {
      const raw = request.query as Record<string, string | undefined>;
      const input = parseInput(auditQuery, raw, request.lang, request.t);
      const filter = input.ok ? input.data : { page: 1 };
      const orgs = organisationsWith(request.principal!, "audit.read");
      const { rows, total } = await findAuditEntries(ctx.db, ctx.database.dialect, {
        ...filter,
        organisationIds: orgs,
        pageSize,
      });
      const page = AuditPage({
        ctx: pageContext(request, reply),
        filter: { person: raw.person, entity: raw.entity, action: raw.action, from: raw.from, to: raw.to },
        rows,
        total,
        page: filter.page,
        pages: Math.max(1, Math.ceil(total / pageSize)),
        errors: input.ok ? undefined : input.errors,
      });
      return sendPage(reply, page, input.ok ? 200 : 400);
    });

    app.get("/admin/staff", { config: { permission: "staff.manage" } }, async (request, reply) => {
      const f = staffQuery.safeParse(request.query);
      const filter = f.success ? f.data : { page: 1 };
      const { rows, total } = await listAccounts(ctx, request.principal!, { ...filter, pageSize });
      const view = {
        ctx: pageContext(request, reply),
        rows,
        filter,
        total,
        page: filter.page,
        pages: Math.max(1, Math.ceil(total / pageSize)),
      };
      return sendPage(reply, StaffListPage(view));
    });

    const grantableRoles = (principal: Principal) =>
      roles.filter((r) => r !== "system_admin" || organisationsWith(principal, "staff.manage") === null);

    const renderNew = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values?: Record<string, string>,
      errors?: Record<string, string>,
    ) => {
      const scopes = await scopeOptions(ctx, request.principal!, request.t);
      const page = NewStaffPage({
        ctx: pageContext(request, reply),
        values,
        errors,
        roles: grantableRoles(request.principal!),
        scopes,
      });
      return sendPage(reply, page, errors ? 400 : 200);
    };

    app.get("/admin/staff/new", { config: { permission: "staff.manage" } }, (request, reply) =>
      renderNew(request, reply),
    );

    app.post("/admin/staff/new", { config: { permission: "staff.manage" } }, async (request, reply) => {
      const values = request.body as Record<string, string>;
      const input = parseInput(newAccountSchema, values, request.lang, request.t);
      if (!input.ok) return renderNew(request, reply, values, input.errors);
      try {
        const grant = grantFromForm(input.data.role as Role, input.data.scope);
        const id = await createAccount(ctx, actorOf(request), request.principal!, {
          name: input.data.name,
          email: input.data.email,
          grant,
          welcome: welcomeMail(request.t),
        });
        setFlash(request, request.t("staff.created"));
        return reply.redirect(`/admin/staff/${id}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || !error.fields) throw error;
        return renderNew(request, reply, values, error.fields);
      }
    });

    const renderDetail = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      values?: Record<string, string>,
      errors?: Record<string, string>,
    ) => {
      const account = await getAccount(ctx, request.principal!, id);
      const labels = await scopeLabels(ctx, account.grants);
      const scopes = await scopeOptions(ctx, request.principal!, request.t);
      const view = {
        ...account,
        grants: account.grants.map((g) => ({ id: g.id, role: g.role, scope: labels(g) })),
      };
      const page = StaffDetailPage({
        ctx: pageContext(request, reply),
        account: view,
        roles: grantableRoles(request.principal!),
        scopes,
        values,
        errors,
      });
      return sendPage(reply, page, errors ? 400 : 200);
    };

    app.get("/admin/staff/:id", { config: { permission: "staff.manage" } }, (request, reply) =>
      renderDetail(request, reply, (request.params as { id: string }).id),
    );

    app.post("/admin/staff/:id/roles", { config: { permission: "staff.manage" } }, async (request, reply) => {
      const { id } = request.params as { id: string };
      const values = request.body as Record<string, string>;
      const input = parseInput(grantSchema, values, request.lang, request.t);
      if (!input.ok) return renderDetail(request, reply, id, values, input.errors);
      try {
        await addRole(
          ctx,
          actorOf(request),
          request.principal!,
          id,
          grantFromForm(input.data.role as Role, input.data.scope),
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.code === "not_found") throw error;
        return renderDetail(
          request,
          reply,
          id,
          values,
          error.fields && Object.keys(error.fields).length ? error.fields : { _form: error.messageKey },
        );
      }
      setFlash(request, request.t("staff.role_added"));
      return reply.redirect(`/admin/staff/${id}`, 303);
    });

    app.post(
      "/admin/staff/:id/roles/:grantId/remove",
      { config: { permission: "staff.manage" } },
      async (request, reply) => {
        const { id, grantId } = request.params as { id: string; grantId: string };
        await removeRole(ctx, actorOf(request), request.principal!, id, grantId);
        setFlash(request, request.t("staff.role_removed"));
        return reply.redirect(`/admin/staff/${id}`, 303);
      },
    );

    for (const [path, status] of [
      ["suspend", "suspended"],
      ["reactivate", "active"],
    ] as const) {
      app.post(
        `/admin/staff/:id/${path}`,
        { config: { permission: "staff.manage" } },
        async (request, reply) => {
          const { id } = request.params as { id: string };
          try {
            await setAccountStatus(ctx, actorOf(request), request.principal!, id, status);
          } catch (error) {
            if (!(error instanceof AppError) || error.code !== "validation") throw error;
            return renderDetail(request, reply, id, undefined, { _form: error.messageKey });
          }
          setFlash(request, request.t(`staff.${path}_done`));
          return reply.redirect(`/admin/staff/${id}`, 303);
        },
      );
    }
  };
}
