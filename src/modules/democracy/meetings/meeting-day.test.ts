import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { checkIn, recordItemVotes } from "./at-meeting.service.ts";
import { searchDecisions } from "./decisions.repository.ts";
import { closeMeeting, takeChair } from "./lifecycle.service.ts";
import { meetingById } from "./meetings.repository.ts";
import { approveMinutes, publishMinutes, saveMinutes } from "./minutes.service.ts";
import { departmentId, loginIn, meetingWithFinalAgenda, refusal, type Who, who } from "./test-support.ts";

/** The meeting day (check-in, the show of votes, ballots and digital votes) and the minutes after it. */

let app: TestApp;
let staff: Who;
let resident: Who;
let dept101: string;
let meetingId: string;

const meetingForStage = async () => (await meetingById(app.ctx.db, meetingId))!;

beforeAll(async () => {
  app = await buildTestApp();
  staff = await who(app, "driftschef@almen.demo");
  resident = await who(app, "beboer@almen.demo");
  dept101 = await departmentId(app, 101);
  await loginIn(app, {
    email: "beboer102@almen.test",
    name: "Beboer Søparken",
    role: "resident",
    departmentNumber: 102,
    household: true,
  });
  meetingId = await meetingWithFinalAgenda(app, staff);
});
afterAll(async () => {
  await app.close();
});

