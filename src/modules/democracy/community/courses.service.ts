import { z } from "zod";
import { type Principal, requireAccess } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { copenhagenInstant, todayInCopenhagen } from "../../../platform/dates.ts";
import { NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { courseAudiences, courseFormats } from "./community.table.ts";
import { isCurator, organisationsReached, requireOrganisation } from "./community-access.ts";
import { findCourse, findSession } from "./courses.repository.ts";
import { promoteWaiting } from "./enrolment.service.ts";
import { sendPromotionLetters } from "./promotion-letters.ts";
import { parseProps } from "./validate.ts";

/** The message of a choice that is not one of the options (a form was tampered with, or sent empty). */
const choice = "community.errors.choice";

/** Props of a course in the catalogue. */
export const courseSchema = z.object({
  organisationId: z.string().min(1, "community.programmes.errors.organisation").max(64),
  title: z.string().trim().min(1, "community.errors.title").max(200),
  summary: z.string().trim().min(1, "community.courses.errors.summary").max(500),
  description: z.string().trim().max(10_000).default(""),
  format: z.enum(courseFormats, { error: choice }),
  audience: z.enum(courseAudiences, { error: choice }),
  published: z.boolean(),
});
export type CourseInput = z.input<typeof courseSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "community.courses.errors.time");

/** Props of a session: its Copenhagen date and times, where, and how many seats. */
export const sessionSchema = z.object({
  date: z.iso.date("errors.date_format"),
  startTime: clock,
  endTime: z.union([z.literal(""), clock]).default(""),
  place: z.string().trim().min(1, "community.courses.errors.place").max(300),
  capacity: z.coerce
    .number({ message: "community.courses.errors.capacity" })
    .int("community.courses.errors.capacity")
    .min(1, "community.courses.errors.capacity")
    .max(10_000, "community.courses.errors.capacity"),
});
export type SessionInput = z.input<typeof sessionSchema>;

/** A Copenhagen wall-clock time on a date as an instant (UTC ISO text). */
export function copenhagenDateTime(date: string, time: string): string {
  const [h, m] = time.split(":").map(Number);
  return new Date(copenhagenInstant(date, h!).getTime() + m! * 60_000).toISOString();
}

/** A course the principal may read: of their organisations, and published unless they curate it. */
export async function visibleCourse(ctx: AppContext, principal: Principal, id: string) {
  const course = await findCourse(ctx.db, id);
  if (!course) throw new NotFoundError();
  await requireOrganisation(ctx.db, principal, course.organisation_id);
  if (!course.is_published && !isCurator(principal, course.organisation_id)) throw new NotFoundError();
  return course;
}

/** A course the principal curates (community.curate in its organisation), else 404. */
export async function curatedCourse(ctx: AppContext, principal: Principal, id: string) {
  const course = await findCourse(ctx.db, id);
  if (!course) throw new NotFoundError();
  requireAccess(principal, "community.curate", { organisationId: course.organisation_id });
  return course;
}

export async function curatedOrganisations(ctx: AppContext, principal: Principal) {
  return organisationsReached(ctx.db, principal, "community.curate");
}

const courseValues = (input: z.output<typeof courseSchema>) => ({
  title: input.title,
  summary: input.summary,
  description: input.description,
  format: input.format,
  audience: input.audience,
  is_published: input.published,
});

export async function createCourse(ctx: AppContext, actor: Actor, principal: Principal, props: CourseInput) {
  const input = parseProps(courseSchema, props);
  requireAccess(principal, "community.curate", { organisationId: input.organisationId });
  const now = nowIso(ctx.clock);
  const row = {
    id: newId(),
    organisation_id: input.organisationId,
    ...courseValues(input),
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("courses").values(row).execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.course.create",
      entity: "courses",
      entityId: row.id,
      organisationId: row.organisation_id,
      after: row,
    });
  });
  return row.id;
}

export async function updateCourse(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  id: string,
  props: Omit<CourseInput, "organisationId">,
) {
  const course = await curatedCourse(ctx, principal, id);
  const values = courseValues(parseProps(courseSchema, { ...props, organisationId: course.organisation_id }));
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("courses")
      .set({ ...values, updated_at: nowIso(ctx.clock) })
      .where("id", "=", id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.course.update",
      entity: "courses",
      entityId: id,
      organisationId: course.organisation_id,
      before: { title: course.title, format: course.format, is_published: course.is_published },
      after: values,
    });
  });
}

