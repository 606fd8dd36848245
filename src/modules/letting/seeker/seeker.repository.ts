import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { addMonths } from "../../../platform/dates.ts";
import type { ListKind } from "../letting.table.ts";
import { estimateWindowMonths } from "./estimate.ts";

type Db = Kysely<Database>;

/** A person's applications with their list and organisation (removed ones are not shown). */
export async function applicationsOf(db: Db, personId: string) {
  return db
    .selectFrom("applications as a")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .innerJoin("organisations as o", "o.id", "l.organisation_id")
    .select([
      "a.id",
      "a.status",
      "a.seniority_date",
      "a.fee_paid_until",
      "l.kind",
      "o.id as organisationId",
      "o.name as organisationName",
    ])
    .where("a.person_id", "=", personId)
    .where("a.status", "in", ["active", "passive"])
    .orderBy("o.name")
    .orderBy("l.kind")
    .execute();
}

/** The stored place in every department queue of the applications (one index lookup each). */
export async function queuesOf(db: Db, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom("application_departments as q")
    .innerJoin("departments as d", "d.id", "q.department_id")
    .select(["q.application_id", "q.department_id", "q.rank", "d.number", "d.name"])
    .where("q.application_id", "in", applicationIds)
    .orderBy("d.number")
    .execute();
}

export async function openChargesOf(db: Db, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom("fee_charges")
    .select(["id", "application_id", "kind", "amount_ore", "payment_id", "due_date", "removal_date"])
    .where("application_id", "in", applicationIds)
    .where("status", "=", "open")
    .orderBy("due_date")
    .execute();
}

/** Homes each department let to each list in the estimate's window (index on department, let_at). */
export async function recentLettings(
  db: Db,
  departmentIds: string[],
  today: string,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (departmentIds.length === 0) return counts;
  const rows = await db
    .selectFrom("vacancies")
    .select(["department_id", "let_via", (eb) => eb.fn.countAll<number>().as("n")])
    .where("department_id", "in", departmentIds)
    .where("status", "=", "let")
    .where("let_at", ">=", addMonths(today, -estimateWindowMonths))
    .where("let_via", "in", ["external", "internal"])
    .groupBy(["department_id", "let_via"])
    .execute();
  for (const r of rows) counts.set(lettingsKey(r.department_id, r.let_via as ListKind), Number(r.n));
  return counts;
}

export const lettingsKey = (departmentId: string, list: ListKind) => `${departmentId}/${list}`;

/** Organisations and their departments, for the sign-up form. */
export async function signUpChoices(db: Db) {
  const organisations = await db.selectFrom("organisations").select(["id", "name"]).orderBy("name").execute();
  const departments = await db
    .selectFrom("departments")
    .select(["id", "organisation_id", "number", "name"])
    .orderBy("number")
    .execute();
  return organisations.map((o) => ({
    ...o,
    departments: departments.filter((d) => d.organisation_id === o.id),
  }));
}
