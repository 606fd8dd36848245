import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { boardRoles } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import type { Clock } from "../../../platform/clock.ts";
import { newId } from "../../../platform/ids.ts";
import { sitsOn } from "./rules.ts";

export interface BoardScope {
  organisationId: string;
  /** Null for the organisation board. */
  departmentId: string | null;
}

type BoardGrantRole = (typeof boardRoles)[number];

/** A department board's roles are scoped to the department; the organisation board's to the organisation. */
const grantScope = (s: BoardScope) =>
  s.departmentId
    ? { organisation_id: null, department_id: s.departmentId }
    : { organisation_id: s.organisationId, department_id: null };

/**
 * Brings the person's logins to the board role their terms give them on `today`: board_chair for a
 * sitting chair, board_member for a sitting member, none otherwise (alternates sit only when they
 * step in). The board roles of a board's scope follow its terms alone: a grant of the same role
 * and scope made by hand is taken over, and removed when no term supports it. One grant per
 * login, whatever the number of terms (a re-elected member keeps theirs). Runs inside the
 * caller's transaction; every grant and removal is audited there.
 */
export async function syncBoardGrants(
  trx: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  scope: BoardScope,
  personId: string,
  today: string,
): Promise<BoardGrantRole | null> {
  let board = trx
    .selectFrom("board_members as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["m.role", "m.start_date", "m.end_date", "m.resigned_on"])
    .where("m.person_id", "=", personId)
    .where("b.organisation_id", "=", scope.organisationId);
  board = scope.departmentId
    ? board.where("b.department_id", "=", scope.departmentId)
    : board.where("b.department_id", "is", null);
  const terms = (await board.execute()).filter((t) => sitsOn(t, today));
  const wanted: BoardGrantRole | null = terms.some((t) => t.role === "chair")
    ? "board_chair"
    : terms.some((t) => t.role === "member")
      ? "board_member"
      : null;

  const users = await trx.selectFrom("users").select("id").where("person_id", "=", personId).execute();
  if (users.length === 0) return wanted;
  const where = grantScope(scope);
  let held = trx
    .selectFrom("user_roles")
    .select(["id", "user_id", "role"])
    .where(
      "user_id",
      "in",
      users.map((u) => u.id),
    )
    .where("role", "in", [...boardRoles]);
  held =
    where.department_id !== null
      ? held.where("department_id", "=", where.department_id)
      : held.where("organisation_id", "=", where.organisation_id).where("department_id", "is", null);
  const grants = await held.execute();
  const now = clock.now().toISOString();
  for (const user of users) {
    const mine = grants.filter((g) => g.user_id === user.id);
    const keep = mine.find((g) => g.role === wanted);
    for (const g of mine) {
      if (g === keep) continue;
      await trx.deleteFrom("user_roles").where("id", "=", g.id).execute();
      await audit(trx, clock, actor, {
        action: "role.revoke",
        entity: "users",
        entityId: user.id,
        organisationId: scope.organisationId,
        before: { role: g.role, ...where, reason: "board_term" },
      });
    }
    if (wanted && !keep) {
      await trx
        .insertInto("user_roles")
        .values({ id: newId(), user_id: user.id, role: wanted, ...where, created_at: now })
        .execute();
      await audit(trx, clock, actor, {
        action: "role.grant",
        entity: "users",
        entityId: user.id,
        organisationId: scope.organisationId,
        after: { role: wanted, ...where, reason: "board_term" },
      });
    }
  }
  return wanted;
}
