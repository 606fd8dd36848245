import type { Generated } from "kysely";

/** Kysely row types of the letting tables (see db/migrations/2026-11-27T2200-letting-lists.ts). */

export const listKinds = ["external", "internal"] as const;
export type ListKind = (typeof listKinds)[number];
export const applicationStatuses = ["active", "passive", "removed", "housed"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export interface WaitingListsTable {
  id: string;
  organisation_id: string;
  kind: ListKind;
  created_at: string;
}

export interface ApplicationsTable {
  id: string;
  list_id: string;
  person_id: string;
  /** The sign-up date: seniority on the list, kept while the fee is paid. */
  seniority_date: string;
  status: ApplicationStatus;
  rooms_min: number | null;
  rooms_max: number | null;
  max_rent_ore: number | null;
  kinds_json: Generated<string[]>;
  features_json: Generated<string[]>;
  household_size: Generated<number>;
  has_children: Generated<boolean>;
  flexible_json: Generated<string[]>;
  is_rehousing: Generated<boolean>;
  is_education_documented: Generated<boolean>;
  has_municipal_referral: Generated<boolean>;
  is_on_benefits_refusable: Generated<boolean>;
  /** Owes the organisation money (recorded by letting staff until the economy module keeps arrears). */
  is_owing_money: Generated<boolean>;
  has_payment_plan: Generated<boolean>;
  fee_paid_until: string | null;
  unanswered_offers: Generated<number>;
  quarantine_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationDepartmentsTable {
  application_id: string;
  department_id: string;
  list_id: string;
  seniority_date: string;
  /** Place among the department's active applications on the list (1 = next); null when not active. */
  rank: number | null;
  /** The application is active (copied from it): only active rows have a rank. */
  is_active: Generated<boolean>;
  /**
   * Copies of the application's facts that the ranking reads (a trigger keeps them equal on every
   * update of the application): the top of a queue is read from one covering index range, and
   * each priority pool has its own partial index.
   */
  is_rehousing: Generated<boolean>;
  is_flexible: Generated<boolean>;
  has_children: Generated<boolean>;
  fee_paid_until: string | null;
  quarantine_until: string | null;
  rooms_min: number | null;
  rooms_max: number | null;
  max_rent_ore: number | null;
  household_size: Generated<number>;
  kinds_json: Generated<string[]>;
  features_json: Generated<string[]>;
  flexible_json: Generated<string[]>;
  is_owing_money: Generated<boolean>;
  has_payment_plan: Generated<boolean>;
  is_education_documented: Generated<boolean>;
  has_municipal_referral: Generated<boolean>;
  is_on_benefits_refusable: Generated<boolean>;
}

export type FeeKind = "sign_up" | "renewal";
export type FeeStatus = "open" | "paid" | "cancelled";

export interface FeeChargesTable {
  id: string;
  application_id: string;
  kind: FeeKind;
  amount_ore: number;
  /** FI-kort +71 payment id (15 digits with its check digit). */
  payment_id: string;
  /** Paying keeps the application (and its seniority) until this date. */
  period_end: string;
  due_date: string;
  status: FeeStatus;
  letter_id: string | null;
  reminder_letter_id: string | null;
  /** Set by the reminder: the application is removed after this date if still unpaid. */
  removal_date: string | null;
  paid_at: string | null;
  created_at: string;
}

export interface FeePaymentsTable {
  id: string;
  fee_charge_id: string;
  amount_ore: number;
  paid_on: string;
  source: "staff" | "bank_file";
  /** Unique per source: the bank's transaction reference, or a staff entry's own id. */
  source_reference: string;
  created_by: string | null;
  created_at: string;
}

export type VacancyStatus = "open" | "offering" | "let" | "municipal" | "cancelled";
export type LetVia = "municipal" | "rehousing" | "flexible" | "children" | "internal" | "external";

export interface VacanciesTable {
  id: string;
  organisation_id: string;
  department_id: string;
  unit_id: string;
  source: "move_out" | "manual";
  ending_tenancy_id: string | null;
  free_from: string;
  rent_ore: number;
  status: VacancyStatus;
  let_via: LetVia | null;
  let_application_id: string | null;
  new_tenancy_id: string | null;
  let_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface OfferRoundsTable {
  id: string;
  vacancy_id: string;
  round_number: number;
  mode: "municipal_assignment" | "lists";
  /** The whole ranking as decided: rule values, history, steps, ranked and excluded. */
  decision_json: Record<string, unknown>;
  deadline_at: string;
  status: "open" | "closed";
  created_by: string | null;
  created_at: string;
}

export type OfferStatus = "sent" | "accepted" | "declined" | "expired" | "won" | "lost" | "withdrawn";

export interface OffersTable {
  id: string;
  round_id: string;
  vacancy_id: string;
  application_id: string;
  position: number;
  reason_json: Record<string, unknown>;
  status: OfferStatus;
  /** What happened, for the applicant: e.g. the home went to an applicant with earlier seniority. */
  outcome_json: Record<string, unknown> | null;
  letter_id: string | null;
  deadline_at: string;
  answered_at: string | null;
  created_at: string;
}

export interface LettingTables {
  waiting_lists: WaitingListsTable;
  applications: ApplicationsTable;
  application_departments: ApplicationDepartmentsTable;
  fee_charges: FeeChargesTable;
  fee_payments: FeePaymentsTable;
  vacancies: VacanciesTable;
  offer_rounds: OfferRoundsTable;
  offers: OffersTable;
}
