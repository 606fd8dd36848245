import type { Transaction } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { can, type Principal, type Reach, reachOf, requireAccess } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { requireBallotAllowed } from "./ballot-rule.ts";
import { advanceVote, currentVote } from "./lifecycle.service.ts";
import { type VoteRow, votesWithin } from "./votes.repository.ts";
import { type VoteKind, type VoteStatus, voteKinds } from "./votes.table.ts";

/** A vote to hold: a ballot (urafstemning) or a digital vote alongside a meeting. */
export interface NewVote {
  departmentId: string;
  /** E.g. the proposal's title. */
  title: string;
  /** The text voted on; the options are always yes, no and blank. */
  question: string;
  kind: VoteKind;
  /** ISO instant. */
  opensAt: string;
  /** ISO instant, after opensAt and in the future. */
  closesAt: string;
  meetingId?: string;
  agendaItemId?: string;
}

const instant = (value: string): string | null => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** Field errors (i18n keys) of a new vote, or the vote with its instants in ISO UTC form. */
function checkNewVote(input: NewVote, now: string): NewVote {
  const errors: Record<string, string> = {};
  const title = input.title?.trim() ?? "";
  const question = input.question?.trim() ?? "";
  if (!title || title.length > 200) errors.title = "votes.errors.title";
  if (!question || question.length > 4000) errors.question = "votes.errors.question";
  if (!voteKinds.includes(input.kind)) errors.kind = "votes.errors.kind";
  const opensAt = instant(input.opensAt ?? "");
  const closesAt = instant(input.closesAt ?? "");
  if (!opensAt) errors.opensAt = "votes.errors.instant";
  if (!closesAt) errors.closesAt = "votes.errors.instant";
  else if (closesAt <= now) errors.closesAt = "votes.errors.closes_in_past";
  else if (opensAt && closesAt <= opensAt) errors.closesAt = "votes.errors.closes_before_opens";
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { ...input, title, question, opensAt: opensAt!, closesAt: closesAt! };
}

/**
 * Command: a new vote in a department, planned until it opens (then its roll is frozen). Used by
 * meetings for a digital vote or a ballot the meeting decided, inside their transaction when
 * given, and by staff by hand. The caller checks access; this checks the vote itself, and refuses a
 * ballot on a proposal balloted since the last ordinary meeting (ballot-rule.ts). Audited.
 */
export async function createVote(
  ctx: AppContext,
  actor: Actor,
  input: NewVote,
  trx?: Transaction<Database>,
): Promise<{ id: string }> {
  const now = nowIso(ctx.clock);
  const vote = checkNewVote(input, now);
  const run = async (db: Transaction<Database>) => {
    const department = await db
      .selectFrom("departments")
      .select(["id", "organisation_id"])
      .where("id", "=", vote.departmentId)
      .executeTakeFirst();
    if (!department) throw new ValidationError({ departmentId: "votes.errors.department" });
    if (vote.meetingId) {
      const meeting = await db
        .selectFrom("meetings")
        .select("department_id")
        .where("id", "=", vote.meetingId)
        .executeTakeFirst();
      if (meeting?.department_id !== department.id) {
        throw new ValidationError({ meetingId: "votes.errors.meeting" });
      }
    }
    if (vote.kind === "ballot")
      await requireBallotAllowed(db, {
        departmentId: department.id,
        title: vote.title,
        meetingId: vote.meetingId,
      });
    const row = {
      id: newId(),
      organisation_id: department.organisation_id,
      department_id: department.id,
      meeting_id: vote.meetingId ?? null,
      agenda_item_id: vote.agendaItemId ?? null,
      kind: vote.kind,
      title: vote.title,
      question: vote.question,
      opens_at: vote.opensAt,
      closes_at: vote.closesAt,
      status: "planned" as const,
      is_sole_adult_casting_both: null,
      roll_hash: null,
      roll_households: null,
      roll_people: null,
      roll_ballots: null,
      opened_at: null,
      opened_by: null,
      closed_at: null,
      closed_by: null,
      results_json: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await db.insertInto("votes").values(row).execute();
    await audit(db, ctx.clock, actor, {
      action: "votes.create",
      entity: "votes",
      entityId: row.id,
      organisationId: row.organisation_id,
      after: row,
    });
    return { id: row.id };
  };
  return trx ? run(trx) : ctx.db.transaction().execute(run);
}

/** Staff create a vote by hand in a department within their votes.manage reach. */
export async function createVoteAsStaff(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  input: NewVote,
): Promise<{ id: string }> {
  const department = await ctx.db
    .selectFrom("departments")
    .select(["id", "organisation_id"])
    .where("id", "=", input.departmentId ?? "")
    .executeTakeFirst();
  requireAccess(principal, "votes.manage", {
    organisationId: department?.organisation_id ?? "",
    departmentId: department?.id ?? "",
  });
  return createVote(ctx, actor, input);
}

const scopeOf = (v: VoteRow) => ({ organisationId: v.organisation_id, departmentId: v.department_id });

/** A vote of a department the person takes part in (democracy.participate there), else not found. */
export async function participantVote(ctx: AppContext, principal: Principal, id: string): Promise<VoteRow> {
  const v = await currentVote(ctx, id);
  if (!v) throw new NotFoundError();
  requireAccess(principal, "democracy.participate", scopeOf(v));
  return v;
}

/** A vote staff may run (votes.manage in its department), else not found. */
export async function managedVote(ctx: AppContext, principal: Principal, id: string): Promise<VoteRow> {
  const v = await currentVote(ctx, id);
  if (!v) throw new NotFoundError();
  requireAccess(principal, "votes.manage", scopeOf(v));
  return v;
}

/** A vote its department's residents or its staff may see, else not found. */
export async function visibleVote(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<{ vote: VoteRow; participates: boolean; manages: boolean }> {
  const v = await currentVote(ctx, id);
  if (!v) throw new NotFoundError();
  const manages = canIn(principal, "votes.manage", v);
  const participates = canIn(principal, "democracy.participate", v);
  if (!manages && !participates) throw new NotFoundError();
  return { vote: v, participates, manages };
}

const canIn = (principal: Principal, permission: "votes.manage" | "democracy.participate", v: VoteRow) =>
  can(principal, permission, scopeOf(v));

/** Where either permission reaches: residents see their departments, staff their organisations. */
export function reachOfEither(principal: Principal, a: "democracy.participate", b: "votes.manage"): Reach {
  const x = reachOf(principal, a);
  const y = reachOf(principal, b);
  return {
    all: x.all || y.all,
    organisationIds: [...new Set([...x.organisationIds, ...y.organisationIds])],
    departmentIds: [...new Set([...x.departmentIds, ...y.departmentIds])],
  };
}

/** Votes within a reach, each brought up to the clock first (opened or closed when due). */
export async function listVotes(ctx: AppContext, reach: Reach, status?: VoteStatus): Promise<VoteRow[]> {
  const rows = await votesWithin(ctx.db, reach);
  let advanced = false;
  for (const v of rows) if (await advanceVote(ctx, v)) advanced = true;
  const current = advanced ? await votesWithin(ctx.db, reach) : rows;
  return status ? current.filter((v) => v.status === status) : current;
}
