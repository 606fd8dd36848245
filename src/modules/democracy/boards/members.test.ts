import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { addYears, todayInCopenhagen } from "../../../platform/dates.ts";
import { NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { recordMember, resignMember } from "./members.service.ts";
import { runBoardTermJobs } from "./term-jobs.ts";
import { boardGrants, staff, testActor, type World, world } from "./test-fixtures.ts";

let app: TestApp;
let w: World;
const resident = "beboer@almen.demo";

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-06-15T10:00:00.000Z"));
  w = await world(app);
  // An introduction programme with one step: a new member gets it as a checklist.
  const programme = newId();
  await app.ctx.db
    .insertInto("onboarding_programmes")
    .values({
      id: programme,
      organisation_id: w.organisationId,
      title: "Velkommen i bestyrelsen",
      intro: "",
      is_current: true,
      created_at: "2026-01-01T00:00:00.000Z",
      updated_at: "2026-01-01T00:00:00.000Z",
    })
    .execute();
  await app.ctx.db
    .insertInto("onboarding_steps")
    .values({
      id: newId(),
      programme_id: programme,
      position: 1,
      title: "Mød formanden",
      description: "",
      link_url: null,
      due_offset_days: 14,
      course_id: null,
      created_at: "2026-01-01T00:00:00.000Z",
      updated_at: "2026-01-01T00:00:00.000Z",
    })
    .execute();
});
afterAll(async () => {
  await app.close();
});

const checklists = (personId: string) =>
  app.ctx.db
    .selectFrom("onboarding_checklists")
    .select(["elected_on"])
    .where("person_id", "=", personId)
    .execute();
const audits = (action: string, userId: string) =>
  app.ctx.db
    .selectFrom("audit_log")
    .select("after_json")
    .where("action", "=", action)
    .where("entity_id", "=", userId)
    .execute();

