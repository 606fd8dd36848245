import { formatDate } from "../../../platform/dates.ts";
import {
  ErrorSummary,
  type FieldErrors,
  Pagination,
  PostForm,
  TableWrap,
  TextAreaField,
} from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../ui/page-parts.tsx";
import { interestKinds } from "./community.table.ts";
import { Checkbox, CheckboxGroup } from "./community-ui.tsx";

/** What the resident has said (or is typing) for one department. */
export interface InterestFormValues {
  interests: string[];
  note: string;
  contactConsent: boolean;
}

export interface InterestPageProps {
  ctx: PageContext;
  departments: { id: string; label: string }[];
  department: { id: string; label: string } | null;
  saved: { updatedAt: string } | null;
  values: InterestFormValues;
  /** The board of this department may see the list of interested residents. */
  boardLink: boolean;
  errors?: FieldErrors;
}

/** "Bliv beboerdemokrat": what the resident would join in their department. */
export function InterestPage(p: InterestPageProps) {
  const { t, lang } = p.ctx;
  const k = (key: string) => t(`community.interests.${key}`);
  return (
    <Layout ctx={p.ctx} title={k("title")}>
      <h1>{k("title")}</h1>
      <p class="font-lead">{k("intro")}</p>
      <ul>
        <li>{k("why_board")}</li>
        <li>{k("why_committee")}</li>
        <li>{k("why_activities")}</li>
      </ul>
      {p.departments.length > 1 ? (
        <nav aria-label={k("departments")}>
          <ul class="nobullet-list almen-actions">
            {p.departments.map((d) => (
              <li key={d.id}>
                <a
                  href={`/get-involved?department=${d.id}`}
                  aria-current={d.id === p.department?.id ? "page" : undefined}
                >
                  {d.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {!p.department ? (
        <p>{k("no_department")}</p>
      ) : (
        <>
          <h2>{t("community.interests.form_heading", { department: p.department.label })}</h2>
          {p.saved ? (
            <p>
              {t("community.interests.saved_on", { date: formatDate(p.saved.updatedAt.slice(0, 10), lang) })}
            </p>
          ) : null}
          <ErrorSummary t={t} errors={p.errors} labels={{ interests: k("what"), note: k("note") }} />
          <PostForm action="/get-involved" csrf={p.ctx.csrfToken}>
            <input type="hidden" name="department_id" value={p.department.id} />
            <CheckboxGroup
              t={t}
              name="interests"
              legend={k("what")}
              hint={k("what_hint")}
              options={interestKinds.map((v) => ({ value: v, label: k(`kinds.${v}`) }))}
              checked={p.values.interests}
              errors={p.errors}
            />
            <TextAreaField
              t={t}
              name="note"
              label={k("note")}
              hint={k("note_hint")}
              value={p.values.note}
              errors={p.errors}
              rows={4}
            />
            <Checkbox
              name="contact_consent"
              label={k("consent")}
              hint={k("consent_hint")}
              checked={p.values.contactConsent}
            />
            <button type="submit" class="button button-primary">
              {p.saved ? k("update") : k("save")}
            </button>
          </PostForm>
          {p.saved ? (
            <PostForm action="/get-involved/withdraw" csrf={p.ctx.csrfToken}>
              <input type="hidden" name="department_id" value={p.department.id} />
              <p>{k("withdraw_hint")}</p>
              <button type="submit" class="button button-secondary">
                {k("withdraw")}
              </button>
            </PostForm>
          ) : null}
          {p.boardLink ? (
            <p>
              <a href={`/get-involved/departments/${p.department.id}`}>{k("board_link")}</a>
            </p>
          ) : null}
        </>
      )}
    </Layout>
  );
}

export interface InterestedResidentView {
  name: string;
  email: string | null;
  phone: string | null;
  kinds: string[];
  note: string | null;
  updatedAt: string;
}

/** The board's list: residents of its department who would join and may be contacted. */
export function InterestedResidentsPage(p: {
  ctx: PageContext;
  department: string;
  residents: InterestedResidentView[];
  withoutConsent: number;
}) {
  const { t, lang } = p.ctx;
  const k = (key: string) => t(`community.interests.${key}`);
  const title = t("community.interests.board_title", { department: p.department });
  return (
    <Layout ctx={p.ctx} title={title}>
      <Breadcrumbs ctx={p.ctx} trail={[{ href: "/get-involved", label: k("title") }]} />
      <h1>{title}</h1>
      <p class="font-lead">{k("board_intro")}</p>
      {p.residents.length === 0 ? (
        <p>{k("board_none")}</p>
      ) : (
        <TableWrap label={title}>
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{k("columns.name")}</th>
                <th scope="col">{k("columns.contact")}</th>
                <th scope="col">{k("columns.kinds")}</th>
                <th scope="col">{k("columns.note")}</th>
                <th scope="col">{k("columns.since")}</th>
              </tr>
            </thead>
            <tbody>
              {p.residents.map((r) => (
                <tr key={r.name + r.updatedAt}>
                  <td>{r.name}</td>
                  <td>
                    {r.email ? <a href={`mailto:${r.email}`}>{r.email}</a> : null}
                    {r.email && r.phone ? <br /> : null}
                    {r.phone ?? (r.email ? null : "–")}
                  </td>
                  <td>{r.kinds.map((x) => k(`kinds.${x}`)).join(", ") || "–"}</td>
                  <td>{r.note ?? "–"}</td>
                  <td>{formatDate(r.updatedAt.slice(0, 10), lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {p.withoutConsent > 0 ? (
        <p>{t("community.interests.without_consent", { count: p.withoutConsent })}</p>
      ) : null}
    </Layout>
  );
}

export interface InterestCountView {
  department: string;
  total: number;
  board: number;
  committee: number;
  activities: number;
}

/** The organisation's numbers across departments. */
export function InterestOverviewPage(p: {
  ctx: PageContext;
  rows: InterestCountView[];
  sums: Omit<InterestCountView, "department">;
  page: number;
  pages: number;
}) {
  const { t } = p.ctx;
  const k = (key: string) => t(`community.interests.${key}`);
  return (
    <Layout ctx={p.ctx} title={k("overview_title")}>
      <Breadcrumbs ctx={p.ctx} trail={[{ href: "/community", label: t("community.home.title") }]} />
      <h1>{k("overview_title")}</h1>
      <p class="font-lead">{k("overview_intro")}</p>
      <TableWrap label={k("overview_title")}>
        <table class="table table--zebra">
          <thead>
            <tr>
              <th scope="col">{k("columns.department")}</th>
              <th scope="col">{k("columns.total")}</th>
              {interestKinds.map((x) => (
                <th scope="col" key={x}>
                  {k(`kinds.${x}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr key={r.department}>
                <th scope="row">{r.department}</th>
                <td>{r.total}</td>
                <td>{r.board}</td>
                <td>{r.committee}</td>
                <td>{r.activities}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{k("columns.all")}</th>
              <td>{p.sums.total}</td>
              <td>{p.sums.board}</td>
              <td>{p.sums.committee}</td>
              <td>{p.sums.activities}</td>
            </tr>
          </tfoot>
        </table>
      </TableWrap>
      <Pagination t={t} page={p.page} pages={p.pages} href={(n) => `/get-involved/overview?page=${n}`} />
    </Layout>
  );
}
