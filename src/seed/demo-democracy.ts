import type { AppContext } from "../platform/context.ts";
import { seedDemoBoards } from "./demo-boards.ts";
import { seedDemoCommunity } from "./demo-community.ts";
import { seedDemoMeetings } from "./demo-meetings.ts";
import { seedDemoVotes } from "./demo-votes.ts";

/**
 * Resident democracy's demo data, on top of seedDemo's master data: part of the full demo
 * (`seedFullDemo`), not of the tests' seeded apps, which build their own scenarios.
 */
export async function seedDemoDemocracy(ctx: AppContext): Promise<void> {
  await seedDemoBoards(ctx);
  await seedDemoCommunity(ctx);
  await seedDemoMeetings(ctx);
  await seedDemoVotes(ctx);
}
