import { type Principal, requireAccess } from "../../../platform/access.ts";
import { type Actor, audit, type Executor } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { envelopeKey, newEnvelopeId, newReceipt, sealBallot } from "./envelope.ts";
import { placeOnRoll, tryMark } from "./roll.repository.ts";
import { insertEnvelopes, type VoteRow, voteForCasting } from "./votes.repository.ts";
import { choices as allChoices, type Channel, type Choice } from "./votes.table.ts";

/** What a person on the roll may still do in a vote. */
export interface Entitlement {
  onRoll: boolean;
  /** Ballots the person may cast in all (1, or 2 for a sole adult). */
  own: number;
  /** Ballots the person has cast. */
  cast: number;
  /** Ballots the household has cast (at most 2). */
  householdCast: number;
  /** Ballots the person may still cast now. */
  remaining: number;
  /** How the person voted (web or paper), when they did. */
  channel: Channel | null;
}

export async function entitlementOf(
  db: Executor,
  voteId: string,
  personId: string | null,
): Promise<Entitlement> {
  const place = personId ? await placeOnRoll(db, voteId, personId) : null;
  if (!place) return { onRoll: false, own: 0, cast: 0, householdCast: 0, remaining: 0, channel: null };
  const mine = place.marks.filter((m) => m.personId === personId);
  return {
    onRoll: true,
    own: place.seqs.length,
    cast: mine.length,
    householdCast: place.marks.length,
    remaining: Math.max(0, Math.min(place.seqs.length - mine.length, 2 - place.marks.length)),
    channel: mine[0]?.channel ?? null,
  };
}

/** What a cast needs of the vote. */
export type CastVote = Pick<VoteRow, "id" | "status" | "opens_at" | "closes_at" | "organisation_id">;

export interface CastProps {
  voteId: string;
  /** The person on the roll whose vote this is. */
  personId: string;
  /** One ballot, or two for a sole adult casting both. */
  choices: Choice[];
  channel: Channel;
}

/**
 * Command: casts ballots for a person on the roll, on the web or from a paper ballot, in one
 * transaction: a roll mark per ballot in a free household slot (the database's unique constraints
 * decide between concurrent casts), and a sealed envelope per ballot with a fresh receipt code.
 * The receipts are returned once and stored nowhere but inside the envelopes. Audited without the
 * choices.
 */
export async function castBallots(
  ctx: AppContext,
  actor: Actor,
  props: CastProps,
  /** The vote as the caller just read it (for its access check), to save reading it again. */
  vote?: CastVote,
): Promise<{ receipts: string[] }> {
  if (
    props.choices.length < 1 ||
    props.choices.length > 2 ||
    !props.choices.every((c) => allChoices.includes(c))
  ) {
    throw new ValidationError({ choice: "votes.errors.choice" });
  }
  const key = envelopeKey(ctx.config.dataKey);
  // The reads come first, outside the transaction; what decides is inside it: the unique
  // constraints on the roll marks and the guards that take marks and envelopes only while open.
  const v = vote ?? (await voteForCasting(ctx.db, props.voteId));
  if (!v) throw new NotFoundError();
  const now = nowIso(ctx.clock);
  if (v.status === "planned" || now < v.opens_at) throw new ConflictError("votes.errors.not_open_yet");
  if (v.status === "closed" || now >= v.closes_at) throw new ConflictError("votes.errors.closed");
  const place = await placeOnRoll(ctx.db, v.id, props.personId);
  if (!place) throw new ConflictError("votes.errors.not_on_roll");
  const { householdId } = place;
  const usedSeqs = new Set(place.marks.filter((m) => m.personId === props.personId).map((m) => m.seq));
  const usedSlots = new Set(place.marks.map((m) => m.slot));
  const seqs = place.seqs.filter((s) => !usedSeqs.has(s));
  const slots = [1, 2].filter((s) => !usedSlots.has(s));
  if (seqs.length === 0) throw new ConflictError("votes.errors.already_voted");
  if (slots.length === 0) throw new ConflictError("votes.errors.household_done");
  if (Math.min(seqs.length, slots.length) < props.choices.length)
    throw new ConflictError("votes.errors.too_many");
  const receipts = props.choices.map(() => newReceipt());
  const envelopes = props.choices.map((choice, i) => ({
    id: newEnvelopeId(),
    sealed: sealBallot(key, v.id, choice, receipts[i]!),
  }));
  return ctx.db
    .transaction()
    .execute(async (trx) => {
      for (const _ of props.choices) {
        if (!(await placeMark(trx, v.id, householdId, props, seqs, slots))) {
          throw new ConflictError("votes.errors.already_voted");
        }
      }
      await insertEnvelopes(trx, v.id, envelopes);
      await audit(trx, ctx.clock, actor, {
        action: props.channel === "paper" ? "votes.paper_ballot" : "votes.cast",
        entity: "votes",
        entityId: v.id,
        organisationId: v.organisation_id,
        after: {
          person_id: props.personId,
          household_id: householdId,
          ballots: props.choices.length,
          channel: props.channel,
        },
      });
      return { receipts };
    })
    .catch((e: unknown) => {
      // The vote closed while this cast was in flight: the database's guard refused the mark or envelope.
      if (e instanceof Error && e.message.includes("needs the vote to be open")) {
        throw new ConflictError("votes.errors.closed");
      }
      throw e;
    });
}

/**
 * One roll mark in the first (entitlement, slot) pair still free; the pair used is taken out of
 * the lists. A pair another transaction took meanwhile is skipped (the insert does nothing).
 */
async function placeMark(
  trx: Executor,
  voteId: string,
  householdId: string,
  props: CastProps,
  seqs: number[],
  slots: number[],
): Promise<boolean> {
  for (const seq of seqs) {
    for (const slot of slots) {
      const placed = await tryMark(trx, {
        voteId,
        householdId,
        slot,
        personId: props.personId,
        seq,
        channel: props.channel,
      });
      if (placed) {
        seqs.splice(seqs.indexOf(seq), 1);
        slots.splice(slots.indexOf(slot), 1);
        return true;
      }
    }
  }
  return false;
}

/** Staff register a paper ballot for a named person on the roll (votes.manage in the department). */
export async function registerPaperBallot(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  vote: CastVote & { department_id: string },
  personId: string,
  choices: Choice[],
): Promise<{ receipts: string[] }> {
  requireAccess(principal, "votes.manage", {
    organisationId: vote.organisation_id,
    departmentId: vote.department_id,
  });
  if (!personId) throw new ValidationError({ person: "votes.errors.person" });
  return castBallots(ctx, actor, { voteId: vote.id, personId, choices, channel: "paper" }, vote);
}
