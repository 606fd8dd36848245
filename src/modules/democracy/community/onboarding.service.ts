import { type Principal, reachOf } from "../../../platform/access.ts";
import type { Executor } from "../../../platform/audit.ts";
import { type Clock, nowIso, systemClock } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { addDays, todayInCopenhagen } from "../../../platform/dates.ts";
import { NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { withinReach } from "../../../platform/reach-sql.ts";
import { chairedBoards, isCurator } from "./community-access.ts";
import {
  type ChecklistRow,
  checklistsOfPerson,
  findChecklist,
  type ItemRow,
  itemsOf,
  progressRows,
} from "./onboarding.repository.ts";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Props of startOnboarding: the new board member and the date they were elected. */
export interface StartOnboarding {
  personId: string;
  organisationId: string;
  /** Null for the organisation board. */
  departmentId: string | null;
  /** YYYY-MM-DD: every step is due this date plus its offset in days. */
  electedOn: string;
}

/**
 * Command: gives a new board member the organisation's current introduction programme as a
 * checklist, each step due on the election date plus the step's offset. Runs in the caller's
 * transaction (the boards module calls it when a member joins). Nothing happens when the
 * organisation has no current programme (or it has no steps); calling it again for the same
 * person, department and election date changes nothing, also when two calls race (the unique key
 * decides which insert wins; only the winner copies the steps).
 */
export async function startOnboarding(
  trx: Executor,
  input: StartOnboarding,
  clock: Clock = systemClock,
): Promise<void> {
  if (!isoDate.test(input.electedOn) || Number.isNaN(Date.parse(input.electedOn))) {
    throw new ValidationError({ electedOn: "errors.date_format" });
  }
  const programme = await trx
    .selectFrom("onboarding_programmes")
    .select("id")
    .where("organisation_id", "=", input.organisationId)
    .where("is_current", "=", true)
    .executeTakeFirst();
  if (!programme) return;
  const steps = await trx
    .selectFrom("onboarding_steps")
    .selectAll()
    .where("programme_id", "=", programme.id)
    .orderBy("position")
    .orderBy("id")
    .execute();
  if (!steps.length) return;
  const id = newId();
  const scopeKey = input.departmentId ?? `org:${input.organisationId}`;
  await trx
    .insertInto("onboarding_checklists")
    .values({
      id,
      organisation_id: input.organisationId,
      department_id: input.departmentId,
      scope_key: scopeKey,
      person_id: input.personId,
      programme_id: programme.id,
      elected_on: input.electedOn,
      created_at: nowIso(clock),
    })
    .onConflict((oc) => oc.columns(["person_id", "scope_key", "elected_on"]).doNothing())
    .execute();
  const stored = await trx
    .selectFrom("onboarding_checklists")
    .select("id")
    .where("person_id", "=", input.personId)
    .where("scope_key", "=", scopeKey)
    .where("elected_on", "=", input.electedOn)
    .executeTakeFirstOrThrow();
  if (stored.id !== id) return;
  await trx
    .insertInto("onboarding_items")
    .values(
      steps.map((s, i) => ({
        id: newId(),
        checklist_id: id,
        position: i + 1,
        title: s.title,
        description: s.description,
        link_url: s.link_url,
        course_id: s.course_id,
        due_on: addDays(input.electedOn, s.due_offset_days),
        done_at: null,
        done_by: null,
      })),
    )
    .execute();
}

export interface ChecklistWithItems {
  checklist: ChecklistRow;
  items: ItemRow[];
}

async function withItems(ctx: AppContext, checklists: ChecklistRow[]): Promise<ChecklistWithItems[]> {
  const items = await itemsOf(
    ctx.db,
    checklists.map((c) => c.id),
  );
  return checklists.map((checklist) => ({
    checklist,
    items: items.filter((i) => i.checklist_id === checklist.id),
  }));
}

/** The board member's own checklists, newest election first. */
export async function myChecklists(ctx: AppContext, personId: string | null): Promise<ChecklistWithItems[]> {
  return personId ? withItems(ctx, await checklistsOfPerson(ctx.db, personId)) : [];
}

/** Who may see a checklist: its owner, the chair of its department, a curator of its organisation. */
function maySee(principal: Principal, personId: string | null, c: ChecklistRow): boolean {
  if (personId && c.person_id === personId) return true;
  const chaired = chairedBoards(principal);
  if (
    c.department_id
      ? chaired.departmentIds.includes(c.department_id)
      : chaired.organisationIds.includes(c.organisation_id)
  ) {
    return true;
  }
  return isCurator(principal, c.organisation_id);
}

/** One checklist with its items, for its owner, their chair or a curator (404 for anyone else). */
export async function checklistFor(
  ctx: AppContext,
  principal: Principal,
  personId: string | null,
  id: string,
): Promise<ChecklistWithItems> {
  const c = await findChecklist(ctx.db, id);
  if (!c || !maySee(principal, personId, c)) throw new NotFoundError();
  return (await withItems(ctx, [c]))[0]!;
}

/** Command: the owner ticks a step off (or undoes it). Someone else's step is not found. */
export async function setItemDone(
  ctx: AppContext,
  user: { id: string; personId: string | null },
  itemId: string,
  done: boolean,
): Promise<void> {
  if (!user.personId) throw new NotFoundError();
  const item = await ctx.db
    .selectFrom("onboarding_items as i")
    .innerJoin("onboarding_checklists as c", "c.id", "i.checklist_id")
    .select(["i.id", "c.person_id"])
    .where("i.id", "=", itemId)
    .executeTakeFirst();
  if (!item || item.person_id !== user.personId) throw new NotFoundError();
  await ctx.db
    .updateTable("onboarding_items")
    .set(done ? { done_at: nowIso(ctx.clock), done_by: user.id } : { done_at: null, done_by: null })
    .where("id", "=", item.id)
    .execute();
}

/**
 * The chair's view: progress of the members of the boards they chair (department boards, and the
 * organisation board's members for its chair); 404 if they chair none.
 */
export async function chairProgress(
  ctx: AppContext,
  principal: Principal,
  page: { limit: number; offset: number },
) {
  const { departmentIds, organisationIds } = chairedBoards(principal);
  if (!departmentIds.length && !organisationIds.length) throw new NotFoundError();
  return progressRows(
    ctx.db,
    todayInCopenhagen(ctx.clock),
    (q) =>
      q.where((eb) =>
        eb.or([
          eb("c.department_id", "in", departmentIds.length ? departmentIds : [""]),
          eb.and([
            eb("c.department_id", "is", null),
            eb("c.organisation_id", "in", organisationIds.length ? organisationIds : [""]),
          ]),
        ]),
      ),
    page,
  );
}

/** The organisation's view: progress of every new board member within the curator's reach. */
export async function organisationProgress(
  ctx: AppContext,
  principal: Principal,
  page: { limit: number; offset: number },
) {
  const reach = reachOf(principal, "community.curate");
  return progressRows(
    ctx.db,
    todayInCopenhagen(ctx.clock),
    (q) => q.where(withinReach(reach, "c.organisation_id", "c.department_id")),
    page,
  );
}
