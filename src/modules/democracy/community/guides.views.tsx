import { formatDate } from "../../../platform/dates.ts";
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
import { guideKinds } from "./community.table.ts";
import { Paragraphs, StatusTag } from "./community-ui.tsx";

export interface GuideView {
  id: string;
  kind: string;
  title: string;
  body: string;
  author: string;
  place: string;
  updatedAt: string;
  tags: string[];
  canEdit: boolean;
}

export interface GuideFilterValues {
  q: string;
  tag: string;
  kind: string;
}

const excerpt = (text: string) => (text.length > 240 ? `${text.slice(0, 240).trimEnd()}…` : text);

function TagLinks({ ctx, tags }: { ctx: PageContext; tags: string[] }) {
  if (!tags.length) return null;
  return (
    <p>
      {ctx.t("community.guides.tags")}:{" "}
      {tags.map((tag, i) => (
        <span key={tag}>
          {i ? ", " : ""}
          <a href={`/community/guides${query({ tag })}`}>{tag}</a>
        </span>
      ))}
    </p>
  );
}

/** Guides and good examples: search across departments, filter by tag and kind. */
export function GuidesPage(p: {
  ctx: PageContext;
  guides: GuideView[];
  filter: GuideFilterValues;
  tags: { tag: string; count: number }[];
  total: number;
  page: number;
  pages: number;
}) {
  const { t, lang } = p.ctx;
  const k = (key: string) => t(`community.guides.${key}`);
  return (
    <Layout ctx={p.ctx} title={k("title")}>
      <Breadcrumbs ctx={p.ctx} trail={[{ href: "/community", label: t("community.home.title") }]} />
      <h1>{k("title")}</h1>
      <p class="font-lead">{k("intro")}</p>
      <p>
        <a class="button button-primary" href="/community/guides/new">
          {k("new")}
        </a>
      </p>
      <form method="get" action="/community/guides" class="almen-filter">
        <TextField t={t} name="q" type="search" label={k("search")} value={p.filter.q} />
        <SelectField
          t={t}
          name="tag"
          label={k("tag")}
          value={p.filter.tag}
          options={[
            { value: "", label: k("all_tags") },
            ...p.tags.map((x) => ({ value: x.tag, label: `${x.tag} (${x.count})` })),
          ]}
        />
        <SelectField
          t={t}
          name="kind"
          label={k("kind")}
          value={p.filter.kind}
          options={[
            { value: "", label: k("all_kinds") },
            ...guideKinds.map((x) => ({ value: x, label: k(`kinds.${x}`) })),
          ]}
        />
        <div class="form-group">
          <button type="submit" class="button button-secondary">
            {k("search_button")}
          </button>
        </div>
      </form>
      <p aria-live="polite">{t("community.guides.found", { count: p.total })}</p>
      <ul class="nobullet-list">
        {p.guides.map((g) => (
          <li key={g.id} class="almen-card">
            <h2 class="h3">
              <a href={`/community/guides/${g.id}`}>{g.title}</a>
            </h2>
            <p>
              <StatusTag kind="info" text={k(`kinds.${g.kind}`)} />{" "}
              {t("community.guides.byline", {
                author: g.author,
                place: g.place,
                date: formatDate(g.updatedAt.slice(0, 10), lang),
              })}
            </p>
            <p>{excerpt(g.body)}</p>
            <TagLinks ctx={p.ctx} tags={g.tags} />
          </li>
        ))}
      </ul>
      <Pagination
        t={t}
        page={p.page}
        pages={p.pages}
        href={(n) =>
          `/community/guides${query({ q: p.filter.q, tag: p.filter.tag, kind: p.filter.kind, page: n })}`
        }
      />
    </Layout>
  );
}

/** One guide, with its author and department; its author and curators may change it. */
export function GuidePage(p: { ctx: PageContext; guide: GuideView }) {
  const { t, lang } = p.ctx;
  const k = (key: string) => t(`community.guides.${key}`);
  const g = p.guide;
  return (
    <Layout ctx={p.ctx} title={g.title}>
      <Breadcrumbs
        ctx={p.ctx}
        trail={[
          { href: "/community", label: t("community.home.title") },
          { href: "/community/guides", label: k("title") },
        ]}
      />
      <h1>{g.title}</h1>
      <Facts
        rows={[
          [k("kind"), k(`kinds.${g.kind}`)],
          [k("author"), g.author],
          [k("place"), g.place],
          [k("updated"), formatDate(g.updatedAt.slice(0, 10), lang)],
        ]}
      />
      <Paragraphs text={g.body} />
      <TagLinks ctx={p.ctx} tags={g.tags} />
      {g.canEdit ? (
        <ul class="nobullet-list almen-actions">
          <li>
            <a class="button button-secondary" href={`/community/guides/${g.id}/edit`}>
              {k("edit")}
            </a>
          </li>
          <li>
            <PostForm action={`/community/guides/${g.id}/delete`} csrf={p.ctx.csrfToken}>
              <button type="submit" class="button button-tertiary">
                {k("delete")}
              </button>
            </PostForm>
          </li>
        </ul>
      ) : null}
    </Layout>
  );
}

/** Writing or changing a guide: where it belongs, its kind, title, text and tags. */
export function GuideFormPage(p: {
  ctx: PageContext;
  action: string;
  title: string;
  placements: { value: string; label: string }[];
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = p.ctx;
  const k = (key: string) => t(`community.guides.${key}`);
  const labels = {
    placement: t("community.fields.placement"),
    kind: k("kind"),
    title: k("fields.title"),
    body: k("fields.body"),
    tags: k("fields.tags"),
  };
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <Breadcrumbs ctx={p.ctx} trail={[{ href: "/community/guides", label: k("title") }]} />
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
        <RadioGroup
          t={t}
          name="kind"
          legend={labels.kind}
          value={p.values.kind}
          options={guideKinds.map((x) => ({ value: x, label: k(`kinds.${x}`) }))}
          errors={p.errors}
        />
        <TextField t={t} name="title" label={labels.title} value={p.values.title} errors={p.errors} />
        <TextAreaField
          t={t}
          name="body"
          label={labels.body}
          hint={k("fields.body_hint")}
          value={p.values.body}
          errors={p.errors}
          rows={14}
        />
        <TextField
          t={t}
          name="tags"
          label={labels.tags}
          hint={k("fields.tags_hint")}
          value={p.values.tags}
          errors={p.errors}
        />
        <button type="submit" class="button button-primary">
          {k("save")}
        </button>
      </PostForm>
    </Layout>
  );
}
