import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { nominationsOf } from "./elections.repository.ts";
import { createElection, recordResult } from "./elections.service.ts";
import { recordMember } from "./members.service.ts";
import { addMeetingNomination, answerNomination, nominateOnline } from "./nominations.service.ts";
import {
  addMeeting,
  boardGrants,
  departmentWithHouseholds,
  loginFor,
  residentOf,
  staff,
  testActor,
  type World,
  world,
} from "./test-fixtures.ts";

let app: TestApp;
let w: World;
let dept: Awaited<ReturnType<typeof departmentWithHouseholds>>;
let electionId: string;
const meetingDate = "2026-09-15";
const person = (household: number, adult = 0) => dept.households[household]!.people[adult];

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-08-20T10:00:00.000Z"));
  w = await world(app);
  dept = await departmentWithHouseholds(app, w, 301, 8);
  const meetingId = await addMeeting(app, w, dept.departmentId, meetingDate);
  electionId = await createElection(app.ctx, testActor, staff, dept.departmentId, {
    meetingId,
    memberSeats: 2,
    alternateSeats: 2,
  });
});
afterAll(async () => {
  await app.close();
});

describe("nominations", () => {
  const voter = () => residentOf(dept.departmentId);

  it("lets a resident stand, and nominate a neighbour by home and name, who must say yes", async () => {
    const self = await nominateOnline(app.ctx, testActor, voter(), person(0), electionId, { self: true });
    expect(self.status).toBe("accepted");
    const other = await nominateOnline(app.ctx, testActor, voter(), person(0), electionId, {
      unitId: dept.households[1]!.unitId,
      name: "  beboer 2a ",
    });
    expect(other.status).toBe("pending_consent");
    await expect(answerNomination(app.ctx, testActor, person(2), other.id, true)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await answerNomination(app.ctx, testActor, person(1), other.id, true)).toBe("accepted");
    await expect(answerNomination(app.ctx, testActor, person(1), other.id, false)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it("refuses a name that does not live in the chosen home, and a second nomination of the same person", async () => {
    await expect(
      nominateOnline(app.ctx, testActor, voter(), person(0), electionId, {
        unitId: dept.households[1]!.unitId,
        name: "Beboer 3A",
      }),
    ).rejects.toMatchObject({ fields: { name: "boards.errors.nominee_not_found" } });
    await expect(
      nominateOnline(app.ctx, testActor, voter(), person(1, 1), electionId, {
        unitId: dept.households[0]!.unitId,
        name: "Beboer 1A",
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("is not there for anyone who does not live in the department", async () => {
    await expect(
      nominateOnline(
        app.ctx,
        testActor,
        residentOf(w.departmentId),
        w.person("beboer@almen.demo"),
        electionId,
        { self: true },
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Even holding the department's role: without a home there, no nomination.
    await expect(
      nominateOnline(app.ctx, testActor, voter(), w.person("beboer@almen.demo"), electionId, { self: true }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lets the chair or staff add candidates at the meeting, who said yes there", async () => {
    await expect(
      addMeetingNomination(app.ctx, testActor, staff, electionId, {
        personId: person(2),
        consent: false as true,
      }),
    ).rejects.toMatchObject({ fields: { consent: "boards.errors.consent_required" } });
    for (const i of [2, 3, 4]) {
      await addMeetingNomination(app.ctx, testActor, staff, electionId, {
        personId: person(i),
        consent: true,
      });
    }
    const chairOfOther = {
      userId: "c",
      grants: [{ role: "board_chair" as const, organisationId: null, departmentId: w.departmentId }],
    };
    await expect(
      addMeetingNomination(app.ctx, testActor, chairOfOther, electionId, {
        personId: person(5),
        consent: true,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const chair = {
      userId: "c",
      grants: [{ role: "board_chair" as const, organisationId: null, departmentId: dept.departmentId }],
    };
    await addMeetingNomination(app.ctx, testActor, chair, electionId, { personId: person(5), consent: true });
    const all = await nominationsOf(app.ctx.db, electionId);
    expect(all.filter((n) => n.status === "accepted")).toHaveLength(6);
  });

  it("closes online nominations when the meeting starts", async () => {
    app.clock.set(new Date(`${meetingDate}T17:30:00.000Z`));
    await expect(
      nominateOnline(app.ctx, testActor, voter(), person(6), electionId, { self: true }),
    ).rejects.toMatchObject({ fields: { _form: "boards.errors.nominations_closed" } });
  });
});

describe("the election at the meeting", () => {
  const votesFor = async (votes: number[], lots: (number | undefined)[] = []) => {
    const candidates = (await nominationsOf(app.ctx.db, electionId))
      .filter((n) => n.status === "accepted")
      .sort((a, b) => a.name.localeCompare(b.name));
    return candidates.map((c, i) => ({ nominationId: c.id, votes: votes[i]!, lot: lots[i] }));
  };

  it("refuses the result before the meeting's day, and a tie on a seat without the lot", async () => {
    app.clock.set(new Date("2026-09-14T10:00:00.000Z"));
    await expect(
      recordResult(app.ctx, testActor, staff, electionId, { votes: await votesFor([9, 9, 9, 9, 9, 9]) }),
    ).rejects.toMatchObject({
      fields: { _form: "boards.errors.before_meeting" },
    });
    app.clock.set(new Date(`${meetingDate}T20:00:00.000Z`));
    // Beboer 1A 30, 2A 12, 3A 12, 4A 8, 5A 8, 6A 2: seats 1A and one of 2A/3A; lot needed.
    await expect(
      recordResult(app.ctx, testActor, staff, electionId, { votes: await votesFor([30, 12, 12, 8, 8, 2]) }),
    ).rejects.toMatchObject({
      fields: { _form: "boards.errors.tie_needs_lot" },
      params: { names: "Beboer 2A / Beboer 3A; Beboer 4A / Beboer 5A" },
    });
  });

  it("elects by votes with the recorded lot, ranks the alternates, and starts the terms", async () => {
    const login = await loginFor(app, person(2), dept.departmentId, "beboer3a@almen.test");
    // A sitting member is re-elected: one grant, a continued term.
    await recordMember(app.ctx, testActor, staff, dept.departmentId, {
      personId: person(0),
      role: "member",
      startDate: "2024-09-20",
    });
    await recordResult(app.ctx, testActor, staff, electionId, {
      votes: await votesFor([30, 12, 12, 8, 8, 2], [undefined, 2, 1, 1, 2, undefined]),
    });
    const outcome = (await nominationsOf(app.ctx.db, electionId)).map((n) => [
      n.name,
      n.votes,
      n.outcome,
      n.alternate_rank,
    ]);
    expect(outcome).toEqual([
      ["Beboer 1A", 30, "member", null],
      ["Beboer 3A", 12, "member", null],
      ["Beboer 2A", 12, "alternate", 1],
      ["Beboer 4A", 8, "alternate", 2],
      ["Beboer 5A", 8, "not_elected", null],
      ["Beboer 6A", 2, "not_elected", null],
    ]);
    const terms = await app.ctx.db
      .selectFrom("board_members")
      .select(["person_id", "role", "alternate_rank", "start_date", "end_date", "election_id", "previous_id"])
      .where("election_id", "=", electionId)
      .execute();
    const of = (p: string) => terms.find((t) => t.person_id === p);
    expect(of(person(0))).toMatchObject({ role: "member", start_date: meetingDate, end_date: "2028-09-15" });
    expect(of(person(0))!.previous_id).not.toBeNull();
    expect(of(person(2))).toMatchObject({ role: "member", end_date: "2028-09-15" });
    expect(of(person(1))).toMatchObject({ role: "alternate", alternate_rank: 1, end_date: "2027-09-15" });
    expect(of(person(3))).toMatchObject({ role: "alternate", alternate_rank: 2 });
    expect(of(person(4))).toBeUndefined();
    expect(await boardGrants(app, login)).toEqual([
      { role: "board_member", department_id: dept.departmentId, organisation_id: null },
    ]);
    await expect(
      recordResult(app.ctx, testActor, staff, electionId, { votes: await votesFor([1, 1, 1, 1, 1, 1]) }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("makes the winner of a chair election the chair", async () => {
    const meetingId = await addMeeting(app, w, dept.departmentId, meetingDate);
    const chairElection = await createElection(app.ctx, testActor, staff, dept.departmentId, {
      meetingId,
      kind: "chair",
    });
    const a = await addMeetingNomination(app.ctx, testActor, staff, chairElection, {
      personId: person(2),
      consent: true,
    });
    const b = await addMeetingNomination(app.ctx, testActor, staff, chairElection, {
      personId: person(7),
      consent: true,
    });
    await recordResult(app.ctx, testActor, staff, chairElection, {
      votes: [
        { nominationId: a, votes: 20 },
        { nominationId: b, votes: 11 },
      ],
    });
    const login = (
      await app.ctx.db
        .selectFrom("users")
        .select("id")
        .where("person_id", "=", person(2))
        .executeTakeFirstOrThrow()
    ).id;
    expect(await boardGrants(app, login)).toEqual([
      { role: "board_chair", department_id: dept.departmentId, organisation_id: null },
    ]);
  });
});
