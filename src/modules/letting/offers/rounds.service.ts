import type { Principal } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { addMonths, todayInCopenhagen } from "../../../platform/dates.ts";
import { ConflictError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { prepareLetters, recordLetters } from "../../letters/index.ts";
import { loadCandidates, toRankingVacancy } from "../candidates.repository.ts";
import { type RankedCandidate, type RankingResult, rankCandidates } from "../ranking/index.ts";
import { managedVacancy } from "../staff/vacancies.service.ts";
import { answerDeadline } from "./deadline.ts";
import { lettingBasis } from "./history.repository.ts";

/** What an offer round did: its id and mode, and the offers made. */
export interface RoundResult {
  roundId: string;
  mode: RankingResult["mode"];
  offers: number;
  deadlineAt: string;
}

/**
 * Command: the first offer round of an open vacancy. Ranks the candidates with the rules in force
 * for the department (DOMAIN.md "Order of rights"), keeps the whole ranking, and offers the home to
 * the top `offersPerRound` at once with one `offer` letter each, in one transaction. When it is the
 * municipality's turn no offers are made: the vacancy waits for the municipal referral.
 */
export function runOfferRound(ctx: AppContext, actor: Actor, principal: Principal, vacancyId: string) {
  return startRound(ctx, actor, principal, vacancyId, "open");
}

/** Command: offers to the next `offersPerRound` candidates, skipping everyone already offered. */
export function extendRound(ctx: AppContext, actor: Actor, principal: Principal, vacancyId: string) {
  return startRound(ctx, actor, principal, vacancyId, "offering");
}

async function startRound(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  vacancyId: string,
  from: "open" | "offering",
): Promise<RoundResult> {
  const { db, clock } = ctx;
  const v = await managedVacancy(ctx, principal, vacancyId);
  if (v.status !== from) throw new ConflictError("letting.staff.errors.wrong_status");
  const today = todayInCopenhagen(clock);
  // Two independent reads: on PostgreSQL they go out at once, on connections of their own.
  const [{ settings, history }, previous] = await Promise.all([
    lettingBasis(db, v.organisation_id, v.department_id, addMonths(today, -12)),
    db
      .selectFrom("offers as o")
      .innerJoin("applications as a", "a.id", "o.application_id")
      .select(["o.application_id", "a.person_id"])
      .where("o.vacancy_id", "=", v.id)
      .execute(),
  ]);
  const vacancy = toRankingVacancy(v.id, v, v.rent_ore);
  const skip = new Set(previous.map((p) => p.application_id));
  // A person on both lists gets one offer for a home, on their best-ranked application. When that
  // leaves fewer offers than the round makes, the queues are read again, further down.
  let wanted = settings.offersPerRound;
  let result: RankingResult;
  let personOf: Map<string, string>;
  let chosen: RankedCandidate[];
  for (;;) {
    const candidates = await loadCandidates(db, {
      dialect: ctx.database.dialect,
      organisationId: v.organisation_id,
      vacancy,
      settings,
      history,
      today,
      wanted,
      skip,
    });
    result = rankCandidates(vacancy, candidates, settings, history, today);
    const people = result.ranked.length
      ? await db
          .selectFrom("applications")
          .select(["id", "person_id"])
          .where(
            "id",
            "in",
            result.ranked.map((c) => c.applicationId),
          )
          .execute()
      : [];
    const byApplication = new Map(people.map((p) => [p.id, p.person_id]));
    const offered = new Set(previous.map((p) => p.person_id));
    chosen = result.ranked
      .filter((c) => {
        const person = byApplication.get(c.applicationId)!;
        if (offered.has(person)) return false;
        offered.add(person);
        return true;
      })
      .slice(0, settings.offersPerRound);
    personOf = byApplication;
    // Fewer eligible than wanted: the queues have no more.
    if (chosen.length >= settings.offersPerRound || result.ranked.length < wanted) break;
    wanted += settings.offersPerRound - chosen.length;
  }
  if (from === "offering" && result.mode !== "lists")
    throw new ConflictError("letting.staff.errors.wrong_status");
  const deadline = answerDeadline(today, settings.answerDays);
  const deadlineAt = deadline.toISOString();
  const letters = chosen.length
    ? await prepareLetters(ctx, {
        organisationId: v.organisation_id,
        departmentId: v.department_id,
        letterType: "offer",
        recipients: chosen.map((c) => ({ personId: personOf.get(c.applicationId)!, unitId: v.unit_id })),
        values: {
          department: v.department_name,
          amount: { ore: v.rent_ore },
          deadline: { date: deadlineAt.slice(0, 10) },
          message: "",
        },
        createdBy: actor.userId,
      })
    : [];

  const roundId = newId();
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const next = result.mode === "municipal_assignment" ? "municipal" : "offering";
    // The status guard: a second start of the same round (or a let in between) changes nothing.
    const moved = await trx
      .updateTable("vacancies")
      .set({ status: next, updated_at: now })
      .where("id", "=", v.id)
      .where("status", "=", from)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new ConflictError("letting.staff.errors.wrong_status");
    const last = await trx
      .selectFrom("offer_rounds")
      .select((eb) => eb.fn.max("round_number").as("n"))
      .where("vacancy_id", "=", v.id)
      .executeTakeFirst();
    await trx
      .insertInto("offer_rounds")
      .values({
        id: roundId,
        vacancy_id: v.id,
        round_number: Number(last?.n ?? 0) + 1,
        mode: result.mode,
        decision_json: { ...result, history },
        deadline_at: deadlineAt,
        status: result.mode === "lists" ? "open" : "closed",
        created_by: actor.userId,
        created_at: now,
      })
      .execute();
    await recordLetters(trx, letters);
    if (chosen.length) {
      await trx
        .insertInto("offers")
        .values(
          chosen.map((c, i) => ({
            id: newId(),
            round_id: roundId,
            vacancy_id: v.id,
            application_id: c.applicationId,
            position: c.position,
            reason_json: { group: c.group, reason: c.reason },
            status: "sent" as const,
            outcome_json: null,
            letter_id: letters[i]!.row.id,
            deadline_at: deadlineAt,
            answered_at: null,
            created_at: now,
          })),
        )
        .execute();
    }
    await audit(trx, clock, actor, {
      action: from === "open" ? "letting.round.run" : "letting.round.extend",
      entity: "vacancies",
      entityId: v.id,
      organisationId: v.organisation_id,
      after: { roundId, mode: result.mode, offers: chosen.length, deadlineAt },
    });
  });
  return { roundId, mode: result.mode, offers: chosen.length, deadlineAt };
}
