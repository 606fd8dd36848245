import { z } from "zod";
import { type Principal, type Reach, reachOf, requireAccess } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { type InterestKind, interestKinds } from "./community.table.ts";
import {
  contactableInterests,
  type InterestRow,
  interestCounts,
  interestsOfPerson,
  uncontactableCount,
} from "./interests.repository.ts";
import { parseProps } from "./validate.ts";

/** The message of a choice that is not one of the options (a form was tampered with, or sent empty). */
const choice = "community.errors.choice";

/** Props of saveInterest: what the resident would join in one of their departments. */
export const interestInputSchema = z.object({
  departmentId: z.string().min(1).max(64),
  interests: z.array(z.enum(interestKinds, { error: choice })).max(interestKinds.length),
  note: z.string().trim().max(1000, "community.interests.errors.note_long").default(""),
  contactConsent: z.boolean(),
});
export type InterestInput = z.input<typeof interestInputSchema>;

/** The kinds a stored interest has, in the fixed order. */
export const kindsOf = (
  r: Pick<InterestRow, "is_board_interest" | "is_committee_interest" | "is_activity_interest">,
): InterestKind[] =>
  interestKinds.filter((k) =>
    k === "board"
      ? r.is_board_interest
      : k === "committee"
        ? r.is_committee_interest
        : r.is_activity_interest,
  );

/** The departments where the principal takes part as a resident (democracy.participate grants). */
export async function participationDepartments(ctx: AppContext, principal: Principal) {
  const ids = reachOf(principal, "democracy.participate").departmentIds;
  if (!ids.length) return [];
  return ctx.db
    .selectFrom("departments")
    .select(["id", "organisation_id", "number", "name"])
    .where("id", "in", ids)
    .orderBy("number")
    .execute();
}

async function departmentOf(ctx: AppContext, departmentId: string) {
  const d = await ctx.db
    .selectFrom("departments")
    .select(["id", "organisation_id"])
    .where("id", "=", departmentId)
    .executeTakeFirst();
  if (!d) throw new NotFoundError();
  return d;
}

/**
 * Command: the resident says what they would join (board, committee, activities) and whether the
 * board may contact them. Saying it again replaces what was said before.
 */
export async function saveInterest(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  personId: string | null,
  props: InterestInput,
): Promise<void> {
  const input = parseProps(interestInputSchema, props);
  const department = await departmentOf(ctx, input.departmentId);
  requireAccess(principal, "democracy.participate", {
    organisationId: department.organisation_id,
    departmentId: department.id,
  });
  if (!personId) throw new ValidationError({ _form: "community.interests.errors.no_person" });
  if (input.interests.length === 0 && !input.note) {
    throw new ValidationError({ interests: "community.interests.errors.nothing" });
  }
  const has = (k: InterestKind) => input.interests.includes(k);
  const now = nowIso(ctx.clock);
  const values = {
    is_board_interest: has("board"),
    is_committee_interest: has("committee"),
    is_activity_interest: has("activities"),
    note: input.note || null,
    has_contact_consent: input.contactConsent,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("democracy_interests")
      .values({
        id: newId(),
        organisation_id: department.organisation_id,
        department_id: department.id,
        person_id: personId,
        created_at: now,
        ...values,
      })
      .onConflict((oc) => oc.columns(["person_id", "department_id"]).doUpdateSet(values))
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "community.interest.save",
      entity: "democracy_interests",
      entityId: `${personId}:${department.id}`,
      organisationId: department.organisation_id,
      after: { interests: input.interests, contactConsent: input.contactConsent },
    });
  });
}

/** Command: the resident takes it back; nothing of it is kept. */
export async function withdrawInterest(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  personId: string | null,
  departmentId: string,
): Promise<void> {
  const department = await departmentOf(ctx, departmentId);
  requireAccess(principal, "democracy.participate", {
    organisationId: department.organisation_id,
    departmentId: department.id,
  });
  if (!personId) throw new NotFoundError();
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom("democracy_interests")
      .where("person_id", "=", personId)
      .where("department_id", "=", department.id)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new NotFoundError();
    await audit(trx, ctx.clock, actor, {
      action: "community.interest.withdraw",
      entity: "democracy_interests",
      entityId: `${personId}:${department.id}`,
      organisationId: department.organisation_id,
    });
  });
}

export async function myInterests(ctx: AppContext, personId: string | null) {
  return personId ? interestsOfPerson(ctx.db, personId) : [];
}

/** The board's view: who in its department would join and may be contacted (board.work there, else 404). */
export async function interestedResidents(ctx: AppContext, principal: Principal, departmentId: string) {
  const department = await ctx.db
    .selectFrom("departments")
    .select(["id", "organisation_id", "number", "name"])
    .where("id", "=", departmentId)
    .executeTakeFirst();
  if (!department) throw new NotFoundError();
  requireAccess(principal, "board.work", {
    organisationId: department.organisation_id,
    departmentId: department.id,
  });
  return {
    department,
    residents: await contactableInterests(ctx.db, department.id),
    withoutConsent: await uncontactableCount(ctx.db, department.id),
  };
}

const union = (a: Reach, b: Reach): Reach => ({
  all: a.all || b.all,
  organisationIds: [...new Set([...a.organisationIds, ...b.organisationIds])],
  departmentIds: [...new Set([...a.departmentIds, ...b.departmentIds])],
});

/** Who sees the numbers across departments: curators and those who manage boards, within reach. */
export function overviewReach(principal: Principal): Reach | null {
  const reach = union(reachOf(principal, "community.curate"), reachOf(principal, "boards.manage"));
  return reach.all || reach.organisationIds.length || reach.departmentIds.length ? reach : null;
}

/** The organisation's numbers: interested residents per department and kind (404 without the reach). */
export async function interestOverview(
  ctx: AppContext,
  principal: Principal,
  page: number,
  pageSize: number,
) {
  const reach = overviewReach(principal);
  if (!reach) throw new NotFoundError();
  return interestCounts(ctx.db, reach, { page, pageSize });
}
