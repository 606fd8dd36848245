import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { newId } from "../../../platform/ids.ts";
import type { LetVia, VacancyStatus } from "../letting.table.ts";
import { lettingSettingsFor } from "../settings.service.ts";
import { effectiveSettings } from "../settings.ts";
import { lettingBasis } from "./history.repository.ts";
import { applicant, type Fixture, lettingFixture } from "./test-fixtures.ts";

let app: TestApp;
let f: Fixture;
let otherDepartment: string;
const units: { id: string; kind: string }[] = [];

beforeAll(async () => {
  app = await buildTestApp();
  f = await lettingFixture(app, {});
  units.push(
    ...(await app.ctx.db
      .selectFrom("units")
      .select(["id", "kind"])
      .where("department_id", "=", f.departmentId)
      .orderBy("unit_number")
      .execute()),
  );
  otherDepartment = (
    await app.ctx.db
      .selectFrom("departments")
      .select("id")
      .where("organisation_id", "=", f.organisationId)
      .where("id", "<>", f.departmentId)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await app.close();
});

async function letting(
  letAt: string,
  letVia: LetVia | null,
  options: {
    list?: "internal" | "external";
    status?: VacancyStatus;
    departmentId?: string;
    kind?: string;
  } = {},
) {
  const unit = units.find((u) => u.kind === (options.kind ?? "family"))!;
  const application = options.list
    ? (await applicant(app, f, { seniority: "2015-01-01", list: options.list })).applicationId
    : null;
  await app.ctx.db
    .insertInto("vacancies")
    .values({
      id: newId(),
      organisation_id: f.organisationId,
      department_id: options.departmentId ?? f.departmentId,
      unit_id: unit.id,
      source: "manual",
      ending_tenancy_id: null,
      free_from: letAt.slice(0, 10),
      rent_ore: 500_000,
      status: options.status ?? "let",
      let_via: letVia,
      let_application_id: application,
      new_tenancy_id: null,
      let_at: options.status && options.status !== "let" ? null : letAt,
      created_by: null,
      created_at: letAt,
      updated_at: letAt,
    })
    .execute();
}

const historyOf = async (since: string) =>
  (await lettingBasis(app.ctx.db, f.organisationId, f.departmentId, since)).history;

describe("the letting history of a department", () => {
  it("is empty before anything is let", async () => {
    expect(await historyOf("2025-11-27")).toEqual({
      familyUnitsSinceMunicipal: 0,
      lastListLetting: null,
      externalSinceInternal: 0,
      listLet: 0,
      flexibleLet: 0,
    });
  });

  it("counts family units since the municipality's last, the lists' turns and the flexible share", async () => {
    await letting("2025-01-10T10:00:00.000Z", "external", { list: "external" });
    await letting("2025-06-01T10:00:00.000Z", "municipal");
    await letting("2026-01-05T10:00:00.000Z", "internal", { list: "internal" });
    await letting("2026-03-01T10:00:00.000Z", "flexible", { list: "external" });
    await letting("2026-05-01T10:00:00.000Z", "external", { list: "external" });
    // Not counted: still open, and another department's letting.
    await letting("2026-06-01T10:00:00.000Z", null, { status: "open" });
    await letting("2026-07-01T10:00:00.000Z", "internal", {
      list: "internal",
      departmentId: otherDepartment,
    });
    expect(await historyOf("2025-11-27")).toEqual({
      familyUnitsSinceMunicipal: 3,
      lastListLetting: "external",
      externalSinceInternal: 2,
      listLet: 3,
      flexibleLet: 1,
    });
    // Twelve months back from a later day: the January letting has dropped out.
    expect(await historyOf("2026-02-01")).toMatchObject({
      listLet: 2,
      flexibleLet: 1,
    });
  });
});

describe("the rule values an offer round reads with the history", () => {
  it("are the organisation's values with the department's overrides, as lettingSettingsFor gives them", async () => {
    await app.ctx.db
      .updateTable("organisations")
      .set({ settings_json: { letting: { offersPerRound: 7, answerDays: 9 } } })
      .where("id", "=", f.organisationId)
      .execute();
    await app.ctx.db
      .updateTable("departments")
      .set({ settings_json: { letting: { answerDays: 3 } } })
      .where("id", "=", f.departmentId)
      .execute();
    const { settings } = await lettingBasis(app.ctx.db, f.organisationId, f.departmentId, "2025-11-27");
    expect(settings).toMatchObject({ offersPerRound: 7, answerDays: 3 });
    expect(settings).toEqual(await lettingSettingsFor(app.ctx.db, f.organisationId, f.departmentId));
    // A department of another organisation than the one asked about: the defaults, not its values.
    const elsewhere = await lettingBasis(app.ctx.db, newId(), f.departmentId, "2025-11-27");
    expect(elsewhere.settings).toEqual(effectiveSettings(undefined, undefined));
  });
});
