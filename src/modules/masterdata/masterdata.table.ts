/** Kysely row types of the master-data tables (see db/migrations). */

export type UnitKind = "family" | "youth" | "senior";
export type UnitStatus = "let" | "vacant" | "renovation" | "not_for_letting";
export type HouseholdRole = "tenant" | "co_tenant" | "adult" | "child";

export interface PeopleTable {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface UnitsTable {
  id: string;
  organisation_id: string;
  department_id: string;
  unit_number: string;
  street: string;
  house_number: string;
  floor: string | null;
  door: string | null;
  postcode: string;
  town: string;
  kind: UnitKind;
  rooms: number;
  area_m2: number;
  rent_ore: number;
  status: UnitStatus;
  created_at: string;
  updated_at: string;
}

export interface TenanciesTable {
  id: string;
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
  people: PeopleTable;
  units: UnitsTable;
  tenancies: TenanciesTable;
  household_members: HouseholdMembersTable;
}
