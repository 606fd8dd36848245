import { z } from "zod";
import { type Principal, reachOf, requireAccess } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { withinReach } from "../../../platform/reach-sql.ts";
import { parseProps } from "./validate.ts";

/** A link a step may carry: a web address, or a page of this site ("/courses/…"). */
export const linkSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^(https?:\/\/[^\s]+|\/[^\s/][^\s]*|)$/, "community.errors.link");

/** Props of a programme: what it is called and the words a new member reads first. */
export const programmeSchema = z.object({
  organisationId: z.string().min(1, "community.programmes.errors.organisation").max(64),
  title: z.string().trim().min(1, "community.errors.title").max(200),
  intro: z.string().trim().max(4000).default(""),
});
export type ProgrammeInput = z.input<typeof programmeSchema>;

/** Props of a step: days counted from the election date; it may point to a course. */
export const stepSchema = z.object({
  title: z.string().trim().min(1, "community.errors.title").max(200),
  description: z.string().trim().max(4000).default(""),
  linkUrl: linkSchema.default(""),
  dueOffsetDays: z.coerce
    .number({ message: "community.programmes.errors.offset" })
    .int("community.programmes.errors.offset")
    .min(0, "community.programmes.errors.offset")
    .max(730, "community.programmes.errors.offset"),
  courseId: z.string().max(64).default(""),
});
export type StepInput = z.input<typeof stepSchema>;

/** Programmes within the curator's reach, newest first, with their step counts. */
export async function programmesFor(ctx: AppContext, principal: Principal) {
  const reach = reachOf(principal, "community.curate");
  return ctx.db
    .selectFrom("onboarding_programmes as g")
    .innerJoin("organisations as o", "o.id", "g.organisation_id")
    .selectAll("g")
    .select((eb) => [
      "o.name as organisation_name",
      eb
        .selectFrom("onboarding_steps as s")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("s.programme_id", "=", "g.id")
        .as("step_count"),
    ])
    .where(withinReach(reach, "g.organisation_id", null))
    .orderBy("g.created_at", "desc")
    .execute();
}

/** A programme the principal curates, with its steps in order (404 otherwise). */
export async function curatedProgramme(ctx: AppContext, principal: Principal, id: string) {
  const programme = await ctx.db
    .selectFrom("onboarding_programmes")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!programme) throw new NotFoundError();
  requireAccess(principal, "community.curate", { organisationId: programme.organisation_id });
  const steps = await ctx.db
    .selectFrom("onboarding_steps as s")
    .leftJoin("courses as k", "k.id", "s.course_id")
    .selectAll("s")
    .select("k.title as course_title")
    .where("s.programme_id", "=", id)
    .orderBy("s.position")
    .orderBy("s.id")
    .execute();
  return { programme, steps };
}

export async function createProgramme(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  props: ProgrammeInput,
): Promise<string> {
  const input = parseProps(programmeSchema, props);
  requireAccess(principal, "community.curate", { organisationId: input.organisationId });
  const now = nowIso(ctx.clock);
  const row = {
    id: newId(),
    organisation_id: input.organisationId,
    title: input.title,
    intro: input.intro,
    is_current: false,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("onboarding_programmes").values(row).execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.programme.create",
      entity: "onboarding_programmes",
      entityId: row.id,
      organisationId: row.organisation_id,
      after: row,
    });
  });
  return row.id;
}

export async function updateProgramme(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  id: string,
  props: Omit<ProgrammeInput, "organisationId">,
): Promise<void> {
  const { programme } = await curatedProgramme(ctx, principal, id);
  const input = parseProps(programmeSchema.omit({ organisationId: true }), props);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("onboarding_programmes")
      .set({ title: input.title, intro: input.intro, updated_at: nowIso(ctx.clock) })
      .where("id", "=", id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.programme.update",
      entity: "onboarding_programmes",
      entityId: id,
      organisationId: programme.organisation_id,
      before: { title: programme.title, intro: programme.intro },
      after: input,
    });
  });
}

