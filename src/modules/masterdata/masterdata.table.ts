import type { Generated } from "kysely";

/** Kysely row types of the master-data tables (see db/migrations). */

export const unitKinds = ["family", "youth", "senior"] as const;
export type UnitKind = (typeof unitKinds)[number];
export const unitStatuses = ["let", "vacant", "renovation", "not_for_letting"] as const;
export type UnitStatus = (typeof unitStatuses)[number];
export const householdRoles = ["tenant", "co_tenant", "adult", "child"] as const;
export type HouseholdRole = (typeof householdRoles)[number];

export interface BuildingsTable {
  id: string;
  organisation_id: string;
  department_id: string;
  building_number: string;
  street: string;
  house_number: string;
  postcode: string;
  town: string;
  dar_id: string | null;
  bbr_uuid: string | null;
  construction_year: number | null;
  bbr_use_code: string | null;
  energy_label: string | null;
  energy_label_serial: string | null;
  energy_label_valid_from: string | null;
  energy_label_valid_to: string | null;
  created_at: string;
  updated_at: string;
}

export interface PeopleTable {
  id: string;
  organisation_id: string;
  person_number: string;
  name: string;
  birth_date: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  house_number: string | null;
  floor: string | null;
  door: string | null;
  postcode: string | null;
  town: string | null;
  language: Generated<"da" | "en">;
  is_digital_post_exempt: Generated<boolean>;
  has_email_consent: Generated<boolean>;
  /** How e-mailed letters reach the person: each at once, or ordinary ones in a daily digest. */
  email_frequency: Generated<"immediate" | "daily_digest">;
  cpr_enc: string | null;
  cpr_hash: string | null;
  cpr_masked: string | null;
  cpr_legal_basis: string | null;
  created_at: string;
  updated_at: string;
}

export interface UnitsTable {
  id: string;
  organisation_id: string;
  department_id: string;
  building_id: string | null;
  unit_number: string;
  street: string;
  house_number: string;
  floor: string | null;
  door: string | null;
  postcode: string;
  town: string;
  /** The one-line address in lower case, for fragment search. */
  address_search: string;
  dar_id: string | null;
  bbr_unit_uuid: string | null;
  kind: UnitKind;
  rooms: number;
  area_m2: number;
  rent_ore: number;
  status: UnitStatus;
  has_elevator: Generated<boolean>;
  has_step_free_access: Generated<boolean>;
  has_balcony_or_garden: Generated<boolean>;
  is_pets_allowed: Generated<boolean>;
  created_at: string;
  updated_at: string;
}

export interface TenanciesTable {
  id: string;
  organisation_id: string;
  unit_id: string;
  tenancy_number: string;
  start_date: string;
  end_date: string | null;
  rent_at_start_ore: number;
  created_at: string;
  updated_at: string;
}

export interface HouseholdMembersTable {
  id: string;
  tenancy_id: string;
  person_id: string;
  role: HouseholdRole;
}

export interface MasterdataTables {
  buildings: BuildingsTable;
  people: PeopleTable;
  units: UnitsTable;
  tenancies: TenanciesTable;
  household_members: HouseholdMembersTable;
}
