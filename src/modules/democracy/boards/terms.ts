import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { newId } from "../../../platform/ids.ts";
import { startOnboarding } from "../community/index.ts";
import type { BoardRole, GrantState } from "./boards.table.ts";
import { type BoardScope, syncBoardGrants } from "./grants.ts";
import { sitsOn } from "./rules.ts";

/** Props of addTerm: one person's term on a board, from an election or recorded by staff. */
export interface TermProps {
  boardId: string;
  scope: BoardScope;
  personId: string;
  role: BoardRole;
  alternateRank: number | null;
  startDate: string;
  endDate: string;
  meetingId: string | null;
  electionId: string | null;
  hasContactConsent: boolean;
}

/** The grant state a term is in on `today`. */
export const stateOn = (
  t: { start_date: string; end_date: string; resigned_on: string | null },
  today: string,
): GrantState => (sitsOn(t, today) ? "active" : t.start_date > today ? "pending" : "ended");

/**
 * Command (inside the caller's transaction): a term on the board. When the person already sits on
 * the board on the start date, this is a re-election (or an alternate stepping in): the earlier
 * term ends the day the new one starts, the contact consent carries over, and the login keeps its
 * one grant. A chair or member who did not sit as one before is a new member: they get the
 * organisation's introduction programme as a checklist (community's startOnboarding). The login's
 * board role follows at once when the term has started.
 */
export async function addTerm(
  trx: Kysely<Database>,
  ctx: AppContext,
  actor: Actor,
  p: TermProps,
  today: string,
): Promise<{ id: string; isNew: boolean }> {
  const now = ctx.clock.now().toISOString();
  const earlier = await trx
    .selectFrom("board_members")
    .select(["id", "role", "start_date", "end_date", "resigned_on", "has_contact_consent"])
    .where("board_id", "=", p.boardId)
    .where("person_id", "=", p.personId)
    .execute();
  const previous = earlier.find((t) => sitsOn(t, p.startDate));
  if (previous) {
    const cut = { ...previous, end_date: p.startDate };
    await trx
      .updateTable("board_members")
      .set({ end_date: p.startDate, grant_state: stateOn(cut, today), updated_at: now })
      .where("id", "=", previous.id)
      .execute();
  }
  const id = newId();
  const row = {
    id,
    board_id: p.boardId,
    person_id: p.personId,
    role: p.role,
    alternate_rank: p.role === "alternate" ? p.alternateRank : null,
    meeting_id: p.meetingId,
    election_id: p.electionId,
    previous_id: previous?.id ?? null,
    start_date: p.startDate,
    end_date: p.endDate,
    resigned_on: null,
    resignation_reason: null,
    has_contact_consent: previous?.has_contact_consent || p.hasContactConsent,
    grant_state: stateOn({ start_date: p.startDate, end_date: p.endDate, resigned_on: null }, today),
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto("board_members").values(row).execute();
  await audit(trx, ctx.clock, actor, {
    action: previous ? "board.member.reelect" : "board.member.add",
    entity: "board_members",
    entityId: id,
    organisationId: p.scope.organisationId,
    after: {
      personId: p.personId,
      role: p.role,
      alternateRank: row.alternate_rank,
      startDate: p.startDate,
      endDate: p.endDate,
      meetingId: p.meetingId,
      electionId: p.electionId,
      previousId: row.previous_id,
    },
  });
  await syncBoardGrants(trx, ctx.clock, actor, p.scope, p.personId, today);
  const isNew = p.role !== "alternate" && (!previous || previous.role === "alternate");
  if (isNew) {
    await startOnboarding(
      trx,
      {
        personId: p.personId,
        organisationId: p.scope.organisationId,
        departmentId: p.scope.departmentId,
        electedOn: p.startDate,
      },
      ctx.clock,
    );
  }
  return { id, isNew };
}
