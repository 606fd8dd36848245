import { z } from "zod";
import type { Principal } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { pagesOf } from "./courses.repository.ts";
import { curatedCourse, visibleCourse } from "./courses.service.ts";
import { parseProps } from "./validate.ts";

/** Props of a content page of an online module: a title and its text. */
export const coursePageSchema = z.object({
  title: z.string().trim().min(1, "community.errors.title").max(200),
  body: z.string().trim().min(1, "community.courses.errors.body").max(50_000),
});
export type CoursePageInput = z.input<typeof coursePageSchema>;

/** One page of a course the reader may see, with its neighbours and whether the reader marked it done. */
export async function readCoursePage(
  ctx: AppContext,
  principal: Principal,
  userId: string,
  courseId: string,
  pageId: string,
) {
  const course = await visibleCourse(ctx, principal, courseId);
  const pages = await pagesOf(ctx.db, course.id, userId);
  const at = pages.findIndex((p) => p.id === pageId);
  if (at < 0) throw new NotFoundError();
  return { course, page: pages[at]!, previous: pages[at - 1] ?? null, next: pages[at + 1] ?? null, pages };
}

/**
 * Command: the reader marks a page done. When every page of the course is done, the course counts
 * as completed (an "online" completion record, once), in the same transaction.
 */
export async function markPageDone(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  userId: string,
  courseId: string,
  pageId: string,
): Promise<{ completed: boolean }> {
  const { course } = await readCoursePage(ctx, principal, userId, courseId, pageId);
  const now = nowIso(ctx.clock);
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("course_page_reads")
      .values({ page_id: pageId, user_id: userId, done_at: now })
      .onConflict((oc) => oc.columns(["page_id", "user_id"]).doNothing())
      .execute();
    const left = await trx
      .selectFrom("course_pages as pg")
      .leftJoin("course_page_reads as r", (j) =>
        j.onRef("r.page_id", "=", "pg.id").on("r.user_id", "=", userId),
      )
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("pg.course_id", "=", course.id)
      .where("r.page_id", "is", null)
      .executeTakeFirstOrThrow();
    if (Number(left.n) > 0) return { completed: false };
    const inserted = await trx
      .insertInto("course_completions")
      .values({
        id: newId(),
        course_id: course.id,
        user_id: userId,
        completed_on: todayInCopenhagen(ctx.clock),
        source: "online",
        recorded_by: null,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(["course_id", "user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
      await audit(trx, ctx.clock, actor, {
        action: "community.course.completion",
        entity: "course_completions",
        entityId: `${course.id}:${userId}`,
        organisationId: course.organisation_id,
        after: { source: "online" },
      });
    }
    return { completed: true };
  });
}

export async function addCoursePage(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  courseId: string,
  props: CoursePageInput,
): Promise<string> {
  const course = await curatedCourse(ctx, principal, courseId);
  const input = parseProps(coursePageSchema, props);
  const now = nowIso(ctx.clock);
  return ctx.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("course_pages")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("course_id", "=", course.id)
      .executeTakeFirst();
    const row = {
      id: newId(),
      course_id: course.id,
      position: Number(last?.p ?? 0) + 1,
      title: input.title,
      body: input.body,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("course_pages").values(row).execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.course_page.create",
      entity: "course_pages",
      entityId: row.id,
      organisationId: course.organisation_id,
      after: { title: row.title, position: row.position },
    });
    return row.id;
  });
}

export async function curatedPage(ctx: AppContext, principal: Principal, courseId: string, pageId: string) {
  const course = await curatedCourse(ctx, principal, courseId);
  const page = await ctx.db
    .selectFrom("course_pages")
    .selectAll()
    .where("id", "=", pageId)
    .where("course_id", "=", course.id)
    .executeTakeFirst();
  if (!page) throw new NotFoundError();
  return { course, page };
}

export async function updateCoursePage(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  courseId: string,
  pageId: string,
  props: CoursePageInput,
): Promise<void> {
  const { course, page } = await curatedPage(ctx, principal, courseId, pageId);
  const input = parseProps(coursePageSchema, props);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("course_pages")
      .set({ title: input.title, body: input.body, updated_at: nowIso(ctx.clock) })
      .where("id", "=", page.id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.course_page.update",
      entity: "course_pages",
      entityId: page.id,
      organisationId: course.organisation_id,
      before: { title: page.title },
      after: { title: input.title },
    });
  });
}

export async function deleteCoursePage(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  courseId: string,
  pageId: string,
): Promise<void> {
  const { course, page } = await curatedPage(ctx, principal, courseId, pageId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("course_pages").where("id", "=", page.id).execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.course_page.delete",
      entity: "course_pages",
      entityId: page.id,
      organisationId: course.organisation_id,
      before: { title: page.title },
    });
  });
}
