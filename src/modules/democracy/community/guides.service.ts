import { z } from "zod";
import type { Principal } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { guideKinds } from "./community.table.ts";
import {
  choosePlacement,
  isCurator,
  type Placement,
  placementChoices,
  requireOrganisation,
  searchText,
} from "./community-access.ts";
import { findGuide, type GuideRow } from "./guides.repository.ts";
import { parseProps } from "./validate.ts";

/** The message of a choice that is not one of the options (a form was tampered with, or sent empty). */
const choice = "community.errors.choice";

const maxTags = 10;

/** Tags as typed ("Grøn, fællesspisning"): lower-cased, trimmed, each once; at most ten of 40 characters. */
export const tagsSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [
    ...new Set(
      (Array.isArray(v) ? v : v.split(","))
        .map((x) => x.trim().replace(/\s+/g, " ").toLocaleLowerCase("da"))
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().max(40, "community.guides.errors.tag_long"))
      .max(maxTags, "community.guides.errors.tags_many"),
  );

/** Props of a guide or good example. `placement` is `dept:<id>` or `org:<id>` (organisation-wide). */
export const guideSchema = z.object({
  placement: z.string().min(1, "community.errors.placement").max(80),
  kind: z.enum(guideKinds, { error: choice }),
  title: z.string().trim().min(1, "community.errors.title").max(200),
  body: z.string().trim().min(1, "community.guides.errors.body").max(50_000),
  tags: tagsSchema.default([]),
});
export type GuideInput = z.input<typeof guideSchema>;

/** Where the principal may place what they write, labelled for a form. */
export function writePlacements(
  ctx: AppContext,
  principal: Principal,
  wholeOrganisation: (name: string) => string,
) {
  return placementChoices(ctx.db, principal, "community.contribute", wholeOrganisation);
}

async function placementFor(ctx: AppContext, principal: Principal, value: string): Promise<Placement> {
  const placement = choosePlacement(await writePlacements(ctx, principal, (n) => n), value);
  if (!placement) throw new ValidationError({ placement: "community.errors.placement" });
  return placement;
}

/** A guide the principal may read (of their organisations), else 404. */
export async function visibleGuide(ctx: AppContext, principal: Principal, id: string): Promise<GuideRow> {
  const guide = await findGuide(ctx.db, id);
  if (!guide) throw new NotFoundError();
  await requireOrganisation(ctx.db, principal, guide.organisation_id);
  return guide;
}

export const mayEditGuide = (
  principal: Principal,
  userId: string,
  g: Pick<GuideRow, "author_user_id" | "organisation_id">,
) => g.author_user_id === userId || isCurator(principal, g.organisation_id);

/** A guide the principal may change: their own, or any in an organisation they curate (else 404). */
export async function editableGuide(ctx: AppContext, principal: Principal, userId: string, id: string) {
  const guide = await visibleGuide(ctx, principal, id);
  if (!mayEditGuide(principal, userId, guide)) throw new NotFoundError();
  return guide;
}

export async function createGuide(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  userId: string,
  props: GuideInput,
): Promise<string> {
  const input = parseProps(guideSchema, props);
  const placement = await placementFor(ctx, principal, input.placement);
  const now = nowIso(ctx.clock);
  const row = {
    id: newId(),
    organisation_id: placement.organisationId,
    department_id: placement.departmentId,
    author_user_id: userId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    search_text: searchText(input.title, input.body, input.tags.join(" ")),
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("guides").values(row).execute();
    if (input.tags.length) {
      await trx
        .insertInto("guide_tags")
        .values(input.tags.map((tag) => ({ guide_id: row.id, tag })))
        .execute();
    }
    await audit(trx, ctx.clock, actor, {
      action: "community.guide.create",
      entity: "guides",
      entityId: row.id,
      organisationId: row.organisation_id,
      after: { title: row.title, kind: row.kind, department_id: row.department_id, tags: input.tags },
    });
  });
  return row.id;
}

export async function updateGuide(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  userId: string,
  id: string,
  props: GuideInput,
): Promise<void> {
  const guide = await editableGuide(ctx, principal, userId, id);
  const input = parseProps(guideSchema, props);
  const placement = await placementFor(ctx, principal, input.placement).catch((e) => {
    // A curator may keep a guide where its author placed it, even outside their own choices.
    const unchanged =
      input.placement ===
      (guide.department_id ? `dept:${guide.department_id}` : `org:${guide.organisation_id}`);
    if (unchanged) return { organisationId: guide.organisation_id, departmentId: guide.department_id };
    throw e;
  });
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("guides")
      .set({
        organisation_id: placement.organisationId,
        department_id: placement.departmentId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        search_text: searchText(input.title, input.body, input.tags.join(" ")),
        updated_at: nowIso(ctx.clock),
      })
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("guide_tags").where("guide_id", "=", id).execute();
    if (input.tags.length) {
      await trx
        .insertInto("guide_tags")
        .values(input.tags.map((tag) => ({ guide_id: id, tag })))
        .execute();
    }
    await audit(trx, ctx.clock, actor, {
      action: "community.guide.update",
      entity: "guides",
      entityId: id,
      organisationId: placement.organisationId,
      before: { title: guide.title, kind: guide.kind, tags: guide.tags },
      after: { title: input.title, kind: input.kind, tags: input.tags },
    });
  });
}

export async function deleteGuide(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  userId: string,
  id: string,
): Promise<void> {
  const guide = await editableGuide(ctx, principal, userId, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("guide_tags").where("guide_id", "=", id).execute();
    await trx.deleteFrom("guides").where("id", "=", id).execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.guide.delete",
      entity: "guides",
      entityId: id,
      organisationId: guide.organisation_id,
      before: { title: guide.title, author_user_id: guide.author_user_id },
    });
  });
}
