import { z } from "zod";
import { type Principal, requireAccess } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { isIsoDate, todayInCopenhagen } from "../../../platform/dates.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { democracySettingsFor } from "../settings.ts";
import { ensureBoard } from "./board.repository.ts";
import { electionKinds } from "./boards.table.ts";
import { type ElectionRow, electionById, nominationsOf } from "./elections.repository.ts";
import { accessScope, checkMeeting, reachableScope } from "./members.service.ts";
import { rankCandidates, termEnd } from "./rules.ts";
import { addTerm } from "./terms.ts";
import { parseProps } from "./validate.ts";

/** A number of seats: a whole number from 0 to `max` (its message says so). */
const seats = (max: 10 | 15) => {
  const error = `boards.errors.seats_${max}`;
  return z.number({ error }).int({ error }).min(0, { error }).max(max, { error });
};

/** Props of createElection: the meeting that holds it and what it elects. */
export const createElectionSchema = z.object({
  /** Required for a department board; the organisation board's elections give a date instead. */
  meetingId: z.string().min(1).max(64).optional(),
  electionDate: z.string().refine(isIsoDate, "errors.date_format").optional(),
  kind: z.enum(electionKinds).default("board"),
  /** Members to elect (a chair election elects one). */
  memberSeats: seats(15).default(2),
  alternateSeats: seats(10).default(2),
});
export type CreateElection = z.input<typeof createElectionSchema>;

export const resultSchema = z.object({
  votes: z
    .array(
      z.object({
        nominationId: z.string().min(1).max(64),
        votes: z.number().int().min(0).max(100_000),
        /** The lot among tied candidates: 1 first. Needed only where a tie decides a seat or rank. */
        lot: z.number().int().min(1).max(100).optional(),
      }),
    )
    .max(200),
});
export type ElectionResult = z.infer<typeof resultSchema>;

/** An election within the principal's reach for the permission, or 404. */
export async function reachableElection(
  ctx: AppContext,
  principal: Principal,
  permission: "meetings.manage" | "democracy.view" | "democracy.participate",
  electionId: string,
): Promise<ElectionRow> {
  const election = await electionById(ctx.db, electionId);
  if (!election) throw new NotFoundError();
  requireAccess(
    principal,
    permission,
    accessScope({ organisationId: election.organisation_id, departmentId: election.department_id }),
  );
  return election;
}

/** Command: staff set up an election at a meeting of the department (the chair then runs it there). */
export async function createElection(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  scopeId: string,
  input: CreateElection,
): Promise<string> {
  const p = parseProps(createElectionSchema, input);
  const scope = await reachableScope(ctx, principal, "boards.manage", scopeId);
  let electionDate: string;
  let meetingId: string | null = null;
  if (scope.departmentId) {
    if (!p.meetingId) throw new ValidationError({ meetingId: "boards.errors.meeting_unknown" });
    const meeting = await checkMeeting(ctx, scope, p.meetingId, "meetingId");
    electionDate = meeting.meeting_date;
    meetingId = meeting.id;
  } else {
    if (!p.electionDate) throw new ValidationError({ electionDate: "errors.date_format" });
    electionDate = p.electionDate;
  }
  const memberSeats = p.kind === "chair" ? 1 : p.memberSeats;
  const alternateSeats = p.kind === "chair" ? 0 : p.alternateSeats;
  if (memberSeats + alternateSeats === 0)
    throw new ValidationError({ memberSeats: "boards.errors.no_seats" });
  const now = ctx.clock.now().toISOString();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const boardId = await ensureBoard(trx, scope, now);
    const row = {
      id,
      board_id: boardId,
      meeting_id: meetingId,
      election_date: electionDate,
      kind: p.kind,
      member_seats: memberSeats,
      alternate_seats: alternateSeats,
      status: "open" as const,
      decided_at: null,
      decided_by: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("board_elections").values(row).execute();
    await audit(trx, ctx.clock, actor, {
      action: "board.election.create",
      entity: "board_elections",
      entityId: id,
      organisationId: scope.organisationId,
      after: { meetingId, electionDate, kind: p.kind, memberSeats, alternateSeats },
    });
  });
  return id;
}

