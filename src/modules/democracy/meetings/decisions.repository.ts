import { sql } from "kysely";
import { escapeLike } from "../../../db/dialect.ts";
import type { Executor } from "../../../platform/audit.ts";

/** The decisions register: every decision of a department's published minutes, searchable. */

export interface DecisionSearch {
  departmentId: string;
  q: string;
  page: number;
  pageSize: number;
}

/**
 * Decisions of one department, newest first; every word of `q` must occur in the title, decision or
 * minutes text, taken literally ("50%" finds "50%", not "500").
 */
export async function searchDecisions(db: Executor, s: DecisionSearch) {
  let q = db.selectFrom("meeting_decisions as d").where("d.department_id", "=", s.departmentId);
  const words = s.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const w of words) q = q.where(sql<boolean>`d.search_text like ${`%${escapeLike(w)}%`} escape '\\'`);
  const [rows, total] = await Promise.all([
    q
      .innerJoin("meetings as m", "m.id", "d.meeting_id")
      .select([
        "d.id",
        "d.meeting_id",
        "d.agenda_item_id",
        "d.decided_on",
        "d.title",
        "d.decision_text",
        "d.outcome",
        "d.votes_for",
        "d.votes_against",
        "d.votes_blank",
        "m.title as meeting_title",
      ])
      .orderBy("d.decided_on", "desc")
      .orderBy("d.id")
      .limit(s.pageSize)
      .offset((s.page - 1) * s.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
