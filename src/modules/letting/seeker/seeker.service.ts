import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import type { CurrentUser } from "../../../platform/http/request-context.ts";
import { newId } from "../../../platform/ids.ts";
import { organisationFees, paymentLineText } from "../fees/charges.ts";
import type { ListKind } from "../letting.table.ts";
import { reactivateApplication } from "../lists.service.ts";
import { estimateWait, type WaitEstimate } from "./estimate.ts";
import { applicationsOf, lettingsKey, openChargesOf, queuesOf, recentLettings } from "./seeker.repository.ts";

/** What "Mine ventelister" shows for one application. */
export interface WaitingListView {
  id: string;
  organisationName: string;
  list: ListKind;
  status: "active" | "passive";
  seniorityDate: string;
  paidUntil: string | null;
  departments: { id: string; number: number; name: string; rank: number | null; estimate: WaitEstimate }[];
  openCharges: {
    kind: string;
    amountOre: number;
    dueDate: string;
    removalDate: string | null;
    paymentId: string;
    paymentLine: string;
  }[];
}

/** The seeker's applications: stored places, estimates from recent lettings, fees. */
export async function myWaitingLists(
  ctx: AppContext,
  personId: string,
  lang: "da" | "en",
): Promise<WaitingListView[]> {
  const apps = await applicationsOf(ctx.db, personId);
  const ids = apps.map((a) => a.id);
  const [queues, charges] = await Promise.all([queuesOf(ctx.db, ids), openChargesOf(ctx.db, ids)]);
  const lettings = await recentLettings(
    ctx.db,
    [...new Set(queues.map((q) => q.department_id))],
    todayInCopenhagen(ctx.clock),
  );
  const orgs = new Map<string, Awaited<ReturnType<typeof organisationFees>>>();
  for (const a of apps)
    if (!orgs.has(a.organisationId))
      orgs.set(a.organisationId, await organisationFees(ctx.db, a.organisationId));
  return apps.map((a) => ({
    id: a.id,
    organisationName: a.organisationName,
    list: a.kind,
    status: a.status as "active" | "passive",
    seniorityDate: a.seniority_date,
    paidUntil: a.fee_paid_until,
    departments: queues
      .filter((q) => q.application_id === a.id)
      .map((q) => ({
        id: q.department_id,
        number: q.number,
        name: q.name,
        rank: q.rank,
        estimate: estimateWait(q.rank, lettings.get(lettingsKey(q.department_id, a.kind)) ?? 0),
      })),
    openCharges: charges
      .filter((c) => c.application_id === a.id)
      .map((c) => ({
        kind: c.kind,
        amountOre: Number(c.amount_ore),
        dueDate: c.due_date,
        removalDate: c.removal_date,
        paymentId: c.payment_id,
        paymentLine: paymentLineText(orgs.get(a.organisationId)!, c.payment_id, lang),
      })),
  }));
}

/**
 * The person record a logged-in user signs up as. A user without one (e.g. a new MitID account)
 * gets a person in the chosen organisation, from the account's name and e-mail, linked to the
 * account in the same transaction.
 */
export async function ensureSeekerPerson(
  ctx: AppContext,
  actor: Actor,
  user: Pick<CurrentUser, "id" | "name" | "email" | "language" | "personId">,
  organisationId: string,
): Promise<string> {
  if (user.personId) return user.personId;
  const org = await ctx.db
    .selectFrom("organisations")
    .select("id")
    .where("id", "=", organisationId)
    .executeTakeFirst();
  if (!org) throw new NotFoundError();
  const id = newId();
  const now = nowIso(ctx.clock);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("users")
      .select("person_id")
      .where("id", "=", user.id)
      .executeTakeFirst();
    if (current?.person_id) return current.person_id;
    await trx
      .insertInto("people")
      .values({
        id,
        organisation_id: organisationId,
        person_number: `S-${id.replace(/-/g, "").slice(-10).toUpperCase()}`,
        name: user.name,
        birth_date: null,
        email: user.email.endsWith(".oidc") ? null : user.email,
        phone: null,
        street: null,
        house_number: null,
        floor: null,
        door: null,
        postcode: null,
        town: null,
        language: user.language,
        cpr_enc: null,
        cpr_hash: null,
        cpr_masked: null,
        cpr_legal_basis: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .updateTable("users")
      .set({ person_id: id, updated_at: now })
      .where("id", "=", user.id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "letting.seeker_person_created",
      entity: "person",
      entityId: id,
      organisationId,
      after: { userId: user.id },
    });
    return id;
  });
}

/** The seeker's own application, or not found (another person's looks the same as none). */
export async function reactivateOwn(
  ctx: AppContext,
  actor: Actor,
  personId: string | null,
  applicationId: string,
) {
  const own = personId
    ? await ctx.db
        .selectFrom("applications")
        .select("id")
        .where("id", "=", applicationId)
        .where("person_id", "=", personId)
        .executeTakeFirst()
    : undefined;
  if (!own) throw new NotFoundError();
  await reactivateApplication(ctx, actor, applicationId);
}
