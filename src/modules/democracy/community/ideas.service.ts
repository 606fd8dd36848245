import { z } from "zod";
import { can, type Principal, reachOf, requireAccess } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { ideaEfforts, ideaTags } from "./community.table.ts";
import {
  choosePlacement,
  isCurator,
  isStaffFor,
  placementChoices,
  requireOrganisation,
  searchText,
} from "./community-access.ts";
import { findIdea, type IdeaRow } from "./ideas.repository.ts";
import { parseProps } from "./validate.ts";

/** The message of a choice that is not one of the options (a form was tampered with, or sent empty). */
const choice = "community.errors.choice";

const ore = z.number().int().min(0).max(1_000_000_000);

/** Props of an idea. Cost in øre: from = to for an exact amount, both null when unknown. */
export const ideaSchema = z
  .object({
    placement: z.string().min(1, "community.errors.placement").max(80),
    title: z.string().trim().min(1, "community.errors.title").max(200),
    description: z.string().trim().min(1, "community.ideas.errors.description").max(10_000),
    costMinOre: ore.nullable().default(null),
    costMaxOre: ore.nullable().default(null),
    effort: z.enum(ideaEfforts, { error: choice }),
    tags: z
      .array(z.enum(ideaTags, { error: choice }))
      .max(ideaTags.length)
      .default([]),
  })
  .refine((v) => v.costMinOre === null || v.costMaxOre === null || v.costMinOre <= v.costMaxOre, {
    path: ["costMaxOre"],
    message: "community.ideas.errors.cost_range",
  })
  .transform((v) => ({
    ...v,
    tags: [...new Set(v.tags)],
    // One amount given: an exact cost.
    costMinOre: v.costMinOre ?? v.costMaxOre,
    costMaxOre: v.costMaxOre ?? v.costMinOre,
  }));
export type IdeaInput = z.input<typeof ideaSchema>;

/** Props of a "we did this" note: the department that did it, a short note, optionally when. */
export const experienceSchema = z.object({
  departmentId: z.string().min(1, "community.ideas.errors.department").max(64),
  note: z.string().trim().min(1, "community.ideas.errors.note").max(1000, "community.ideas.errors.note_long"),
  doneOn: z.union([z.literal(""), z.iso.date("errors.date_format")]).default(""),
});
export type ExperienceInput = z.input<typeof experienceSchema>;

/** An idea the principal may read (of their organisations), else 404. */
export async function visibleIdea(ctx: AppContext, principal: Principal, id: string): Promise<IdeaRow> {
  const idea = await findIdea(ctx.db, id);
  if (!idea) throw new NotFoundError();
  await requireOrganisation(ctx.db, principal, idea.organisation_id);
  return idea;
}

export const mayEditIdea = (
  principal: Principal,
  userId: string,
  i: Pick<IdeaRow, "author_user_id" | "organisation_id">,
) => i.author_user_id === userId || isCurator(principal, i.organisation_id);

/**
 * Departments that may say "we did this" through the principal: where they work on the board
 * (board.work), or any department their staff grant covers.
 */
export async function experienceDepartments(ctx: AppContext, principal: Principal) {
  const board = reachOf(principal, "board.work");
  const staff = reachOf(principal, "staff.home");
  const ids = [...new Set([...board.departmentIds, ...staff.departmentIds])];
  let q = ctx.db
    .selectFrom("departments")
    .select(["id", "organisation_id", "number", "name"])
    .orderBy("number");
  if (!board.all && !staff.all) {
    q = q.where((eb) =>
      eb.or([
        eb("id", "in", ids.length ? ids : [""]),
        eb("organisation_id", "in", staff.organisationIds.length ? staff.organisationIds : [""]),
      ]),
    );
  }
  return q.execute();
}

async function ideaPlacement(ctx: AppContext, principal: Principal, value: string) {
  const placement = choosePlacement(
    await placementChoices(ctx.db, principal, "community.contribute", (n) => n),
    value,
  );
  if (!placement) throw new ValidationError({ placement: "community.errors.placement" });
  return placement;
}

const stored = (input: z.output<typeof ideaSchema>) => ({
  title: input.title,
  description: input.description,
  cost_min_ore: input.costMinOre,
  cost_max_ore: input.costMaxOre,
  effort: input.effort,
  search_text: searchText(input.title, input.description, input.tags.join(" ")),
});

