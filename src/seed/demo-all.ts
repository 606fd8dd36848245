import type { AppContext } from "../platform/context.ts";
import { seedDemo } from "./demo.ts";
import { seedDemoDemocracy } from "./demo-democracy.ts";
import { seedDemoLetting } from "./demo-letting.ts";

/**
 * The whole demo, as `npm start` and `almen seed` make it: the master data, then democracy's and
 * letting's data on top (the tests' seeded apps take only the master data and build their own
 * scenarios). Returns false, seeding nothing, when the database already has data.
 */
export async function seedFullDemo(ctx: AppContext): Promise<boolean> {
  if (!(await seedDemo(ctx))) return false;
  await seedDemoDemocracy(ctx);
  await seedDemoLetting(ctx);
  return true;
}
