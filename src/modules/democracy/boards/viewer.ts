import type { FastifyRequest } from "fastify";
import { reaches, reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { departmentsInReach } from "./board.repository.ts";

export interface ViewerDepartments {
  /** The departments the viewer may choose between. */
  departments: { id: string; name: string; organisationId: string }[];
  /** The one shown: `?department=`, else the viewer's first; none for staff who have not chosen. */
  current: { id: string; name: string; organisationId: string } | null;
}

/**
 * Which department's democracy pages a viewer sees: a resident's own department(s) by their
 * department grants; staff (whose grants reach whole organisations) choose one. A department out
 * of reach is not there.
 */
export async function viewerDepartments(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<ViewerDepartments> {
  const reach = reachOf(request.principal!, "democracy.view");
  const own = reach.departmentIds.length
    ? await ctx.db
        .selectFrom("departments")
        .select(["id", "number", "name", "organisation_id"])
        .where("id", "in", reach.departmentIds)
        .orderBy("number")
        .execute()
    : [];
  const listed =
    own.length || (!reach.all && reach.organisationIds.length === 0)
      ? own
      : (await departmentsInReach(ctx.db, reach, 1, 500)).rows;
  const departments = listed.map((d) => ({
    id: d.id,
    name: `${d.number} ${d.name}`,
    organisationId: d.organisation_id,
  }));
  const wanted = (request.query as { department?: unknown }).department;
  if (typeof wanted !== "string" || wanted === "") {
    return { departments, current: own.length ? departments[0]! : null };
  }
  const found = departments.find((d) => d.id === wanted);
  if (found) return { departments, current: found };
  const dept = await ctx.db
    .selectFrom("departments")
    .select(["id", "number", "name", "organisation_id"])
    .where("id", "=", wanted)
    .executeTakeFirst();
  if (!dept || !reaches(reach, dept.organisation_id, dept.id)) throw new NotFoundError();
  return {
    departments,
    current: { id: dept.id, name: `${dept.number} ${dept.name}`, organisationId: dept.organisation_id },
  };
}
