import { formatDate } from "../../../platform/dates.ts";
import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostForm,
  TextAreaField,
  TextField,
} from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts, when } from "../../../ui/page-parts.tsx";
import { Paragraphs, StatusTag } from "./community-ui.tsx";

export interface SessionView {
  id: string;
  startsAt: string;
  endsAt: string | null;
  place: string;
  capacity: number;
  enrolled: number;
  waiting: number;
  myStatus: "enrolled" | "waiting" | null;
  myWaitingPlace: number | null;
  started: boolean;
}

export interface CourseView {
  id: string;
  title: string;
  summary: string;
  description: string;
  format: string;
  audience: string;
  organisation: string;
  published: boolean;
  completedOn: string | null;
}

/** Session fields, shared by the course page (new session) and the session page (edit). */
export function SessionFields({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const k = (key: string) => t(`community.courses.fields.${key}`);
  return (
    <>
      <TextField t={t} name="date" type="date" label={k("date")} value={values.date} errors={errors} />
      <TextField
        t={t}
        name="startTime"
        label={k("start_time")}
        hint={k("time_hint")}
        value={values.startTime}
        errors={errors}
      />
      <TextField
        t={t}
        name="endTime"
        label={k("end_time")}
        hint={k("time_hint")}
        value={values.endTime}
        errors={errors}
      />
      <TextField t={t} name="place" label={k("place")} value={values.place} errors={errors} />
      <TextField
        t={t}
        name="capacity"
        label={k("capacity")}
        value={values.capacity}
        errors={errors}
        inputMode="numeric"
      />
    </>
  );
}

export const sessionLabels = (ctx: PageContext) => {
  const k = (key: string) => ctx.t(`community.courses.fields.${key}`);
  return {
    date: k("date"),
    startTime: k("start_time"),
    endTime: k("end_time"),
    place: k("place"),
    capacity: k("capacity"),
  };
};

function Session({ ctx, s, curate }: { ctx: PageContext; s: SessionView; curate: boolean }) {
  const { t } = ctx;
  const k = (key: string) => t(`community.courses.${key}`);
  const full = s.enrolled >= s.capacity;
  return (
    <li class="almen-card">
      <h3 class="h4">{when(ctx, s.startsAt)}</h3>
      <p>
        {s.place}
        <br />
        {t("community.courses.seats", { taken: s.enrolled, capacity: s.capacity })}
        {s.waiting ? ` · ${t("community.courses.waiting_count", { count: s.waiting })}` : ""}
      </p>
      {s.myStatus === "enrolled" ? <StatusTag kind="success" text={k("you_enrolled")} /> : null}
      {s.myStatus === "waiting" ? (
        <StatusTag
          kind="warning"
          text={t("community.courses.you_waiting", { place: s.myWaitingPlace ?? 0 })}
        />
      ) : null}
      {s.started ? (
        <p>{k("started")}</p>
      ) : s.myStatus ? (
        <PostForm action={`/course-sessions/${s.id}/cancel`} csrf={ctx.csrfToken}>
          <button type="submit" class="button button-secondary">
            {s.myStatus === "enrolled" ? k("cancel_seat") : k("leave_waiting")}
          </button>
        </PostForm>
      ) : (
        <PostForm action={`/course-sessions/${s.id}/enrol`} csrf={ctx.csrfToken}>
          <button type="submit" class="button button-primary">
            {full ? k("join_waiting") : k("enrol")}
          </button>
        </PostForm>
      )}
      {curate ? (
        <p>
          <a href={`/course-sessions/${s.id}`}>{k("participants")}</a>
        </p>
      ) : null}
    </li>
  );
}

/** One course: what it is, its sessions with seats and waiting list, its online pages, curator tools. */
export function CoursePage(p: {
  ctx: PageContext;
  course: CourseView;
  sessions: SessionView[];
  pages: { id: string; title: string; done: boolean }[];
  curate: boolean;
  completions: { userId: string; name: string; completedOn: string; source: string }[];
  sessionValues: FormValues;
  sessionErrors?: FieldErrors;
  pageValues: FormValues;
  pageErrors?: FieldErrors;
}) {
  const { t, lang } = p.ctx;
  const k = (key: string) => t(`community.courses.${key}`);
  const c = p.course;
  const done = p.pages.filter((x) => x.done).length;
  const nextPage = p.pages.find((x) => !x.done) ?? p.pages[0];
  return (
    <Layout ctx={p.ctx} title={c.title}>
      <Breadcrumbs ctx={p.ctx} trail={[{ href: "/courses", label: k("title") }]} />
      <h1>{c.title}</h1>
      <p class="font-lead">{c.summary}</p>
      {c.completedOn ? (
        <p>
          <StatusTag
            kind="success"
            text={t("community.courses.completed_on", { date: formatDate(c.completedOn, lang) })}
          />
        </p>
      ) : null}
      <Facts
        rows={[
          [k("fields.format"), k(`formats.${c.format}`)],
          [k("fields.audience"), k(`audiences.${c.audience}`)],
          [k("organisation"), c.organisation],
          ...(c.published ? [] : [[k("status"), k("unpublished")] as [string, string]]),
        ]}
      />
      <Paragraphs text={c.description} />
      {p.curate ? (
        <p>
          <a class="button button-secondary" href={`/courses/${c.id}/edit`}>
            {k("edit")}
          </a>
        </p>
      ) : null}
      {p.sessions.length || p.curate ? <h2>{k("sessions")}</h2> : null}
      {p.sessions.length === 0 && p.curate ? <p>{k("no_sessions")}</p> : null}
      <ul class="nobullet-list almen-cards">
        {p.sessions.map((s) => (
          <Session key={s.id} ctx={p.ctx} s={s} curate={p.curate} />
        ))}
      </ul>
      {p.pages.length ? (
        <>
          <h2>{k("module")}</h2>
          <p>{t("community.courses.module_progress", { done, total: p.pages.length })}</p>
          <ol>
            {p.pages.map((x) => (
              <li key={x.id}>
                <a href={`/courses/${c.id}/pages/${x.id}`}>{x.title}</a>
                {x.done ? (
                  <>
                    {" "}
                    <StatusTag kind="success" text={k("page_done")} />
                  </>
                ) : null}
              </li>
            ))}
          </ol>
          {nextPage ? (
            <p>
              <a class="button button-primary" href={`/courses/${c.id}/pages/${nextPage.id}`}>
                {done ? k("continue") : k("start")}
              </a>
            </p>
          ) : null}
        </>
      ) : null}
      {p.curate ? (
        <>
          <h2 id="new-session">{k("add_session")}</h2>
          <ErrorSummary t={t} errors={p.sessionErrors} labels={sessionLabels(p.ctx)} />
          <PostForm action={`/courses/${c.id}/sessions`} csrf={p.ctx.csrfToken}>
            <SessionFields ctx={p.ctx} values={p.sessionValues} errors={p.sessionErrors} />
            <button type="submit" class="button button-primary">
              {k("add_session")}
            </button>
          </PostForm>
          <h2 id="new-page">{k("add_page")}</h2>
          <ErrorSummary
            t={t}
            errors={p.pageErrors}
            labels={{ title: k("fields.page_title"), body: k("fields.page_body") }}
          />
          <PostForm action={`/courses/${c.id}/pages`} csrf={p.ctx.csrfToken}>
            <TextField
              t={t}
              name="title"
              label={k("fields.page_title")}
              value={p.pageValues.title}
              errors={p.pageErrors}
            />
            <TextAreaField
              t={t}
              name="body"
              label={k("fields.page_body")}
              value={p.pageValues.body}
              errors={p.pageErrors}
              rows={10}
            />
            <button type="submit" class="button button-primary">
              {k("add_page")}
            </button>
          </PostForm>
          <h2>{k("completions")}</h2>
          {p.completions.length === 0 ? (
            <p>{k("no_completions")}</p>
          ) : (
            <ul>
              {p.completions.map((x) => (
                <li key={x.userId}>
                  {t("community.courses.completion_line", {
                    name: x.name,
                    date: formatDate(x.completedOn, lang),
                    source: k(`sources.${x.source}`),
                  })}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </Layout>
  );
}
