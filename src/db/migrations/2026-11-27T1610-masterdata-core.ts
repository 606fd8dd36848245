import type { Kysely } from "kysely";

// Master data in one place: buildings, units, people, tenancies and households. External keys
// from imports (building, unit, person and tenancy numbers) are unique per organisation.
// Frozen in time: never import app code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("buildings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("building_number", "text", (c) => c.notNull())
    .addColumn("street", "text", (c) => c.notNull())
    .addColumn("house_number", "text", (c) => c.notNull())
    .addColumn("postcode", "text", (c) => c.notNull())
    .addColumn("town", "text", (c) => c.notNull())
    .addColumn("dar_id", "text")
    .addColumn("bbr_uuid", "text")
    .addColumn("construction_year", "integer")
    .addColumn("bbr_use_code", "text")
    .addColumn("energy_label", "text")
    .addColumn("energy_label_serial", "text")
    .addColumn("energy_label_valid_from", "text")
    .addColumn("energy_label_valid_to", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("buildings_org_number", ["organisation_id", "building_number"])
    .execute();
  await db.schema.createIndex("buildings_department").on("buildings").column("department_id").execute();

  await db.schema
    .createTable("people")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("person_number", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("birth_date", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("street", "text")
    .addColumn("house_number", "text")
    .addColumn("floor", "text")
    .addColumn("door", "text")
    .addColumn("postcode", "text")
    .addColumn("town", "text")
    .addColumn("language", "text", (c) => c.notNull().defaultTo("da"))
    .addColumn("is_digital_post_exempt", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_email_consent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cpr_enc", "text")
    .addColumn("cpr_hash", "text")
    .addColumn("cpr_masked", "text")
    .addColumn("cpr_legal_basis", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("people_org_number", ["organisation_id", "person_number"])
    .execute();
  await db.schema.createIndex("people_cpr_hash").on("people").column("cpr_hash").execute();
  await db.schema.createIndex("people_name").on("people").column("name").execute();

  await db.schema
    .alterTable("users")
    .addColumn("person_id", "text", (c) => c.references("people.id"))
    .execute();

  await db.schema
    .createTable("units")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("building_id", "text", (c) => c.references("buildings.id"))
    .addColumn("unit_number", "text", (c) => c.notNull())
    .addColumn("street", "text", (c) => c.notNull())
    .addColumn("house_number", "text", (c) => c.notNull())
    .addColumn("floor", "text")
    .addColumn("door", "text")
    .addColumn("postcode", "text", (c) => c.notNull())
    .addColumn("town", "text", (c) => c.notNull())
    .addColumn("address_search", "text", (c) => c.notNull())
    .addColumn("dar_id", "text")
    .addColumn("bbr_unit_uuid", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("rooms", "integer", (c) => c.notNull())
    .addColumn("area_m2", "integer", (c) => c.notNull())
    .addColumn("rent_ore", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("has_elevator", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_step_free_access", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_balcony_or_garden", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_pets_allowed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("units_org_number", ["organisation_id", "unit_number"])
    .execute();
  await db.schema
    .createIndex("units_department")
    .on("units")
    .columns(["department_id", "unit_number"])
    .execute();
  await db.schema.createIndex("units_building").on("units").column("building_id").execute();

  await db.schema
    .createTable("tenancies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
    .addColumn("tenancy_number", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text")
    .addColumn("rent_at_start_ore", "bigint", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("tenancies_org_number", ["organisation_id", "tenancy_number"])
    .execute();
  await db.schema.createIndex("tenancies_unit").on("tenancies").columns(["unit_id", "start_date"]).execute();

  await db.schema
    .createTable("household_members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenancy_id", "text", (c) => c.notNull().references("tenancies.id").onDelete("cascade"))
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addUniqueConstraint("household_members_tenancy_person", ["tenancy_id", "person_id"])
    .execute();
  await db.schema
    .createIndex("household_members_person")
    .on("household_members")
    .column("person_id")
    .execute();
}
