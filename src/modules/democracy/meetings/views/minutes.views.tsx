import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostForm,
  TextAreaField,
} from "../../../../ui/components.tsx";
import { Layout } from "../../../../ui/layout.tsx";
import type { PageContext } from "../../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../../ui/page-parts.tsx";
import type { AgendaItemView, ApprovalView, MeetingView } from "../presenters.ts";
import { AgendaList, Approvals, outcomeText, Paragraphs } from "./meeting-parts.tsx";
import { meetingsCrumbs } from "./staff-list.views.tsx";

/** Minutes: drafted per item, approved by the chair of the meeting and the board chair, published. */

export function MinutesPage(p: {
  ctx: PageContext;
  meeting: MeetingView;
  agenda: AgendaItemView[];
  approvals: ApprovalView[];
  /** Which approval the user may give now, if any. */
  canApprove: boolean;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { ctx, meeting: m } = p;
  const { t } = ctx;
  const title = t("meetings.minutes.title", { title: m.title });
  const editable = m.stage === "held";
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs
        ctx={ctx}
        trail={[...meetingsCrumbs(ctx), { href: `/meetings/${m.id}`, label: m.title }]}
      />
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={p.errors} />
      <p>{t(editable ? "meetings.minutes.intro_held" : "meetings.minutes.intro_locked")}</p>
      {editable ? (
        <PostForm action={`/meetings/${m.id}/minutes`} csrf={ctx.csrfToken}>
          <TextAreaField
            t={t}
            name="intro"
            label={t("meetings.fields.minutes_intro")}
            hint={t("meetings.fields.minutes_intro_hint")}
            value={p.values.intro ?? m.minutesIntro ?? ""}
            errors={p.errors}
            rows={5}
          />
          {p.agenda.map((item) => (
            <fieldset key={item.id}>
              <legend class="h3">
                {item.position}. {item.title}
              </legend>
              {item.outcome ? <p>{outcomeText(ctx, item)}</p> : null}
              <TextAreaField
                t={t}
                name={`minutes_${item.id}`}
                label={t("meetings.fields.item_minutes", { title: item.title })}
                value={p.values[`minutes_${item.id}`] ?? item.minutesText ?? ""}
                errors={p.errors}
                rows={4}
              />
              <TextAreaField
                t={t}
                name={`decision_${item.id}`}
                label={t("meetings.fields.item_decision", { title: item.title })}
                value={p.values[`decision_${item.id}`] ?? item.decisionText ?? ""}
                errors={p.errors}
                rows={2}
              />
            </fieldset>
          ))}
          <button type="submit" class="button button-secondary">
            {t("meetings.actions.save_minutes")}
          </button>
        </PostForm>
      ) : (
        <>
          <h2>{t("meetings.resident.minutes")}</h2>
          {m.minutesIntro ? <Paragraphs text={m.minutesIntro} /> : null}
          <AgendaList ctx={ctx} agenda={p.agenda} details={false} minutes={true} />
        </>
      )}
      <section aria-labelledby="approvals-heading">
        <h2 id="approvals-heading">{t("meetings.minutes.approvals")}</h2>
        <p>{t("meetings.minutes.approvals_intro")}</p>
        <Approvals ctx={ctx} approvals={p.approvals} />
        <ul class="almen-actions nobullet-list">
          {p.canApprove ? (
            <li>
              <PostForm action={`/meetings/${m.id}/minutes/approve`} csrf={ctx.csrfToken}>
                <button type="submit" class="button button-primary">
                  {t("meetings.actions.approve_minutes")}
                </button>
              </PostForm>
            </li>
          ) : null}
          {m.stage === "minutes_approved" ? (
            <li>
              <PostForm action={`/meetings/${m.id}/minutes/publish`} csrf={ctx.csrfToken}>
                <button type="submit" class="button button-primary">
                  {t("meetings.actions.publish_minutes")}
                </button>
              </PostForm>
            </li>
          ) : null}
        </ul>
      </section>
    </Layout>
  );
}
