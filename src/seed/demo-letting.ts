import { importApplications } from "../modules/letting/import/applications-import.ts";
import { runOfferRound } from "../modules/letting/offers/rounds.service.ts";
import { createVacancy } from "../modules/letting/staff/vacancies.service.ts";
import { importFile } from "../modules/masterdata/index.ts";
import { type Actor, systemActor } from "../platform/audit.ts";
import { nowIso } from "../platform/clock.ts";
import type { AppContext } from "../platform/context.ts";
import { addDays, addMonths, todayInCopenhagen } from "../platform/dates.ts";
import { csv, everywhere, seeder } from "./seeding.ts";

/**
 * Letting's demo data, on top of seedDemo's master data, all in Søparken (department 102): housing
 * seekers on its queues, imported as an old system's lists would be (seniority going back years,
 * fees paid until a date); its vacant homes to let; and an offer round under way, whose ranking
 * staff can read. Æblehaven's queues and vacant homes stay empty, and the demo seeker is on no list:
 * a visitor signs up and walks the whole journey there themselves (as e2e/letting.e2e.ts does).
 * Written through the same import and services as real data.
 */

/** The seekers (new people) and their applications to Søparken's external list. */
const seekers: {
  number: string;
  name: string;
  seniority: string;
  rooms: [number, number];
  maxRent: string;
  household: number;
  children?: boolean;
  passive?: boolean;
}[] = [
  {
    number: "S-1",
    name: "Karen Holm",
    seniority: "2012-02-01",
    rooms: [2, 3],
    maxRent: "9000,00",
    household: 2,
  },
  {
    number: "S-2",
    name: "Mohammed Rahimi",
    seniority: "2013-09-14",
    rooms: [3, 4],
    maxRent: "10500,00",
    household: 4,
    children: true,
  },
  {
    number: "S-3",
    name: "Ida Kristensen",
    seniority: "2015-06-30",
    rooms: [1, 2],
    maxRent: "7000,00",
    household: 1,
  },
  {
    number: "S-4",
    name: "Bo Vestergaard",
    seniority: "2016-01-11",
    rooms: [2, 4],
    maxRent: "",
    household: 3,
    children: true,
    passive: true,
  },
  {
    number: "S-5",
    name: "Aylin Demir",
    seniority: "2018-10-02",
    rooms: [3, 3],
    maxRent: "9000,00",
    household: 3,
  },
  {
    number: "S-6",
    name: "Emil Frandsen",
    seniority: "2020-04-20",
    rooms: [1, 3],
    maxRent: "8000,00",
    household: 1,
  },
  { number: "S-7", name: "Hanne Lykke", seniority: "2021-08-08", rooms: [2, 3], maxRent: "", household: 2 },
  {
    number: "S-8",
    name: "Niels Bech",
    seniority: "2023-01-05",
    rooms: [1, 4],
    maxRent: "12000,00",
    household: 2,
  },
  {
    number: "S-9",
    name: "Freja Toft",
    seniority: "2025-05-19",
    rooms: [2, 3],
    maxRent: "8500,00",
    household: 2,
  },
];
/** Current residents of Æblehaven who want a home in Søparken (the internal list). */
const residents: { number: string; seniority: string }[] = [
  { number: "P-7", seniority: "2019-11-01" },
  { number: "P-15", seniority: "2022-03-01" },
];

/** Seeds letting's demo data when nobody is on a waiting list yet. Returns false when data exists. */
export async function seedDemoLetting(ctx: AppContext, actor: Actor = systemActor): Promise<boolean> {
  if (await ctx.db.selectFrom("applications").select("id").limit(1).executeTakeFirst()) return false;
  const people = await importFile(ctx, actor, everywhere, "people", () =>
    Buffer.from(
      csv(
        "organisation;person_number;name;birth_date;email;phone;street;house_number;floor;door;postcode;town;language;digital_post_exempt;email_consent",
        seekers.map((s) => [1, s.number, s.name, "", "", "", "", "", "", "", "", "", "da", "nej", "nej"]),
      ),
    ),
  );
  if (!people.written)
    throw new Error(`Demo seekers did not import: ${JSON.stringify(people.errors.slice(0, 3))}`);

  // Paid in the old system for the year from the sign-up day's last anniversary.
  const today = todayInCopenhagen(ctx.clock);
  const paidUntil = (seniority: string) => {
    const anniversary = `${today.slice(0, 4)}${seniority.slice(4)}`;
    return addDays(anniversary <= today ? addMonths(anniversary, 12) : anniversary, -1);
  };
  const application = (
    list: string,
    number: string,
    seniority: string,
    a: { passive?: boolean; rooms: [number, number]; maxRent: string; household: number; children?: boolean },
  ) => [
    1,
    list,
    number,
    seniority,
    a.passive ? "passive" : "active",
    102,
    a.rooms[0],
    a.rooms[1],
    a.maxRent,
    "family",
    "",
    a.household,
    a.children ? "ja" : "nej",
    paidUntil(seniority),
  ];
  const rows = [
    ...seekers.map((s) => application("external", s.number, s.seniority, s)),
    ...residents.map((r) =>
      application("internal", r.number, r.seniority, { rooms: [2, 4], maxRent: "", household: 2 }),
    ),
  ];
  const applications = await importApplications(
    ctx.database,
    () =>
      Buffer.from(
        csv(
          "organisation;list;person_number;seniority_date;status;departments;rooms_min;rooms_max;max_rent;kinds;features;household_size;has_children;paid_until",
          rows,
        ),
      ),
    { now: nowIso(ctx.clock) },
  );
  if (!applications.written)
    throw new Error(`Demo applications did not import: ${JSON.stringify(applications.errors.slice(0, 3))}`);

  // Søparken's vacant homes (seedDemo: a family home and a youth home), free in a month and in six
  // weeks; the family home is offered to the top of the lists at once.
  const units = await ctx.db
    .selectFrom("units")
    .innerJoin("departments as d", "d.id", "units.department_id")
    .select(["units.id", "units.kind"])
    .where("d.number", "=", 102)
    .where("units.status", "=", "vacant")
    .orderBy("units.unit_number")
    .execute();
  for (const [i, unit] of units.entries()) {
    const vacancyId = await createVacancy(ctx, actor, seeder, {
      source: "manual",
      unitId: unit.id,
      freeFrom: addDays(today, 30 + 14 * i),
    });
    if (unit.kind === "family") await runOfferRound(ctx, actor, seeder, vacancyId);
  }
  return true;
}
