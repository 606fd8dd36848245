import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { AppError } from "../../../platform/errors.ts";
import { enrolmentsOf } from "./courses.repository.ts";
import { addSession, createCourse, updateSession } from "./courses.service.ts";
import { cancelEnrolmentAsCurator, cancelOwnEnrolment, enrol } from "./enrolment.service.ts";
import { demoPlaces, demoUser, makeUser, type TestUser } from "./test-support.ts";

let app: TestApp;
let admin: TestUser;
let places: Awaited<ReturnType<typeof demoPlaces>>;
let courseId: string;

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-03-02T09:00:00Z"));
  places = await demoPlaces(app);
  admin = await demoUser(app, "admin@almen.demo");
  courseId = await createCourse(app.ctx, admin.actor, admin.principal, {
    organisationId: places.organisationId,
    title: "Budget for begyndere",
    summary: "Læs afdelingens budget",
    format: "in_person",
    audience: "democrats",
    published: true,
  });
});
afterAll(async () => {
  await app.close();
});

const session = (capacity: number) =>
  addSession(app.ctx, admin.actor, admin.principal, courseId, {
    date: "2026-04-14",
    startTime: "17:00",
    place: "Fælleshuset",
    capacity,
  });

const residents = (n: number) =>
  Promise.all(
    Array.from({ length: n }, () =>
      makeUser(app, {
        roles: ["resident"],
        departmentId: places.dept101,
        organisationId: places.organisationId,
      }),
    ),
  );

const join = (u: TestUser, sessionId: string) => enrol(app.ctx, u.actor, u.principal, u.userId, sessionId);

async function queue(sessionId: string) {
  const rows = await enrolmentsOf(app.ctx.db, sessionId);
  return {
    enrolled: rows.filter((r) => r.status === "enrolled").map((r) => r.user_id),
    waiting: rows.filter((r) => r.status === "waiting").map((r) => r.user_id),
  };
}

describe("enrolment with capacity and a waiting list", () => {
  it("seats the first to ask, puts the rest on the waiting list, and a cancellation promotes in order", async () => {
    const id = await session(2);
    const [a, b, c, d] = await residents(4);
    expect(await join(a!, id)).toBe("enrolled");
    expect(await join(b!, id)).toBe("enrolled");
    expect(await join(c!, id)).toBe("waiting");
    expect(await join(d!, id)).toBe("waiting");
    expect(await queue(id)).toEqual({ enrolled: [a!.userId, b!.userId], waiting: [c!.userId, d!.userId] });

    const promoted = await cancelOwnEnrolment(app.ctx, b!.actor, b!.principal, b!.userId, id);
    expect(promoted).toEqual([c!.userId]);
    expect(await queue(id)).toEqual({ enrolled: [a!.userId, c!.userId], waiting: [d!.userId] });

    // Leaving the waiting list frees no seat: nobody moves.
    expect(await cancelOwnEnrolment(app.ctx, d!.actor, d!.principal, d!.userId, id)).toEqual([]);
    // Asking again after cancelling puts you at the back of the queue.
    expect(await join(b!, id)).toBe("waiting");
    expect(await join(d!, id)).toBe("waiting");
    expect((await queue(id)).waiting).toEqual([b!.userId, d!.userId]);

    // The curator cancels a seat: the first waiting (b, who asked before d) gets it.
    const rows = await enrolmentsOf(app.ctx.db, id);
    const aRow = rows.find((r) => r.user_id === a!.userId)!;
    const r = await cancelEnrolmentAsCurator(app.ctx, admin.actor, admin.principal, aRow.id);
    expect(r).toEqual({ sessionId: id, promoted: [b!.userId] });
  });

  it("refuses a second request, and enrolment once the session has started", async () => {
    const id = await session(1);
    const [a, b] = await residents(2);
    await join(a!, id);
    await expect(join(a!, id)).rejects.toMatchObject({
      code: "conflict",
      messageKey: "community.courses.errors.already",
    });
    app.clock.set(new Date("2026-04-14T15:30:00Z")); // 17:30 in Copenhagen (summer time)
    await expect(join(b!, id)).rejects.toMatchObject({
      code: "conflict",
      messageKey: "community.courses.errors.started",
    });
    await expect(cancelOwnEnrolment(app.ctx, a!.actor, a!.principal, a!.userId, id)).rejects.toBeInstanceOf(
      AppError,
    );
    app.clock.set(new Date("2026-03-02T09:00:00Z"));
  });

  it("more seats promote the waiting list in order at once", async () => {
    const id = await session(1);
    const [a, b, c, d] = await residents(4);
    for (const u of [a!, b!, c!, d!]) await join(u, id);
    await updateSession(app.ctx, admin.actor, admin.principal, id, {
      date: "2026-04-14",
      startTime: "17:00",
      place: "Fælleshuset",
      capacity: 3,
    });
    expect(await queue(id)).toEqual({ enrolled: [a!.userId, b!.userId, c!.userId], waiting: [d!.userId] });
    // Fewer seats move nobody out.
    await updateSession(app.ctx, admin.actor, admin.principal, id, {
      date: "2026-04-14",
      startTime: "17:00",
      place: "Fælleshuset",
      capacity: 1,
    });
    expect((await queue(id)).enrolled).toHaveLength(3);
  });

  it("many parallel enrolments never exceed capacity, and parallel cancellations promote in queue order", async () => {
    const people = await residents(24);
    for (let round = 0; round < 3; round++) {
      const capacity = 5 + round;
      const id = await session(capacity);
      const answers = await Promise.all(people.map((u) => join(u, id)));
      expect(answers.filter((s) => s === "enrolled")).toHaveLength(capacity);
      const rows = await enrolmentsOf(app.ctx.db, id);
      const enrolled = rows.filter((r) => r.status === "enrolled");
      const waiting = rows.filter((r) => r.status === "waiting");
      expect(enrolled).toHaveLength(capacity);
      expect(waiting).toHaveLength(people.length - capacity);
      // Queue numbers are unique, and every seat went to someone who asked before anyone waiting.
      const seqs = rows.map((r) => r.seq);
      expect(new Set(seqs).size).toBe(rows.length);
      expect(Math.max(...enrolled.map((r) => r.seq))).toBeLessThan(Math.min(...waiting.map((r) => r.seq)));

      const leaving = enrolled.slice(0, 3).map((r) => people.find((p) => p.userId === r.user_id)!);
      await Promise.all(leaving.map((u) => cancelOwnEnrolment(app.ctx, u.actor, u.principal, u.userId, id)));
      const after = await queue(id);
      expect(after.enrolled).toHaveLength(capacity);
      expect(after.enrolled).toEqual(expect.arrayContaining(waiting.slice(0, 3).map((r) => r.user_id)));
      expect(after.waiting).toEqual(waiting.slice(3).map((r) => r.user_id));
    }
  });
});

