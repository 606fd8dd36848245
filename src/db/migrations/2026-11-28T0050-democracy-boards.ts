import type { Kysely } from "kysely";

// Resident democracy: boards, elections, extraordinary-meeting demands.
// Dates are Europe/Copenhagen calendar dates (YYYY-MM-DD); instants ISO UTC text.
// Frozen in time: never import app code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function up(db: Kysely<any>): Promise<void> {
  // One board per department, and one organisation board (department_id null). `scope_key` is the
  // department id, or "org:" + the organisation id: unique on both dialects without an expression index.
  await db.schema
    .createTable("boards")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.references("departments.id"))
    .addColumn("scope_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("board_elections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("board_id", "text", (c) => c.notNull().references("boards.id"))
    .addColumn("meeting_id", "text", (c) => c.references("meetings.id"))
    .addColumn("election_date", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("member_seats", "integer", (c) => c.notNull())
    .addColumn("alternate_seats", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("board_elections_board")
    .on("board_elections")
    .columns(["board_id", "election_date"])
    .execute();

  await db.schema
    .createTable("board_nominations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("election_id", "text", (c) => c.notNull().references("board_elections.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("nominated_by_person_id", "text", (c) => c.references("people.id"))
    .addColumn("nominated_by_user_id", "text", (c) => c.references("users.id"))
    .addColumn("via", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("votes", "integer")
    .addColumn("lot_rank", "integer")
    .addColumn("outcome", "text")
    .addColumn("alternate_rank", "integer")
    .addColumn("consented_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("board_nominations_person", ["election_id", "person_id"])
    .execute();
  await db.schema
    .createIndex("board_nominations_person_status")
    .on("board_nominations")
    .columns(["person_id", "status"])
    .execute();

  // A term: role, who elected them (meeting, election), start and planned end, resignation, and
  // the grant state the term jobs last brought the person's login to.
  await db.schema
    .createTable("board_members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("board_id", "text", (c) => c.notNull().references("boards.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("alternate_rank", "integer")
    .addColumn("meeting_id", "text", (c) => c.references("meetings.id"))
    .addColumn("election_id", "text", (c) => c.references("board_elections.id"))
    .addColumn("previous_id", "text", (c) => c.references("board_members.id"))
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("resigned_on", "text")
    .addColumn("resignation_reason", "text")
    .addColumn("has_contact_consent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("grant_state", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("board_members_board")
    .on("board_members")
    .columns(["board_id", "end_date"])
    .execute();
  await db.schema.createIndex("board_members_person").on("board_members").column("person_id").execute();
  await db.schema
    .createIndex("board_members_grant_state")
    .on("board_members")
    .columns(["grant_state", "start_date"])
    .execute();

  await db.schema
    .createTable("meeting_demands")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("started_by_person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("threshold_percent", "integer", (c) => c.notNull())
    .addColumn("reached_at", "text")
    .addColumn("households_at_reached", "integer")
    .addColumn("signatures_at_reached", "integer")
    .addColumn("convene_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_demands_department")
    .on("meeting_demands")
    .columns(["department_id", "status"])
    .execute();

  // One signature per household (tenancy) and demand: the database refuses a second.
  await db.schema
    .createTable("meeting_demand_signatures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("demand_id", "text", (c) => c.notNull().references("meeting_demands.id"))
    .addColumn("tenancy_id", "text", (c) => c.notNull().references("tenancies.id"))
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .addColumn("signed_at", "text", (c) => c.notNull())
    .addUniqueConstraint("meeting_demand_signatures_household", ["demand_id", "tenancy_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("meeting_demand_signatures").execute();
  await db.schema.dropTable("meeting_demands").execute();
  await db.schema.dropTable("board_members").execute();
  await db.schema.dropTable("board_nominations").execute();
  await db.schema.dropTable("board_elections").execute();
  await db.schema.dropTable("boards").execute();
}
