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
import { Breadcrumbs } from "../../../ui/page-parts.tsx";
import { Paragraphs, StatusTag } from "./community-ui.tsx";

type PageRef = { id: string; title: string };

/** A content page of an online module: read it, mark it done, go on. */
export function CourseContentPage(p: {
  ctx: PageContext;
  course: { id: string; title: string };
  page: { id: string; title: string; body: string; done: boolean };
  position: number;
  count: number;
  previous: PageRef | null;
  next: PageRef | null;
  curate: boolean;
}) {
  const { t } = p.ctx;
  const k = (key: string) => t(`community.courses.${key}`);
  const base = `/courses/${p.course.id}/pages`;
  return (
    <Layout ctx={p.ctx} title={`${p.page.title} – ${p.course.title}`}>
      <Breadcrumbs
        ctx={p.ctx}
        trail={[
          { href: "/courses", label: k("title") },
          { href: `/courses/${p.course.id}`, label: p.course.title },
        ]}
      />
      <p>{t("community.courses.page_of", { position: p.position, count: p.count })}</p>
      <h1>{p.page.title}</h1>
      <Paragraphs text={p.page.body} />
      {p.page.done ? (
        <p>
          <StatusTag kind="success" text={k("page_done")} />
        </p>
      ) : (
        <PostForm action={`${base}/${p.page.id}/done`} csrf={p.ctx.csrfToken}>
          <button type="submit" class="button button-primary">
            {k("mark_done")}
          </button>
        </PostForm>
      )}
      <nav aria-label={k("module_nav")}>
        <ul class="nobullet-list almen-actions">
          {p.previous ? (
            <li>
              <a href={`${base}/${p.previous.id}`} rel="prev">
                {t("community.courses.previous_page", { title: p.previous.title })}
              </a>
            </li>
          ) : null}
          {p.next ? (
            <li>
              <a href={`${base}/${p.next.id}`} rel="next">
                {t("community.courses.next_page", { title: p.next.title })}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
      {p.curate ? (
        <p>
          <a class="button button-secondary" href={`${base}/${p.page.id}/edit`}>
            {k("edit_page")}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

/** A curator edits (or deletes) a content page. */
export function CoursePageEditPage(p: {
  ctx: PageContext;
  course: { id: string; title: string };
  pageId: string;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = p.ctx;
  const k = (key: string) => t(`community.courses.${key}`);
  const base = `/courses/${p.course.id}/pages/${p.pageId}`;
  return (
    <Layout ctx={p.ctx} title={k("edit_page")}>
      <Breadcrumbs
        ctx={p.ctx}
        trail={[
          { href: "/courses", label: k("title") },
          { href: `/courses/${p.course.id}`, label: p.course.title },
        ]}
      />
      <h1>{k("edit_page")}</h1>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{ title: k("fields.page_title"), body: k("fields.page_body") }}
      />
      <PostForm action={base} csrf={p.ctx.csrfToken}>
        <TextField
          t={t}
          name="title"
          label={k("fields.page_title")}
          value={p.values.title}
          errors={p.errors}
        />
        <TextAreaField
          t={t}
          name="body"
          label={k("fields.page_body")}
          value={p.values.body}
          errors={p.errors}
          rows={14}
        />
        <button type="submit" class="button button-primary">
          {k("save")}
        </button>
      </PostForm>
      <PostForm action={`${base}/delete`} csrf={p.ctx.csrfToken}>
        <button type="submit" class="button button-secondary">
          {k("delete_page")}
        </button>
      </PostForm>
    </Layout>
  );
}
