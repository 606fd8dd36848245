import { castBallots } from "../modules/democracy/votes/cast.service.ts";
import { closeVote, openVote } from "../modules/democracy/votes/lifecycle.service.ts";
import { createVote } from "../modules/democracy/votes/votes.service.ts";
import type { Choice } from "../modules/democracy/votes/votes.table.ts";
import { type Actor, systemActor } from "../platform/audit.ts";
import { fixedClock } from "../platform/clock.ts";
import type { AppContext } from "../platform/context.ts";

const day = 86_400_000;

/**
 * Demo votes in department 101 (Æblehaven), made through the same commands as real ones: a ballot
 * closed last month with its results, a digital vote open now, and a ballot opening next week.
 * The demo logins have not voted in the open one. Returns false when votes exist already.
 */
export async function seedDemoVotes(ctx: AppContext, actor: Actor = systemActor): Promise<boolean> {
  if (await ctx.db.selectFrom("votes").select("id").limit(1).executeTakeFirst()) return false;
  const department = await ctx.db
    .selectFrom("departments")
    .select("id")
    .where("number", "=", 101)
    .executeTakeFirst();
  if (!department) return false;
  const now = ctx.clock.now().getTime();

  // Last month's ballot, held on a clock of its own.
  const then = fixedClock(new Date(now - 40 * day));
  const past = { ...ctx, clock: then };
  const { id: closedId } = await createVote(past, actor, {
    departmentId: department.id,
    title: "Nye vaskemaskiner i fællesvaskeriet",
    question:
      "Skal afdelingen udskifte de seks vaskemaskiner i fællesvaskeriet i år?\nUdgiften betales af afdelingens henlæggelser og hæver ikke huslejen.",
    kind: "ballot",
    opensAt: new Date(now - 40 * day).toISOString(),
    closesAt: new Date(now - 26 * day).toISOString(),
  });
  await openVote(past, actor, closedId);
  const demoPeople = await ctx.db
    .selectFrom("users")
    .select("person_id")
    .where("person_id", "is not", null)
    .execute();
  const skip = new Set(demoPeople.map((p) => p.person_id));
  const roll = await ctx.db
    .selectFrom("vote_roll")
    .select(["person_id"])
    .where("vote_id", "=", closedId)
    .where("seq", "=", 1)
    .orderBy("household_id")
    .orderBy("person_id")
    .execute();
  const pattern: Choice[] = ["yes", "yes", "no", "yes", "blank", "no", "yes"];
  let i = 0;
  for (const { person_id } of roll) {
    if (skip.has(person_id) || i >= 12) continue;
    then.set(new Date(now - (38 - i) * day));
    await castBallots(past, actor, {
      voteId: closedId,
      personId: person_id,
      choices: [pattern[i % pattern.length]!],
      channel: i % 4 === 3 ? "paper" : "web",
    });
    i++;
  }
  then.set(new Date(now - 26 * day));
  await closeVote(past, actor, closedId);

  // A digital vote after last week's meeting, open now.
  const { id: openId } = await createVote(ctx, actor, {
    departmentId: department.id,
    title: "Hønsehus i gården",
    question: "Skal afdelingen bygge et hønsehus i gården og lade en gruppe beboere passe hønsene?",
    kind: "digital",
    opensAt: new Date(now - 2 * day).toISOString(),
    closesAt: new Date(now + 5 * day).toISOString(),
  });
  await openVote(ctx, actor, openId);

  await createVote(ctx, actor, {
    departmentId: department.id,
    title: "Altaner på blok B",
    question:
      "Skal afdelingen låne til altaner på blok B? Huslejen stiger med ca. 350 kr. om måneden for de berørte boliger.",
    kind: "ballot",
    opensAt: new Date(now + 7 * day).toISOString(),
    closesAt: new Date(now + 21 * day).toISOString(),
  });
  return true;
}