/** Command: anyone logged in adds an idea to the catalogue. */
export async function createIdea(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  userId: string,
  props: IdeaInput,
): Promise<string> {
  const input = parseProps(ideaSchema, props);
  const placement = await ideaPlacement(ctx, principal, input.placement);
  const now = nowIso(ctx.clock);
  const row = {
    id: newId(),
    organisation_id: placement.organisationId,
    department_id: placement.departmentId,
    author_user_id: userId,
    ...stored(input),
    is_recommended: false,
    recommended_at: null,
    recommended_by: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("ideas").values(row).execute();
    if (input.tags.length) {
      await trx
        .insertInto("idea_tags")
        .values(input.tags.map((tag) => ({ idea_id: row.id, tag })))
        .execute();
    }
    await audit(trx, ctx.clock, actor, {
      action: "community.idea.create",
      entity: "ideas",
      entityId: row.id,
      organisationId: row.organisation_id,
      after: { title: row.title, tags: input.tags },
    });
  });
  return row.id;
}

/** Command: the author (or a curator) changes an idea. */
export async function updateIdea(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  userId: string,
  id: string,
  props: IdeaInput,
): Promise<void> {
  const idea = await visibleIdea(ctx, principal, id);
  if (!mayEditIdea(principal, userId, idea)) throw new NotFoundError();
  const input = parseProps(ideaSchema, props);
  const current = idea.department_id ? `dept:${idea.department_id}` : `org:${idea.organisation_id}`;
  const placement =
    input.placement === current
      ? { organisationId: idea.organisation_id, departmentId: idea.department_id }
      : await ideaPlacement(ctx, principal, input.placement);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("ideas")
      .set({
        ...stored(input),
        organisation_id: placement.organisationId,
        department_id: placement.departmentId,
        updated_at: nowIso(ctx.clock),
      })
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("idea_tags").where("idea_id", "=", id).execute();
    if (input.tags.length) {
      await trx
        .insertInto("idea_tags")
        .values(input.tags.map((tag) => ({ idea_id: id, tag })))
        .execute();
    }
    await audit(trx, ctx.clock, actor, {
      action: "community.idea.update",
      entity: "ideas",
      entityId: id,
      organisationId: placement.organisationId,
      before: { title: idea.title, tags: idea.tags },
      after: { title: input.title, tags: input.tags },
    });
  });
}

/** Command: a curator puts an idea on (or takes it off) the recommended list. */
export async function setRecommended(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  id: string,
  recommended: boolean,
): Promise<void> {
  const idea = await visibleIdea(ctx, principal, id);
  requireAccess(principal, "community.curate", { organisationId: idea.organisation_id });
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("ideas")
      .set(
        recommended
          ? { is_recommended: true, recommended_at: nowIso(ctx.clock), recommended_by: actor.userId }
          : { is_recommended: false, recommended_at: null, recommended_by: null },
      )
      .where("id", "=", id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: recommended ? "community.idea.recommend" : "community.idea.unrecommend",
      entity: "ideas",
      entityId: id,
      organisationId: idea.organisation_id,
    });
  });
}

/**
 * Command: a department says "we did this", with a short note on how it went. The board of that
 * department or staff covering it may write it; written again, the department's note is replaced.
 */
export async function recordExperience(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  userId: string,
  ideaId: string,
  props: ExperienceInput,
): Promise<void> {
  const idea = await visibleIdea(ctx, principal, ideaId);
  const input = parseProps(experienceSchema, props);
  const department = await ctx.db
    .selectFrom("departments")
    .select(["id", "organisation_id"])
    .where("id", "=", input.departmentId)
    .executeTakeFirst();
  const allowed =
    !!department &&
    (can(principal, "board.work", {
      organisationId: department.organisation_id,
      departmentId: department.id,
    }) ||
      isStaffFor(principal, department.organisation_id, department.id));
  if (!allowed) throw new ValidationError({ departmentId: "community.ideas.errors.department" });
  const now = nowIso(ctx.clock);
  const values = { note: input.note, done_on: input.doneOn || null, user_id: userId, updated_at: now };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("idea_experiences")
      .values({ id: newId(), idea_id: idea.id, department_id: department.id, created_at: now, ...values })
      .onConflict((oc) => oc.columns(["idea_id", "department_id"]).doUpdateSet(values))
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.idea.experience",
      entity: "idea_experiences",
      entityId: `${idea.id}:${department.id}`,
      organisationId: department.organisation_id,
      after: { note: input.note, done_on: values.done_on },
    });
  });
}
