import { can, type Principal } from "../../../platform/access.ts";
import { type Actor, audit, type Executor } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { copenhagenDateOf, todayInCopenhagen } from "../../../platform/dates.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { democracySettingsFor } from "../settings.ts";
import { agendaOrder, insertionIndex, maySwap, renumber } from "./agenda-order.ts";
import { checkMeetingDate, conveneByForDemand, copenhagenDateTime } from "./deadlines.ts";
import { meetingFor } from "./meeting-access.ts";
import { agendaItem, departmentById, type MeetingRow } from "./meetings.repository.ts";
import type { AgendaItemInput, EconomyInput, MeetingDetails, PlanMeetingInput } from "./meetings.schemas.ts";
import type { MeetingStage } from "./meetings.table.ts";

/** Planning a meeting: its date (checked against the notice rules), its agenda, budget and accounts. */

/** Stages in which the agenda, budget and accounts may still change (until the final agenda is out). */
export const agendaOpenStages: readonly MeetingStage[] = ["planned", "convened", "proposals_open"];

/** Refuses a date too early to be convened today, with the reason and the first allowed date. */
async function requireAllowedDate(
  ctx: AppContext,
  organisationId: string,
  kind: PlanMeetingInput["kind"],
  startsAt: Date,
) {
  const settings = await democracySettingsFor(ctx.db, organisationId);
  const check = checkMeetingDate({ kind, startsAt, today: todayInCopenhagen(ctx.clock), settings });
  if (!check.ok) throw new ValidationError({ date: check.reason.key }, check.reason.key, check.reason.params);
  return settings;
}

export interface PlanMeetingProps extends PlanMeetingInput {
  /** Agenda items to start with (e.g. the standard agenda of an ordinary meeting, in the user's language). */
  agenda?: string[];
  /** The extraordinary-meeting demand this meeting answers and when it became valid. */
  demand?: { id: string; reachedAt: string };
}

/**
 * Command: plans a meeting of a department (stage "planned"). Staff with meetings.manage for the
 * department, or its board chair. A date too early for the notice rule is refused.
 */
export async function planMeeting(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  props: PlanMeetingProps,
) {
  const dept = await departmentById(ctx.db, props.department_id);
  const scope = dept && { organisationId: dept.organisation_id, departmentId: dept.id };
  if (!dept || !can(principal, "meetings.manage", scope ?? undefined))
    throw new ValidationError({ department_id: "meetings.errors.department" });
  if (props.demand && props.kind !== "extraordinary")
    throw new ValidationError({ kind: "meetings.errors.demand_kind" });
  const startsAt = copenhagenDateTime(props.date, props.time);
  const settings = await requireAllowedDate(ctx, dept.organisation_id, props.kind, startsAt);
  const id = newId();
  const now = nowIso(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("meetings")
      .values({
        id,
        organisation_id: dept.organisation_id,
        department_id: dept.id,
        kind: props.kind,
        title: props.title,
        starts_at: startsAt.toISOString(),
        meeting_date: copenhagenDateOf(startsAt),
        location: props.location,
        stage: "planned",
        demand_id: props.demand?.id ?? null,
        convene_by: props.demand ? conveneByForDemand(props.demand.reachedAt, settings) : null,
        meeting_chair_user_id: null,
        meeting_chair_name: null,
        minutes_intro: null,
        convened_at: null,
        convened_by: null,
        proposals_opened_at: null,
        final_agenda_at: null,
        held_at: null,
        minutes_approved_at: null,
        published_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const [i, title] of (props.agenda ?? []).entries())
      await insertItem(trx, id, i + 1, { title, description: "" }, now);
    await audit(trx, ctx.clock, actor, {
      action: "meetings.plan",
      entity: "meetings",
      entityId: id,
      organisationId: dept.organisation_id,
      after: {
        department: dept.number,
        kind: props.kind,
        startsAt: startsAt.toISOString(),
        title: props.title,
      },
    });
  });
  return id;
}

/** Command: changes a planned meeting's title, date, time or place (the date is checked again). */
export async function editMeeting(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  input: MeetingDetails,
) {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  if (m.stage !== "planned") throw new ConflictError("meetings.errors.not_planned");
  const startsAt = copenhagenDateTime(input.date, input.time);
  await requireAllowedDate(ctx, m.organisation_id, m.kind, startsAt);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("meetings")
      .set({
        title: input.title,
        location: input.location,
        starts_at: startsAt.toISOString(),
        meeting_date: copenhagenDateOf(startsAt),
        updated_at: nowIso(ctx.clock),
      })
      .where("id", "=", m.id)
      .where("stage", "=", "planned")
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "meetings.edit",
      entity: "meetings",
      entityId: m.id,
      organisationId: m.organisation_id,
      before: { title: m.title, startsAt: m.starts_at, location: m.location },
      after: { title: input.title, startsAt: startsAt.toISOString(), location: input.location },
    });
  });
}