/** Command: this programme is the one new board members of its organisation get from now on. */
export async function makeCurrent(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  id: string,
): Promise<void> {
  const { programme, steps } = await curatedProgramme(ctx, principal, id);
  if (!steps.length) throw new ValidationError({ _form: "community.programmes.errors.no_steps" });
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("onboarding_programmes")
      .set({ is_current: false })
      .where("organisation_id", "=", programme.organisation_id)
      .where("is_current", "=", true)
      .execute();
    await trx.updateTable("onboarding_programmes").set({ is_current: true }).where("id", "=", id).execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.programme.make_current",
      entity: "onboarding_programmes",
      entityId: id,
      organisationId: programme.organisation_id,
    });
  });
}

/** A course a step may point to: one of the programme's organisation. */
async function checkCourse(
  ctx: AppContext,
  organisationId: string,
  courseId: string,
): Promise<string | null> {
  if (!courseId) return null;
  const course = await ctx.db
    .selectFrom("courses")
    .select("id")
    .where("id", "=", courseId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  if (!course) throw new ValidationError({ courseId: "community.programmes.errors.course" });
  return course.id;
}

const stepValues = (input: z.output<typeof stepSchema>, courseId: string | null) => ({
  title: input.title,
  description: input.description,
  link_url: input.linkUrl || null,
  due_offset_days: input.dueOffsetDays,
  course_id: courseId,
});

export async function addStep(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  programmeId: string,
  props: StepInput,
): Promise<string> {
  const { programme, steps } = await curatedProgramme(ctx, principal, programmeId);
  const input = parseProps(stepSchema, props);
  const courseId = await checkCourse(ctx, programme.organisation_id, input.courseId);
  const now = nowIso(ctx.clock);
  const row = {
    id: newId(),
    programme_id: programmeId,
    position: Math.max(0, ...steps.map((s) => s.position)) + 1,
    ...stepValues(input, courseId),
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("onboarding_steps").values(row).execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.programme.step_add",
      entity: "onboarding_steps",
      entityId: row.id,
      organisationId: programme.organisation_id,
      after: row,
    });
  });
  return row.id;
}

async function curatedStep(ctx: AppContext, principal: Principal, stepId: string) {
  const step = await ctx.db
    .selectFrom("onboarding_steps as s")
    .innerJoin("onboarding_programmes as g", "g.id", "s.programme_id")
    .selectAll("s")
    .select("g.organisation_id")
    .where("s.id", "=", stepId)
    .executeTakeFirst();
  if (!step) throw new NotFoundError();
  requireAccess(principal, "community.curate", { organisationId: step.organisation_id });
  return step;
}

export async function updateStep(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  stepId: string,
  props: StepInput,
): Promise<void> {
  const step = await curatedStep(ctx, principal, stepId);
  const input = parseProps(stepSchema, props);
  const values = stepValues(input, await checkCourse(ctx, step.organisation_id, input.courseId));
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("onboarding_steps")
      .set({ ...values, updated_at: nowIso(ctx.clock) })
      .where("id", "=", stepId)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.programme.step_update",
      entity: "onboarding_steps",
      entityId: stepId,
      organisationId: step.organisation_id,
      before: { title: step.title, due_offset_days: step.due_offset_days, course_id: step.course_id },
      after: values,
    });
  });
}

export async function deleteStep(ctx: AppContext, actor: Actor, principal: Principal, stepId: string) {
  const step = await curatedStep(ctx, principal, stepId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("onboarding_steps").where("id", "=", stepId).execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.programme.step_delete",
      entity: "onboarding_steps",
      entityId: stepId,
      organisationId: step.organisation_id,
      before: { title: step.title },
    });
  });
  return step.programme_id;
}

/** Command: a step swaps places with its neighbour above or below. */
export async function moveStep(
  ctx: AppContext,
  principal: Principal,
  stepId: string,
  direction: "up" | "down",
): Promise<string> {
  const step = await curatedStep(ctx, principal, stepId);
  const { steps } = await curatedProgramme(ctx, principal, step.programme_id);
  const at = steps.findIndex((s) => s.id === stepId);
  const other = steps[direction === "up" ? at - 1 : at + 1];
  if (!other) return step.programme_id;
  await ctx.db.transaction().execute(async (trx) => {
    // Positions are renumbered 1..n on each move, so ties from older edits disappear too.
    const order = steps.map((s) => s.id);
    order[at] = other.id;
    order[steps.indexOf(other)] = stepId;
    for (const [i, id] of order.entries()) {
      await trx
        .updateTable("onboarding_steps")
        .set({ position: i + 1 })
        .where("id", "=", id)
        .execute();
    }
  });
  return step.programme_id;
}
