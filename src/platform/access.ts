import { NotFoundError } from "./errors.ts";

/** Roles a person can hold; each grant is scoped to an organisation or a department (or global). */
export const roles = [
  "housing_seeker",
  "resident",
  "board_member",
  "board_chair",
  "caretaker",
  "operations_manager",
  "letting_officer",
  "org_admin",
  "system_admin",
] as const;
export type Role = (typeof roles)[number];
export const isRole = (value: unknown): value is Role => roles.includes(value as Role);

/** Staff log in with a second factor and get the shorter absolute session lifetime. */
export const staffRoles: ReadonlySet<Role> = new Set([
  "caretaker",
  "operations_manager",
  "letting_officer",
  "org_admin",
  "system_admin",
]);

export interface RoleGrant {
  role: Role;
  organisationId: string | null;
  departmentId: string | null;
}

const everyone = roles;
const staff = [...staffRoles];

/**
 * THE permission table: permission → roles that hold it. Default deny: a route must name one of
 * these (or "public"), and a role not listed does not have it. Scopes are checked with `can`.
 */
export const permissionTable = {
  "account.self": everyone,
  "home.view": everyone,
  "tokens.manage": everyone,
  "resident.home": ["resident", "board_member", "board_chair"],
  "seeker.home": ["housing_seeker"],
  "board.home": ["board_member", "board_chair"],
  "staff.home": staff,
  "audit.read": ["org_admin", "system_admin"],
  "staff.manage": ["org_admin", "system_admin"],
  "masterdata.read": staff,
  "masterdata.write": ["operations_manager", "letting_officer", "org_admin", "system_admin"],
  "masterdata.import": ["letting_officer", "org_admin", "system_admin"],
  "cpr.read": ["letting_officer", "org_admin", "system_admin"],
  "inbox.read": everyone,
  "letters.read": staff,
  "letters.send": staff,
  "letters.print": ["operations_manager", "letting_officer", "org_admin", "system_admin"],
  "letters.templates": ["org_admin", "system_admin"],
  "letting.apply": everyone,
  "letting.read": ["operations_manager", "letting_officer", "org_admin", "system_admin"],
  "letting.manage": ["letting_officer", "org_admin", "system_admin"],
  "letting.settings": ["org_admin", "system_admin"],
  // Resident democracy: department-scoped grants decide which department a person takes part in.
  "democracy.view": [...staff, "resident", "board_member", "board_chair"],
  "democracy.participate": ["resident", "board_member", "board_chair"],
  "board.work": ["board_member", "board_chair"],
  "meetings.manage": ["board_chair", "operations_manager", "org_admin", "system_admin"],
  "boards.manage": ["operations_manager", "org_admin", "system_admin"],
  "votes.manage": ["operations_manager", "org_admin", "system_admin"],
  "community.contribute": everyone,
  "community.curate": ["org_admin", "system_admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionTable;
/** What a route declares: a permission, or "public" for pages anyone may see. */
export type RouteAccess = Permission | "public";

export const permissions = Object.keys(permissionTable) as Permission[];
export const isPermission = (value: unknown): value is Permission =>
  typeof value === "string" && Object.hasOwn(permissionTable, value);

export interface Scope {
  organisationId?: string;
  departmentId?: string;
}

export interface Principal {
  userId: string;
  grants: RoleGrant[];
  /** API tokens carry scopes: the permissions the token may use (a subset of the user's). */
  tokenScopes?: readonly Permission[];
}

/** The roles board membership gives: for a department board, or for the organisation board. */
export const boardRoles = ["board_member", "board_chair"] as const satisfies readonly Role[];

/**
 * Whether a grant for a whole organisation also reaches into each of its departments. A board role
 * does not: the organisation board's members act for the organisation board, while a department's
 * board, meetings, proposals and votes belong to that department's own board and residents.
 */
const reachesDepartments = (grant: RoleGrant): boolean =>
  !(boardRoles as readonly Role[]).includes(grant.role);

function grantCovers(grant: RoleGrant, scope: Scope | undefined): boolean {
  if (!scope) return true;
  if (grant.organisationId === null && grant.departmentId === null) return true; // global grant
  if (grant.departmentId !== null) return scope.departmentId === grant.departmentId;
  if (scope.departmentId !== undefined && !reachesDepartments(grant)) return false;
  return scope.organisationId === grant.organisationId;
}

/** Whether the principal holds the permission (within the scope, when one is given). */
export function can(principal: Principal | null, permission: Permission, scope?: Scope): boolean {
  if (!principal) return false;
  if (principal.tokenScopes && !principal.tokenScopes.includes(permission)) return false;
  const allowed: readonly Role[] = permissionTable[permission];
  return principal.grants.some((g) => allowed.includes(g.role) && grantCovers(g, scope));
}

/** The one access check before work on a resource: not allowed looks exactly like not there. */
export function requireAccess(principal: Principal | null, permission: Permission, scope?: Scope): void {
  if (!can(principal, permission, scope)) throw new NotFoundError();
}

/** Organisations in which the principal holds the permission (null = all of them). */
export function organisationsWith(principal: Principal, permission: Permission): string[] | null {
  const allowed: readonly Role[] = permissionTable[permission];
  const grants = principal.grants.filter((g) => allowed.includes(g.role));
  if (grants.some((g) => g.organisationId === null && g.departmentId === null)) return null;
  return [...new Set(grants.map((g) => g.organisationId).filter((id): id is string => id !== null))];
}

export const isStaff = (grants: RoleGrant[]): boolean => grants.some((g) => staffRoles.has(g.role));

/** Where a permission reaches: everywhere, or these organisations and these departments. */
export interface Reach {
  all: boolean;
  organisationIds: string[];
  departmentIds: string[];
}

export function reachOf(principal: Principal, permission: Permission): Reach {
  if (principal.tokenScopes && !principal.tokenScopes.includes(permission)) {
    return { all: false, organisationIds: [], departmentIds: [] };
  }
  const allowed: readonly Role[] = permissionTable[permission];
  const grants = principal.grants.filter((g) => allowed.includes(g.role));
  return {
    all: grants.some((g) => g.organisationId === null && g.departmentId === null),
    // Whole organisations: every row of them, whatever its department (so no board role).
    organisationIds: [
      ...new Set(
        grants
          .filter((g) => g.departmentId === null && g.organisationId && reachesDepartments(g))
          .map((g) => g.organisationId as string),
      ),
    ],
    departmentIds: [...new Set(grants.filter((g) => g.departmentId).map((g) => g.departmentId as string))],
  };
}

/** Whether a record of this organisation (and department, if it has one) is within reach. */
export function reaches(reach: Reach, organisationId: string, departmentId?: string | null): boolean {
  return (
    reach.all ||
    reach.organisationIds.includes(organisationId) ||
    (!!departmentId && reach.departmentIds.includes(departmentId))
  );
}
