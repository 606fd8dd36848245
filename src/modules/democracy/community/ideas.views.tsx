import type { TFunction } from "i18next";
import { formatDate, formatKroner } from "../../../platform/dates.ts";
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
import { Breadcrumbs, Facts, query } from "../../../ui/page-parts.tsx";
import { ideaEfforts, ideaTags } from "./community.table.ts";
import { CheckboxGroup, Paragraphs, StatusTag } from "./community-ui.tsx";

export interface IdeaView {
  id: string;
  title: string;
  description: string;
  costMinOre: number | null;
  costMaxOre: number | null;
  effort: string;
  tags: string[];
  recommended: boolean;
  author: string;
  place: string;
  experiences: number;
  canEdit: boolean;
}

export interface IdeaFilterValues {
  q: string;
  tag: string;
  effort: string;
  recommended: boolean;
}

/** "Gratis", "500,00 kr.", "500,00 kr. – 1.500,00 kr." or "Ikke oplyst". */
export function costText(t: TFunction, lang: "da" | "en", min: number | null, max: number | null): string {
  if (min === null || max === null) return t("community.ideas.cost_unknown");
  if (max === 0) return t("community.ideas.cost_free");
  return min === max ? formatKroner(min, lang) : `${formatKroner(min, lang)} – ${formatKroner(max, lang)}`;
}

/** The idea catalogue: filter by audience tag and effort, search, or the recommended list. */
export function IdeasPage(p: {
  ctx: PageContext;
  ideas: IdeaView[];
  filter: IdeaFilterValues;
  total: number;
  page: number;
  pages: number;
}) {
  const { t, lang } = p.ctx;
  const k = (key: string) => t(`community.ideas.${key}`);
  const f = p.filter;
  const title = f.recommended ? k("recommended_title") : k("title");
  return (
    <Layout ctx={p.ctx} title={title}>
      <Breadcrumbs ctx={p.ctx} trail={[{ href: "/community", label: t("community.home.title") }]} />
      <h1>{title}</h1>
      <p class="font-lead">{f.recommended ? k("recommended_intro") : k("intro")}</p>
      <ul class="nobullet-list almen-actions">
        <li>
          <a class="button button-primary" href="/community/ideas/new">
            {k("new")}
          </a>
        </li>
        <li>
          <a
            class="button button-secondary"
            href={f.recommended ? "/community/ideas" : "/community/ideas?recommended=ja"}
          >
            {f.recommended ? k("all_ideas") : k("recommended_title")}
          </a>
        </li>
      </ul>
      <form method="get" action="/community/ideas" class="almen-filter">
        <TextField t={t} name="q" type="search" label={k("search")} value={f.q} />
        <SelectField
          t={t}
          name="tag"
          label={k("tag")}
          value={f.tag}
          options={[
            { value: "", label: k("all_tags") },
            ...ideaTags.map((x) => ({ value: x, label: k(`tags.${x}`) })),
          ]}
        />
        <SelectField
          t={t}
          name="effort"
          label={k("effort")}
          value={f.effort}
          options={[
            { value: "", label: k("all_efforts") },
            ...ideaEfforts.map((x) => ({ value: x, label: k(`efforts.${x}`) })),
          ]}
        />
        {f.recommended ? <input type="hidden" name="recommended" value="ja" /> : null}
        <div class="form-group">
          <button type="submit" class="button button-secondary">
            {k("search_button")}
          </button>
        </div>
      </form>
      <p aria-live="polite">{t("community.ideas.found", { count: p.total })}</p>
      <ul class="nobullet-list almen-cards">
        {p.ideas.map((i) => (
          <li key={i.id} class="almen-card">
            <h2 class="h3">
              <a href={`/community/ideas/${i.id}`}>{i.title}</a>
            </h2>
            {i.recommended ? <StatusTag kind="success" text={k("recommended")} /> : null}
            <p>
              {k("cost")}: {costText(t, lang, i.costMinOre, i.costMaxOre)}
              <br />
              {k("effort")}: {k(`efforts.${i.effort}`)}
              <br />
              {i.tags.map((x) => k(`tags.${x}`)).join(", ")}
            </p>
            {i.experiences ? <p>{t("community.ideas.done_in", { count: i.experiences })}</p> : null}
          </li>
        ))}
      </ul>
      <Pagination
        t={t}
        page={p.page}
        pages={p.pages}
        href={(n) =>
          `/community/ideas${query({ q: f.q, tag: f.tag, effort: f.effort, recommended: f.recommended ? "ja" : undefined, page: n })}`
        }
      />
    </Layout>
  );
}

export interface ExperienceView {
  department: string;
  author: string;
  note: string;
  doneOn: string | null;
}

