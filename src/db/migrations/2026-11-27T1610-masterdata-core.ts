import type { Kysely } from "kysely";

// The core of master data that the platform's role homes need: units, people, tenancies and
// households. Frozen in time: never import app code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("people")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("birth_date", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable("users")
    .addColumn("person_id", "text", (c) => c.references("people.id"))
    .execute();

  await db.schema
    .createTable("units")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("unit_number", "text", (c) => c.notNull())
    .addColumn("street", "text", (c) => c.notNull())
    .addColumn("house_number", "text", (c) => c.notNull())
    .addColumn("floor", "text")
    .addColumn("door", "text")
    .addColumn("postcode", "text", (c) => c.notNull())
    .addColumn("town", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("rooms", "integer", (c) => c.notNull())
    .addColumn("area_m2", "integer", (c) => c.notNull())
    .addColumn("rent_ore", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("units_org_number", ["organisation_id", "unit_number"])
    .execute();
  await db.schema.createIndex("units_department").on("units").column("department_id").execute();

  await db.schema
    .createTable("tenancies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
    .addColumn("tenancy_number", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text")
    .addColumn("rent_at_start_ore", "bigint", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
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
