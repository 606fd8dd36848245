import type { Executor } from "../../../platform/audit.ts";
import { ConflictError, ValidationError } from "../../../platform/errors.ts";
import { normaliseReceipt } from "./envelope.ts";
import { countMarks, rollOf } from "./roll.repository.ts";
import { canonicalRoll, rollHash } from "./roll.ts";
import { countBallots, countEnvelopes, hasReceipt, receiptsOf, type VoteRow } from "./votes.repository.ts";
import type { Choice, VoteResults } from "./votes.table.ts";

/**
 * What anyone with access to a vote can check: the tally recounted from the ballot box, ballots =
 * roll marks, the roll's hash recomputed, and their receipt among the published ones. Nothing of
 * it before the vote has closed, except the counts of marks and envelopes.
 */

export interface Tally {
  yes: number;
  no: number;
  blank: number;
  ballots: number;
  marks: number;
}

/** The ballot box counted now, and the roll marks: one query each. */
export async function tallyVote(db: Executor, voteId: string): Promise<Tally> {
  const [counts, marks] = await Promise.all([countBallots(db, voteId), countMarks(db, voteId)]);
  return { ...counts, ballots: counts.yes + counts.no + counts.blank, marks };
}

export interface Results {
  published: VoteResults;
  recount: Tally;
  /** The recount equals what was published, and there are as many ballots as roll marks. */
  verified: boolean;
  /** The choice with more votes than the other (blank votes do not count), or a tie. */
  outcome: "yes" | "no" | "tie";
}

const requireClosed = (v: Pick<VoteRow, "status">) => {
  if (v.status !== "closed") throw new ConflictError("votes.errors.results_hidden");
};

/** The published tally with a fresh recount; refused until the vote has closed. */
export async function resultsOf(db: Executor, v: VoteRow): Promise<Results> {
  requireClosed(v);
  const published = v.results_json!;
  const recount = await tallyVote(db, v.id);
  const same = (["yes", "no", "blank"] as Choice[]).every((c) => published[c] === recount[c]);
  return {
    published,
    recount,
    verified: same && recount.ballots === recount.marks && published.rejected === 0,
    outcome: recount.yes > recount.no ? "yes" : recount.no > recount.yes ? "no" : "tie",
  };
}

/** Every receipt code in the box, sorted; refused until the vote has closed. */
export async function publishedReceipts(db: Executor, v: VoteRow): Promise<string[]> {
  requireClosed(v);
  return receiptsOf(db, v.id);
}

/** Whether a receipt code is in the box (after closing); a code that is not one is a field error. */
export async function checkReceipt(
  db: Executor,
  v: VoteRow,
  code: string,
): Promise<{ code: string; found: boolean }> {
  requireClosed(v);
  const normalised = normaliseReceipt(code);
  if (!normalised) throw new ValidationError({ code: "votes.errors.receipt_format" });
  return { code: normalised, found: await hasReceipt(db, v.id, normalised) };
}

/** The stored roll's canonical text and hash recomputed, against the hash frozen at opening. */
export async function verifyRoll(
  db: Executor,
  v: VoteRow,
): Promise<{ canonical: string; hash: string; matches: boolean } | null> {
  if (v.status === "planned" || v.roll_hash === null) return null;
  const canonical = canonicalRoll(v.id, v.is_sole_adult_casting_both === true, await rollOf(db, v.id));
  const hash = rollHash(canonical);
  return { canonical, hash, matches: hash === v.roll_hash };
}

/** While a vote is open: how many have voted, and that every ballot is in a sealed envelope. */
export async function turnout(db: Executor, voteId: string): Promise<{ marks: number; envelopes: number }> {
  const [marks, envelopes] = await Promise.all([countMarks(db, voteId), countEnvelopes(db, voteId)]);
  return { marks, envelopes };
}
