import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { addMonths, todayInCopenhagen } from "../../../platform/dates.ts";
import { newId } from "../../../platform/ids.ts";
import { demoOrganisation } from "../fees/test-support.ts";
import type { LetVia } from "../letting.table.ts";
import { lettingsKey, recentLettings } from "./seeker.repository.ts";

let app: TestApp;
let org: Awaited<ReturnType<typeof demoOrganisation>>;

beforeAll(async () => {
  app = await buildTestApp();
  org = await demoOrganisation(app);
});
afterAll(async () => {
  await app.close();
});

it("counts each department's lettings to each list in the last 24 months", async () => {
  const today = todayInCopenhagen(app.ctx.clock);
  const unit = await app.ctx.db
    .selectFrom("units")
    .select("id")
    .where("department_id", "=", org.dept101)
    .executeTakeFirstOrThrow();
  const letHome = async (monthsAgo: number, via: LetVia, status: "let" | "cancelled" = "let") => {
    const at = `${addMonths(today, -monthsAgo)}T10:00:00.000Z`;
    await app.ctx.db
      .insertInto("vacancies")
      .values({
        id: newId(),
        organisation_id: org.organisationId,
        department_id: org.dept101,
        unit_id: unit.id,
        source: "manual",
        ending_tenancy_id: null,
        free_from: addMonths(today, -monthsAgo),
        rent_ore: 600_000,
        status,
        let_via: via,
        let_application_id: null,
        new_tenancy_id: null,
        let_at: at,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  };
  for (const m of [1, 5, 11, 23]) await letHome(m, "external");
  await letHome(25, "external");
  await letHome(3, "internal");
  await letHome(2, "municipal");
  await letHome(4, "external", "cancelled");
  const counts = await recentLettings(app.ctx.db, [org.dept101, org.dept102], today);
  expect(counts.get(lettingsKey(org.dept101, "external"))).toBe(4);
  expect(counts.get(lettingsKey(org.dept101, "internal"))).toBe(1);
  expect(counts.get(lettingsKey(org.dept102, "external"))).toBeUndefined();
});
