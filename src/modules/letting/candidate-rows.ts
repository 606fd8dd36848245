import { type Selectable, sql } from "kysely";
import { memoByText } from "../../platform/memo.ts";
import type { ApplicationDepartmentsTable } from "./letting.table.ts";
import { queueFlagFacts, queueValueFacts } from "./queue.repository.ts";
import { type Candidate, unitFeatures, unitKinds } from "./ranking/index.ts";
import { flexibleCriteria } from "./settings.ts";

/**
 * A queue row as an offer round reads it (the columns, folded by the database) and the ranking
 * engine's candidate made from it.
 */

export type List = { id: string; kind: "internal" | "external" };

/**
 * The yes/no facts of a queue row, folded by the database into one number: bit i is the i-th.
 * Every column costs the driver about as much to hand over as the rest of the row's work, so a
 * row of 19 columns read as 11 takes a third less.
 */
const flagBits = sql<number>`(${sql.join(
  queueFlagFacts.map((c, i) => (i === 0 ? sql`q.${sql.ref(c)}` : sql`(q.${sql.ref(c)} << ${sql.lit(i)})`)),
  sql` | `,
)})`;
const flag = Object.fromEntries(queueFlagFacts.map((c, i) => [c, 1 << i])) as Record<
  (typeof queueFlagFacts)[number],
  number
>;

/** What a candidate row reads from the queue's covering indexes (migration 2026-11-28T0300). */
export const candidateColumns = [
  "application_id",
  "rank",
  ...queueValueFacts,
  flagBits.as("fact_bits"),
  // The three lists as one JSON array of arrays: a few such texts recur in every queue, and each
  // is parsed once (`parsedLists`), not per row.
  sql<string>`'[' || q.kinds_json || ',' || q.features_json || ',' || q.flexible_json || ']'`.as(
    "lists_text",
  ),
] as const;
/** A queue row with the application facts it carries: everything the ranking reads. */
export type Row = Pick<
  Selectable<ApplicationDepartmentsTable>,
  "application_id" | "rank" | (typeof queueValueFacts)[number]
> & { fact_bits: number; lists_text: string };

/** A row's lists, with only the values the ranking knows. */
interface Lists {
  kinds: Candidate["criteria"]["kinds"];
  features: Candidate["criteria"]["requiredFeatures"];
  flexible: Candidate["flexibleCriteria"];
}
const known = <T extends string>(values: unknown, allowed: readonly T[]): T[] =>
  Object.freeze(Array.isArray(values) ? values.filter((v): v is T => allowed.includes(v as T)) : []) as T[];

/** Parsed once per distinct text; the arrays are shared by every candidate with it, so frozen. */
const parsedLists = memoByText((text): Lists => {
  const [kinds, features, flexible] = JSON.parse(text) as unknown[];
  return {
    kinds: known(kinds, unitKinds),
    features: known(features, unitFeatures),
    flexible: known(flexible, flexibleCriteria),
  };
});

/** Only ranked rows are read, and only active applications are ranked. */
export function toCandidate(row: Row, list: List, departmentIds: string[], today: string): Candidate {
  const lists = parsedLists(row.lists_text);
  const bits = row.fact_bits;
  return {
    applicationId: row.application_id,
    list: list.kind,
    seniorityDate: row.seniority_date,
    status: "active",
    // A fee paid until a past day no longer keeps the application (null: no fee on record).
    feePaid: row.fee_paid_until === null || row.fee_paid_until >= today,
    quarantineUntil: row.quarantine_until,
    criteria: {
      departmentIds,
      roomsMin: row.rooms_min,
      roomsMax: row.rooms_max,
      maxRentOre: row.max_rent_ore,
      kinds: lists.kinds,
      requiredFeatures: lists.features,
    },
    householdSize: row.household_size,
    hasChildren: (bits & flag.has_children) !== 0,
    rehousing: (bits & flag.is_rehousing) !== 0,
    flexibleCriteria: lists.flexible,
    owesMoney: (bits & flag.is_owing_money) !== 0,
    hasPaymentPlan: (bits & flag.has_payment_plan) !== 0,
    educationDocumented: (bits & flag.is_education_documented) !== 0,
    municipalReferral: (bits & flag.has_municipal_referral) !== 0,
    onBenefitsRefusable: (bits & flag.is_on_benefits_refusable) !== 0,
  };
}
