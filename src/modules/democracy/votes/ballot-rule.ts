import type { Executor } from "../../../platform/audit.ts";
import { copenhagenDateOf } from "../../../platform/dates.ts";
import { AppError } from "../../../platform/errors.ts";

/**
 * DOMAIN.md, "Urafstemning": the same proposal may not be balloted again before the next ordinary
 * meeting. A proposal is known by its title (as the agenda item and the ballot carry it; case and
 * spacing aside) within its department. A ballot on it counts from the day it was decided: the date
 * of the meeting that sent it to the ballot, or the day staff created it. A new ballot on the same
 * proposal is refused (409) until an ordinary meeting of the department dated after that day has
 * been held — or is the meeting deciding the new ballot.
 */

const heldStages = ["held", "minutes_approved", "published"] as const;

/** A title as the rule compares it: "Cykelskur  i gården" and "cykelskur i gården" are one proposal. */
export const proposalKey = (title: string): string =>
  title.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("da");

export interface BallotToBe {
  departmentId: string;
  title: string;
  /** The meeting deciding the ballot, if a meeting does. */
  meetingId?: string;
}

/** The department's last ballot on this proposal: the day it was decided and its title, or null. */
async function lastBallotOn(db: Executor, b: BallotToBe): Promise<{ day: string; title: string } | null> {
  const ballots = await db
    .selectFrom("votes as v")
    .leftJoin("meetings as m", "m.id", "v.meeting_id")
    .select(["v.title", "v.created_at", "m.meeting_date"])
    .where("v.department_id", "=", b.departmentId)
    .where("v.kind", "=", "ballot")
    .execute();
  const key = proposalKey(b.title);
  let last: { day: string; title: string } | null = null;
  for (const v of ballots) {
    if (proposalKey(v.title) !== key) continue;
    const day = v.meeting_date ?? copenhagenDateOf(v.created_at);
    if (!last || day > last.day) last = { day, title: v.title };
  }
  return last;
}

/** Refuses a ballot on a proposal already balloted since the department's last ordinary meeting. */
export async function requireBallotAllowed(db: Executor, b: BallotToBe): Promise<void> {
  const last = await lastBallotOn(db, b);
  if (!last) return;
  const deciding = b.meetingId
    ? await db
        .selectFrom("meetings")
        .select(["kind", "meeting_date"])
        .where("id", "=", b.meetingId)
        .executeTakeFirst()
    : undefined;
  if (deciding?.kind === "ordinary" && deciding.meeting_date > last.day) return;
  const heldSince = await db
    .selectFrom("meetings")
    .select("id")
    .where("department_id", "=", b.departmentId)
    .where("kind", "=", "ordinary")
    .where("meeting_date", ">", last.day)
    .where("stage", "in", [...heldStages])
    .executeTakeFirst();
  if (heldSince) return;
  throw new AppError("conflict", "votes.errors.ballot_again", undefined, {
    title: last.title,
    date: last.day,
  });
}
