import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  Pagination,
  PostForm,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, query, when } from "../../../ui/page-parts.tsx";
import { courseAudiences, courseFormats } from "./community.table.ts";
import { Checkbox, StatusTag } from "./community-ui.tsx";

export interface CourseCardView {
  id: string;
  title: string;
  summary: string;
  format: string;
  audience: string;
  published: boolean;
  nextSessionAt: string | null;
  pages: number;
}

/** The course catalogue: every logged-in user reads it; curators add courses. */
export function CataloguePage(p: {
  ctx: PageContext;
  courses: CourseCardView[];
  format: string;
  canCurate: boolean;
  page: number;
  pages: number;
}) {
  const { t } = p.ctx;
  const k = (key: string) => t(`community.courses.${key}`);
  return (
    <Layout ctx={p.ctx} title={k("title")}>
      <h1>{k("title")}</h1>
      <p class="font-lead">{k("intro")}</p>
      {p.canCurate ? (
        <p>
          <a class="button button-primary" href="/courses/new">
            {k("new")}
          </a>
        </p>
      ) : null}
      <form method="get" action="/courses" class="almen-filter">
        <SelectField
          t={t}
          name="format"
          label={k("fields.format")}
          value={p.format}
          options={[
            { value: "", label: k("all_formats") },
            ...courseFormats.map((f) => ({ value: f, label: k(`formats.${f}`) })),
          ]}
        />
        <div class="form-group">
          <button type="submit" class="button button-secondary">
            {k("filter")}
          </button>
        </div>
      </form>
      {p.courses.length === 0 ? <p>{k("none")}</p> : null}
      <ul class="nobullet-list almen-cards">
        {p.courses.map((c) => (
          <li key={c.id} class="almen-card">
            <h2 class="h3">
              <a href={`/courses/${c.id}`}>{c.title}</a>
            </h2>
            <p>
              <StatusTag kind="info" text={k(`formats.${c.format}`)} /> {k(`audiences.${c.audience}`)}
              {c.published ? null : (
                <>
                  {" "}
                  <StatusTag kind="warning" text={k("unpublished")} />
                </>
              )}
            </p>
            <p>{c.summary}</p>
            {c.nextSessionAt ? (
              <p>{t("community.courses.next_session", { when: when(p.ctx, c.nextSessionAt) })}</p>
            ) : null}
            {c.pages ? <p>{t("community.courses.pages_count", { count: c.pages })}</p> : null}
          </li>
        ))}
      </ul>
      <Pagination
        t={t}
        page={p.page}
        pages={p.pages}
        href={(n) => `/courses${query({ format: p.format, page: n })}`}
      />
    </Layout>
  );
}

/** A new course, or editing one: organisation (when there is a choice), words, format, audience. */
export function CourseFormPage(p: {
  ctx: PageContext;
  action: string;
  title: string;
  organisations: { value: string; label: string }[] | null;
  values: FormValues;
  published: boolean;
  errors?: FieldErrors;
  back: { href: string; label: string };
}) {
  const { t } = p.ctx;
  const k = (key: string) => t(`community.courses.${key}`);
  const labels = {
    organisationId: t("community.programmes.fields.organisation"),
    title: k("fields.title"),
    summary: k("fields.summary"),
    description: k("fields.description"),
    format: k("fields.format"),
    audience: k("fields.audience"),
  };
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <Breadcrumbs ctx={p.ctx} trail={[p.back]} />
      <h1>{p.title}</h1>
      <ErrorSummary t={t} errors={p.errors} labels={labels} />
      <PostForm action={p.action} csrf={p.ctx.csrfToken}>
        {p.organisations && p.organisations.length > 1 ? (
          <SelectField
            t={t}
            name="organisationId"
            label={labels.organisationId}
            value={p.values.organisationId}
            options={p.organisations}
            errors={p.errors}
          />
        ) : p.organisations ? (
          <input type="hidden" name="organisationId" value={p.organisations[0]?.value ?? ""} />
        ) : null}
        <TextField t={t} name="title" label={labels.title} value={p.values.title} errors={p.errors} />
        <TextField
          t={t}
          name="summary"
          label={labels.summary}
          hint={k("fields.summary_hint")}
          value={p.values.summary}
          errors={p.errors}
        />
        <TextAreaField
          t={t}
          name="description"
          label={labels.description}
          value={p.values.description}
          errors={p.errors}
          rows={8}
        />
        <RadioGroup
          t={t}
          name="format"
          legend={labels.format}
          value={p.values.format}
          options={courseFormats.map((f) => ({ value: f, label: k(`formats.${f}`) }))}
          errors={p.errors}
        />
        <RadioGroup
          t={t}
          name="audience"
          legend={labels.audience}
          value={p.values.audience}
          options={courseAudiences.map((a) => ({ value: a, label: k(`audiences.${a}`) }))}
          errors={p.errors}
        />
        <Checkbox
          name="published"
          label={k("fields.published")}
          hint={k("fields.published_hint")}
          checked={p.published}
        />
        <button type="submit" class="button button-primary">
          {k("save")}
        </button>
      </PostForm>
    </Layout>
  );
}
