import { type Kysely, sql } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { Executor } from "../../../platform/audit.ts";
import type { IdeaEffort, IdeaTag } from "./community.table.ts";
import { containsPattern } from "./community-access.ts";

type Db = Kysely<Database> | Executor;

export interface IdeaFilter {
  /** Null: every organisation. */
  organisationIds: string[] | null;
  q?: string;
  tag?: IdeaTag;
  effort?: IdeaEffort;
  recommendedOnly?: boolean;
  limit: number;
  offset: number;
}

const columns = [
  "i.id",
  "i.organisation_id",
  "i.department_id",
  "i.author_user_id",
  "i.title",
  "i.description",
  "i.cost_min_ore",
  "i.cost_max_ore",
  "i.effort",
  "i.is_recommended",
  "i.recommended_at",
  "i.created_at",
  "i.updated_at",
  "u.name as author_name",
  "o.name as organisation_name",
  "d.number as department_number",
  "d.name as department_name",
] as const;

function base(db: Db) {
  return db
    .selectFrom("ideas as i")
    .innerJoin("users as u", "u.id", "i.author_user_id")
    .innerJoin("organisations as o", "o.id", "i.organisation_id")
    .leftJoin("departments as d", "d.id", "i.department_id");
}

/**
 * The idea catalogue: a plain LIKE over the lower-cased title, description and tags (both
 * dialects), an audience tag, an effort, or the curated recommended list (newest recommendation first).
 */
export async function searchIdeas(db: Db, f: IdeaFilter) {
  let q = base(db);
  if (f.organisationIds)
    q = q.where("i.organisation_id", "in", f.organisationIds.length ? f.organisationIds : [""]);
  if (f.q) q = q.where(sql<boolean>`i.search_text like ${containsPattern(f.q)} escape '\\'`);
  if (f.tag) {
    const tag = f.tag;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("idea_tags as t")
          .select("t.tag")
          .whereRef("t.idea_id", "=", "i.id")
          .where("t.tag", "=", tag),
      ),
    );
  }
  if (f.effort) q = q.where("i.effort", "=", f.effort);
  if (f.recommendedOnly) q = q.where("i.is_recommended", "=", true);
  let ordered = q.select((eb) => [
    ...columns,
    eb
      .selectFrom("idea_experiences as x")
      .select(eb.fn.countAll<number>().as("n"))
      .whereRef("x.idea_id", "=", "i.id")
      .as("experience_count"),
  ]);
  ordered = f.recommendedOnly
    ? ordered.orderBy("i.recommended_at", "desc")
    : ordered.orderBy("i.created_at", "desc");
  const rows = await ordered.orderBy("i.id", "desc").limit(f.limit).offset(f.offset).execute();
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const tags = await tagsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    rows: rows.map((r) => ({
      ...r,
      experience_count: Number(r.experience_count ?? 0),
      tags: tags.get(r.id) ?? [],
    })),
    total: Number(total.n),
  };
}

export type IdeaRow = Awaited<ReturnType<typeof searchIdeas>>["rows"][number];

async function tagsOf(db: Db, ids: string[]): Promise<Map<string, IdeaTag[]>> {
  const map = new Map<string, IdeaTag[]>();
  if (!ids.length) return map;
  const rows = await db
    .selectFrom("idea_tags")
    .select(["idea_id", "tag"])
    .where("idea_id", "in", ids)
    .execute();
  for (const r of rows) map.set(r.idea_id, [...(map.get(r.idea_id) ?? []), r.tag]);
  return map;
}

export async function findIdea(db: Db, id: string): Promise<IdeaRow | undefined> {
  const row = await base(db)
    .select((eb) => [
      ...columns,
      eb
        .selectFrom("idea_experiences as x")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("x.idea_id", "=", "i.id")
        .as("experience_count"),
    ])
    .where("i.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    experience_count: Number(row.experience_count ?? 0),
    tags: (await tagsOf(db, [id])).get(id) ?? [],
  };
}

/** The "we did this" notes of an idea, newest first, with the department and who wrote it. */
export async function experiencesOf(db: Db, ideaId: string) {
  return db
    .selectFrom("idea_experiences as x")
    .innerJoin("departments as d", "d.id", "x.department_id")
    .innerJoin("users as u", "u.id", "x.user_id")
    .select([
      "x.id",
      "x.department_id",
      "x.note",
      "x.done_on",
      "x.updated_at",
      "d.number as department_number",
      "d.name as department_name",
      "u.name as author_name",
    ])
    .where("x.idea_id", "=", ideaId)
    .orderBy("x.updated_at", "desc")
    .orderBy("x.id")
    .execute();
}

export type ExperienceRow = Awaited<ReturnType<typeof experiencesOf>>[number];
