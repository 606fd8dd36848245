import { formatDate } from "../../../../platform/dates.ts";
import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  Pagination,
  PostForm,
  RadioGroup,
  SelectField,
  TableWrap,
  TextField,
} from "../../../../ui/components.tsx";
import { Layout } from "../../../../ui/layout.tsx";
import type { PageContext } from "../../../../ui/page-context.ts";
import { Breadcrumbs, when } from "../../../../ui/page-parts.tsx";
import type { MeetingKind, MeetingStage } from "../meetings.table.ts";

/** Staff and board chair: the list of meetings, and planning a new one. */

export interface MeetingListRow {
  id: string;
  department: string;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  stage: MeetingStage;
}

export const meetingsCrumbs = (ctx: PageContext) => [
  { href: "/meetings", label: ctx.t("meetings.staff.title") },
];

export function MeetingListPage(p: {
  ctx: PageContext;
  meetings: MeetingListRow[];
  page: number;
  pages: number;
}) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t("meetings.staff.title")}>
      <h1>{t("meetings.staff.title")}</h1>
      <p class="font-lead">{t("meetings.staff.intro")}</p>
      <p>
        <a class="button button-primary" href="/meetings/new">
          {t("meetings.staff.plan")}
        </a>
      </p>
      {p.meetings.length === 0 ? (
        <p>{t("meetings.staff.none")}</p>
      ) : (
        <TableWrap label={t("meetings.staff.title")}>
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{t("meetings.fields.title")}</th>
                <th scope="col">{t("meetings.fields.department_id")}</th>
                <th scope="col">{t("meetings.fields.kind")}</th>
                <th scope="col">{t("meetings.fields.starts_at")}</th>
                <th scope="col">{t("meetings.fields.stage")}</th>
              </tr>
            </thead>
            <tbody>
              {p.meetings.map((m) => (
                <tr key={m.id}>
                  <td>
                    <a href={`/meetings/${m.id}`}>{m.title}</a>
                  </td>
                  <td>{m.department}</td>
                  <td>{t(`meetings.kind.${m.kind}`)}</td>
                  <td>{when(p.ctx, m.startsAt)}</td>
                  <td>{t(`meetings.stage.${m.stage}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination t={t} page={p.page} pages={p.pages} href={(n) => `/meetings?page=${n}`} />
    </Layout>
  );
}

export function MeetingNewPage(p: {
  ctx: PageContext;
  departments: { value: string; label: string }[];
  /** The first date a meeting of each kind could be held if convened today. */
  firstDates: Record<MeetingKind, string>;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t, lang } = p.ctx;
  const labels = {
    department_id: t("meetings.fields.department_id"),
    kind: t("meetings.fields.kind"),
    title: t("meetings.fields.title"),
    date: t("meetings.fields.date"),
    time: t("meetings.fields.time"),
    location: t("meetings.fields.location"),
  };
  return (
    <Layout ctx={p.ctx} title={t("meetings.staff.plan")}>
      <Breadcrumbs ctx={p.ctx} trail={meetingsCrumbs(p.ctx)} />
      <h1>{t("meetings.staff.plan")}</h1>
      <ErrorSummary t={t} errors={p.errors} labels={labels} />
      <p class="font-lead">{t("meetings.staff.plan_intro")}</p>
      <ul>
        <li>{t("meetings.staff.first_ordinary", { date: formatDate(p.firstDates.ordinary, lang) })}</li>
        <li>
          {t("meetings.staff.first_extraordinary", { date: formatDate(p.firstDates.extraordinary, lang) })}
        </li>
      </ul>
      <PostForm action="/meetings" csrf={p.ctx.csrfToken}>
        <SelectField
          t={t}
          name="department_id"
          label={labels.department_id}
          value={p.values.department_id}
          options={p.departments}
          errors={p.errors}
        />
        <RadioGroup
          t={t}
          name="kind"
          legend={labels.kind}
          value={p.values.kind ?? "ordinary"}
          options={[
            { value: "ordinary", label: t("meetings.kind.ordinary") },
            { value: "extraordinary", label: t("meetings.kind.extraordinary") },
          ]}
          errors={p.errors}
        />
        <TextField t={t} name="title" label={labels.title} value={p.values.title} errors={p.errors} />
        <TextField
          t={t}
          name="date"
          type="date"
          label={labels.date}
          hint={t("meetings.fields.date_hint")}
          value={p.values.date}
          errors={p.errors}
        />
        <TextField
          t={t}
          name="time"
          label={labels.time}
          hint={t("meetings.fields.time_hint")}
          value={p.values.time ?? "19:00"}
          errors={p.errors}
        />
        <TextField
          t={t}
          name="location"
          label={labels.location}
          value={p.values.location}
          errors={p.errors}
        />
        <div class="form-group">
          <input
            class="form-checkbox"
            type="checkbox"
            id="standard_agenda"
            name="standard_agenda"
            value="yes"
            checked={p.values.standard_agenda !== "no"}
          />
          <label for="standard_agenda">{t("meetings.fields.standard_agenda")}</label>
        </div>
        <button type="submit" class="button button-primary">
          {t("meetings.staff.plan")}
        </button>
      </PostForm>
    </Layout>
  );
}