/**
 * Command: the votes counted at the meeting. Candidates (the nominations the nominee agreed to)
 * are ranked by votes; the seats go to the first, the alternates follow in order, and a tie that
 * decides a seat or an alternate's rank needs the lot drawn at the meeting. Each elected person
 * gets a term from the meeting's date (its end from the settings), and a new member the board role
 * and their introduction programme, in the same transaction as the result.
 */
export async function recordResult(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  electionId: string,
  input: ElectionResult,
): Promise<void> {
  const p = parseProps(resultSchema, input);
  const e = await reachableElection(ctx, principal, "meetings.manage", electionId);
  if (e.status !== "open") throw new ConflictError("boards.errors.election_decided");
  const today = todayInCopenhagen(ctx.clock);
  if (today < e.election_date) throw new ValidationError({ _form: "boards.errors.before_meeting" });
  const candidates = (await nominationsOf(ctx.db, e.id)).filter((n) => n.status === "accepted");
  if (candidates.length === 0) throw new ValidationError({ _form: "boards.errors.no_candidates" });
  const given = new Map(p.votes.map((v) => [v.nominationId, v]));
  const missing = candidates.filter((c) => !given.has(c.id));
  if (missing.length) {
    throw new ValidationError({ _form: "boards.errors.votes_missing" }, "errors.validation", {
      names: missing.map((c) => c.name).join(", "),
    });
  }
  const ranking = rankCandidates(
    candidates.map((c) => ({ id: c.id, votes: given.get(c.id)!.votes, lot: given.get(c.id)!.lot ?? null })),
    e.member_seats,
    e.alternate_seats,
    e.kind === "chair" ? "chair" : "member",
  );
  if (!ranking.ok) {
    const name = new Map(candidates.map((c) => [c.id, c.name]));
    throw new ValidationError({ _form: "boards.errors.tie_needs_lot" }, "errors.validation", {
      names: ranking.ties.map((g) => g.map((id) => name.get(id)).join(" / ")).join("; "),
    });
  }
  const settings = await democracySettingsFor(ctx.db, e.organisation_id);
  const scope = { organisationId: e.organisation_id, departmentId: e.department_id };
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const taken = await trx
      .updateTable("board_elections")
      .set({ status: "decided", decided_at: now, decided_by: actor.userId, updated_at: now })
      .where("id", "=", e.id)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) throw new ConflictError("boards.errors.election_decided");
    const person = new Map(candidates.map((c) => [c.id, c.person_id]));
    for (const r of ranking.ranked) {
      await trx
        .updateTable("board_nominations")
        .set({
          votes: r.votes,
          lot_rank: given.get(r.id)!.lot ?? null,
          outcome: r.outcome,
          alternate_rank: r.alternateRank,
          updated_at: now,
        })
        .where("id", "=", r.id)
        .execute();
      if (r.outcome === "not_elected") continue;
      await addTerm(
        trx,
        ctx,
        actor,
        {
          boardId: e.board_id,
          scope,
          personId: person.get(r.id)!,
          role: r.outcome,
          alternateRank: r.alternateRank,
          startDate: e.election_date,
          endDate: termEnd(r.outcome, e.election_date, settings),
          meetingId: e.meeting_id,
          electionId: e.id,
          hasContactConsent: false,
        },
        today,
      );
    }
    await audit(trx, ctx.clock, actor, {
      action: "board.election.decide",
      entity: "board_elections",
      entityId: e.id,
      organisationId: e.organisation_id,
      after: {
        ranked: ranking.ranked.map((r) => ({
          nominationId: r.id,
          votes: r.votes,
          outcome: r.outcome,
          alternateRank: r.alternateRank,
        })),
      },
    });
  });
}
