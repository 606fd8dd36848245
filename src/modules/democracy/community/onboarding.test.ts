import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { createCourse } from "./courses.service.ts";
import { startOnboarding } from "./index.ts";
import {
  chairProgress,
  checklistFor,
  myChecklists,
  organisationProgress,
  setItemDone,
} from "./onboarding.service.ts";
import { addStep, createProgramme, makeCurrent, updateStep } from "./programmes.service.ts";
import { demoPlaces, demoUser, makeUser, type TestUser } from "./test-support.ts";

let app: TestApp;
let admin: TestUser;
let chair: TestUser;
let member: TestUser;
let places: Awaited<ReturnType<typeof demoPlaces>>;
let programmeId: string;
let firstStepId: string;
let courseId: string;

const window = { limit: 100, offset: 0 };

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-05-01T10:00:00Z"));
  places = await demoPlaces(app);
  admin = await demoUser(app, "admin@almen.demo");
  chair = await demoUser(app, "formand@almen.demo");
  member = await demoUser(app, "bestyrelse@almen.demo");
  courseId = await createCourse(app.ctx, admin.actor, admin.principal, {
    organisationId: places.organisationId,
    title: "Bestyrelsens ABC",
    summary: "Grundkursus",
    format: "online",
    audience: "democrats",
    published: true,
  });
  programmeId = await createProgramme(app.ctx, admin.actor, admin.principal, {
    organisationId: places.organisationId,
    title: "Velkommen i bestyrelsen",
    intro: "Dine første måneder",
  });
  firstStepId = await addStep(app.ctx, admin.actor, admin.principal, programmeId, {
    title: "Mød formanden",
    description: "En kop kaffe",
    dueOffsetDays: 0,
  });
  await addStep(app.ctx, admin.actor, admin.principal, programmeId, {
    title: "Læs budgettet",
    linkUrl: "https://example.dk/budget",
    dueOffsetDays: 14,
  });
  await addStep(app.ctx, admin.actor, admin.principal, programmeId, {
    title: "Tag grundkurset",
    dueOffsetDays: 45,
    courseId,
  });
});
afterAll(async () => {
  await app.close();
});

const start = (personId: string, departmentId: string | null, electedOn: string) =>
  app.ctx.db
    .transaction()
    .execute((trx) =>
      startOnboarding(
        trx,
        { personId, organisationId: places.organisationId, departmentId, electedOn },
        app.ctx.clock,
      ),
    );

const checklistsOf = (personId: string) =>
  app.ctx.db
    .selectFrom("onboarding_checklists")
    .select(["id", "elected_on"])
    .where("person_id", "=", personId)
    .execute();

describe("startOnboarding", () => {
  it("does nothing while the organisation has no current programme", async () => {
    await start(member.personId!, places.dept101, "2026-04-20");
    expect(await checklistsOf(member.personId!)).toEqual([]);
    await makeCurrent(app.ctx, admin.actor, admin.principal, programmeId);
  });

  it("gives the steps as a checklist, each due on the election date plus its offset (across a year end)", async () => {
    const p = await makeUser(app, {
      roles: ["board_member"],
      departmentId: places.dept101,
      organisationId: places.organisationId,
    });
    await start(p.personId!, places.dept101, "2026-12-20");
    const [c] = await myChecklists(app.ctx, p.personId);
    expect(c!.checklist.programme_title).toBe("Velkommen i bestyrelsen");
    expect(c!.items.map((i) => [i.title, i.due_on, i.link_url, i.course_id])).toEqual([
      ["Mød formanden", "2026-12-20", null, null],
      ["Læs budgettet", "2027-01-03", "https://example.dk/budget", null],
      ["Tag grundkurset", "2027-02-03", null, courseId],
    ]);
  });

  it("is idempotent for the same person, department and election date, also when calls race", async () => {
    await Promise.all([1, 2, 3, 4].map(() => start(member.personId!, places.dept101, "2026-04-20")));
    await start(member.personId!, places.dept101, "2026-04-20");
    const lists = await checklistsOf(member.personId!);
    expect(lists).toHaveLength(1);
    const items = await app.ctx.db
      .selectFrom("onboarding_items")
      .select("id")
      .where("checklist_id", "=", lists[0]!.id)
      .execute();
    expect(items).toHaveLength(3);
    // Re-elected later: a new checklist. The organisation board is a scope of its own.
    await start(member.personId!, places.dept101, "2028-04-20");
    await start(member.personId!, null, "2026-04-20");
    await start(member.personId!, null, "2026-04-20");
    expect(await checklistsOf(member.personId!)).toHaveLength(3);
  });

  it("keeps a given checklist when the programme changes later", async () => {
    const p = await makeUser(app, {
      roles: ["board_member"],
      departmentId: places.dept101,
      organisationId: places.organisationId,
    });
    await start(p.personId!, places.dept101, "2026-05-01");
    await updateStep(app.ctx, admin.actor, admin.principal, firstStepId, {
      title: "Ny titel",
      dueOffsetDays: 3,
    });
    const [c] = await myChecklists(app.ctx, p.personId);
    expect(c!.items[0]).toMatchObject({ title: "Mød formanden", due_on: "2026-05-01" });
    await updateStep(app.ctx, admin.actor, admin.principal, firstStepId, {
      title: "Mød formanden",
      dueOffsetDays: 0,
    });
  });

  it("refuses a date that is not one", async () => {
    await expect(start(member.personId!, places.dept101, "2026-13-40")).rejects.toMatchObject({
      code: "validation",
    });
  });
});

