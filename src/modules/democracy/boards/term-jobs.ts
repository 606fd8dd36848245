import { boardRoles } from "../../../platform/access.ts";
import { type Actor, systemActor } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { syncBoardGrants } from "./grants.ts";
import { stateOn } from "./terms.ts";

/**
 * The board term job: terms that started or ended by date (a planned term end, a resignation
 * dated ahead) bring the login's board role in line, and a sitting member whose login was made
 * after the election gets the role. It reads only what is stored, so running it every hour (and on
 * several instances) does each change once: each term moves state with a guarded update, and
 * only the instance whose update took the row changes the grants.
 */
export async function runBoardTermJobs(
  ctx: AppContext,
  today: string,
  actor: Actor = systemActor,
): Promise<{ changed: number }> {
  const due = await ctx.db
    .selectFrom("board_members as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select([
      "m.id",
      "m.person_id",
      "m.grant_state",
      "m.start_date",
      "m.end_date",
      "m.resigned_on",
      "b.organisation_id",
      "b.department_id",
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb("m.grant_state", "=", "pending"), eb("m.start_date", "<=", today)]),
        eb.and([
          eb("m.grant_state", "<>", "ended"),
          eb.or([eb("m.end_date", "<=", today), eb("m.resigned_on", "<=", today)]),
        ]),
      ]),
    )
    .orderBy("m.start_date")
    .execute();
  let changed = 0;
  for (const term of due) {
    const next = stateOn(term, today);
    await ctx.db.transaction().execute(async (trx) => {
      const taken = await trx
        .updateTable("board_members")
        .set({ grant_state: next, updated_at: ctx.clock.now().toISOString() })
        .where("id", "=", term.id)
        .where("grant_state", "=", term.grant_state)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) return;
      changed++;
      const scope = { organisationId: term.organisation_id, departmentId: term.department_id };
      await syncBoardGrants(trx, ctx.clock, actor, scope, term.person_id, today);
    });
  }
  changed += await grantLateLogins(ctx, today, actor);
  return { changed };
}

/** Sitting chairs and members with a login that holds no board role for the board's scope. */
async function grantLateLogins(ctx: AppContext, today: string, actor: Actor): Promise<number> {
  const missing = await ctx.db
    .selectFrom("board_members as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .innerJoin("users as u", "u.person_id", "m.person_id")
    .select(["m.person_id", "b.organisation_id", "b.department_id"])
    .distinct()
    .where("m.grant_state", "=", "active")
    .where("m.role", "in", ["chair", "member"])
    .where(({ not, exists, selectFrom, eb }) =>
      not(
        exists(
          selectFrom("user_roles as r")
            .select("r.id")
            .whereRef("r.user_id", "=", "u.id")
            .where("r.role", "in", [...boardRoles])
            .where((w) =>
              w.or([
                w.and([
                  w("b.department_id", "is not", null),
                  w("r.department_id", "=", eb.ref("b.department_id")),
                ]),
                w.and([
                  w("b.department_id", "is", null),
                  w("r.department_id", "is", null),
                  w("r.organisation_id", "=", eb.ref("b.organisation_id")),
                ]),
              ]),
            ),
        ),
      ),
    )
    .execute();
  for (const m of missing) {
    await ctx.db
      .transaction()
      .execute((trx) =>
        syncBoardGrants(
          trx,
          ctx.clock,
          actor,
          { organisationId: m.organisation_id, departmentId: m.department_id },
          m.person_id,
          today,
        ),
      );
  }
  return missing.length;
}
