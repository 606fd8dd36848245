import {
  ErrorSummary,
  PostForm,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../ui/page-parts.tsx";
import { LetterBody } from "./letter-parts.tsx";

export interface NoticeValues {
  department_id: string;
  audience: string;
  building_number: string;
  unit_numbers: string;
  subject: string;
  message: string;
}

export interface DepartmentOption {
  id: string;
  number: number;
  name: string;
  organisationName: string;
}

const fieldLabels = (ctx: PageContext) => ({
  department_id: ctx.t("letters.notice.department"),
  audience: ctx.t("letters.notice.audience"),
  building_number: ctx.t("letters.notice.building_number"),
  unit_numbers: ctx.t("letters.notice.unit_numbers"),
  subject: ctx.t("letters.columns.subject"),
  message: ctx.t("letters.notice.message"),
});

function HiddenValues({ values }: { values: NoticeValues }) {
  return (
    <>
      {Object.entries(values).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

/** Staff write a notice to a department, a building or hand-picked homes. */
export function NoticeFormPage({
  ctx,
  departments,
  values,
  errors,
}: {
  ctx: PageContext;
  departments: DepartmentOption[];
  values: NoticeValues;
  errors?: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("letters.notice.new")}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/letters", label: t("letters.outbox.title") }]} />
      <h1>{t("letters.notice.new")}</h1>
      <p class="font-lead">{t("letters.notice.intro")}</p>
      <ErrorSummary t={t} errors={errors} labels={fieldLabels(ctx)} />
      <PostForm action="/letters/new/preview" csrf={ctx.csrfToken}>
        <SelectField
          t={t}
          name="department_id"
          label={t("letters.notice.department")}
          value={values.department_id}
          errors={errors}
          options={[
            { value: "", label: t("letters.notice.choose_department") },
            ...departments.map((d) => ({
              value: d.id,
              label: `${d.number} ${d.name} (${d.organisationName})`,
            })),
          ]}
        />
        <RadioGroup
          t={t}
          name="audience"
          legend={t("letters.notice.audience")}
          value={values.audience || "department"}
          errors={errors}
          options={[
            { value: "department", label: t("letters.notice.audience_department") },
            { value: "building", label: t("letters.notice.audience_building") },
            { value: "units", label: t("letters.notice.audience_units") },
          ]}
        />
        <TextField
          t={t}
          name="building_number"
          label={t("letters.notice.building_number")}
          hint={t("letters.notice.building_number_hint")}
          value={values.building_number}
          errors={errors}
        />
        <TextAreaField
          t={t}
          name="unit_numbers"
          label={t("letters.notice.unit_numbers")}
          hint={t("letters.notice.unit_numbers_hint")}
          value={values.unit_numbers}
          errors={errors}
          rows={3}
        />
        <TextField
          t={t}
          name="subject"
          label={t("letters.columns.subject")}
          value={values.subject}
          errors={errors}
        />
        <TextAreaField
          t={t}
          name="message"
          label={t("letters.notice.message")}
          hint={t("letters.notice.message_hint")}
          value={values.message}
          errors={errors}
          rows={8}
        />
        <button type="submit" class="button button-primary">
          {t("letters.notice.preview")}
        </button>
      </PostForm>
    </Layout>
  );
}

export interface NoticeSample {
  channel: string;
  rule: string;
  recipientName: string;
  subject: string;
  body: string;
  email: string | null;
}

/** Before sending: how many letters by which channel, and the letter as each channel delivers it. */
export function NoticePreviewPage({
  ctx,
  values,
  audience,
  total,
  counts,
  samples,
  organisationName,
}: {
  ctx: PageContext;
  values: NoticeValues;
  audience: string;
  total: number;
  counts: Record<string, number>;
  samples: NoticeSample[];
  organisationName: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("letters.notice.preview_title")}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/letters", label: t("letters.outbox.title") }]} />
      <h1>{t("letters.notice.preview_title")}</h1>
      <p class="font-lead">{t("letters.notice.preview_intro", { count: total, audience })}</p>
      <ul>
        {(["digital_post", "email", "paper"] as const).map((c) => (
          <li key={c}>
            {t("letters.notice.channel_count", { count: counts[c] ?? 0, channel: t(`letters.channel.${c}`) })}
          </li>
        ))}
      </ul>
      {samples.map((s) => (
        <section key={s.channel} class="almen-preview" aria-labelledby={`preview-${s.channel}`}>
          <h2 id={`preview-${s.channel}`}>{t(`letters.notice.as_${s.channel}`)}</h2>
          <p class="form-hint">
            {t("letters.notice.sample_for", { name: s.recipientName, rule: t(`letters.rules.${s.rule}`) })}
          </p>
          {s.channel === "digital_post" ? (
            <dl class="almen-facts">
              <div>
                <dt>{t("letters.notice.memo_label")}</dt>
                <dd>{s.subject}</dd>
              </div>
              <div>
                <dt>{t("letters.notice.memo_notification")}</dt>
                <dd>{t("letters.memo.notification", { organisation: organisationName })}</dd>
              </div>
            </dl>
          ) : null}
          {s.channel === "email" ? (
            <dl class="almen-facts">
              <div>
                <dt>{t("letters.columns.email")}</dt>
                <dd>{s.email}</dd>
              </div>
              <div>
                <dt>{t("letters.notice.email_subject")}</dt>
                <dd>{s.subject}</dd>
              </div>
            </dl>
          ) : null}
          {s.channel === "paper" ? <p>{t("letters.notice.paper_explained")}</p> : null}
          <LetterBody body={s.body} label={t("letters.letter_text")} />
        </section>
      ))}
      <PostForm action="/letters/new" csrf={ctx.csrfToken}>
        <HiddenValues values={values} />
        <ul class="nobullet-list almen-actions">
          <li>
            <button type="submit" class="button button-primary">
              {t("letters.notice.send", { count: total })}
            </button>
          </li>
          <li>
            <button type="submit" class="button button-secondary" formAction="/letters/new/preview.pdf">
              {t("letters.notice.sample_pdf")}
            </button>
          </li>
          <li>
            <button type="submit" class="button button-secondary" formAction="/letters/new/edit">
              {t("letters.notice.edit")}
            </button>
          </li>
        </ul>
      </PostForm>
    </Layout>
  );
}