describe("progress", () => {
  it("the owner ticks steps off; nobody else can", async () => {
    const [c] = (await myChecklists(app.ctx, member.personId)).filter(
      (x) => x.checklist.elected_on === "2026-04-20",
    );
    const item = c!.items[0]!;
    await expect(
      setItemDone(app.ctx, { id: chair.userId, personId: chair.personId }, item.id, true),
    ).rejects.toMatchObject({ code: "not_found" });
    await setItemDone(app.ctx, { id: member.userId, personId: member.personId }, item.id, true);
    const [again] = (await myChecklists(app.ctx, member.personId)).filter(
      (x) => x.checklist.id === c!.checklist.id,
    );
    expect(again!.items[0]!.done_at).not.toBeNull();
  });

  it("the chair sees their own department's members only; a plain member sees no progress", async () => {
    const other = await makeUser(app, {
      name: "Anden Afdeling",
      roles: ["board_member"],
      departmentId: places.dept102,
      organisationId: places.organisationId,
    });
    await start(other.personId!, places.dept102, "2026-04-20");
    const r = await chairProgress(app.ctx, chair.principal, window);
    const names = r.rows.map((x) => x.person_name);
    expect(names).toContain("Ahmed Bestyrelsesmedlem");
    expect(names).not.toContain("Anden Afdeling");
    expect(r.rows.every((x) => x.department_id === places.dept101)).toBe(true);
    // Elected 2026-04-20; today 2026-05-01: step 2 (due 05-04) is open, none overdue; step 1 done.
    const ahmed = r.rows.find(
      (x) => x.person_name === "Ahmed Bestyrelsesmedlem" && x.elected_on === "2026-04-20",
    )!;
    expect(ahmed).toMatchObject({ steps: 3, done: 1, overdue: 0, next_due_on: "2026-05-04" });
    app.clock.set(new Date("2026-05-10T10:00:00Z"));
    const later = await chairProgress(app.ctx, chair.principal, window);
    expect(later.rows.find((x) => x.checklist_id === ahmed.checklist_id)).toMatchObject({ overdue: 1 });

    const otherList = (await checklistsOf(other.personId!))[0]!;
    await expect(checklistFor(app.ctx, chair.principal, chair.personId, otherList.id)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(
      (await checklistFor(app.ctx, chair.principal, chair.personId, ahmed.checklist_id)).items,
    ).toHaveLength(3);
    await expect(chairProgress(app.ctx, member.principal, window)).rejects.toMatchObject({
      code: "not_found",
    });

    // The organisation board's chair sees the organisation board's new members, no department's.
    const orgChair = await makeUser(app, { roles: ["board_chair"], organisationId: places.organisationId });
    const orgBoard = await chairProgress(app.ctx, orgChair.principal, window);
    expect(orgBoard.rows.map((x) => [x.person_name, x.department_id])).toEqual([
      ["Ahmed Bestyrelsesmedlem", null],
    ]);
    await expect(
      checklistFor(app.ctx, orgChair.principal, orgChair.personId, otherList.id),
    ).rejects.toMatchObject({
      code: "not_found",
    });

    const all = await organisationProgress(app.ctx, admin.principal, window);
    expect(all.rows.map((x) => x.person_name)).toEqual(
      expect.arrayContaining(["Anden Afdeling", "Ahmed Bestyrelsesmedlem"]),
    );
    expect(
      (await checklistFor(app.ctx, admin.principal, admin.personId, otherList.id)).checklist.person_id,
    ).toBe(other.personId);
  });

  it("shows a course step as completed once the member completed the course", async () => {
    const before = (await myChecklists(app.ctx, member.personId))[0]!;
    expect(before.items.find((i) => i.course_id === courseId)!.has_completed_course).toBe(false);
    await app.ctx.db
      .insertInto("course_completions")
      .values({
        id: "completion-1",
        course_id: courseId,
        user_id: member.userId,
        completed_on: "2026-05-02",
        source: "manual",
        recorded_by: admin.userId,
        created_at: "2026-05-02T10:00:00.000Z",
      })
      .execute();
    const after = (await myChecklists(app.ctx, member.personId))[0]!;
    expect(after.items.find((i) => i.course_id === courseId)!.has_completed_course).toBe(true);
  });
});
