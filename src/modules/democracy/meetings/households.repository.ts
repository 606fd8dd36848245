import { sql } from "kysely";
import { escapeLike } from "../../../db/dialect.ts";
import type { Executor } from "../../../platform/audit.ts";

/**
 * The department's households as the meeting rules see them: a household is a tenancy current on
 * the day; its lease holders get the letters; its tenants and adult members may attend and vote
 * (children may not). Each household has 2 votes whatever its size.
 */

const leaseHolderRoles = ["tenant", "co_tenant"] as const;
export const attendingRoles = ["tenant", "co_tenant", "adult"] as const;

const currentOn = (on: string) =>
  sql<boolean>`t.start_date <= ${on} and (t.end_date is null or t.end_date >= ${on})`;

/** Every lease holder of the department's current tenancies: each gets their own letter. */
export async function leaseHolders(db: Executor, departmentId: string, on: string) {
  return db
    .selectFrom("tenancies as t")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .innerJoin("household_members as m", "m.tenancy_id", "t.id")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select(["t.id as tenancy_id", "t.unit_id", "m.person_id", "p.language"])
    .where("u.department_id", "=", departmentId)
    .where(currentOn(on))
    .where("m.role", "in", [...leaseHolderRoles])
    .orderBy("t.unit_id")
    .orderBy("m.person_id")
    .execute();
}

/** Each person's home in the department (their latest tenancy there), for a letter's address. */
export async function homesIn(
  db: Executor,
  departmentId: string,
  personIds: string[],
): Promise<Map<string, string>> {
  const homes = new Map<string, string>();
  if (personIds.length === 0) return homes;
  const rows = await db
    .selectFrom("household_members as m")
    .innerJoin("tenancies as t", "t.id", "m.tenancy_id")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .select(["m.person_id", "t.unit_id"])
    .where("u.department_id", "=", departmentId)
    .where("m.person_id", "in", personIds)
    .orderBy("t.start_date", "desc")
    .execute();
  for (const r of rows) if (!homes.has(r.person_id)) homes.set(r.person_id, r.unit_id);
  return homes;
}

/** The number of households (current tenancies) in the department on a day. */
export async function householdCount(db: Executor, departmentId: string, on: string): Promise<number> {
  const row = await db
    .selectFrom("tenancies as t")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("u.department_id", "=", departmentId)
    .where(currentOn(on))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The household through which a person may attend (tenant or adult member), or none. */
export async function attendingHousehold(
  db: Executor,
  personId: string,
  departmentId: string,
  on: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("household_members as m")
    .innerJoin("tenancies as t", "t.id", "m.tenancy_id")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .select("t.id")
    .where("m.person_id", "=", personId)
    .where("m.role", "in", [...attendingRoles])
    .where("u.department_id", "=", departmentId)
    .where(currentOn(on))
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface HouseholdForCheckIn {
  tenancyId: string;
  address: string;
  unitNumber: string;
  members: { personId: string; name: string; role: string; checkedIn: boolean }[];
}

/** One page of households for the check-in desk, optionally filtered by address or name. */
export async function householdsForCheckIn(
  db: Executor,
  meetingId: string,
  departmentId: string,
  on: string,
  opts: { q: string; page: number; pageSize: number },
): Promise<{ rows: HouseholdForCheckIn[]; total: number }> {
  let tenancies = db
    .selectFrom("tenancies as t")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .where("u.department_id", "=", departmentId)
    .where(currentOn(on));
  const q = opts.q.trim().toLowerCase();
  if (q) {
    // Taken literally: "50%" or "t_p" match those characters, not any text.
    const like = `%${escapeLike(q)}%`;
    tenancies = tenancies.where((eb) =>
      eb.or([
        sql<boolean>`lower(u.address_search) like ${like} escape '\\'`,
        sql<boolean>`lower(u.unit_number) like ${like} escape '\\'`,
        eb.exists(
          eb
            .selectFrom("household_members as hm")
            .innerJoin("people as hp", "hp.id", "hm.person_id")
            .select("hm.id")
            .whereRef("hm.tenancy_id", "=", "t.id")
            .where(sql<boolean>`lower(hp.name) like ${like} escape '\\'`),
        ),
      ]),
    );
  }
  const [page, total] = await Promise.all([
    tenancies
      .select(["t.id", "u.unit_number", "u.street", "u.house_number", "u.floor", "u.door"])
      .orderBy("u.street")
      .orderBy("u.house_number")
      .orderBy("u.unit_number")
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize)
      .execute(),
    tenancies.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const ids = page.map((t) => t.id);
  const members = ids.length
    ? await db
        .selectFrom("household_members as m")
        .innerJoin("people as p", "p.id", "m.person_id")
        .leftJoin("meeting_attendance as a", (j) =>
          j.onRef("a.person_id", "=", "m.person_id").on("a.meeting_id", "=", meetingId),
        )
        .select(["m.tenancy_id", "m.person_id", "m.role", "p.name", "a.id as attendance_id"])
        .where("m.tenancy_id", "in", ids)
        .where("m.role", "in", [...attendingRoles])
        .orderBy("p.name")
        .execute()
    : [];
  return {
    total: Number(total.n),
    rows: page.map((t) => ({
      tenancyId: t.id,
      unitNumber: t.unit_number,
      address: [
        `${t.street} ${t.house_number}`,
        [t.floor ? `${t.floor}.` : null, t.door].filter(Boolean).join(" "),
      ]
        .filter(Boolean)
        .join(", "),
      members: members
        .filter((m) => m.tenancy_id === t.id)
        .map((m) => ({
          personId: m.person_id,
          name: m.name,
          role: m.role,
          checkedIn: m.attendance_id !== null,
        })),
    })),
  };
}

/** Households and people checked in at a meeting. */
export async function attendanceOf(db: Executor, meetingId: string) {
  const row = await db
    .selectFrom("meeting_attendance")
    .select((eb) => [
      eb.fn.count<number>("tenancy_id").distinct().as("households"),
      eb.fn.countAll<number>().as("people"),
    ])
    .where("meeting_id", "=", meetingId)
    .executeTakeFirstOrThrow();
  return { households: Number(row.households), people: Number(row.people) };
}
