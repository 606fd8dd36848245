import { ErrorSummary, PostForm, TableWrap, TextAreaField, TextField } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, when } from "../../../ui/page-parts.tsx";
import { mergeFieldNames } from "../templates/merge.ts";
import { LetterBody } from "./letter-parts.tsx";

export interface TemplateRow {
  type: string;
  da: { version: number; subject: string };
  en: { version: number; subject: string };
}

const versionLabel = (ctx: PageContext, version: number) =>
  version === 0 ? ctx.t("letters.templates.builtin") : ctx.t("letters.templates.version", { version });

export function TemplatesPage({
  ctx,
  organisations,
  organisationId,
  rows,
}: {
  ctx: PageContext;
  organisations: { id: string; number: number; name: string }[];
  organisationId: string;
  rows: TemplateRow[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("letters.templates.title")}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/letters", label: t("letters.outbox.title") }]} />
      <h1>{t("letters.templates.title")}</h1>
      <p class="font-lead">{t("letters.templates.intro")}</p>
      {organisations.length > 1 ? (
        <form method="get" action="/letters/templates" class="almen-filter">
          <div class="form-group">
            <label class="form-label" for="organisation">
              {t("letters.columns.organisation")}
            </label>
            <select class="form-select" id="organisation" name="organisation">
              {organisations.map((o) => (
                <option key={o.id} value={o.id} selected={o.id === organisationId}>
                  {`${o.number} ${o.name}`}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button button-secondary">
            {t("letters.templates.show")}
          </button>
        </form>
      ) : null}
      <TableWrap label={t("letters.templates.title")}>
        <table class="table table--zebra">
          <thead>
            <tr>
              <th scope="col">{t("letters.columns.type")}</th>
              <th scope="col">{t("letters.languages.da")}</th>
              <th scope="col">{t("letters.languages.en")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.type}>
                <th scope="row">{t(`letters.types.${r.type}`)}</th>
                {(["da", "en"] as const).map((lang) => (
                  <td key={lang}>
                    <a
                      href={`/letters/templates/${organisationId}/${r.type}/${lang}`}
                      aria-label={t("letters.templates.edit_label", {
                        type: t(`letters.types.${r.type}`),
                        language: t(`letters.languages.${lang}`),
                      })}
                    >
                      {r[lang].subject}
                    </a>
                    <span class="form-hint">{versionLabel(ctx, r[lang].version)}</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Layout>
  );
}

export interface TemplateEditView {
  organisationId: string;
  organisationName: string;
  type: string;
  language: "da" | "en";
  values: { subject: string; body: string };
  history: { version: number; subject: string; createdAt: string | null; createdByName: string | null }[];
  preview?: { subject: string; body: string };
}

export function TemplateEditPage({
  ctx,
  view,
  errors,
}: {
  ctx: PageContext;
  view: TemplateEditView;
  errors?: Record<string, string>;
}) {
  const { t } = ctx;
  const base = `/letters/templates/${view.organisationId}/${view.type}/${view.language}`;
  const title = t("letters.templates.edit_label", {
    type: t(`letters.types.${view.type}`),
    language: t(`letters.languages.${view.language}`),
  });
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs
        ctx={ctx}
        trail={[
          { href: "/letters", label: t("letters.outbox.title") },
          {
            href: `/letters/templates?organisation=${view.organisationId}`,
            label: t("letters.templates.title"),
          },
        ]}
      />
      <h1>{title}</h1>
      <p class="font-lead">{view.organisationName}</p>
      <ErrorSummary
        t={t}
        errors={errors}
        labels={{ subject: t("letters.columns.subject"), body: t("letters.templates.body") }}
      />
      {view.preview ? (
        <section class="almen-preview" aria-labelledby="template-preview">
          <h2 id="template-preview">{t("letters.templates.preview_heading")}</h2>
          <p>
            <strong>{view.preview.subject}</strong>
          </p>
          <LetterBody body={view.preview.body} label={t("letters.letter_text")} />
        </section>
      ) : null}
      <PostForm action={base} csrf={ctx.csrfToken}>
        <TextField
          t={t}
          name="subject"
          label={t("letters.columns.subject")}
          value={view.values.subject}
          errors={errors}
        />
        <TextAreaField
          t={t}
          name="body"
          label={t("letters.templates.body")}
          hint={t("letters.templates.fields_hint", {
            fields: mergeFieldNames.map((f) => `{{${f}}}`).join(", "),
          })}
          value={view.values.body}
          errors={errors}
          rows={14}
        />
        <ul class="nobullet-list almen-actions">
          <li>
            <button type="submit" class="button button-primary">
              {t("letters.templates.save")}
            </button>
          </li>
          <li>
            <button type="submit" class="button button-secondary" formAction={`${base}/preview`}>
              {t("letters.templates.preview")}
            </button>
          </li>
          <li>
            <button type="submit" class="button button-secondary" formAction={`${base}/preview.pdf`}>
              {t("letters.notice.sample_pdf")}
            </button>
          </li>
        </ul>
      </PostForm>
      <h2>{t("letters.templates.history")}</h2>
      <ol class="almen-history">
        {view.history.map((h) => (
          <li key={h.version}>
            <strong>{versionLabel(ctx, h.version)}</strong>
            {h.createdAt ? ` – ${when(ctx, h.createdAt)}` : ""}
            {h.createdByName ? ` – ${h.createdByName}` : ""}: {h.subject}
          </li>
        ))}
      </ol>
    </Layout>
  );
}
