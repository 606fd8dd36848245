import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QueuePlaces } from "./queue-places.ts";

interface App {
  seniority: string;
  active: boolean;
  listId: string;
  departmentIds: string[];
}

/** The places the plain way: per queue, sort the active rows by date then file order, count. */
function expectedPlaces(apps: App[]): number[] {
  const rows = apps.flatMap((a, ordinal) =>
    a.departmentIds.map((d) => ({ a, ordinal, queue: `${d}|${a.listId}` })),
  );
  const places = rows.map(() => 0);
  const queues = new Set(rows.map((r) => r.queue));
  for (const queue of queues) {
    const members = rows
      .map((r, index) => ({ ...r, index }))
      .filter((r) => r.queue === queue && r.a.active)
      .sort((x, y) => x.a.seniority.localeCompare(y.a.seniority) || x.ordinal - y.ordinal);
    members.forEach((m, i) => {
      places[m.index] = i + 1;
    });
  }
  return places;
}

const app = fc.record({
  // Few dates, so that ties are common and the file order must break them.
  seniority: fc.constantFrom("1999-12-31", "2010-05-01", "2010-05-02", "2024-02-29", "2026-11-27"),
  active: fc.boolean(),
  listId: fc.constantFrom("external", "internal"),
  departmentIds: fc.uniqueArray(fc.constantFrom("d1", "d2", "d3", "d4"), { minLength: 1, maxLength: 4 }),
});

describe("QueuePlaces", () => {
  it("numbers each queue's active rows by sign-up date, then file order", () => {
    fc.assert(
      fc.property(fc.array(app, { maxLength: 60 }), (apps) => {
        const places = new QueuePlaces();
        for (const a of apps) places.add(a.seniority, a.active, a.listId, a.departmentIds);
        expect(Array.from(places.places())).toEqual(expectedPlaces(apps));
      }),
      { numRuns: 300 },
    );
  });

  it("gives the example's places", () => {
    const places = new QueuePlaces();
    places.add("2019-05-01", true, "ext", ["a", "b"]);
    places.add("2010-02-01", true, "ext", ["a"]);
    places.add("2012-01-01", false, "ext", ["b"]);
    places.add("2011-01-01", true, "ext", ["b", "a"]);
    places.add("2011-01-01", true, "int", ["a"]);
    // Queue a/ext: 2010 (2nd app), 2011 (4th), 2019 (1st); queue b/ext: 2011, 2019; a/int alone.
    expect(Array.from(places.places())).toEqual([3, 2, 1, 0, 1, 2, 1]);
  });
});
