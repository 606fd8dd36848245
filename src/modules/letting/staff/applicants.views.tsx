import { formatDate } from "../../../platform/dates.ts";
import { ErrorSummary, type FieldErrors, TableWrap, TextField } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts, query, when } from "../../../ui/page-parts.tsx";
import { FactsForm, type FactsValues, fieldLabels, StatusActions } from "./applicant-forms.views.tsx";

/** An application in the staff search (a view model, not a row). */
export interface ApplicantItem {
  id: string;
  name: string;
  personNumber: string;
  organisation: string;
  list: string;
  status: string;
  seniorityDate: string;
}

export interface ApplicantView extends ApplicantItem {
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  feePaidUntil: string | null;
  unansweredOffers: number;
  quarantineUntil: string | null;
  departments: { id: string; label: string; rank: number | null }[];
  offers: {
    id: string;
    address: string;
    department: string;
    offeredAt: string;
    deadlineAt: string;
    status: string;
    outcome: string | null;
  }[];
}

const a = (key: string) => `letting.applicants.${key}`;
const crumbs = (ctx: PageContext) => [{ href: "/letting/applicants", label: ctx.t(a("title")) }];

export function ApplicantListPage(p: {
  ctx: PageContext;
  q: string;
  applicants: ApplicantItem[];
  page: number;
  hasMore: boolean;
}) {
  const { t, lang } = p.ctx;
  const pageHref = (page: number) =>
    `/letting/applicants${query({ q: p.q, page: page > 1 ? page : undefined })}`;
  return (
    <Layout ctx={p.ctx} title={t(a("title"))}>
      <h1>{t(a("title"))}</h1>
      <p class="font-lead">{t(a("intro"))}</p>
      <form method="get" action="/letting/applicants">
        <TextField t={t} name="q" type="search" label={t(a("search"))} value={p.q} />
        <button type="submit" class="button button-secondary">
          {t(a("search_button"))}
        </button>
      </form>
      {!p.q ? null : p.applicants.length === 0 ? (
        <p>{t(a("none"))}</p>
      ) : (
        <TableWrap label={t(a("title"))}>
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{t(a("columns.name"))}</th>
                <th scope="col">{t(a("columns.person_number"))}</th>
                <th scope="col">{t(a("columns.organisation"))}</th>
                <th scope="col">{t(a("columns.list"))}</th>
                <th scope="col">{t(a("columns.status"))}</th>
                <th scope="col">{t(a("columns.seniority"))}</th>
              </tr>
            </thead>
            <tbody>
              {p.applicants.map((x) => (
                <tr key={x.id}>
                  <td>
                    <a href={`/letting/applicants/${x.id}`}>{x.name}</a>
                  </td>
                  <td>{x.personNumber}</td>
                  <td>{x.organisation}</td>
                  <td>{t(a(`list.${x.list}`))}</td>
                  <td>{t(a(`status.${x.status}`))}</td>
                  <td>{formatDate(x.seniorityDate, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {p.page > 1 || p.hasMore ? (
        <nav aria-label={t("pagination.label")} class="pagination">
          <ul class="pagination__items nobullet-list">
            {p.page > 1 ? (
              <li class="pagination-item">
                <a href={pageHref(p.page - 1)} class="pagination-nav-link" rel="prev">
                  {t("pagination.previous")}
                </a>
              </li>
            ) : null}
            <li class="pagination-item" aria-current="page">
              {t(a("page"), { page: p.page })}
            </li>
            {p.hasMore ? (
              <li class="pagination-item">
                <a href={pageHref(p.page + 1)} class="pagination-nav-link" rel="next">
                  {t("pagination.next")}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

function Departments({ ctx, applicant }: { ctx: PageContext; applicant: ApplicantView }) {
  const { t } = ctx;
  return (
    <section>
      <h2 id="departments-heading">{t(a("departments_heading"))}</h2>
      <p>{t(a("departments_intro"))}</p>
      <TableWrap label={t(a("departments_heading"))}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t(a("department"))}</th>
              <th scope="col">{t(a("place"))}</th>
            </tr>
          </thead>
          <tbody>
            {applicant.departments.map((d) => (
              <tr key={d.id}>
                <td>{d.label}</td>
                <td>{d.rank === null ? t(a("not_in_queue")) : t(a("place_value"), { rank: d.rank })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function Offers({ ctx, applicant }: { ctx: PageContext; applicant: ApplicantView }) {
  const { t } = ctx;
  return (
    <section>
      <h2 id="offers-heading">{t(a("offers_heading"))}</h2>
      {applicant.offers.length === 0 ? (
        <p>{t(a("offers_none"))}</p>
      ) : (
        <TableWrap label={t(a("offers_heading"))}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t(a("offer.home"))}</th>
                <th scope="col">{t(a("offer.offered"))}</th>
                <th scope="col">{t(a("offer.deadline"))}</th>
                <th scope="col">{t(a("offer.status"))}</th>
                <th scope="col">{t(a("offer.outcome"))}</th>
              </tr>
            </thead>
            <tbody>
              {applicant.offers.map((o) => (
                <tr key={o.id}>
                  <td>
                    {o.address}
                    <br />
                    {o.department}
                  </td>
                  <td>{when(ctx, o.offeredAt)}</td>
                  <td>{when(ctx, o.deadlineAt)}</td>
                  <td>{t(`letting.staff.offer_status.${o.status}`)}</td>
                  <td>{o.outcome ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

/** One application for staff: the person, the list, places, offers, the facts and the status. */
export function ApplicantPage(p: {
  ctx: PageContext;
  applicant: ApplicantView;
  canManage: boolean;
  values: FactsValues;
  errors?: FieldErrors;
}) {
  const { ctx, applicant: x } = p;
  const { t, lang } = ctx;
  const date = (d: string | null) => (d ? formatDate(d, lang) : "");
  return (
    <Layout ctx={ctx} title={x.name}>
      <Breadcrumbs ctx={ctx} trail={crumbs(ctx)} />
      <h1>{x.name}</h1>
      <ErrorSummary t={t} errors={p.errors} labels={fieldLabels(ctx)} />
      <Facts
        rows={[
          [t(a("facts_list.person_number")), x.personNumber],
          [t(a("facts_list.birth_date")), date(x.birthDate)],
          [t(a("facts_list.email")), x.email],
          [t(a("facts_list.phone")), x.phone],
          [t(a("facts_list.organisation")), x.organisation],
          [t(a("facts_list.list")), t(a(`list.${x.list}`))],
          [t(a("facts_list.status")), t(a(`status.${x.status}`))],
          [t(a("facts_list.seniority")), date(x.seniorityDate)],
          [t(a("facts_list.fee_paid_until")), date(x.feePaidUntil)],
          [t(a("facts_list.unanswered_offers")), x.unansweredOffers],
          [t(a("facts_list.quarantine_until")), date(x.quarantineUntil)],
        ]}
      />
      <Departments ctx={ctx} applicant={x} />
      <Offers ctx={ctx} applicant={x} />
      <FactsForm
        ctx={ctx}
        action={`/letting/applicants/${x.id}`}
        canManage={p.canManage && (x.status === "active" || x.status === "passive")}
        values={p.values}
        errors={p.errors}
      />
      {p.canManage ? (
        <StatusActions ctx={ctx} action={`/letting/applicants/${x.id}`} status={x.status} errors={p.errors} />
      ) : null}
    </Layout>
  );
}
