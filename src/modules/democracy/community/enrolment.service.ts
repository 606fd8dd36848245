import type { Transaction } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { Principal } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { ConflictError, NotFoundError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import type { EnrolmentStatus } from "./community.table.ts";
import { isCurator, requireOrganisation } from "./community-access.ts";
import { findSession } from "./courses.repository.ts";
import { sendPromotionLetters } from "./promotion-letters.ts";

type Trx = Transaction<Database>;

/**
 * Takes the session's lock and the next enrolment number in one statement. The update locks the
 * session row on PostgreSQL until the transaction ends, so enrolments and cancellations of one
 * session run one at a time (SQLite has one writer anyway); every count below is then exact.
 */
async function lockSession(trx: Trx, sessionId: string) {
  const locked = await trx
    .updateTable("course_sessions")
    .set((eb) => ({ next_seq: eb("next_seq", "+", 1) }))
    .where("id", "=", sessionId)
    .returning(["capacity", "next_seq"])
    .executeTakeFirst();
  if (!locked) throw new NotFoundError();
  return locked;
}

/**
 * Fills free seats from the waiting list, first asked first served. Call it under the session's
 * lock (after lockSession, or after an update of the session row). Returns who got a seat; the
 * caller writes to them (sendPromotionLetters) in the same transaction.
 */
export async function promoteWaiting(trx: Trx, sessionId: string, now: string): Promise<string[]> {
  const session = await trx
    .selectFrom("course_sessions")
    .select("capacity")
    .where("id", "=", sessionId)
    .executeTakeFirstOrThrow();
  const taken = await trx
    .selectFrom("course_enrolments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("session_id", "=", sessionId)
    .where("status", "=", "enrolled")
    .executeTakeFirstOrThrow();
  const free = session.capacity - Number(taken.n);
  if (free <= 0) return [];
  const next = await trx
    .selectFrom("course_enrolments")
    .select(["id", "user_id"])
    .where("session_id", "=", sessionId)
    .where("status", "=", "waiting")
    .orderBy("seq")
    .limit(free)
    .execute();
  if (next.length) {
    await trx
      .updateTable("course_enrolments")
      .set({ status: "enrolled", updated_at: now })
      .where(
        "id",
        "in",
        next.map((n) => n.id),
      )
      .execute();
  }
  return next.map((n) => n.user_id);
}

/** A session the principal may enrol in: of their organisation, its course published (or curated). */
async function enrollableSession(ctx: AppContext, principal: Principal, sessionId: string) {
  const session = await findSession(ctx.db, sessionId);
  if (!session) throw new NotFoundError();
  await requireOrganisation(ctx.db, principal, session.organisation_id);
  if (!session.is_published && !isCurator(principal, session.organisation_id)) throw new NotFoundError();
  return session;
}

/**
 * Command: the user asks for a seat. They join the queue with the next number and the free seats
 * are filled in queue order, so a seat goes to them only when nobody asked before them is waiting;
 * beyond capacity they are on the waiting list. Asking twice is a conflict; after cancelling,
 * asking again puts them at the back.
 */
export async function enrol(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  userId: string,
  sessionId: string,
): Promise<EnrolmentStatus> {
  const session = await enrollableSession(ctx, principal, sessionId);
  const now = nowIso(ctx.clock);
  if (session.starts_at <= now) throw new ConflictError("community.courses.errors.started");
  return ctx.db.transaction().execute(async (trx) => {
    const { next_seq: seq } = await lockSession(trx, sessionId);
    const existing = await trx
      .selectFrom("course_enrolments")
      .select(["id", "status"])
      .where("session_id", "=", sessionId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (existing && existing.status !== "cancelled")
      throw new ConflictError("community.courses.errors.already");
    const id = existing?.id ?? newId();
    if (existing) {
      await trx
        .updateTable("course_enrolments")
        .set({ status: "waiting", seq, cancelled_at: null, updated_at: now })
        .where("id", "=", id)
        .execute();
    } else {
      await trx
        .insertInto("course_enrolments")
        .values({
          id,
          session_id: sessionId,
          user_id: userId,
          status: "waiting",
          seq,
          created_at: now,
          updated_at: now,
          cancelled_at: null,
        })
        .execute();
    }
    const promoted = await promoteWaiting(trx, sessionId, now);
    const status: EnrolmentStatus = promoted.includes(userId) ? "enrolled" : "waiting";
    // The one asking sees their seat at once; anyone who was waiting before them is told by letter.
    const fromQueue = promoted.filter((id) => id !== userId);
    await sendPromotionLetters(ctx, trx, sessionId, fromQueue, actor.userId);
    await audit(trx, ctx.clock, actor, {
      action: "community.enrolment.create",
      entity: "course_enrolments",
      entityId: id,
      organisationId: session.organisation_id,
      after: { session_id: sessionId, user_id: userId, status, seq },
    });
    return status;
  });
}

/** Cancels one enrolment under the session's lock and gives a freed seat to the first waiting. */
async function cancel(
  ctx: AppContext,
  actor: Actor,
  enrolment: { id: string; session_id: string },
  organisationId: string,
): Promise<string[]> {
  const now = nowIso(ctx.clock);
  return ctx.db.transaction().execute(async (trx) => {
    await lockSession(trx, enrolment.session_id);
    const current = await trx
      .selectFrom("course_enrolments")
      .select(["status", "user_id"])
      .where("id", "=", enrolment.id)
      .executeTakeFirst();
    if (!current || current.status === "cancelled") throw new NotFoundError();
    await trx
      .updateTable("course_enrolments")
      .set({ status: "cancelled", cancelled_at: now, updated_at: now })
      .where("id", "=", enrolment.id)
      .execute();
    const promoted = await promoteWaiting(trx, enrolment.session_id, now);
    await sendPromotionLetters(ctx, trx, enrolment.session_id, promoted, actor.userId);
    await audit(trx, ctx.clock, actor, {
      action: "community.enrolment.cancel",
      entity: "course_enrolments",
      entityId: enrolment.id,
      organisationId,
      before: { status: current.status, user_id: current.user_id },
      after: { status: "cancelled", promoted },
    });
    return promoted;
  });
}

/** Command: the user gives up their seat (or their place on the waiting list) before the session starts. */
export async function cancelOwnEnrolment(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  userId: string,
  sessionId: string,
): Promise<string[]> {
  const session = await enrollableSession(ctx, principal, sessionId);
  if (session.starts_at <= nowIso(ctx.clock)) throw new ConflictError("community.courses.errors.started");
  const enrolment = await ctx.db
    .selectFrom("course_enrolments")
    .select(["id", "session_id"])
    .where("session_id", "=", sessionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!enrolment) throw new NotFoundError();
  return cancel(ctx, actor, enrolment, session.organisation_id);
}

/** Command: a curator cancels someone's enrolment (at any time). */
export async function cancelEnrolmentAsCurator(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  enrolmentId: string,
): Promise<{ sessionId: string; promoted: string[] }> {
  const enrolment = await ctx.db
    .selectFrom("course_enrolments as e")
    .innerJoin("course_sessions as s", "s.id", "e.session_id")
    .innerJoin("courses as k", "k.id", "s.course_id")
    .select(["e.id", "e.session_id", "k.organisation_id"])
    .where("e.id", "=", enrolmentId)
    .executeTakeFirst();
  if (!enrolment || !isCurator(principal, enrolment.organisation_id)) throw new NotFoundError();
  const promoted = await cancel(ctx, actor, enrolment, enrolment.organisation_id);
  return { sessionId: enrolment.session_id, promoted };
}