/** One idea with the departments that did it; "we did this"; the curator's recommendation. */
export function IdeaPage(p: {
  ctx: PageContext;
  idea: IdeaView;
  experiences: ExperienceView[];
  departments: { value: string; label: string }[];
  canCurate: boolean;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t, lang } = p.ctx;
  const k = (key: string) => t(`community.ideas.${key}`);
  const i = p.idea;
  return (
    <Layout ctx={p.ctx} title={i.title}>
      <Breadcrumbs
        ctx={p.ctx}
        trail={[
          { href: "/community", label: t("community.home.title") },
          { href: "/community/ideas", label: k("title") },
        ]}
      />
      <h1>{i.title}</h1>
      {i.recommended ? <StatusTag kind="success" text={k("recommended")} /> : null}
      <Facts
        rows={[
          [k("cost"), costText(t, lang, i.costMinOre, i.costMaxOre)],
          [k("effort"), k(`efforts.${i.effort}`)],
          [k("audience"), i.tags.map((x) => k(`tags.${x}`)).join(", ")],
          [t("community.guides.author"), i.author],
          [t("community.guides.place"), i.place],
        ]}
      />
      <Paragraphs text={i.description} />
      <ul class="nobullet-list almen-actions">
        {i.canEdit ? (
          <li>
            <a class="button button-secondary" href={`/community/ideas/${i.id}/edit`}>
              {k("edit")}
            </a>
          </li>
        ) : null}
        {p.canCurate ? (
          <li>
            <PostForm action={`/community/ideas/${i.id}/recommend`} csrf={p.ctx.csrfToken}>
              <input type="hidden" name="recommended" value={i.recommended ? "nej" : "ja"} />
              <button type="submit" class="button button-secondary">
                {i.recommended ? k("unrecommend") : k("recommend")}
              </button>
            </PostForm>
          </li>
        ) : null}
      </ul>
      <h2>{k("experiences")}</h2>
      {p.experiences.length === 0 ? <p>{k("no_experiences")}</p> : null}
      <ul class="nobullet-list">
        {p.experiences.map((x) => (
          <li key={x.department} class="almen-card">
            <h3 class="h4">{x.department}</h3>
            <p>
              {x.doneOn
                ? t("community.ideas.experience_by_on", {
                    author: x.author,
                    date: formatDate(x.doneOn, lang),
                  })
                : t("community.ideas.experience_by", { author: x.author })}
            </p>
            <Paragraphs text={x.note} />
          </li>
        ))}
      </ul>
      {p.departments.length ? (
        <>
          <h2 id="we-did-this">{k("we_did_this")}</h2>
          <p>{k("we_did_this_hint")}</p>
          <ErrorSummary
            t={t}
            errors={p.errors}
            labels={{
              departmentId: k("fields.department"),
              note: k("fields.note"),
              doneOn: k("fields.done_on"),
            }}
          />
          <PostForm action={`/community/ideas/${i.id}/experiences`} csrf={p.ctx.csrfToken}>
            <SelectField
              t={t}
              name="departmentId"
              label={k("fields.department")}
              value={p.values.departmentId}
              options={p.departments}
              errors={p.errors}
            />
            <TextAreaField
              t={t}
              name="note"
              label={k("fields.note")}
              hint={k("fields.note_hint")}
              value={p.values.note}
              errors={p.errors}
              rows={4}
            />
            <TextField
              t={t}
              name="doneOn"
              type="date"
              label={k("fields.done_on")}
              value={p.values.doneOn}
              errors={p.errors}
            />
            <button type="submit" class="button button-primary">
              {k("we_did_this")}
            </button>
          </PostForm>
        </>
      ) : null}
    </Layout>
  );
}

/** Adding or changing an idea. */
export function IdeaFormPage(p: {
  ctx: PageContext;
  action: string;
  title: string;
  placements: { value: string; label: string }[];
  values: FormValues;
  tags: string[];
  errors?: FieldErrors;
}) {
  const { t } = p.ctx;
  const k = (key: string) => t(`community.ideas.${key}`);
  const labels = {
    placement: t("community.fields.placement"),
    title: k("fields.title"),
    description: k("fields.description"),
    costFrom: k("fields.cost_from"),
    costTo: k("fields.cost_to"),
    effort: k("effort"),
    tags: k("audience"),
  };
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <Breadcrumbs ctx={p.ctx} trail={[{ href: "/community/ideas", label: k("title") }]} />
      <h1>{p.title}</h1>
      <ErrorSummary t={t} errors={p.errors} labels={labels} />
      <PostForm action={p.action} csrf={p.ctx.csrfToken}>
        <SelectField
          t={t}
          name="placement"
          label={labels.placement}
          value={p.values.placement}
          options={p.placements}
          errors={p.errors}
        />
        <TextField t={t} name="title" label={labels.title} value={p.values.title} errors={p.errors} />
        <TextAreaField
          t={t}
          name="description"
          label={labels.description}
          value={p.values.description}
          errors={p.errors}
          rows={8}
        />
        <TextField
          t={t}
          name="costFrom"
          label={labels.costFrom}
          hint={k("fields.cost_hint")}
          value={p.values.costFrom}
          errors={p.errors}
          inputMode="numeric"
        />
        <TextField
          t={t}
          name="costTo"
          label={labels.costTo}
          value={p.values.costTo}
          errors={p.errors}
          inputMode="numeric"
        />
        <RadioGroup
          t={t}
          name="effort"
          legend={labels.effort}
          value={p.values.effort}
          options={ideaEfforts.map((x) => ({ value: x, label: k(`efforts.${x}`) }))}
          errors={p.errors}
        />
        <CheckboxGroup
          t={t}
          name="tags"
          legend={labels.tags}
          options={ideaTags.map((x) => ({ value: x, label: k(`tags.${x}`) }))}
          checked={p.tags}
          errors={p.errors}
        />
        <button type="submit" class="button button-primary">
          {k("save")}
        </button>
      </PostForm>
    </Layout>
  );
}