function sessionTimes(input: z.output<typeof sessionSchema>) {
  const startsAt = copenhagenDateTime(input.date, input.startTime);
  const endsAt = input.endTime ? copenhagenDateTime(input.date, input.endTime) : null;
  if (endsAt && endsAt <= startsAt)
    throw new ValidationError({ endTime: "community.courses.errors.end_before_start" });
  return { starts_at: startsAt, ends_at: endsAt };
}

export async function addSession(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  courseId: string,
  props: SessionInput,
): Promise<string> {
  const course = await curatedCourse(ctx, principal, courseId);
  const input = parseProps(sessionSchema, props);
  if (input.date < todayInCopenhagen(ctx.clock))
    throw new ValidationError({ date: "community.courses.errors.past" });
  const now = nowIso(ctx.clock);
  const row = {
    id: newId(),
    course_id: course.id,
    ...sessionTimes(input),
    place: input.place,
    capacity: input.capacity,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("course_sessions").values(row).execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.session.create",
      entity: "course_sessions",
      entityId: row.id,
      organisationId: course.organisation_id,
      after: row,
    });
  });
  return row.id;
}

/** A session of a course the principal curates, else 404. */
export async function curatedSession(ctx: AppContext, principal: Principal, id: string) {
  const session = await findSession(ctx.db, id);
  if (!session) throw new NotFoundError();
  requireAccess(principal, "community.curate", { organisationId: session.organisation_id });
  return session;
}

/**
 * Command: a session's time, place or capacity changes. More seats promote the waiting list in
 * order at once (in the same transaction, under the session's lock), each promoted person told by
 * letter; fewer seats move nobody out.
 */
export async function updateSession(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  id: string,
  props: SessionInput,
): Promise<void> {
  const session = await curatedSession(ctx, principal, id);
  const input = parseProps(sessionSchema, props);
  const times = sessionTimes(input);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("course_sessions")
      .set({ ...times, place: input.place, capacity: input.capacity, updated_at: nowIso(ctx.clock) })
      .where("id", "=", id)
      .execute();
    const promoted = await promoteWaiting(trx, id, nowIso(ctx.clock));
    await sendPromotionLetters(ctx, trx, id, promoted, actor.userId);
    await audit(trx, ctx.clock, actor, {
      action: "community.session.update",
      entity: "course_sessions",
      entityId: id,
      organisationId: session.organisation_id,
      before: { starts_at: session.starts_at, place: session.place, capacity: session.capacity },
      after: { ...times, place: input.place, capacity: input.capacity, promoted },
    });
  });
}

/** Command: a curator records that someone completed the course (once per person and course). */
export async function recordCompletion(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  courseId: string,
  userId: string,
  completedOn: string = todayInCopenhagen(ctx.clock),
): Promise<void> {
  const course = await curatedCourse(ctx, principal, courseId);
  const user = await ctx.db.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst();
  if (!user) throw new NotFoundError();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("course_completions")
      .values({
        id: newId(),
        course_id: course.id,
        user_id: user.id,
        completed_on: completedOn,
        source: "session",
        recorded_by: actor.userId,
        created_at: nowIso(ctx.clock),
      })
      .onConflict((oc) => oc.columns(["course_id", "user_id"]).doNothing())
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.course.completion",
      entity: "course_completions",
      entityId: `${course.id}:${user.id}`,
      organisationId: course.organisation_id,
      after: { completed_on: completedOn },
    });
  });
}

/** Command: a curator takes a completion record back (recorded by mistake). */
export async function removeCompletion(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  courseId: string,
  userId: string,
): Promise<void> {
  const course = await curatedCourse(ctx, principal, courseId);
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom("course_completions")
      .where("course_id", "=", course.id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new NotFoundError();
    await audit(trx, ctx.clock, actor, {
      action: "community.course.completion_remove",
      entity: "course_completions",
      entityId: `${course.id}:${userId}`,
      organisationId: course.organisation_id,
    });
  });
}
