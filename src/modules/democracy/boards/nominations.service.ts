import { z } from "zod";
import type { Principal } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { householdOf, residentByHomeAndName } from "./board.repository.ts";
import type { NominationStatus, NominationVia } from "./boards.table.ts";
import { type ElectionRow, electionById, nominationById } from "./elections.repository.ts";
import { reachableElection } from "./elections.service.ts";
import { checkEligible } from "./members.service.ts";
import { parseProps } from "./validate.ts";

/** A resident nominates themselves, or a neighbour named with their home (no list of names is shown). */
export const nominateSchema = z.union([
  z.object({ self: z.literal(true) }),
  z.object({
    self: z.literal(false).optional(),
    unitId: z.string().min(1, "boards.errors.home_required").max(64),
    name: z.string().trim().min(1, "boards.errors.name_required").max(200),
  }),
]);
export type Nominate = z.input<typeof nominateSchema>;

export const meetingNominationSchema = z.object({
  personId: z.string().min(1).max(64),
  /** The candidate said yes at the meeting. */
  consent: z.literal(true, { error: "boards.errors.consent_required" }),
});
export type MeetingNomination = z.input<typeof meetingNominationSchema>;

async function insertNomination(
  ctx: AppContext,
  actor: Actor,
  e: ElectionRow,
  row: { personId: string; byPersonId: string | null; via: NominationVia; status: NominationStatus },
): Promise<string> {
  const now = ctx.clock.now().toISOString();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("board_nominations")
      .select(["id", "status"])
      .where("election_id", "=", e.id)
      .where("person_id", "=", row.personId)
      .executeTakeFirst();
    if (existing) throw new ValidationError({ _form: "boards.errors.already_nominated" });
    await trx
      .insertInto("board_nominations")
      .values({
        id,
        election_id: e.id,
        person_id: row.personId,
        nominated_by_person_id: row.byPersonId,
        nominated_by_user_id: actor.userId,
        via: row.via,
        status: row.status,
        votes: null,
        lot_rank: null,
        outcome: null,
        alternate_rank: null,
        consented_at: row.status === "accepted" ? now : null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "board.nomination.create",
      entity: "board_nominations",
      entityId: id,
      organisationId: e.organisation_id,
      after: { electionId: e.id, personId: row.personId, via: row.via, status: row.status },
    });
  });
  return id;
}

/**
 * Command: a resident of the department nominates online, until the meeting starts. Nominating
 * oneself is consent; a neighbour's nomination waits for the neighbour's yes. Anyone who does not
 * live in the department (or may not take part there) is told the election is not there.
 */
export async function nominateOnline(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  personId: string | null,
  electionId: string,
  input: Nominate,
): Promise<{ id: string; status: NominationStatus }> {
  const p = parseProps(nominateSchema, input);
  const e = await reachableElection(ctx, principal, "democracy.participate", electionId);
  const today = todayInCopenhagen(ctx.clock);
  if (!personId || !e.department_id || !(await householdOf(ctx.db, personId, e.department_id, today))) {
    throw new NotFoundError();
  }
  const closed =
    e.status !== "open" || (e.meetingStartsAt && e.meetingStartsAt <= ctx.clock.now().toISOString());
  if (closed) throw new ValidationError({ _form: "boards.errors.nominations_closed" });
  let nominee = personId;
  if (!("self" in p && p.self === true)) {
    const found = await residentByHomeAndName(ctx.db, e.department_id, p.unitId, p.name, today);
    if (!found) throw new ValidationError({ name: "boards.errors.nominee_not_found" });
    nominee = found;
  }
  const status: NominationStatus = nominee === personId ? "accepted" : "pending_consent";
  const id = await insertNomination(ctx, actor, e, {
    personId: nominee,
    byPersonId: personId,
    via: "online",
    status,
  });
  return { id, status };
}

/** Command: the nominee says yes (becomes a candidate) or no, while the election is open. */
export async function answerNomination(
  ctx: AppContext,
  actor: Actor,
  personId: string | null,
  nominationId: string,
  accept: boolean,
): Promise<NominationStatus> {
  const n = await nominationById(ctx.db, nominationId);
  if (!n || !personId || n.person_id !== personId) throw new NotFoundError();
  const e = await electionById(ctx.db, n.election_id);
  if (e?.status !== "open") throw new ConflictError("boards.errors.election_decided");
  if (n.status !== "pending_consent") throw new ConflictError("boards.errors.already_answered");
  const status: NominationStatus = accept ? "accepted" : "declined";
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("board_nominations")
      .set({ status, consented_at: accept ? now : null, updated_at: now })
      .where("id", "=", n.id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "board.nomination.answer",
      entity: "board_nominations",
      entityId: n.id,
      organisationId: e.organisation_id,
      before: { status: n.status },
      after: { status },
    });
  });
  return status;
}

/**
 * Command: the chair or staff add a candidate at the meeting, who has said yes there. A nomination
 * already made online that waited for consent becomes a candidacy.
 */
export async function addMeetingNomination(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  electionId: string,
  input: MeetingNomination,
): Promise<string> {
  const p = parseProps(meetingNominationSchema, input);
  const e = await reachableElection(ctx, principal, "meetings.manage", electionId);
  if (e.status !== "open") throw new ConflictError("boards.errors.election_decided");
  const scope = { organisationId: e.organisation_id, departmentId: e.department_id };
  await checkEligible(ctx, scope, p.personId, e.election_date, "personId");
  const existing = await ctx.db
    .selectFrom("board_nominations")
    .select(["id", "status"])
    .where("election_id", "=", e.id)
    .where("person_id", "=", p.personId)
    .executeTakeFirst();
  if (!existing) {
    return insertNomination(ctx, actor, e, {
      personId: p.personId,
      byPersonId: null,
      via: "meeting",
      status: "accepted",
    });
  }
  if (existing.status === "accepted") throw new ValidationError({ _form: "boards.errors.already_nominated" });
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("board_nominations")
      .set({ status: "accepted", consented_at: now, updated_at: now })
      .where("id", "=", existing.id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "board.nomination.answer",
      entity: "board_nominations",
      entityId: existing.id,
      organisationId: e.organisation_id,
      before: { status: existing.status },
      after: { status: "accepted", via: "meeting" },
    });
  });
  return existing.id;
}
