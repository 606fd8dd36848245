import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isPermission, isRole, organisationsWith, type Role } from "../access.ts";
import { findAuditEntries } from "../audit.repository.ts";
import type { AppContext } from "../context.ts";
import {
  addRole,
  createAccount,
  getAccount,
  listAccounts,
  removeRole,
  setAccountStatus,
} from "../staff.service.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "../tokens.service.ts";
import { heldPermissions } from "./account.routes.tsx";
import { actorOf } from "./actor.ts";
import { auditQuery, welcomeMail } from "./admin.routes.tsx";

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const grantBody = z.object({
  role: z.string().refine(isRole, "staff.role_invalid"),
  organisationId: z.string().nullable().default(null),
  departmentId: z.string().nullable().default(null),
});
const token = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const idParams = z.object({ id: z.string() });
const pageSize = 100;

export function platformApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/me",
      {
        config: { permission: "account.self" },
        schema: {
          tags: ["account"],
          summary: "The authenticated user, with roles and the permissions usable with this credential",
          response: {
            200: z.object({
              id: z.string(),
              name: z.string(),
              email: z.string(),
              language: z.string(),
              roles: z.array(
                z.object({
                  role: z.string(),
                  organisationId: z.string().nullable(),
                  departmentId: z.string().nullable(),
                }),
              ),
              permissions: z.array(z.string()),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const user = request.user!;
        return {
          id: user.id,
          name: user.name,
          email: user.email,
          language: user.language,
          roles: user.grants,
          permissions: heldPermissions(request.principal!),
        };
      },
    );

    app.get(
      "/tokens",
      {
        config: { permission: "tokens.manage" },
        schema: {
          tags: ["account"],
          summary: "Your API tokens",
          response: { 200: z.object({ items: z.array(token) }), ...errors },
        },
      },
      async (request) => ({
        items: await listApiTokens(ctx, request.user!.id),
      }),
    );

    app.post(
      "/tokens",
      {
        config: { permission: "tokens.manage" },
        schema: {
          tags: ["account"],
          summary: "Create a personal API token (the secret is returned once)",
          body: z.object({
            name: z.string().min(1).max(100),
            scopes: z.array(z.string().refine(isPermission, "tokens.scope_unknown")).min(1),
            expiresAt: z.iso.datetime().nullable().optional(),
          }),
          response: { 201: z.object({ token: z.string(), item: token }), ...errors },
        },
      },
      async (request, reply) => {
        const created = await createApiToken(ctx, actorOf(request), request.principal!, request.body);
        return reply.code(201).send({ token: created.token, item: created.view });
      },
    );

    app.delete(
      "/tokens/:id",
      {
        config: { permission: "tokens.manage" },
        schema: {
          tags: ["account"],
          summary: "Revoke a token",
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await revokeApiToken(ctx, actorOf(request), request.user!.id, request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/audit",
      {
        config: { permission: "audit.read" },
        schema: {
          tags: ["audit"],
          summary: "Audit log entries in your organisations, newest first",
          querystring: auditQuery,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  at: z.string(),
                  actorLabel: z.string(),
                  action: z.string(),
                  entity: z.string(),
                  entityId: z.string().nullable(),
                  before: z.unknown(),
                  after: z.unknown(),
                }),
              ),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const orgs = organisationsWith(request.principal!, "audit.read");
        const { rows, total } = await findAuditEntries(ctx.db, ctx.database.dialect, {
          ...request.query,
          organisationIds: orgs,
          pageSize,
        });
        return { items: rows, total, page: request.query.page, pageSize };
      },
    );

    const account = z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      status: z.string(),
      roles: z.array(z.string()),
    });

    app.get(
      "/staff",
      {
        config: { permission: "staff.manage" },
        schema: {
          tags: ["staff"],
          summary: "Accounts with a role in your organisations",
          querystring: z.object({
            q: z.string().max(200).optional(),
            status: z.enum(["active", "suspended"]).optional(),
            page: z.coerce.number().int().min(1).default(1),
          }),
          response: {
            200: z.object({
              items: z.array(account),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { rows, total } = await listAccounts(ctx, request.principal!, { ...request.query, pageSize });
        return { items: rows, total, page: request.query.page, pageSize };
      },
    );

    const accountDetail = z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      status: z.string(),
      isTotpEnabled: z.boolean(),
      grants: z.array(
        z.object({
          id: z.string(),
          role: z.string(),
          organisationId: z.string().nullable(),
          departmentId: z.string().nullable(),
        }),
      ),
    });
    const detail = async (principal: Parameters<typeof getAccount>[1], id: string) => {
      const a = await getAccount(ctx, principal, id);
      return {
        id: a.id,
        name: a.name,
        email: a.email,
        status: a.status,
        isTotpEnabled: a.isTotpEnabled,
        grants: a.grants,
      };
    };

    app.post(
      "/staff",
      {
        config: { permission: "staff.manage" },
        schema: {
          tags: ["staff"],
          summary: "Create an account with a first role; a link to set the password is e-mailed",
          body: z.object({ name: z.string().min(1).max(200), email: z.email(), grant: grantBody }),
          response: { 201: accountDetail, ...errors },
        },
      },
      async (request, reply) => {
        const { grant, ...rest } = request.body;
        const id = await createAccount(ctx, actorOf(request), request.principal!, {
          ...rest,
          grant: { ...grant, role: grant.role as Role },
          welcome: welcomeMail(request.t),
        });
        return reply.code(201).send(await detail(request.principal!, id));
      },
    );

    app.get(
      "/staff/:id",
      {
        config: { permission: "staff.manage" },
        schema: {
          tags: ["staff"],
          summary: "One account",
          params: idParams,
          response: { 200: accountDetail, ...errors },
        },
      },
      async (request) => detail(request.principal!, request.params.id),
    );

    app.post(
      "/staff/:id/roles",
      {
        config: { permission: "staff.manage" },
        schema: {
          tags: ["staff"],
          summary: "Grant a role",
          params: idParams,
          body: grantBody,
          response: { 201: accountDetail, ...errors },
        },
      },
      async (request, reply) => {
        await addRole(ctx, actorOf(request), request.principal!, request.params.id, {
          ...request.body,
          role: request.body.role as Role,
        });
        return reply.code(201).send(await detail(request.principal!, request.params.id));
      },
    );

    app.delete(
      "/staff/:id/roles/:grantId",
      {
        config: { permission: "staff.manage" },
        schema: {
          tags: ["staff"],
          summary: "Remove a role",
          params: z.object({ id: z.string(), grantId: z.string() }),
          response: { 200: accountDetail, ...errors },
        },
      },
      async (request) => {
        await removeRole(
          ctx,
          actorOf(request),
          request.principal!,
          request.params.id,
          request.params.grantId,
        );
        return detail(request.principal!, request.params.id);
      },
    );

    app.post(
      "/staff/:id/status",
      {
        config: { permission: "staff.manage" },
        schema: {
          tags: ["staff"],
          summary: "Suspend (ends every session at once) or reactivate an account",
          params: idParams,
          body: z.object({ status: z.enum(["active", "suspended"]) }),
          response: { 200: accountDetail, ...errors },
        },
      },
      async (request) => {
        await setAccountStatus(
          ctx,
          actorOf(request),
          request.principal!,
          request.params.id,
          request.body.status,
        );
        return detail(request.principal!, request.params.id);
      },
    );
  };
}
