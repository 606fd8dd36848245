import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { ConflictError, NotFoundError } from "../../../platform/errors.ts";
import { demandById, reachedDemandsIn } from "./demands.repository.ts";
import { signDemand, startDemand } from "./demands.service.ts";
import { recordMember } from "./members.service.ts";
import {
  addMeeting,
  departmentWithHouseholds,
  type Household,
  residentOf,
  staff,
  testActor,
  type World,
  world,
} from "./test-fixtures.ts";

let app: TestApp;
let w: World;
let dept: { departmentId: string; households: Household[] };
const everywhere = { all: true, organisationIds: [], departmentIds: [] };

const lettersTo = (personIds: string[]) =>
  app.ctx.db
    .selectFrom("letters")
    .select(["recipient_person_id", "subject", "body", "letter_type"])
    .where("recipient_person_id", "in", personIds)
    .execute();

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-11-03T09:00:00.000Z"));
  w = await world(app);
  dept = await departmentWithHouseholds(app, w, 401, 28);
  // The board: household 27's tenant chairs it, household 26's tenant sits on it, 25's is an alternate.
  const board = [
    [27, "chair"],
    [26, "member"],
    [25, "alternate"],
  ] as const;
  for (const [h, role] of board) {
    await recordMember(app.ctx, testActor, staff, dept.departmentId, {
      personId: dept.households[h]!.people[0],
      role,
      startDate: "2026-03-01",
    });
  }
});
afterAll(async () => {
  await app.close();
});

describe("a demand for an extraordinary meeting", () => {
  const voter = () => residentOf(dept.departmentId);
  const tenant = (h: number, adult = 0) => dept.households[h]!.people[adult];
  const boardPeople = () => [tenant(27), tenant(26), tenant(25)];
  let demandId: string;

  it("is started and signed by the starter's household", async () => {
    demandId = await startDemand(app.ctx, testActor, voter(), tenant(0), dept.departmentId, {
      subject: "Ny legeplads",
      reason: "Den gamle er nedslidt.",
    });
    const d = await demandById(app.ctx.db, demandId);
    expect(d).toMatchObject({ status: "open", threshold_percent: 25 });
    expect(Number(d!.signatures)).toBe(1);
  });

  it("counts one signature per household", async () => {
    await expect(signDemand(app.ctx, testActor, voter(), tenant(0, 1), demandId)).rejects.toBeInstanceOf(
      ConflictError,
    );
    // Both adults of one household at once: one signature stands.
    const both = await Promise.allSettled([
      signDemand(app.ctx, testActor, voter(), tenant(1, 0), demandId),
      signDemand(app.ctx, testActor, voter(), tenant(1, 1), demandId),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(Number((await demandById(app.ctx.db, demandId))!.signatures)).toBe(2);
  });

  it("is not there for anyone who does not live in the department", async () => {
    await expect(
      signDemand(app.ctx, testActor, residentOf(w.departmentId), w.person("beboer@almen.demo"), demandId),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      signDemand(app.ctx, testActor, voter(), w.person("beboer@almen.demo"), demandId),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      startDemand(
        app.ctx,
        testActor,
        residentOf(w.departmentId),
        w.person("beboer@almen.demo"),
        dept.departmentId,
        {
          subject: "x",
          reason: "y",
        },
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("is not reached by 6 of 28 households", async () => {
    for (const h of [2, 3, 4, 5]) await signDemand(app.ctx, testActor, voter(), tenant(h), demandId);
    const d = await demandById(app.ctx.db, demandId);
    expect(Number(d!.signatures)).toBe(6);
    expect(d!.status).toBe("open");
    expect(await lettersTo(boardPeople())).toEqual([]);
  });

  it("is reached by the 7th household (25% of 28): the deadline starts and the board gets one letter each", async () => {
    const r = await signDemand(app.ctx, testActor, voter(), tenant(6), demandId);
    expect(r).toEqual({ reached: true, signatures: 7, threshold: 7, households: 28 });
    const d = (await demandById(app.ctx.db, demandId))!;
    expect(d.status).toBe("reached");
    expect(d.reached_at).toBe("2026-11-03T09:00:00.000Z");
    expect(d.convene_by).toBe("2026-11-17");
    expect(d.households_at_reached).toBe(28);
    const letters = await lettersTo(boardPeople());
    // The chair and the member are told; the alternate, who does not sit, is not.
    expect(letters.map((l) => l.recipient_person_id).sort()).toEqual([tenant(26), tenant(27)].sort());
    expect(letters[0]!.subject).toBe("Krav om ekstraordinært afdelingsmøde");
    expect(letters[0]!.body).toContain("Ny legeplads");
    expect(letters[0]!.body).toContain("17. november 2026");
    await expect(signDemand(app.ctx, testActor, voter(), tenant(7), demandId)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await lettersTo(boardPeople())).toHaveLength(2);
    const notices = await reachedDemandsIn(app.ctx.db, everywhere);
    expect(notices.map((n) => n.id)).toContain(demandId);
  });

  it("queues the letters once when the last households sign at the same moment", async () => {
    const second = await startDemand(app.ctx, testActor, voter(), tenant(10), dept.departmentId, {
      subject: "Husdyr",
      reason: "Vi vil have lov til at holde hund.",
    });
    for (const h of [11, 12, 13, 14]) await signDemand(app.ctx, testActor, voter(), tenant(h), second);
    const results = await Promise.allSettled(
      [15, 16, 17, 18].map((h) => signDemand(app.ctx, testActor, voter(), tenant(h), second)),
    );
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    expect(fulfilled.map((r) => r.value.reached).filter(Boolean)).toHaveLength(1);
    expect(Number((await demandById(app.ctx.db, second))!.signatures)).toBe(7);
    const letters = (await lettersTo(boardPeople())).filter((l) => l.body.includes("Husdyr"));
    expect(letters).toHaveLength(2);
  });

  it("counts as met when an extraordinary meeting of the department is convened", async () => {
    await addMeeting(app, w, dept.departmentId, "2026-12-01", {
      kind: "ordinary",
      convenedAt: "2026-11-04T10:00:00.000Z",
    });
    expect((await demandById(app.ctx.db, demandId))!.metAt).toBeNull();
    await addMeeting(app, w, dept.departmentId, "2026-12-02", {
      kind: "extraordinary",
      convenedAt: "2026-11-05T10:00:00.000Z",
    });
    expect((await demandById(app.ctx.db, demandId))!.metAt).toBe("2026-11-05T10:00:00.000Z");
    expect((await reachedDemandsIn(app.ctx.db, everywhere)).map((n) => n.id)).not.toContain(demandId);
  });
});
