import { type Kysely, sql } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { Executor } from "../../../platform/audit.ts";
import type { GuideKind } from "./community.table.ts";
import { containsPattern } from "./community-access.ts";

type Db = Kysely<Database> | Executor;

export interface GuideFilter {
  /** Null: every organisation. */
  organisationIds: string[] | null;
  q?: string;
  tag?: string;
  kind?: GuideKind;
  departmentId?: string;
  limit: number;
  offset: number;
}

function base(db: Db) {
  return db
    .selectFrom("guides as g")
    .innerJoin("users as u", "u.id", "g.author_user_id")
    .innerJoin("organisations as o", "o.id", "g.organisation_id")
    .leftJoin("departments as d", "d.id", "g.department_id");
}

/**
 * Guides and good examples across departments, newest first: a plain LIKE over the lower-cased
 * title, text and tags (both dialects), a tag, a kind, a department.
 */
export async function searchGuides(db: Db, f: GuideFilter) {
  let q = base(db);
  if (f.organisationIds)
    q = q.where("g.organisation_id", "in", f.organisationIds.length ? f.organisationIds : [""]);
  if (f.q) q = q.where(sql<boolean>`g.search_text like ${containsPattern(f.q)} escape '\\'`);
  if (f.tag) {
    const tag = f.tag;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("guide_tags as t")
          .select("t.tag")
          .whereRef("t.guide_id", "=", "g.id")
          .where("t.tag", "=", tag),
      ),
    );
  }
  if (f.kind) q = q.where("g.kind", "=", f.kind);
  if (f.departmentId) q = q.where("g.department_id", "=", f.departmentId);
  const rows = await q
    .select([
      "g.id",
      "g.kind",
      "g.title",
      "g.body",
      "g.organisation_id",
      "g.department_id",
      "g.author_user_id",
      "g.created_at",
      "g.updated_at",
      "u.name as author_name",
      "o.name as organisation_name",
      "d.number as department_number",
      "d.name as department_name",
    ])
    .orderBy("g.updated_at", "desc")
    .orderBy("g.id", "desc")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const tags = await tagsOf(
    db,
    rows.map((r) => r.id),
  );
  return { rows: rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] })), total: Number(total.n) };
}

export type GuideRow = Awaited<ReturnType<typeof searchGuides>>["rows"][number];

async function tagsOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!ids.length) return map;
  const rows = await db
    .selectFrom("guide_tags")
    .select(["guide_id", "tag"])
    .where("guide_id", "in", ids)
    .orderBy("tag")
    .execute();
  for (const r of rows) map.set(r.guide_id, [...(map.get(r.guide_id) ?? []), r.tag]);
  return map;
}

export async function findGuide(db: Db, id: string): Promise<GuideRow | undefined> {
  const row = await base(db)
    .select([
      "g.id",
      "g.kind",
      "g.title",
      "g.body",
      "g.organisation_id",
      "g.department_id",
      "g.author_user_id",
      "g.created_at",
      "g.updated_at",
      "u.name as author_name",
      "o.name as organisation_name",
      "d.number as department_number",
      "d.name as department_name",
    ])
    .where("g.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, tags: (await tagsOf(db, [id])).get(id) ?? [] };
}

/** The most used tags among the guides a reader can see, for the filter. */
export async function guideTagCounts(db: Db, organisationIds: string[] | null, limit = 30) {
  let q = db.selectFrom("guide_tags as t").innerJoin("guides as g", "g.id", "t.guide_id");
  if (organisationIds)
    q = q.where("g.organisation_id", "in", organisationIds.length ? organisationIds : [""]);
  const rows = await q
    .select(["t.tag", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("t.tag")
    .orderBy("n", "desc")
    .orderBy("t.tag")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ tag: r.tag, count: Number(r.n) }));
}
