import { type Kysely, sql } from "kysely";

// Waiting lists and applications. A seeker's place on a department's list is a stored rank
// (application_departments.rank), kept current on every change, so "my position" never counts
// rows on the request path. Frozen in time: never import app code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function up(db: Kysely<any>): Promise<void> {
  // Department overrides of the organisation's rule values (organisations.settings_json).
  await db.schema
    .alterTable("departments")
    .addColumn("settings_json", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();

  await db.schema
    .createTable("waiting_lists")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("waiting_lists_org_kind", ["organisation_id", "kind"])
    .execute();

  await db.schema
    .createTable("applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("list_id", "text", (c) => c.notNull().references("waiting_lists.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("seniority_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("rooms_min", "integer")
    .addColumn("rooms_max", "integer")
    .addColumn("max_rent_ore", "bigint")
    .addColumn("kinds_json", "text", (c) => c.notNull().defaultTo('["family"]'))
    .addColumn("features_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("household_size", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("has_children", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("flexible_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("is_rehousing", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_education_documented", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_municipal_referral", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_on_benefits_refusable", "integer", (c) => c.notNull().defaultTo(0))
    // Arrears live with the economy; letting staff record the facts that exclude an applicant.
    .addColumn("is_owing_money", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_payment_plan", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fee_paid_until", "text")
    .addColumn("unanswered_offers", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("quarantine_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("applications_list_person", ["list_id", "person_id"])
    .execute();
  await db.schema.createIndex("applications_person").on("applications").column("person_id").execute();

  // One row per application and wanted department; `rank` is the place among the department's
  // active applications on the same list (1 = next in line), null while not active.
  await db.schema
    .createTable("application_departments")
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id").onDelete("cascade"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("list_id", "text", (c) => c.notNull().references("waiting_lists.id"))
    .addColumn("seniority_date", "text", (c) => c.notNull())
    .addColumn("rank", "integer")
    // Copies of the application's state and priority facts: the queue reads, ranks and re-ranks
    // from its own rows, and each priority pool is its own small index.
    .addColumn("is_active", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_rehousing", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_flexible", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_children", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("application_departments_pk", ["application_id", "department_id"])
    .execute();
  await db.schema
    .createIndex("application_departments_queue")
    .on("application_departments")
    .columns(["department_id", "list_id", "rank"])
    .execute();
  // The priority pools, as partial indexes: a pool nobody is in costs one empty index range, not
  // a walk through the whole queue. Queries must say `is_rehousing = 1` literally to use them.
  for (const flag of ["is_rehousing", "is_flexible", "has_children"]) {
    await db.schema
      .createIndex(`application_departments_${flag}`)
      .on("application_departments")
      .columns(["department_id", "list_id", "rank"])
      .where(sql.ref(flag), "=", 1)
      .execute();
  }
  await db.schema
    .createIndex("application_departments_seniority")
    .on("application_departments")
    // is_active and rank too: the re-rank walks this index alone, never the table.
    .columns(["department_id", "list_id", "seniority_date", "application_id", "is_active", "rank"])
    .execute();

  // Fees: each charge has its FI +71 payment id; payments are registered by staff or read from
  // a bank file (the bank's reference is unique per source, so a file read twice books once).
  await db.schema
    .createTable("fee_charges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("amount_ore", "bigint", (c) => c.notNull())
    .addColumn("payment_id", "text", (c) => c.notNull().unique())
    .addColumn("period_end", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("letter_id", "text", (c) => c.references("letters.id"))
    .addColumn("reminder_letter_id", "text", (c) => c.references("letters.id"))
    .addColumn("removal_date", "text")
    .addColumn("paid_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("fee_charges_application").on("fee_charges").column("application_id").execute();
  await db.schema
    .createIndex("fee_charges_status_due")
    .on("fee_charges")
    .columns(["status", "due_date"])
    .execute();

  await db.schema
    .createTable("fee_payments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("fee_charge_id", "text", (c) => c.notNull().references("fee_charges.id"))
    .addColumn("amount_ore", "bigint", (c) => c.notNull())
    .addColumn("paid_on", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_reference", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("fee_payments_source_reference", ["source", "source_reference"])
    .execute();

  // A vacancy is a home to let from a date; it ends let (by the lists or the municipality).
  await db.schema
    .createTable("vacancies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("ending_tenancy_id", "text", (c) => c.references("tenancies.id"))
    .addColumn("free_from", "text", (c) => c.notNull())
    .addColumn("rent_ore", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("let_via", "text")
    .addColumn("let_application_id", "text", (c) => c.references("applications.id"))
    .addColumn("new_tenancy_id", "text", (c) => c.references("tenancies.id"))
    .addColumn("let_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("vacancies_department")
    .on("vacancies")
    .columns(["department_id", "status"])
    .execute();
  await db.schema.createIndex("vacancies_unit").on("vacancies").columns(["unit_id", "status"]).execute();
  await db.schema.createIndex("vacancies_let").on("vacancies").columns(["department_id", "let_at"]).execute();

  // An offer round keeps the whole ranking as decided: the rule values in force, the history
  // it used and every step, so it can be explained later exactly as it was.
  await db.schema
    .createTable("offer_rounds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("vacancy_id", "text", (c) => c.notNull().references("vacancies.id"))
    .addColumn("round_number", "integer", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("decision_json", "text", (c) => c.notNull())
    .addColumn("deadline_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("offer_rounds_vacancy_number", ["vacancy_id", "round_number"])
    .execute();

  await db.schema
    .createTable("offers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("offer_rounds.id"))
    .addColumn("vacancy_id", "text", (c) => c.notNull().references("vacancies.id"))
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("reason_json", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("outcome_json", "text")
    .addColumn("letter_id", "text", (c) => c.references("letters.id"))
    .addColumn("deadline_at", "text", (c) => c.notNull())
    .addColumn("answered_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("offers_vacancy_application", ["vacancy_id", "application_id"])
    .execute();
  await db.schema.createIndex("offers_application").on("offers").column("application_id").execute();
  await db.schema.createIndex("offers_round").on("offers").columns(["round_id", "position"]).execute();
}
