import { formatDate } from "../../../platform/dates.ts";
import { Pagination, PostForm, TableWrap } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../ui/page-parts.tsx";
import { Paragraphs, StatusTag } from "./community-ui.tsx";

/** A checklist as the pages show it. */
export interface ChecklistView {
  id: string;
  programme: string;
  person: string;
  department: string;
  electedOn: string;
  done: number;
  items: {
    id: string;
    title: string;
    description: string;
    link: string | null;
    course: { id: string; title: string; completed: boolean } | null;
    dueOn: string;
    doneAt: string | null;
    overdue: boolean;
  }[];
}

function Checklist({
  ctx,
  c,
  own,
  heading,
}: {
  ctx: PageContext;
  c: ChecklistView;
  own: boolean;
  heading: 2 | 1;
}) {
  const { t, lang } = ctx;
  const k = (key: string) => t(`community.onboarding.${key}`);
  const H = heading === 1 ? "h1" : "h2";
  const S = heading === 1 ? "h2" : "h3";
  return (
    <section aria-labelledby={`checklist-${c.id}`}>
      <H id={`checklist-${c.id}`}>{c.programme}</H>
      <p>
        {t("community.onboarding.elected_line", {
          department: c.department,
          date: formatDate(c.electedOn, lang),
        })}{" "}
        <strong>{t("community.onboarding.progress_line", { done: c.done, total: c.items.length })}</strong>
      </p>
      <ol>
        {c.items.map((i) => (
          <li key={i.id}>
            <S>{i.title}</S>
            <p>
              {t("community.onboarding.due", { date: formatDate(i.dueOn, lang) })}{" "}
              {i.doneAt ? (
                <StatusTag kind="success" text={k("status.done")} />
              ) : i.overdue ? (
                <StatusTag kind="error" text={k("status.overdue")} />
              ) : (
                <StatusTag kind="info" text={k("status.open")} />
              )}
            </p>
            <Paragraphs text={i.description} />
            {i.link ? (
              <p>
                <a href={i.link}>{t("community.onboarding.read_more", { title: i.title })}</a>
              </p>
            ) : null}
            {i.course ? (
              <p>
                {k("course")}: <a href={`/courses/${i.course.id}`}>{i.course.title}</a>{" "}
                {i.course.completed ? <StatusTag kind="success" text={k("course_completed")} /> : null}
              </p>
            ) : null}
            {own ? (
              <PostForm action={`/onboarding/items/${i.id}`} csrf={ctx.csrfToken}>
                <input type="hidden" name="done" value={i.doneAt ? "nej" : "ja"} />
                <button type="submit" class="button button-secondary">
                  {i.doneAt
                    ? t("community.onboarding.undo", { title: i.title })
                    : t("community.onboarding.tick", { title: i.title })}
                </button>
              </PostForm>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** "Mit introforløb": the new board member's checklists. */
export function MyOnboardingPage(p: { ctx: PageContext; checklists: ChecklistView[]; chairLink: boolean }) {
  const { t } = p.ctx;
  const k = (key: string) => t(`community.onboarding.${key}`);
  return (
    <Layout ctx={p.ctx} title={k("title")}>
      <h1>{k("title")}</h1>
      <p class="font-lead">{k("intro")}</p>
      {p.chairLink ? (
        <p>
          <a href="/onboarding/board">{k("board_link")}</a>
        </p>
      ) : null}
      {p.checklists.length === 0 ? <p>{k("none")}</p> : null}
      {p.checklists.map((c) => (
        <Checklist key={c.id} ctx={p.ctx} c={c} own heading={2} />
      ))}
    </Layout>
  );
}

/** One member's checklist, read by their chair or a curator. */
export function ChecklistPage(p: {
  ctx: PageContext;
  checklist: ChecklistView;
  back: { href: string; label: string };
}) {
  return (
    <Layout ctx={p.ctx} title={`${p.checklist.person}: ${p.checklist.programme}`}>
      <Breadcrumbs ctx={p.ctx} trail={[p.back]} />
      <p class="font-lead">{p.checklist.person}</p>
      <Checklist ctx={p.ctx} c={p.checklist} own={false} heading={1} />
    </Layout>
  );
}

export interface ProgressView {
  checklistId: string;
  person: string;
  department: string;
  electedOn: string;
  steps: number;
  done: number;
  overdue: number;
  nextDueOn: string | null;
}

/** Progress per new board member: the chair's (their departments) or the organisation's. */
export function ProgressPage(p: {
  ctx: PageContext;
  title: string;
  intro: string;
  rows: ProgressView[];
  page: number;
  pages: number;
  href: (page: number) => string;
  back?: { href: string; label: string };
}) {
  const { t, lang } = p.ctx;
  const k = (key: string) => t(`community.onboarding.${key}`);
  return (
    <Layout ctx={p.ctx} title={p.title}>
      {p.back ? <Breadcrumbs ctx={p.ctx} trail={[p.back]} /> : null}
      <h1>{p.title}</h1>
      <p class="font-lead">{p.intro}</p>
      {p.rows.length === 0 ? (
        <p>{k("progress_none")}</p>
      ) : (
        <TableWrap label={p.title}>
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{k("columns.member")}</th>
                <th scope="col">{k("columns.department")}</th>
                <th scope="col">{k("columns.elected_on")}</th>
                <th scope="col">{k("columns.done")}</th>
                <th scope="col">{k("columns.overdue")}</th>
                <th scope="col">{k("columns.next_due")}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.checklistId}>
                  <td>
                    <a href={`/onboarding/checklists/${r.checklistId}`}>{r.person}</a>
                  </td>
                  <td>{r.department}</td>
                  <td>{formatDate(r.electedOn, lang)}</td>
                  <td>{t("community.onboarding.progress_line", { done: r.done, total: r.steps })}</td>
                  <td>{r.overdue ? <StatusTag kind="error" text={String(r.overdue)} /> : "0"}</td>
                  <td>{r.nextDueOn ? formatDate(r.nextDueOn, lang) : k("all_done")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination t={t} page={p.page} pages={p.pages} href={p.href} />
    </Layout>
  );
}
