import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { FeeStatus } from "../letting.table.ts";

/** Charges for the staff list, newest due first; `q` matches the payment id or the person's name. */
export async function searchCharges(
  db: Kysely<Database>,
  filter: { organisations: string[] | null; status: FeeStatus; q?: string; limit: number },
) {
  let query = db
    .selectFrom("fee_charges as c")
    .innerJoin("applications as a", "a.id", "c.application_id")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .innerJoin("people as p", "p.id", "a.person_id")
    .select([
      "c.id",
      "c.kind",
      "c.amount_ore",
      "c.payment_id",
      "c.due_date",
      "c.removal_date",
      "c.status",
      "c.period_end",
      "c.application_id",
      "l.kind as list",
      "l.organisation_id",
      "p.name",
    ])
    .where("c.status", "=", filter.status);
  if (filter.organisations) {
    if (filter.organisations.length === 0) return [];
    query = query.where("l.organisation_id", "in", filter.organisations);
  }
  const q = filter.q?.trim();
  if (q) {
    const digits = q.replace(/\D/g, "");
    query = query.where((eb) =>
      eb.or([
        ...(digits.length >= 4 ? [eb("c.payment_id", "like", `%${digits}%`)] : []),
        eb(eb.fn("lower", ["p.name"]), "like", `%${q.toLowerCase()}%`),
      ]),
    );
  }
  return query.orderBy("c.due_date").orderBy("c.id").limit(filter.limit).execute();
}