describe("at the meeting", () => {
  let itemIds: string[];

  it("checks households in, chairs, and limits the show of votes to 2 per household", async () => {
    const early = await refusal(() =>
      checkIn(app.ctx, staff.actor, staff.principal, meetingId, resident.personId!),
    );
    expect(early.text).toBe("Det kan først gøres på mødedagen, den 6. april 2027.");
    app.clock.set(new Date("2027-04-06T16:30:00.000Z"));
    const chair = await who(app, "formand@almen.demo");
    const member = await who(app, "bestyrelse@almen.demo");
    await checkIn(app.ctx, staff.actor, staff.principal, meetingId, resident.personId!);
    await checkIn(app.ctx, staff.actor, staff.principal, meetingId, resident.personId!);
    const attendance = await checkIn(app.ctx, staff.actor, staff.principal, meetingId, member.personId!);
    expect(attendance).toEqual({ households: 2, people: 2 });
    const outsider = await who(app, "beboer102@almen.test");
    const bad = await refusal(() =>
      checkIn(app.ctx, staff.actor, staff.principal, meetingId, outsider.personId!),
    );
    expect(bad.error.fields).toEqual({ person_id: "meetings.errors.person" });

    itemIds = (
      await app.ctx.db
        .selectFrom("meeting_agenda_items")
        .select("id")
        .where("meeting_id", "=", meetingId)
        .orderBy("position")
        .execute()
    ).map((i) => i.id);
    const vote = {
      votes_for: 3,
      votes_against: 1,
      votes_blank: 0,
      decision: "vote" as const,
      ballot_opens_on: "",
      ballot_closes_on: "",
    };
    const noChair = await refusal(() =>
      recordItemVotes(app.ctx, staff.actor, staff.principal, meetingId, itemIds[0]!, vote),
    );
    expect(noChair.text).toBe("Kun mødets dirigent kan registrere afstemninger og afslutte mødet.");
    const boardChairChairs = await refusal(() =>
      takeChair(app.ctx, chair.actor, chair.principal, meetingId, { id: chair.userId, name: chair.name }),
    );
    expect(boardChairChairs.error.messageKey).toBe("meetings.errors.board_chair_cannot_chair");
    await takeChair(app.ctx, staff.actor, staff.principal, meetingId, { id: staff.userId, name: staff.name });

    const tooMany = await refusal(() =>
      recordItemVotes(app.ctx, staff.actor, staff.principal, meetingId, itemIds[0]!, {
        ...vote,
        votes_for: 4,
        votes_blank: 1,
      }),
    );
    expect(tooMany.text).toBe(
      "Der er afgivet 6 stemmer, men 2 husstande er tjekket ind, og hver har 2 stemmer: højst 4.",
    );
    const adopted = await recordItemVotes(
      app.ctx,
      staff.actor,
      staff.principal,
      meetingId,
      itemIds[0]!,
      vote,
    );
    expect(adopted).toMatchObject({ outcome: "adopted", votesCast: 4, maxVotes: 4, followUp: null });
    const tie = await recordItemVotes(app.ctx, staff.actor, staff.principal, meetingId, itemIds[1]!, {
      ...vote,
      votes_for: 2,
      votes_against: 2,
    });
    expect(tie.outcome).toBe("rejected");
  });

  it("records a ballot or a digital vote decided by the meeting, with what the votes part needs", async () => {
    const vote = {
      votes_for: 3,
      votes_against: 1,
      votes_blank: 0,
      ballot_opens_on: "2027-04-12",
      ballot_closes_on: "2027-04-26",
    };
    const notCarried = await refusal(() =>
      recordItemVotes(app.ctx, staff.actor, staff.principal, meetingId, itemIds[2]!, {
        ...vote,
        votes_for: 1,
        decision: "to_ballot",
      }),
    );
    expect(notCarried.error.messageKey).toBe("meetings.errors.follow_up_not_carried");
    const ballot = await recordItemVotes(app.ctx, staff.actor, staff.principal, meetingId, itemIds[2]!, {
      ...vote,
      decision: "to_ballot",
    });
    // The ballot exists in the votes part, made in the same transaction, and points back here.
    const created = await app.ctx.db
      .selectFrom("votes")
      .select([
        "id",
        "kind",
        "department_id",
        "meeting_id",
        "agenda_item_id",
        "title",
        "opens_at",
        "closes_at",
      ])
      .where("id", "=", ballot.voteId!)
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({
      kind: "ballot",
      department_id: dept101,
      meeting_id: meetingId,
      agenda_item_id: itemIds[2],
      title: "Hønsehus i gården",
    });
    expect(ballot).toMatchObject({
      outcome: "to_ballot",
      followUp: {
        kind: "ballot",
        departmentId: dept101,
        meetingId,
        agendaItemId: itemIds[2],
        title: "Hønsehus i gården",
        question: "Vi foreslår et hønsehus.",
        opensAt: "2027-04-11T22:00:00.000Z",
        closesAt: "2027-04-26T22:00:00.000Z",
      },
    });
    const stored = await app.ctx.db
      .selectFrom("meeting_agenda_items")
      .select(["vote_id", "follow_up_closes_at"])
      .where("id", "=", itemIds[2]!)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ vote_id: ballot.voteId, follow_up_closes_at: "2027-04-26T22:00:00.000Z" });
    await expect(
      recordItemVotes(app.ctx, staff.actor, staff.principal, meetingId, itemIds[2]!, {
        ...vote,
        decision: "vote",
      }),
    ).rejects.toThrow("meetings.errors.vote_started");
    const digital = await recordItemVotes(app.ctx, staff.actor, staff.principal, meetingId, itemIds[1]!, {
      ...vote,
      decision: "to_digital_vote",
    });
    expect(digital.voteId).toEqual(expect.any(String));
    expect(digital.followUp).toMatchObject({
      kind: "digital_vote",
      opensAt: "2027-04-06T16:30:00.000Z",
      closesAt: "2027-04-13T22:00:00.000Z",
    });
    await closeMeeting(app.ctx, staff.actor, staff.principal, meetingId);
    expect((await meetingForStage()).stage).toBe("held");
  });
});

