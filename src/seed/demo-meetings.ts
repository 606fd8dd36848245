import {
  agendaOf,
  approveMinutes,
  checkIn,
  closeMeeting,
  conveneMeeting,
  openProposals,
  planMeeting,
  publishFinalAgenda,
  publishMinutes,
  putOnAgenda,
  recordItemVotes,
  saveMinutes,
  setEconomy,
  submitProposal,
  takeChair,
} from "../modules/democracy/meetings/index.ts";
import { isRole, type Principal, type Role } from "../platform/access.ts";
import type { Actor } from "../platform/audit.ts";
import { fixedClock } from "../platform/clock.ts";
import type { AppContext } from "../platform/context.ts";
import { addDays, copenhagenDateOf } from "../platform/dates.ts";

/**
 * Demo department meetings for Æblehaven (101), made through the same commands staff use: last
 * year's budget meeting walked through its whole lifecycle (decisions in the register), and this
 * year's meeting convened and open for proposals. Call after seedDemo; does nothing if meetings exist.
 */

interface DemoUser {
  principal: Principal;
  actor: Actor;
  user: { id: string; name: string; personId: string | null };
}

async function demoUser(ctx: AppContext, email: string): Promise<DemoUser> {
  const user = await ctx.db
    .selectFrom("users")
    .select(["id", "name", "person_id"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  const grants = await ctx.db
    .selectFrom("user_roles")
    .select(["role", "organisation_id", "department_id"])
    .where("user_id", "=", user.id)
    .execute();
  return {
    principal: {
      userId: user.id,
      grants: grants
        .filter((g) => isRole(g.role))
        .map((g) => ({
          role: g.role as Role,
          organisationId: g.organisation_id,
          departmentId: g.department_id,
        })),
    },
    actor: { userId: user.id, label: email },
    user: { id: user.id, name: user.name, personId: user.person_id },
  };
}

const standardAgenda = [
  "Valg af dirigent",
  "Valg af referent og stemmetællere",
  "Bestyrelsens beretning",
  "Godkendelse af regnskab",
  "Godkendelse af budget",
  "Indkomne forslag",
  "Valg til afdelingsbestyrelsen",
  "Eventuelt",
];

const economy = {
  budget: [
    { label: "Husleje og andre indtægter", amountOre: 425_000_000 },
    { label: "Vedligeholdelse og fornyelse", amountOre: -61_250_000 },
    { label: "Renter og afdrag", amountOre: -210_000_000 },
    { label: "Drift og administration", amountOre: -153_750_000 },
  ],
  accounts: [
    { label: "Indtægter", amountOre: 418_200_000 },
    { label: "Udgifter", amountOre: -416_950_000 },
  ],
};

/** The context at a moment: the commands check their deadlines against the clock. */
const at = (ctx: AppContext, iso: string): AppContext => ({ ...ctx, clock: fixedClock(new Date(iso)) });

export async function seedDemoMeetings(ctx: AppContext): Promise<boolean> {
  if (await ctx.db.selectFrom("meetings").select("id").limit(1).executeTakeFirst()) return false;
  const dept = await ctx.db
    .selectFrom("departments")
    .select("id")
    .where("number", "=", 101)
    .executeTakeFirst();
  if (!dept) return false;
  const staff = await demoUser(ctx, "driftschef@almen.demo");
  const chair = await demoUser(ctx, "formand@almen.demo");
  const resident = await demoUser(ctx, "beboer@almen.demo");
  const member = await demoUser(ctx, "bestyrelse@almen.demo");
  const today = copenhagenDateOf(ctx.clock.now());

  // Last year's budget meeting, 150 days ago, from planning to published minutes.
  const held = addDays(today, -150);
  const plannedOn = `${addDays(held, -40)}T08:00:00.000Z`;
  const id = await planMeeting(at(ctx, plannedOn), staff.actor, staff.principal, {
    department_id: dept.id,
    kind: "ordinary",
    title: `Budgetmøde ${held.slice(0, 4)}`,
    date: held,
    time: "19:00",
    location: "Fælleshuset, Rosenvænget 3",
    agenda: standardAgenda,
  });
  await setEconomy(at(ctx, plannedOn), staff.actor, staff.principal, id, economy);
  await conveneMeeting(at(ctx, plannedOn), staff.actor, staff.principal, id);
  await openProposals(at(ctx, plannedOn), staff.actor, staff.principal, id);
  const proposedOn = `${addDays(held, -20)}T18:00:00.000Z`;
  const proposal = await submitProposal(
    at(ctx, proposedOn),
    resident.actor,
    resident.principal,
    { userId: resident.user.id, personId: resident.user.personId },
    id,
    {
      kind: "proposal",
      amends_item_id: "",
      title: "Hønsehus i gården",
      body: "Vi foreslår et lille hønsehus bag legepladsen, passet af en hønselaug.",
    },
  );
  const afterDeadline = `${addDays(held, -12)}T08:00:00.000Z`;
  await putOnAgenda(at(ctx, afterDeadline), chair.actor, chair.principal, id, proposal);
  await publishFinalAgenda(at(ctx, afterDeadline), staff.actor, staff.principal, id);

  const meetingDay = at(ctx, `${held}T17:30:00.000Z`);
  for (const p of [resident, member, chair]) {
    if (p.user.personId) await checkIn(meetingDay, staff.actor, staff.principal, id, p.user.personId);
  }
  await takeChair(meetingDay, staff.actor, staff.principal, id, staff.user);
  const items = await agendaOf(ctx.db, id);
  const decide = async (title: string, votesFor: number, votesAgainst: number) => {
    const item = items.find((i) => i.title === title);
    if (!item) return;
    await recordItemVotes(meetingDay, staff.actor, staff.principal, id, item.id, {
      votes_for: votesFor,
      votes_against: votesAgainst,
      votes_blank: 0,
      decision: "vote",
      ballot_opens_on: "",
      ballot_closes_on: "",
    });
  };
  await decide("Godkendelse af regnskab", 6, 0);
  await decide("Godkendelse af budget", 5, 1);
  await decide("Hønsehus i gården", 4, 2);
  await closeMeeting(meetingDay, staff.actor, staff.principal, id);
  const after = at(ctx, `${addDays(held, 3)}T09:00:00.000Z`);
  const decisions: Record<string, string> = {
    "Godkendelse af regnskab": "Regnskabet blev godkendt.",
    "Godkendelse af budget": "Budgettet blev godkendt med en huslejestigning på 1,8 %.",
    "Hønsehus i gården": "Der bygges et hønsehus bag legepladsen; hønselauget passer det.",
  };
  await saveMinutes(after, staff.actor, staff.principal, id, {
    intro: "Mette Driftschef blev valgt som dirigent. 3 husstande deltog.",
    items: items.map((i) => ({ id: i.id, minutes_text: "", decision_text: decisions[i.title] ?? "" })),
  });
  await approveMinutes(after, staff.actor, staff.principal, id);
  await approveMinutes(after, chair.actor, chair.principal, id);
  await publishMinutes(after, staff.actor, staff.principal, id);

  // This year's meeting: convened today, five weeks ahead, open for proposals.
  const next = await planMeeting(ctx, staff.actor, staff.principal, {
    department_id: dept.id,
    kind: "ordinary",
    title: `Budgetmøde ${addDays(today, 35).slice(0, 4)}`,
    date: addDays(today, 35),
    time: "19:00",
    location: "Fælleshuset, Rosenvænget 3",
    agenda: standardAgenda,
  });
  await setEconomy(ctx, staff.actor, staff.principal, next, economy);
  await conveneMeeting(ctx, staff.actor, staff.principal, next);
  await openProposals(ctx, staff.actor, staff.principal, next);
  return true;
}
