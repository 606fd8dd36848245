import { type Actor, audit, systemActor } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { AppError, ConflictError, NotFoundError } from "../../../platform/errors.ts";
import { democracySettingsFor } from "../settings.ts";
import { envelopeKey, openEnvelope, shuffle } from "./envelope.ts";
import { countMarks, householdMembersOn, insertRoll } from "./roll.repository.ts";
import { buildRoll, canonicalRoll, rollCounts, rollHash } from "./roll.ts";
import {
  countBallots,
  deleteEnvelopes,
  dueVotes,
  envelopesOf,
  findVote,
  insertBallots,
  lockEnvelopes,
  type VoteRow,
  voteForUpdate,
} from "./votes.repository.ts";
import type { Choice, VoteResults } from "./votes.table.ts";

/**
 * A vote's life: planned → open (the roll frozen and hashed) → closed (envelopes into the ballot
 * box in random order, the tally published). Staff may open early or close early; otherwise the
 * clock does it: on the first look at a vote that is due, or by advanceDueVotes from a timer.
 */

/** The earlier of two ISO instants (they sort as text). */
const earlier = (a: string, b: string): string => [a, b].sort()[0]!;

/**
 * Command: opens a planned vote now: the department's households (tenancies current today) and
 * their adult members become the roll, frozen with the sole-adult setting, and hashed. Audited.
 */
export async function openVote(ctx: AppContext, actor: Actor, voteId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const v = await voteForUpdate(trx, ctx.database.dialect, voteId);
    if (!v) throw new NotFoundError();
    if (v.status !== "planned") throw new ConflictError("votes.errors.not_planned");
    const now = nowIso(ctx.clock);
    const on = todayInCopenhagen(ctx.clock);
    const { soleAdultCastsBoth } = await democracySettingsFor(trx, v.organisation_id);
    const roll = buildRoll(await householdMembersOn(trx, v.department_id, on), on, soleAdultCastsBoth);
    const hash = rollHash(canonicalRoll(v.id, soleAdultCastsBoth, roll));
    const counts = rollCounts(roll);
    const change = {
      status: "open" as const,
      opens_at: earlier(v.opens_at, now),
      is_sole_adult_casting_both: soleAdultCastsBoth,
      roll_hash: hash,
      roll_households: counts.households,
      roll_people: counts.people,
      roll_ballots: counts.ballots,
      opened_at: now,
      opened_by: actor.userId,
      updated_at: now,
    };
    await trx.updateTable("votes").set(change).where("id", "=", v.id).execute();
    await insertRoll(trx, v.id, roll);
    await audit(trx, ctx.clock, actor, {
      action: "votes.open",
      entity: "votes",
      entityId: v.id,
      organisationId: v.organisation_id,
      before: { status: v.status, opens_at: v.opens_at },
      after: { ...change, roll_date: on },
    });
  });
}

/**
 * Command: closes an open vote now. In one transaction: no more casts (PostgreSQL: waits for
 * those in flight, see lockEnvelopes; a cast after it finds the vote closed), every envelope
 * opened, the ballots shuffled into the box, the envelopes removed, the box counted and the tally
 * published. The status is 'closing' only inside this transaction: the database takes ballots
 * into the box and lets envelopes go only then. Audited: the close, and the publication with the tally.
 */
export async function closeVote(ctx: AppContext, actor: Actor, voteId: string): Promise<VoteResults> {
  const key = envelopeKey(ctx.config.dataKey);
  return ctx.db.transaction().execute(async (trx) => {
    await lockEnvelopes(trx, ctx.database.dialect);
    const v = await findVote(trx, voteId);
    if (!v) throw new NotFoundError();
    if (v.status !== "open") throw new ConflictError("votes.errors.not_open");
    const now = nowIso(ctx.clock);
    const closesAt = earlier(v.closes_at, now);
    const changed = await trx
      .updateTable("votes")
      .set({
        status: "closing",
        closes_at: closesAt,
        closed_at: now,
        closed_by: actor.userId,
        updated_at: now,
      })
      .where("id", "=", v.id)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new ConflictError("votes.errors.not_open");
    const ballots: { receipt: string; choice: Choice }[] = [];
    let rejected = 0;
    for (const e of await envelopesOf(trx, v.id)) {
      const ballot = openEnvelope(key, v.id, e.sealed);
      if (ballot) ballots.push(ballot);
      else rejected++;
    }
    await insertBallots(trx, v.id, shuffle(ballots));
    await deleteEnvelopes(trx, v.id);
    const counts = await countBallots(trx, v.id);
    const results: VoteResults = {
      ...counts,
      ballots: counts.yes + counts.no + counts.blank,
      marks: await countMarks(trx, v.id),
      rejected,
    };
    await trx
      .updateTable("votes")
      .set({ status: "closed", results_json: results })
      .where("id", "=", v.id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "votes.close",
      entity: "votes",
      entityId: v.id,
      organisationId: v.organisation_id,
      before: { status: v.status, closes_at: v.closes_at },
      after: { status: "closed", closes_at: closesAt },
    });
    // The tally and the receipt codes become visible to the department with this commit.
    await audit(trx, ctx.clock, actor, {
      action: "votes.publish",
      entity: "votes",
      entityId: v.id,
      organisationId: v.organisation_id,
      after: { results, receipts: results.ballots },
    });
    return results;
  });
}

const isDue = (v: Pick<VoteRow, "status" | "opens_at" | "closes_at">, now: string) =>
  (v.status === "planned" && v.opens_at <= now) || (v.status === "open" && v.closes_at <= now);

/**
 * Brings a vote's status up to the clock (opening, then closing, as the system). Another request
 * doing the same at the same moment is fine: the loser finds the status already moved on.
 */
export async function advanceVote(
  ctx: AppContext,
  v: Pick<VoteRow, "id" | "status" | "opens_at" | "closes_at">,
): Promise<boolean> {
  const now = nowIso(ctx.clock);
  if (!isDue(v, now)) return false;
  const quietly = async (step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (e) {
      if (!(e instanceof AppError && e.code === "conflict")) throw e;
    }
  };
  if (v.status === "planned") await quietly(() => openVote(ctx, systemActor, v.id));
  if (v.closes_at <= now) await quietly(() => closeVote(ctx, systemActor, v.id));
  return true;
}

/** The vote as it stands now: advanced first when the clock has passed its opening or closing. */
export async function currentVote(ctx: AppContext, voteId: string): Promise<VoteRow | undefined> {
  const v = await findVote(ctx.db, voteId);
  if (!v || !(await advanceVote(ctx, v))) return v;
  return findVote(ctx.db, voteId);
}

/** Opens and closes every vote that is due; for a timer in the server process. Returns how many. */
export async function advanceDueVotes(ctx: AppContext): Promise<number> {
  const due = await dueVotes(ctx.db, nowIso(ctx.clock));
  for (const v of due) {
    const row = await findVote(ctx.db, v.id);
    if (row) await advanceVote(ctx, row);
  }
  return due.length;
}