describe("board membership and the login's role", () => {
  it("gives a new member the board_member role for the department, audited, with their introduction checklist", async () => {
    const personId = w.person(resident);
    const userId = w.user(resident);
    expect(await boardGrants(app, userId)).toEqual([]);
    await recordMember(app.ctx, testActor, staff, w.departmentId, {
      personId,
      role: "member",
      startDate: "2025-06-01",
    });
    expect(await boardGrants(app, userId)).toEqual([
      { role: "board_member", department_id: w.departmentId, organisation_id: null },
    ]);
    expect(await audits("role.grant", userId)).toHaveLength(1);
    expect(await checklists(personId)).toEqual([{ elected_on: "2025-06-01" }]);
    const term = await app.ctx.db
      .selectFrom("board_members")
      .selectAll()
      .where("person_id", "=", personId)
      .executeTakeFirstOrThrow();
    expect(term.end_date).toBe("2027-06-01");
    expect(term.grant_state).toBe("active");
  });

  it("keeps one grant on re-election, continues the term, and gives no second checklist", async () => {
    const personId = w.person(resident);
    const userId = w.user(resident);
    const today = todayInCopenhagen(app.ctx.clock);
    await recordMember(app.ctx, testActor, staff, w.departmentId, {
      personId,
      role: "member",
      startDate: today,
    });
    expect(await boardGrants(app, userId)).toHaveLength(1);
    expect(await audits("role.grant", userId)).toHaveLength(1);
    const terms = await app.ctx.db
      .selectFrom("board_members")
      .selectAll()
      .where("person_id", "=", personId)
      .orderBy("start_date")
      .execute();
    expect(terms).toHaveLength(2);
    expect(terms[0]!.end_date).toBe(today);
    expect(terms[1]!.previous_id).toBe(terms[0]!.id);
    expect(terms[1]!.end_date).toBe(addYears(today, 2));
    expect(await checklists(personId)).toHaveLength(1);
  });

  it("removes the role when the member resigns, in the same transaction, audited", async () => {
    const personId = w.person(resident);
    const userId = w.user(resident);
    const current = await app.ctx.db
      .selectFrom("board_members")
      .select("id")
      .where("person_id", "=", personId)
      .where("previous_id", "is not", null)
      .executeTakeFirstOrThrow();
    await expect(
      resignMember(app.ctx, testActor, staff, current.id, { resignedOn: "2031-01-01", reason: "Flytter" }),
    ).rejects.toBeInstanceOf(ValidationError);
    await resignMember(app.ctx, testActor, staff, current.id, {
      resignedOn: todayInCopenhagen(app.ctx.clock),
      reason: "Flytter",
    });
    expect(await boardGrants(app, userId)).toEqual([]);
    const revoked = await audits("role.revoke", userId);
    expect(revoked).toHaveLength(1);
    await expect(
      resignMember(app.ctx, testActor, staff, current.id, { resignedOn: "2026-07-01", reason: "Igen" }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("makes the chair board_chair, and ends the role by the term job when the term ends", async () => {
    const chairUser = w.user("formand@almen.demo");
    await recordMember(app.ctx, testActor, staff, w.departmentId, {
      personId: w.person("formand@almen.demo"),
      role: "chair",
      startDate: "2024-07-01",
    });
    // The demo gave the chair the role by hand: the term takes it over, one grant.
    expect(await boardGrants(app, chairUser)).toEqual([
      { role: "board_chair", department_id: w.departmentId, organisation_id: null },
    ]);
    expect((await runBoardTermJobs(app.ctx, "2026-06-30")).changed).toBe(0);
    app.clock.set(new Date("2026-07-01T08:00:00.000Z"));
    expect((await runBoardTermJobs(app.ctx, "2026-07-01")).changed).toBe(1);
    expect(await boardGrants(app, chairUser)).toEqual([]);
    const term = await app.ctx.db
      .selectFrom("board_members")
      .select("grant_state")
      .where("person_id", "=", w.person("formand@almen.demo"))
      .executeTakeFirstOrThrow();
    expect(term.grant_state).toBe("ended");
    expect((await runBoardTermJobs(app.ctx, "2026-07-01")).changed).toBe(0);
  });

  it("gives the role of a term that starts later only when it starts", async () => {
    const userId = w.user("bestyrelse@almen.demo");
    await app.ctx.db
      .deleteFrom("user_roles")
      .where("user_id", "=", userId)
      .where("role", "=", "board_member")
      .execute();
    await recordMember(app.ctx, testActor, staff, w.departmentId, {
      personId: w.person("bestyrelse@almen.demo"),
      role: "member",
      startDate: "2026-08-01",
    });
    expect(await boardGrants(app, userId)).toEqual([]);
    expect((await runBoardTermJobs(app.ctx, "2026-07-31")).changed).toBe(0);
    expect((await runBoardTermJobs(app.ctx, "2026-08-01")).changed).toBe(1);
    expect(await boardGrants(app, userId)).toHaveLength(1);
  });

  it("refuses someone who does not live in the department, and is not there for staff of another organisation", async () => {
    await expect(
      recordMember(app.ctx, testActor, staff, w.otherDepartmentId, {
        personId: w.person(resident),
        role: "member",
        startDate: "2026-07-01",
      }),
    ).rejects.toMatchObject({ fields: { personId: "boards.errors.not_resident" } });
    const elsewhere = {
      userId: "x",
      grants: [{ role: "org_admin" as const, organisationId: "other", departmentId: null }],
    };
    await expect(
      recordMember(app.ctx, testActor, elsewhere, w.departmentId, {
        personId: w.person(resident),
        role: "member",
        startDate: "2026-07-01",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("gives an organisation board member the role for the organisation", async () => {
    const userId = w.user(resident);
    await recordMember(app.ctx, testActor, staff, w.organisationId, {
      personId: w.person(resident),
      role: "member",
      startDate: "2026-07-01",
    });
    expect(await boardGrants(app, userId)).toEqual([
      { role: "board_member", department_id: null, organisation_id: w.organisationId },
    ]);
  });
});
