import type { FastifyPluginAsync } from "fastify";
import { can, organisationsWith } from "../../platform/access.ts";
import type { AppContext } from "../../platform/context.ts";
import { todayInCopenhagen } from "../../platform/dates.ts";
import { pageContext, sendPage } from "../../platform/http/request-context.ts";
import { listAccounts } from "../../platform/staff.service.ts";
import { departmentCounts, findCurrentHomes } from "../masterdata/index.ts";
import { HomePage, type HomeView } from "./home.views.tsx";

/** One home page whose sections follow the roles the user holds. */
export function homeRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get("/home", { config: { permission: "home.view" } }, async (request, reply) => {
      const user = request.user!;
      const principal = request.principal!;
      const boardDepartments = user.grants
        .filter((g) => g.role === "board_member" || g.role === "board_chair")
        .map((g) => g.departmentId)
        .filter((id): id is string => id !== null);
      const [homes, board, staff, admin] = await Promise.all([
        can(principal, "resident.home") && user.personId
          ? findCurrentHomes(ctx.db, user.personId, todayInCopenhagen(ctx.clock))
          : null,
        can(principal, "board.home")
          ? departmentCounts(ctx.db, { organisationIds: null, departmentIds: boardDepartments })
          : null,
        can(principal, "staff.home") ? departmentCounts(ctx.db, staffScope(principal)) : null,
        can(principal, "staff.manage") ? adminSummary(ctx, principal) : null,
      ]);
      const view: HomeView = {
        name: user.name,
        roles: [...new Set(user.grants.map((g) => g.role))],
        homes: homes ?? (can(principal, "resident.home") ? [] : null),
        seeker: can(principal, "seeker.home"),
        board,
        staff,
        admin,
      };
      return sendPage(reply, HomePage({ ctx: pageContext(request, reply), view }));
    });
  };
}

function staffScope(principal: NonNullable<Parameters<typeof can>[0]>) {
  const orgs = organisationsWith(principal, "staff.home");
  const deptOnly = principal.grants
    .filter((g) => g.departmentId !== null)
    .map((g) => g.departmentId as string);
  // Caretakers scoped to departments see those; organisation-wide staff see their organisations.
  const orgWide = principal.grants.some((g) => g.departmentId === null);
  return orgWide ? { organisationIds: orgs } : { organisationIds: null, departmentIds: deptOnly };
}

async function adminSummary(ctx: AppContext, principal: NonNullable<Parameters<typeof can>[0]>) {
  const orgs = organisationsWith(principal, "audit.read");
  const since = new Date(ctx.clock.now().getTime() - 24 * 3600 * 1000).toISOString();
  let q = ctx.db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("at", ">=", since);
  if (orgs !== null) q = q.where("organisation_id", "in", orgs.length ? orgs : [""]);
  const [accounts, audit] = await Promise.all([
    listAccounts(ctx, principal, { page: 1, pageSize: 1 }),
    q.executeTakeFirstOrThrow(),
  ]);
  return { accounts: accounts.total, auditToday: Number(audit.n) };
}
