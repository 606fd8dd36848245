import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostForm,
  SelectField,
  TableWrap,
  TextAreaField,
  TextField,
} from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../ui/page-parts.tsx";
import { Paragraphs, StatusTag } from "./community-ui.tsx";

type Option = { value: string; label: string };

export interface ProgrammeListView {
  id: string;
  title: string;
  organisation: string;
  steps: number;
  current: boolean;
}

const crumbs = (ctx: PageContext) => [
  { href: "/onboarding/programmes", label: ctx.t("community.programmes.title") },
];

/** The curator's list of introduction programmes, and a new one. */
export function ProgrammesPage(p: {
  ctx: PageContext;
  programmes: ProgrammeListView[];
  organisations: Option[];
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = p.ctx;
  const k = (key: string) => t(`community.programmes.${key}`);
  return (
    <Layout ctx={p.ctx} title={k("title")}>
      <Breadcrumbs ctx={p.ctx} trail={[{ href: "/community", label: t("community.home.title") }]} />
      <h1>{k("title")}</h1>
      <p class="font-lead">{k("intro")}</p>
      <p>
        <a href="/onboarding/progress">{t("community.onboarding.progress_title")}</a>
      </p>
      {p.programmes.length === 0 ? (
        <p>{k("none")}</p>
      ) : (
        <TableWrap label={k("title")}>
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{k("columns.title")}</th>
                <th scope="col">{k("columns.organisation")}</th>
                <th scope="col">{k("columns.steps")}</th>
                <th scope="col">{k("columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {p.programmes.map((g) => (
                <tr key={g.id}>
                  <td>
                    <a href={`/onboarding/programmes/${g.id}`}>{g.title}</a>
                  </td>
                  <td>{g.organisation}</td>
                  <td>{g.steps}</td>
                  <td>{g.current ? <StatusTag kind="success" text={k("current")} /> : k("not_current")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2>{k("new")}</h2>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{ title: k("fields.title"), organisationId: k("fields.organisation") }}
      />
      <PostForm action="/onboarding/programmes" csrf={p.ctx.csrfToken}>
        {p.organisations.length > 1 ? (
          <SelectField
            t={t}
            name="organisationId"
            label={k("fields.organisation")}
            value={p.values.organisationId}
            options={p.organisations}
            errors={p.errors}
          />
        ) : (
          <input type="hidden" name="organisationId" value={p.organisations[0]?.value ?? ""} />
        )}
        <TextField t={t} name="title" label={k("fields.title")} value={p.values.title} errors={p.errors} />
        <TextAreaField
          t={t}
          name="intro"
          label={k("fields.intro")}
          value={p.values.intro}
          errors={p.errors}
          rows={4}
        />
        <button type="submit" class="button button-primary">
          {k("create")}
        </button>
      </PostForm>
    </Layout>
  );
}

/** The fields of a step (add and edit share them). */
function StepFields({
  ctx,
  values,
  errors,
  courses,
}: {
  ctx: PageContext;
  values: FormValues;
  errors?: FieldErrors;
  courses: Option[];
}) {
  const { t } = ctx;
  const k = (key: string) => t(`community.programmes.${key}`);
  return (
    <>
      <TextField t={t} name="title" label={k("fields.step_title")} value={values.title} errors={errors} />
      <TextAreaField
        t={t}
        name="description"
        label={k("fields.description")}
        value={values.description}
        errors={errors}
        rows={4}
      />
      <TextField
        t={t}
        name="linkUrl"
        label={k("fields.link")}
        hint={k("fields.link_hint")}
        value={values.linkUrl}
        errors={errors}
      />
      <TextField
        t={t}
        name="dueOffsetDays"
        label={k("fields.offset")}
        hint={k("fields.offset_hint")}
        value={values.dueOffsetDays}
        errors={errors}
        inputMode="numeric"
      />
      <SelectField
        t={t}
        name="courseId"
        label={k("fields.course")}
        value={values.courseId}
        options={[{ value: "", label: k("no_course") }, ...courses]}
        errors={errors}
      />
    </>
  );
}

const stepLabels = (ctx: PageContext) => {
  const k = (key: string) => ctx.t(`community.programmes.fields.${key}`);
  return { title: k("step_title"), linkUrl: k("link"), dueOffsetDays: k("offset"), courseId: k("course") };
};

export interface StepView {
  id: string;
  title: string;
  description: string;
  link: string | null;
  offset: number;
  course: string | null;
}

/** One programme: its words, its steps in order, a new step, and making it the current one. */
export function ProgrammePage(p: {
  ctx: PageContext;
  programme: { id: string; title: string; intro: string; current: boolean };
  steps: StepView[];
  courses: Option[];
  programmeValues: FormValues;
  stepValues: FormValues;
  programmeErrors?: FieldErrors;
  stepErrors?: FieldErrors;
}) {
  const { t } = p.ctx;
  const k = (key: string) => t(`community.programmes.${key}`);
  const g = p.programme;
  return (
    <Layout ctx={p.ctx} title={g.title}>
      <Breadcrumbs ctx={p.ctx} trail={crumbs(p.ctx)} />
      <h1>{g.title}</h1>
      <p>{g.current ? <StatusTag kind="success" text={k("current")} /> : k("not_current")}</p>
      <Paragraphs text={g.intro} />
      {!g.current ? (
        <PostForm action={`/onboarding/programmes/${g.id}/current`} csrf={p.ctx.csrfToken}>
          <p>{k("make_current_hint")}</p>
          <button type="submit" class="button button-primary">
            {k("make_current")}
          </button>
        </PostForm>
      ) : null}
      <h2>{k("steps")}</h2>
      {p.steps.length === 0 ? <p>{k("no_steps")}</p> : null}
      <ol>
        {p.steps.map((s, i) => (
          <li key={s.id}>
            <h3>{s.title}</h3>
            <p>{t("community.programmes.offset_line", { count: s.offset })}</p>
            <Paragraphs text={s.description} />
            {s.link ? <p>{s.link}</p> : null}
            {s.course ? <p>{t("community.programmes.course_line", { course: s.course })}</p> : null}
            <ul class="nobullet-list almen-actions">
              <li>
                <a class="button button-secondary" href={`/onboarding/steps/${s.id}`}>
                  {t("community.programmes.edit_step", { title: s.title })}
                </a>
              </li>
              {i > 0 ? (
                <li>
                  <PostForm action={`/onboarding/steps/${s.id}/move`} csrf={p.ctx.csrfToken}>
                    <input type="hidden" name="direction" value="up" />
                    <button type="submit" class="button button-tertiary">
                      {t("community.programmes.move_up", { title: s.title })}
                    </button>
                  </PostForm>
                </li>
              ) : null}
              {i < p.steps.length - 1 ? (
                <li>
                  <PostForm action={`/onboarding/steps/${s.id}/move`} csrf={p.ctx.csrfToken}>
                    <input type="hidden" name="direction" value="down" />
                    <button type="submit" class="button button-tertiary">
                      {t("community.programmes.move_down", { title: s.title })}
                    </button>
                  </PostForm>
                </li>
              ) : null}
              <li>
                <PostForm action={`/onboarding/steps/${s.id}/delete`} csrf={p.ctx.csrfToken}>
                  <button type="submit" class="button button-tertiary">
                    {t("community.programmes.delete_step", { title: s.title })}
                  </button>
                </PostForm>
              </li>
            </ul>
          </li>
        ))}
      </ol>
      <h2 id="new-step">{k("add_step")}</h2>
      <ErrorSummary t={t} errors={p.stepErrors} labels={stepLabels(p.ctx)} />
      <PostForm action={`/onboarding/programmes/${g.id}/steps`} csrf={p.ctx.csrfToken}>
        <StepFields ctx={p.ctx} values={p.stepValues} errors={p.stepErrors} courses={p.courses} />
        <button type="submit" class="button button-primary">
          {k("add_step")}
        </button>
      </PostForm>
      <h2>{k("edit")}</h2>
      <ErrorSummary
        t={t}
        errors={p.programmeErrors}
        labels={{ programme_title: k("fields.title"), programme_intro: k("fields.intro") }}
      />
      <PostForm action={`/onboarding/programmes/${g.id}`} csrf={p.ctx.csrfToken}>
        <TextField
          t={t}
          name="programme_title"
          label={k("fields.title")}
          value={p.programmeValues.title}
          errors={p.programmeErrors}
        />
        <TextAreaField
          t={t}
          name="programme_intro"
          label={k("fields.intro")}
          value={p.programmeValues.intro}
          errors={p.programmeErrors}
          rows={4}
        />
        <button type="submit" class="button button-primary">
          {k("save")}
        </button>
      </PostForm>
    </Layout>
  );
}

/** Editing one step. */
export function StepPage(p: {
  ctx: PageContext;
  stepId: string;
  programme: { id: string; title: string };
  courses: Option[];
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = p.ctx;
  const k = (key: string) => t(`community.programmes.${key}`);
  return (
    <Layout ctx={p.ctx} title={k("edit_step_title")}>
      <Breadcrumbs
        ctx={p.ctx}
        trail={[
          ...crumbs(p.ctx),
          { href: `/onboarding/programmes/${p.programme.id}`, label: p.programme.title },
        ]}
      />
      <h1>{k("edit_step_title")}</h1>
      <ErrorSummary t={t} errors={p.errors} labels={stepLabels(p.ctx)} />
      <PostForm action={`/onboarding/steps/${p.stepId}`} csrf={p.ctx.csrfToken}>
        <StepFields ctx={p.ctx} values={p.values} errors={p.errors} courses={p.courses} />
        <button type="submit" class="button button-primary">
          {k("save")}
        </button>
      </PostForm>
    </Layout>
  );
}