describe("minutes and the decisions register", () => {
  it("needs two approvals, the chair of the meeting's and the board chair's, each recorded", async () => {
    const chair = await who(app, "formand@almen.demo");
    const member = await who(app, "bestyrelse@almen.demo");
    const empty = await refusal(() => approveMinutes(app.ctx, staff.actor, staff.principal, meetingId));
    expect(empty.error.messageKey).toBe("meetings.errors.minutes_empty");
    const items = await app.ctx.db
      .selectFrom("meeting_agenda_items")
      .select(["id", "title"])
      .where("meeting_id", "=", meetingId)
      .orderBy("position")
      .execute();
    await saveMinutes(app.ctx, staff.actor, staff.principal, meetingId, {
      intro: "Mette Driftschef var dirigent. 2 husstande deltog.",
      items: items.map((i) => ({
        id: i.id,
        minutes_text: `Drøftelse af ${i.title}.`,
        decision_text: `Beslutning om ${i.title}`,
      })),
    });
    app.clock.set(new Date("2027-04-08T08:00:00.000Z"));
    expect(await approveMinutes(app.ctx, staff.actor, staff.principal, meetingId)).toEqual({
      role: "meeting_chair",
      approved: false,
    });
    const again = await refusal(() => approveMinutes(app.ctx, staff.actor, staff.principal, meetingId));
    expect(again.error.messageKey).toBe("meetings.errors.already_approved");
    // A member of the board who is neither the chair of the meeting nor the board chair cannot approve.
    await expect(approveMinutes(app.ctx, member.actor, member.principal, meetingId)).rejects.toThrow();
    // A change withdraws the approval already given.
    await saveMinutes(app.ctx, staff.actor, staff.principal, meetingId, {
      intro: "Mette Driftschef var dirigent. 2 husstande deltog (rettet).",
      items: items.map((i) => ({
        id: i.id,
        minutes_text: `Drøftelse af ${i.title}.`,
        decision_text: `Beslutning om ${i.title}`,
      })),
    });
    expect(await approveMinutes(app.ctx, chair.actor, chair.principal, meetingId)).toEqual({
      role: "board_chair",
      approved: false,
    });
    expect(await approveMinutes(app.ctx, staff.actor, staff.principal, meetingId)).toEqual({
      role: "meeting_chair",
      approved: true,
    });
    const approvals = await app.ctx.db
      .selectFrom("meeting_minutes_approvals")
      .selectAll()
      .where("meeting_id", "=", meetingId)
      .orderBy("role")
      .execute();
    expect(approvals.map((a) => [a.role, a.user_id, a.approved_at])).toEqual([
      ["board_chair", chair.userId, "2027-04-08T08:00:00.000Z"],
      ["meeting_chair", staff.userId, "2027-04-08T08:00:00.000Z"],
    ]);
    await expect(
      saveMinutes(app.ctx, staff.actor, staff.principal, meetingId, { intro: "x", items: [] }),
    ).rejects.toThrow("meetings.errors.minutes_locked");
  });

  it("publishes the minutes and writes every decision to a searchable register", async () => {
    const r = await publishMinutes(app.ctx, staff.actor, staff.principal, meetingId);
    expect(r.decisions).toBe(3);
    const all = await searchDecisions(app.ctx.db, { departmentId: dept101, q: "", page: 1, pageSize: 50 });
    expect(all.total).toBe(3);
    const hens = await searchDecisions(app.ctx.db, {
      departmentId: dept101,
      q: "HØNSEHUS",
      page: 1,
      pageSize: 50,
    });
    expect(hens.rows.map((d) => [d.title, d.outcome, d.decided_on])).toEqual([
      ["Hønsehus i gården", "to_ballot", "2027-04-06"],
    ]);
    expect(
      (
        await searchDecisions(app.ctx.db, {
          departmentId: dept101,
          q: "dirigent beslutning",
          page: 1,
          pageSize: 50,
        })
      ).total,
    ).toBe(1);
    expect(
      (
        await searchDecisions(app.ctx.db, {
          departmentId: await departmentId(app, 102),
          q: "",
          page: 1,
          pageSize: 50,
        })
      ).total,
    ).toBe(0);
  });
});
