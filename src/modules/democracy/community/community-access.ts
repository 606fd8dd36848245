import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { escapeLike } from "../../../db/dialect.ts";
import { can, type Permission, type Principal, reachOf } from "../../../platform/access.ts";
import type { Executor } from "../../../platform/audit.ts";
import { NotFoundError } from "../../../platform/errors.ts";

type Db = Kysely<Database> | Executor;

/**
 * The organisations a permission reaches, null meaning all of them. A department grant reaches
 * the department's organisation: a resident reads the courses, guides and ideas of their own
 * housing organisation, across its departments.
 */
export async function organisationsReached(
  db: Db,
  principal: Principal,
  permission: Permission,
): Promise<string[] | null> {
  const reach = reachOf(principal, permission);
  if (reach.all) return null;
  const viaDepartments = reach.departmentIds.length
    ? await db
        .selectFrom("departments")
        .select("organisation_id")
        .where("id", "in", reach.departmentIds)
        .execute()
    : [];
  return [...new Set([...reach.organisationIds, ...viaDepartments.map((d) => d.organisation_id)])];
}

/** A record of this organisation is readable by the principal (community.contribute), else 404. */
export async function requireOrganisation(
  db: Db,
  principal: Principal,
  organisationId: string,
  permission: Permission = "community.contribute",
): Promise<void> {
  const orgs = await organisationsReached(db, principal, permission);
  if (orgs !== null && !orgs.includes(organisationId)) throw new NotFoundError();
}

export const isCurator = (principal: Principal, organisationId: string): boolean =>
  can(principal, "community.curate", { organisationId });

/** Staff (any staff role) whose grant covers the organisation or the department. */
export const isStaffFor = (principal: Principal, organisationId: string, departmentId: string | null) =>
  can(principal, "staff.home", { organisationId, ...(departmentId ? { departmentId } : {}) });

/**
 * Where the principal chairs a board (a board_chair grant, with board.work): department boards by
 * department, the organisation board by organisation.
 */
export function chairedBoards(principal: Principal): { departmentIds: string[]; organisationIds: string[] } {
  if (!can(principal, "board.work")) return { departmentIds: [], organisationIds: [] };
  const chairs = principal.grants.filter((g) => g.role === "board_chair");
  return {
    departmentIds: [...new Set(chairs.filter((g) => g.departmentId).map((g) => g.departmentId as string))],
    organisationIds: [
      ...new Set(
        chairs.filter((g) => !g.departmentId && g.organisationId).map((g) => g.organisationId as string),
      ),
    ],
  };
}

export interface Placement {
  organisationId: string;
  departmentId: string | null;
}

export interface PlacementChoice {
  /** `dept:<id>` or `org:<id>` (organisation-wide). */
  value: string;
  label: string;
  placement: Placement;
}

/**
 * Where the principal may place what they write: their own departments, and for organisation-wide
 * grants every department of the organisation and the organisation as a whole.
 */
export async function placementChoices(
  db: Db,
  principal: Principal,
  permission: Permission,
  wholeOrganisationLabel: (name: string) => string,
): Promise<PlacementChoice[]> {
  const reach = reachOf(principal, permission);
  let orgQuery = db.selectFrom("organisations").select(["id", "name"]).orderBy("number");
  if (!reach.all)
    orgQuery = orgQuery.where("id", "in", reach.organisationIds.length ? reach.organisationIds : [""]);
  const orgs = await orgQuery.execute();
  let deptQuery = db
    .selectFrom("departments")
    .select(["id", "organisation_id", "number", "name"])
    .orderBy("number");
  if (!reach.all) {
    deptQuery = deptQuery.where((eb) =>
      eb.or([
        eb("organisation_id", "in", orgs.length ? orgs.map((o) => o.id) : [""]),
        eb("id", "in", reach.departmentIds.length ? reach.departmentIds : [""]),
      ]),
    );
  }
  const departments = await deptQuery.execute();
  return [
    ...orgs.map((o) => ({
      value: `org:${o.id}`,
      label: wholeOrganisationLabel(o.name),
      placement: { organisationId: o.id, departmentId: null },
    })),
    ...departments.map((d) => ({
      value: `dept:${d.id}`,
      label: `${d.number} ${d.name}`,
      placement: { organisationId: d.organisation_id, departmentId: d.id },
    })),
  ];
}

/** The placement a form or API call named, if it is one of the principal's choices. */
export function choosePlacement(choices: PlacementChoice[], value: string): Placement | null {
  return choices.find((c) => c.value === value)?.placement ?? null;
}

/** The value of a placement in a form: the department if there is one, else the organisation. */
export const placementValue = (p: Placement): string =>
  p.departmentId ? `dept:${p.departmentId}` : `org:${p.organisationId}`;

/** SQL LIKE pattern for "contains", with % and _ (and the escape character) taken literally. */
export const containsPattern = (term: string): string => `%${escapeLike(term.toLocaleLowerCase("da"))}%`;

/** What searches look in: the texts lower-cased the same way as the search term. */
export const searchText = (...parts: (string | null | undefined)[]): string =>
  parts.filter(Boolean).join("\n").toLocaleLowerCase("da");
