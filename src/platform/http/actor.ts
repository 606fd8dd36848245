import type { FastifyRequest } from "fastify";
import type { RoleGrant } from "../access.ts";
import type { Actor } from "../audit.ts";
import type { AppContext } from "../context.ts";

export function actorOf(request: FastifyRequest): Actor {
  const user = request.user;
  return user
    ? { userId: user.id, label: user.email, ip: request.ip }
    : { userId: null, label: "anonymous", ip: request.ip };
}

/** Names the organisations and departments of role grants, for people to read. */
export async function scopeLabels(ctx: AppContext, grants: RoleGrant[]): Promise<(g: RoleGrant) => string> {
  const orgIds = [...new Set(grants.map((g) => g.organisationId).filter((x): x is string => x !== null))];
  const deptIds = [...new Set(grants.map((g) => g.departmentId).filter((x): x is string => x !== null))];
  const [orgs, depts] = await Promise.all([
    orgIds.length
      ? ctx.db.selectFrom("organisations").select(["id", "name"]).where("id", "in", orgIds).execute()
      : [],
    deptIds.length
      ? ctx.db.selectFrom("departments").select(["id", "name", "number"]).where("id", "in", deptIds).execute()
      : [],
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const deptName = new Map(depts.map((d) => [d.id, `${d.number} ${d.name}`]));
  return (g) =>
    (g.departmentId && deptName.get(g.departmentId)) ||
    (g.organisationId && orgName.get(g.organisationId)) ||
    "almen";
}
