import type { Kysely } from "kysely";

// Department meetings (afdelingsmøder): the meeting and its stage, the agenda, residents'
// proposals and amendments, check-in per household, the show of votes per item, minutes with
// two approvals, and the decisions register. Dates of the rules are Europe/Copenhagen calendar
// dates (YYYY-MM-DD); instants are ISO UTC text. Frozen in time: never import app code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("meeting_date", "text", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull())
    // The extraordinary-meeting demand this meeting answers (boards part), and its deadline.
    .addColumn("demand_id", "text")
    .addColumn("convene_by", "text")
    .addColumn("budget_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("accounts_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("meeting_chair_user_id", "text", (c) => c.references("users.id"))
    .addColumn("meeting_chair_name", "text")
    .addColumn("minutes_intro", "text")
    .addColumn("convened_at", "text")
    .addColumn("convened_by", "text", (c) => c.references("users.id"))
    .addColumn("proposals_opened_at", "text")
    .addColumn("final_agenda_at", "text")
    .addColumn("held_at", "text")
    .addColumn("minutes_approved_at", "text")
    .addColumn("published_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meetings_department")
    .on("meetings")
    .columns(["department_id", "starts_at"])
    .execute();

  await db.schema
    .createTable("meeting_agenda_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("outcome", "text")
    .addColumn("votes_for", "integer")
    .addColumn("votes_against", "integer")
    .addColumn("votes_blank", "integer")
    .addColumn("votes_recorded_at", "text")
    .addColumn("votes_recorded_by", "text", (c) => c.references("users.id"))
    // A ballot or digital vote decided by the meeting: its window and the vote created for it.
    .addColumn("follow_up_opens_at", "text")
    .addColumn("follow_up_closes_at", "text")
    .addColumn("vote_id", "text")
    .addColumn("decision_text", "text")
    .addColumn("minutes_text", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_agenda_items_meeting")
    .on("meeting_agenda_items")
    .columns(["meeting_id", "position"])
    .execute();

  await db.schema
    .createTable("meeting_proposals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("amends_item_id", "text", (c) => c.references("meeting_agenda_items.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("submitted_by_person_id", "text", (c) => c.references("people.id"))
    .addColumn("submitted_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("board_rank", "integer")
    .addColumn("board_comment", "text")
    .addColumn("agenda_item_id", "text", (c) => c.references("meeting_agenda_items.id"))
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_proposals_meeting")
    .on("meeting_proposals")
    .columns(["meeting_id", "board_rank"])
    .execute();

  // Check-in: one row per attending person (tenant or adult member); the household is the
  // tenancy. A household has 2 votes whatever its size; there are no proxies.
  await db.schema
    .createTable("meeting_attendance")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("tenancy_id", "text", (c) => c.notNull().references("tenancies.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("checked_in_by", "text", (c) => c.references("users.id"))
    .addColumn("checked_in_at", "text", (c) => c.notNull())
    .addUniqueConstraint("meeting_attendance_person", ["meeting_id", "person_id"])
    .execute();
  await db.schema
    .createIndex("meeting_attendance_household")
    .on("meeting_attendance")
    .columns(["meeting_id", "tenancy_id"])
    .execute();

  // Minutes approvals: the chair of the meeting and the board chair, each once.
  await db.schema
    .createTable("meeting_minutes_approvals")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("approved_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("meeting_minutes_approvals_pk", ["meeting_id", "role"])
    .execute();

  // The decisions register per department, filled when the minutes are published.
  await db.schema
    .createTable("meeting_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("agenda_item_id", "text", (c) => c.notNull().unique().references("meeting_agenda_items.id"))
    .addColumn("decided_on", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("decision_text", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("votes_for", "integer")
    .addColumn("votes_against", "integer")
    .addColumn("votes_blank", "integer")
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_decisions_department")
    .on("meeting_decisions")
    .columns(["department_id", "decided_on"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("meeting_decisions").execute();
  await db.schema.dropTable("meeting_minutes_approvals").execute();
  await db.schema.dropTable("meeting_attendance").execute();
  await db.schema.dropTable("meeting_proposals").execute();
  await db.schema.dropTable("meeting_agenda_items").execute();
  await db.schema.dropTable("meetings").execute();
}
