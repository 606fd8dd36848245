import { findBoard, recordMember, residentsOf } from "../modules/democracy/boards/index.ts";
import { type Actor, systemActor } from "../platform/audit.ts";
import type { AppContext } from "../platform/context.ts";
import { addDays, addYears, todayInCopenhagen } from "../platform/dates.ts";
import { demoLogins } from "./demo-logins.ts";
import { seeder } from "./seeding.ts";

/**
 * The demo department board (department 101): the demo chair and board member are real members
 * with terms (so their board roles come from their terms, like everyone's), half the board elected
 * last year and half this year, and a neighbour as first alternate. Run after seedDemo; does
 * nothing when the board already has members. Returns whether it seeded.
 */
export async function seedDemoBoards(ctx: AppContext, actor: Actor = systemActor): Promise<boolean> {
  const dept = await ctx.db
    .selectFrom("departments")
    .select(["id", "organisation_id"])
    .where("number", "=", 101)
    .executeTakeFirst();
  if (!dept) return false;
  const scope = { organisationId: dept.organisation_id, departmentId: dept.id };
  const board = await findBoard(ctx.db, scope);
  if (board) {
    const any = await ctx.db
      .selectFrom("board_members")
      .select("id")
      .where("board_id", "=", board.id)
      .executeTakeFirst();
    if (any) return false;
  }
  const emails = demoLogins
    .filter((l) => l.role === "board_chair" || l.role === "board_member")
    .map((l) => l.email);
  const people = await ctx.db
    .selectFrom("people")
    .select(["id", "email"])
    .where("email", "in", emails)
    .execute();
  const personOf = (role: string) =>
    people.find((p) => p.email === demoLogins.find((l) => l.role === role)?.email)?.id;
  const chair = personOf("board_chair");
  const member = personOf("board_member");
  if (!chair || !member) return false;
  const today = todayInCopenhagen(ctx.clock);
  // Half the board was elected at last year's meeting, half at this year's.
  const lastYear = addDays(today, -300);
  const thisYear = addDays(today, -30);
  await recordMember(ctx, actor, seeder, dept.id, {
    personId: chair,
    role: "chair",
    startDate: lastYear,
    hasContactConsent: true,
  });
  await recordMember(ctx, actor, seeder, dept.id, {
    personId: member,
    role: "member",
    startDate: thisYear,
    hasContactConsent: false,
  });
  // Two neighbours from other homes: a member elected last year and this year's first alternate.
  const residents = await residentsOf(ctx.db, dept.id, today);
  const boardHomes = new Set(
    residents.filter((r) => r.personId === chair || r.personId === member).map((r) => r.address),
  );
  const taken = new Set<string>(boardHomes);
  const neighbours = residents.filter((r) => {
    if (taken.has(r.address)) return false;
    taken.add(r.address);
    return true;
  });
  const [second, alternate] = neighbours;
  if (second) {
    await recordMember(ctx, actor, seeder, dept.id, {
      personId: second.personId,
      role: "member",
      startDate: lastYear,
      endDate: addYears(lastYear, 2),
    });
  }
  if (alternate) {
    await recordMember(ctx, actor, seeder, dept.id, {
      personId: alternate.personId,
      role: "alternate",
      startDate: thisYear,
    });
  }
  return true;
}