async function insertItem(
  trx: Executor,
  meetingId: string,
  position: number,
  input: AgendaItemInput,
  now: string,
) {
  const id = newId();
  await trx
    .insertInto("meeting_agenda_items")
    .values({
      id,
      meeting_id: meetingId,
      position,
      title: input.title,
      description: input.description,
      outcome: null,
      votes_for: null,
      votes_against: null,
      votes_blank: null,
      votes_recorded_at: null,
      votes_recorded_by: null,
      follow_up_opens_at: null,
      follow_up_closes_at: null,
      vote_id: null,
      decision_text: null,
      minutes_text: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** The meeting, when its agenda may still change; a later stage is a conflict. */
export async function meetingWithOpenAgenda(
  ctx: AppContext,
  principal: Principal,
  meetingId: string,
): Promise<MeetingRow> {
  const m = await meetingFor(ctx.db, principal, meetingId, "meetings.manage");
  if (!agendaOpenStages.includes(m.stage)) throw new ConflictError("meetings.errors.agenda_closed");
  return m;
}

/**
 * Command: adds an item to the agenda (until the final agenda is published): at the end, or just
 * before "Eventuelt", which stays last; the items are numbered 1, 2, 3 … again.
 */
export async function addAgendaItem(
  ctx: AppContext,
  actor: Actor,
  m: MeetingRow,
  input: AgendaItemInput,
  trx?: Executor,
): Promise<string> {
  if (!agendaOpenStages.includes(m.stage)) throw new ConflictError("meetings.errors.agenda_closed");
  const run = async (db: Executor) => {
    const items = await agendaOrder(db, m.id);
    const at = insertionIndex(items);
    const id = await insertItem(db, m.id, at + 1, input, nowIso(ctx.clock));
    await renumber(db, [...items.slice(0, at), { id, position: at + 1 }, ...items.slice(at)]);
    await audit(db, ctx.clock, actor, {
      action: "meetings.agenda.add",
      entity: "meeting_agenda_items",
      entityId: id,
      organisationId: m.organisation_id,
      after: { meetingId: m.id, title: input.title, position: at + 1 },
    });
    return id;
  };
  return trx ? run(trx) : ctx.db.transaction().execute(run);
}

/** Command: changes an item's title and description. */
export async function editAgendaItem(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  itemId: string,
  input: AgendaItemInput,
) {
  const m = await meetingWithOpenAgenda(ctx, principal, meetingId);
  const item = await agendaItem(ctx.db, m.id, itemId);
  if (!item) throw new NotFoundError();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("meeting_agenda_items")
      .set({ title: input.title, description: input.description, updated_at: nowIso(ctx.clock) })
      .where("id", "=", item.id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "meetings.agenda.edit",
      entity: "meeting_agenda_items",
      entityId: item.id,
      organisationId: m.organisation_id,
      before: { title: item.title, description: item.description },
      after: { ...input },
    });
  });
}

/**
 * Command: moves an item one place up or down (swapping positions with its neighbour). "Eventuelt"
 * stays last: it does not move, and no item moves below it.
 */
export async function moveAgendaItem(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  itemId: string,
  direction: "up" | "down",
) {
  const m = await meetingWithOpenAgenda(ctx, principal, meetingId);
  await ctx.db.transaction().execute(async (trx) => {
    const items = await agendaOrder(trx, m.id);
    const i = items.findIndex((x) => x.id === itemId);
    if (i < 0) throw new NotFoundError();
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= items.length) return;
    if (!maySwap(items[i]!, items[j]!)) throw new ConflictError("meetings.errors.closing_item_last");
    const order = [...items];
    [order[i], order[j]] = [order[j]!, order[i]!];
    await renumber(trx, order);
    await audit(trx, ctx.clock, actor, {
      action: "meetings.agenda.move",
      entity: "meeting_agenda_items",
      entityId: itemId,
      organisationId: m.organisation_id,
      after: { direction, position: j + 1 },
    });
  });
}

/** Command: removes an item; a proposal that had become it goes back to the board's list. */
export async function removeAgendaItem(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  itemId: string,
) {
  const m = await meetingWithOpenAgenda(ctx, principal, meetingId);
  const item = await agendaItem(ctx.db, m.id, itemId);
  if (!item) throw new NotFoundError();
  const amended = await ctx.db
    .selectFrom("meeting_proposals")
    .select("id")
    .where("amends_item_id", "=", item.id)
    .executeTakeFirst();
  if (amended) throw new ConflictError("meetings.errors.item_has_amendments");
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("meeting_proposals")
      .set({ status: "submitted", agenda_item_id: null, updated_at: nowIso(ctx.clock) })
      .where("agenda_item_id", "=", item.id)
      .execute();
    await trx.deleteFrom("meeting_agenda_items").where("id", "=", item.id).execute();
    await renumber(trx, await agendaOrder(trx, m.id));
    await audit(trx, ctx.clock, actor, {
      action: "meetings.agenda.remove",
      entity: "meeting_agenda_items",
      entityId: item.id,
      organisationId: m.organisation_id,
      before: { title: item.title },
    });
  });
}

/** Command: sets the condensed budget and accounts (lines with amounts in øre). */
export async function setEconomy(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  meetingId: string,
  input: EconomyInput,
) {
  const m = await meetingWithOpenAgenda(ctx, principal, meetingId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("meetings")
      .set({ budget_json: input.budget, accounts_json: input.accounts, updated_at: nowIso(ctx.clock) })
      .where("id", "=", m.id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "meetings.economy",
      entity: "meetings",
      entityId: m.id,
      organisationId: m.organisation_id,
      before: { budget: m.budget_json, accounts: m.accounts_json },
      after: { ...input },
    });
  });
}