describe("a seat from the waiting list", () => {
  /** The promotion letters a person has in the outbox: [type, subject, body]. */
  const lettersTo = async (u: TestUser) =>
    (
      await app.ctx.db
        .selectFrom("letters")
        .select(["letter_type", "subject", "body", "created_by"])
        .where("recipient_person_id", "=", u.personId ?? "")
        .execute()
    ).filter((l) => /plads på kurset|seat on the course/.test(l.subject));

  it("is told by letter, in the promoted person's language; asking and getting a seat at once is not", async () => {
    const id = await session(1);
    const [a, b, c] = await residents(3);
    const staffOnly = await makeUser(app, {
      roles: ["org_admin"],
      organisationId: places.organisationId,
      person: false,
    });
    for (const u of [a!, b!, c!, staffOnly]) await join(u, id);
    expect(await lettersTo(a!)).toEqual([]);

    // a gives up the seat: b, first on the waiting list, gets it and a letter in the same transaction.
    expect(await cancelOwnEnrolment(app.ctx, a!.actor, a!.principal, a!.userId, id)).toEqual([b!.userId]);
    const [letter, ...more] = await lettersTo(b!);
    expect(more).toEqual([]);
    expect(letter).toMatchObject({
      letter_type: "notice",
      subject: "Du har fået en plads på kurset Budget for begyndere",
      created_by: a!.userId,
    });
    expect(letter!.body).toContain(
      "Der er blevet en plads ledig på kurset Budget for begyndere tirsdag den 14. april 2026 kl. 17.00, sted: Fælleshuset. Du stod på ventelisten og er nu tilmeldt.",
    );
    expect(await lettersTo(c!)).toEqual([]);

    // More seats: c (who reads English) and a staff login without a person are promoted; c gets a letter.
    await app.ctx.db.updateTable("people").set({ language: "en" }).where("id", "=", c!.personId!).execute();
    await updateSession(app.ctx, admin.actor, admin.principal, id, {
      date: "2026-04-14",
      startTime: "17:00",
      place: "Fælleshuset",
      capacity: 3,
    });
    expect(await queue(id)).toEqual({ enrolled: [b!.userId, c!.userId, staffOnly.userId], waiting: [] });
    expect((await lettersTo(c!)).map((l) => [l.subject, l.created_by])).toEqual([
      ["You have a seat on the course Budget for begyndere", admin.userId],
    ]);
    expect(await lettersTo(b!)).toHaveLength(1);
  });
});
