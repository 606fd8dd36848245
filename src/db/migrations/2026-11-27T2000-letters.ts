import { type Kysely, PostgresAdapter, sql } from "kysely";

// The letters outbox: every letter is a row written in the same transaction as the change that
// caused it; workers claim due rows (`due_at`) and deliver them. `due_at` is null once a letter
// needs no more work from a worker (sent, failed, or waiting for staff to print it).
// Frozen in time: never import app code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function up(db: Kysely<any>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;

  await db.schema
    .alterTable("people")
    .addColumn("email_frequency", "text", (c) => c.notNull().defaultTo("immediate"))
    .execute();

  await db.schema
    .createTable("letter_templates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("letter_type", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("letter_templates_version", [
      "organisation_id",
      "letter_type",
      "language",
      "version",
    ])
    .execute();

  await db.schema
    .createTable("letter_batches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.references("departments.id"))
    .addColumn("letter_type", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("audience_json", "text", (c) => c.notNull())
    .addColumn("letter_count", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("letter_batches_org")
    .on("letter_batches")
    .columns(["organisation_id", "created_at"])
    .execute();

  await db.schema
    .createTable("print_batches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("letter_count", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("printed_by", "text", (c) => c.references("users.id"))
    .addColumn("printed_at", "text")
    .execute();

  await db.schema
    .createTable("letters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.references("departments.id"))
    .addColumn("batch_id", "text", (c) => c.references("letter_batches.id"))
    .addColumn("letter_type", "text", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("recipient_person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("recipient_name", "text", (c) => c.notNull())
    .addColumn("recipient_address_json", "text", (c) => c.notNull())
    .addColumn("recipient_email", "text")
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("document_date", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("template_id", "text", (c) => c.references("letter_templates.id"))
    .addColumn("template_version", "integer", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("channel_rule", "text", (c) => c.notNull())
    .addColumn("delivery", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("due_at", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claim_token", "text")
    .addColumn("last_error", "text")
    .addColumn("memo_uuid", "text")
    .addColumn("print_batch_id", "text", (c) => c.references("print_batches.id"))
    .addColumn("sent_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("letters_due").on("letters").column("due_at").execute();
  await db.schema
    .createIndex("letters_recipient")
    .on("letters")
    .columns(["recipient_person_id", "created_at"])
    .execute();
  await db.schema.createIndex("letters_batch").on("letters").column("batch_id").execute();
  await db.schema
    .createIndex("letters_org_channel_status")
    .on("letters")
    .columns(["organisation_id", "channel", "status"])
    .execute();
  await db.schema.createIndex("letters_print_batch").on("letters").column("print_batch_id").execute();

  // The PDF apart from the row, so lists and the worker's claims stay narrow.
  await db.schema
    .createTable("letter_pdfs")
    .addColumn("letter_id", "text", (c) => c.primaryKey().references("letters.id"))
    .addColumn("pdf", binary, (c) => c.notNull())
    .execute();
}
