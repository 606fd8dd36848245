import { type Kysely, sql } from "kysely";

// Resident democracy: recruitment, onboarding programmes, courses, knowledge sharing and the idea catalogue.
// Frozen in time: never import app code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function up(db: Kysely<any>): Promise<void> {
  // Recruitment: what a resident would join in their department. One row per person and
  // department; withdrawing deletes it (nothing is kept that the resident took back).
  await db.schema
    .createTable("democracy_interests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("is_board_interest", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_committee_interest", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_activity_interest", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("note", "text")
    .addColumn("has_contact_consent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("democracy_interests_person_department", ["person_id", "department_id"])
    .execute();
  await db.schema
    .createIndex("democracy_interests_department")
    .on("democracy_interests")
    .column("department_id")
    .execute();

  // Courses first: onboarding steps may point to one.
  await db.schema
    .createTable("courses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("is_published", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("courses_organisation").on("courses").column("organisation_id").execute();

  // `next_seq` numbers the enrolments of a session: taking the next number locks the session
  // row, so enrolments and cancellations of one session run one at a time on both dialects.
  await db.schema
    .createTable("course_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("course_id", "text", (c) => c.notNull().references("courses.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text")
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("next_seq", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("course_sessions_course")
    .on("course_sessions")
    .columns(["course_id", "starts_at"])
    .execute();

  await db.schema
    .createTable("course_enrolments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("session_id", "text", (c) => c.notNull().references("course_sessions.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("cancelled_at", "text")
    .addUniqueConstraint("course_enrolments_session_user", ["session_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("course_enrolments_queue")
    .on("course_enrolments")
    .columns(["session_id", "status", "seq"])
    .execute();
  await db.schema.createIndex("course_enrolments_user").on("course_enrolments").column("user_id").execute();

  await db.schema
    .createTable("course_completions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("course_id", "text", (c) => c.notNull().references("courses.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("completed_on", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("course_completions_course_user", ["course_id", "user_id"])
    .execute();
  await db.schema.createIndex("course_completions_user").on("course_completions").column("user_id").execute();

  await db.schema
    .createTable("course_pages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("course_id", "text", (c) => c.notNull().references("courses.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("course_pages_course")
    .on("course_pages")
    .columns(["course_id", "position"])
    .execute();

  await db.schema
    .createTable("course_page_reads")
    .addColumn("page_id", "text", (c) => c.notNull().references("course_pages.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("done_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("course_page_reads_pk", ["page_id", "user_id"])
    .execute();

  // Onboarding: a programme's steps are copied into each new member's checklist, so later edits
  // of the programme never change a checklist already given.
  await db.schema
    .createTable("onboarding_programmes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("intro", "text", (c) => c.notNull())
    .addColumn("is_current", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // At most one current programme per organisation (a partial index: both dialects have them).
  await db.schema
    .createIndex("onboarding_programmes_current")
    .on("onboarding_programmes")
    .column("organisation_id")
    .unique()
    .where(sql.ref("is_current"), "=", 1)
    .execute();

  await db.schema
    .createTable("onboarding_steps")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) =>
      c.notNull().references("onboarding_programmes.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("link_url", "text")
    .addColumn("due_offset_days", "integer", (c) => c.notNull())
    .addColumn("course_id", "text", (c) => c.references("courses.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("onboarding_steps_programme")
    .on("onboarding_steps")
    .columns(["programme_id", "position"])
    .execute();

  // `scope_key` is the department id, or "org:<organisation id>" for the organisation board:
  // a unique key needs a value that is never null.
  await db.schema
    .createTable("onboarding_checklists")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.references("departments.id"))
    .addColumn("scope_key", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("programme_id", "text", (c) => c.notNull().references("onboarding_programmes.id"))
    .addColumn("elected_on", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("onboarding_checklists_once", ["person_id", "scope_key", "elected_on"])
    .execute();
  await db.schema
    .createIndex("onboarding_checklists_department")
    .on("onboarding_checklists")
    .column("department_id")
    .execute();
  await db.schema
    .createIndex("onboarding_checklists_organisation")
    .on("onboarding_checklists")
    .column("organisation_id")
    .execute();

  await db.schema
    .createTable("onboarding_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("checklist_id", "text", (c) =>
      c.notNull().references("onboarding_checklists.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("link_url", "text")
    .addColumn("course_id", "text", (c) => c.references("courses.id").onDelete("set null"))
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("done_at", "text")
    .addColumn("done_by", "text", (c) => c.references("users.id"))
    .execute();
  await db.schema
    .createIndex("onboarding_items_checklist")
    .on("onboarding_items")
    .columns(["checklist_id", "position"])
    .execute();

  // Knowledge sharing: guides and good examples, with their tags in a table of their own so a
  // tag filter is an indexed look-up on both dialects. `search_text` is title, text and tags
  // lower-cased by the app (Unicode-aware, so "Æ" finds "æ"), searched with a plain LIKE.
  await db.schema
    .createTable("guides")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.references("departments.id"))
    .addColumn("author_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("guides_organisation")
    .on("guides")
    .columns(["organisation_id", "updated_at"])
    .execute();
  await db.schema
    .createTable("guide_tags")
    .addColumn("guide_id", "text", (c) => c.notNull().references("guides.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("guide_tags_pk", ["guide_id", "tag"])
    .execute();
  await db.schema.createIndex("guide_tags_tag").on("guide_tags").column("tag").execute();

  // The idea catalogue. Cost is a range in øre (from = to for an exact amount; both empty when
  // unknown).
  await db.schema
    .createTable("ideas")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.references("departments.id"))
    .addColumn("author_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("cost_min_ore", "bigint")
    .addColumn("cost_max_ore", "bigint")
    .addColumn("effort", "text", (c) => c.notNull())
    .addColumn("is_recommended", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("recommended_at", "text")
    .addColumn("recommended_by", "text", (c) => c.references("users.id"))
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ideas_organisation")
    .on("ideas")
    .columns(["organisation_id", "created_at"])
    .execute();
  await db.schema
    .createTable("idea_tags")
    .addColumn("idea_id", "text", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("idea_tags_pk", ["idea_id", "tag"])
    .execute();
  await db.schema.createIndex("idea_tags_tag").on("idea_tags").column("tag").execute();
  // "We did this": one experience note per department and idea (written again, it is updated).
  await db.schema
    .createTable("idea_experiences")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("idea_id", "text", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("done_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("idea_experiences_idea_department", ["idea_id", "department_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "idea_experiences",
    "idea_tags",
    "ideas",
    "guide_tags",
    "guides",
    "onboarding_items",
    "onboarding_checklists",
    "onboarding_steps",
    "onboarding_programmes",
    "course_page_reads",
    "course_pages",
    "course_completions",
    "course_enrolments",
    "course_sessions",
    "courses",
    "democracy_interests",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
