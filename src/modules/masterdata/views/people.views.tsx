import { formatDate } from "../../../platform/dates.ts";
import { ErrorSummary, Pagination, PostForm, TableWrap, TextField } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts, query } from "../../../ui/page-parts.tsx";
import type { Page, PersonListRow } from "../search.repository.ts";
import { History, type HistoryEntry } from "./common.tsx";
import { TenancyBlock, type UnitView } from "./units.views.tsx";

export function PeopleSearchPage({
  ctx,
  page,
  filter,
  canWrite,
}: {
  ctx: PageContext;
  page: Page<PersonListRow>;
  filter: { q?: string };
  canWrite: boolean;
}) {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return (
    <Layout ctx={ctx} title={t("masterdata.people")}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/masterdata", label: t("masterdata.title") }]} />
      <h1>{t("masterdata.people")}</h1>
      {canWrite ? (
        <p>
          <a class="button button-secondary" href="/masterdata/new/people">
            {t("masterdata.new_person")}
          </a>
        </p>
      ) : null}
      <form method="get" action="/masterdata/people" class="almen-filter" aria-label={t("masterdata.filter")}>
        <TextField t={t} name="q" type="search" label={t("masterdata.person_search")} value={filter.q} />
        <button type="submit" class="button button-secondary">
          {t("masterdata.search")}
        </button>
      </form>
      <p role="status">{t("masterdata.count", { count: page.total })}</p>
      <TableWrap label={t("masterdata.people")}>
        <table class="table">
          <caption class="sr-only">{t("masterdata.people")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("masterdata.columns.person_number")}</th>
              <th scope="col">{t("masterdata.columns.name")}</th>
              <th scope="col">{t("masterdata.columns.email")}</th>
              <th scope="col">{t("masterdata.organisation")}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((p) => (
              <tr key={p.id}>
                <td>{p.personNumber}</td>
                <td>
                  <a href={`/masterdata/people/${p.id}`}>{p.name}</a>
                </td>
                <td>{p.email ?? "–"}</td>
                <td>{p.organisationName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pagination
        t={t}
        page={page.page}
        pages={pages}
        href={(p) => `/masterdata/people${query({ ...filter, page: p })}`}
      />
    </Layout>
  );
}

export interface PersonView {
  id: string;
  personNumber: string;
  name: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  language: string;
  isDigitalPostExempt: boolean;
  hasEmailConsent: boolean;
  cprMasked: string | null;
  cprLegalBasis: string | null;
  tenancies: UnitView["tenancies"];
  history: HistoryEntry[];
}

export function PersonPage({
  ctx,
  p,
  canWrite,
  canReadCpr,
  fullCpr,
  errors,
}: {
  ctx: PageContext;
  p: PersonView;
  canWrite: boolean;
  canReadCpr: boolean;
  fullCpr?: string;
  errors?: Record<string, string>;
}) {
  const { t, lang } = ctx;
  const yes = (b: boolean) => (b ? t("masterdata.yes") : t("masterdata.no"));
  return (
    <Layout ctx={ctx} title={p.name}>
      <Breadcrumbs
        ctx={ctx}
        trail={[
          { href: "/masterdata", label: t("masterdata.title") },
          { href: "/masterdata/people", label: t("masterdata.people") },
        ]}
      />
      <h1>{p.name}</h1>
      {canWrite ? (
        <p>
          <a class="button button-secondary" href={`/masterdata/people/${p.id}/edit`}>
            {t("masterdata.edit")}
          </a>
        </p>
      ) : null}
      <ErrorSummary t={t} errors={errors} />
      <Facts
        rows={[
          [t("masterdata.columns.person_number"), p.personNumber],
          [t("masterdata.columns.birth_date"), p.birthDate ? formatDate(p.birthDate, lang) : null],
          [t("masterdata.columns.email"), p.email],
          [t("masterdata.columns.phone"), p.phone],
          [t("masterdata.postal_address"), p.address],
          [t("masterdata.columns.language"), p.language === "en" ? "English" : "Dansk"],
          [t("masterdata.columns.digital_post_exempt"), yes(p.isDigitalPostExempt)],
          [t("masterdata.columns.email_consent"), yes(p.hasEmailConsent)],
          [t("masterdata.columns.cpr"), <span id="cpr">{fullCpr ?? p.cprMasked}</span>],
          [t("masterdata.columns.cpr_legal_basis"), p.cprLegalBasis],
        ]}
      />
      {p.cprMasked && canReadCpr && !fullCpr ? (
        <details class="details">
          <summary class="details-summary">{t("masterdata.show_cpr")}</summary>
          <div class="details-text">
            <PostForm action={`/masterdata/people/${p.id}/cpr`} csrf={ctx.csrfToken}>
              <TextField
                t={t}
                name="reason"
                label={t("masterdata.cpr_reason")}
                hint={t("masterdata.cpr_reason_hint")}
                errors={errors}
              />
              <button type="submit" class="button button-secondary">
                {t("masterdata.show_cpr")}
              </button>
            </PostForm>
          </div>
        </details>
      ) : null}
      <h2>{t("masterdata.tenancies")}</h2>
      {p.tenancies.length === 0 ? (
        <p>{t("masterdata.none")}</p>
      ) : (
        p.tenancies.map((x) => <TenancyBlock key={x.id} ctx={ctx} tenancy={x} />)
      )}
      <History ctx={ctx} entries={p.history} />
    </Layout>
  );
}
