import { formatKroner } from "../../../platform/dates.ts";
import { Pagination, TableWrap, TextField } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts, query } from "../../../ui/page-parts.tsx";
import type { DepartmentCounts } from "../detail.repository.ts";
import type { DepartmentListRow, Page, UnitListRow } from "../search.repository.ts";
import { History, type HistoryEntry } from "./common.tsx";
import { UnitTable } from "./units.views.tsx";

export function MasterdataHome({
  ctx,
  canImport,
  canWrite,
}: {
  ctx: PageContext;
  canImport: boolean;
  canWrite: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("masterdata.title")}>
      <h1>{t("masterdata.title")}</h1>
      <p>{t("masterdata.intro")}</p>
      <form method="get" action="/masterdata/units" class="almen-filter" aria-label={t("masterdata.search")}>
        <TextField
          t={t}
          name="q"
          type="search"
          label={t("masterdata.find_unit")}
          hint={t("masterdata.find_unit_hint")}
        />
        <button type="submit" class="button button-primary">
          {t("masterdata.search")}
        </button>
      </form>
      <ul class="almen-cards nobullet-list">
        <li class="almen-card">
          <a href="/masterdata/organisations">{t("masterdata.kinds.organisations")}</a>
        </li>
        <li class="almen-card">
          <a href="/masterdata/departments">{t("masterdata.departments")}</a>
        </li>
        <li class="almen-card">
          <a href="/masterdata/units">{t("masterdata.units")}</a>
        </li>
        <li class="almen-card">
          <a href="/masterdata/people">{t("masterdata.people")}</a>
        </li>
        {canWrite ? (
          <li class="almen-card">
            <a href="/masterdata/new/organisations">{t("masterdata.new_organisation")}</a>
          </li>
        ) : null}
        {canImport ? (
          <li class="almen-card">
            <a href="/masterdata/import">{t("masterdata.import_title")}</a>
          </li>
        ) : null}
      </ul>
    </Layout>
  );
}

export function DepartmentListPage({
  ctx,
  page,
  filter,
  canWrite,
}: {
  ctx: PageContext;
  page: Page<DepartmentListRow>;
  filter: { q?: string };
  canWrite: boolean;
}) {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return (
    <Layout ctx={ctx} title={t("masterdata.departments")}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/masterdata", label: t("masterdata.title") }]} />
      <h1>{t("masterdata.departments")}</h1>
      {canWrite ? (
        <p>
          <a class="button button-secondary" href="/masterdata/new/departments">
            {t("masterdata.new_department")}
          </a>{" "}
          <a class="button button-secondary" href="/masterdata/export/departments">
            {t("masterdata.export_csv")}
          </a>
        </p>
      ) : null}
      <form
        method="get"
        action="/masterdata/departments"
        class="almen-filter"
        aria-label={t("masterdata.filter")}
      >
        <TextField t={t} name="q" type="search" label={t("masterdata.department_search")} value={filter.q} />
        <button type="submit" class="button button-secondary">
          {t("masterdata.search")}
        </button>
      </form>
      <p role="status">{t("masterdata.count", { count: page.total })}</p>
      <TableWrap label={t("masterdata.departments")}>
        <table class="table">
          <caption class="sr-only">{t("masterdata.departments")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("masterdata.columns.number")}</th>
              <th scope="col">{t("masterdata.columns.name")}</th>
              <th scope="col">{t("masterdata.organisation")}</th>
              <th scope="col">{t("masterdata.columns.municipality_code")}</th>
              <th scope="col">{t("masterdata.columns.has_board")}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((d) => (
              <tr key={d.id}>
                <td>{d.number}</td>
                <td>
                  <a href={`/masterdata/departments/${d.id}`}>{d.name}</a>
                </td>
                <td>{d.organisationName}</td>
                <td>{d.municipalityCode ?? "–"}</td>
                <td>{d.hasBoard ? t("masterdata.yes") : t("masterdata.no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pagination
        t={t}
        page={page.page}
        pages={pages}
        href={(p) => `/masterdata/departments${query({ ...filter, page: p })}`}
      />
    </Layout>
  );
}

export interface DepartmentView {
  id: string;
  number: number;
  name: string;
  organisationName: string;
  municipalityCode: string | null;
  address: string | null;
  constructionYear: number | null;
  hasBoard: boolean;
  counts: DepartmentCounts;
  buildings: { id: string; number: string; address: string; energyLabel: string | null; units: number }[];
  units: Page<UnitListRow>;
  history: HistoryEntry[];
  staff: { name: string; email: string; role: string }[];
  rentPerM2Ore: number | null;
}

export function DepartmentPage({
  ctx,
  d,
  canWrite,
}: {
  ctx: PageContext;
  d: DepartmentView;
  canWrite: boolean;
}) {
  const { t, lang } = ctx;
  const pages = Math.max(1, Math.ceil(d.units.total / d.units.pageSize));
  return (
    <Layout ctx={ctx} title={`${d.number} ${d.name}`}>
      <Breadcrumbs
        ctx={ctx}
        trail={[
          { href: "/masterdata", label: t("masterdata.title") },
          { href: "/masterdata/departments", label: t("masterdata.departments") },
        ]}
      />
      <h1>
        {t("masterdata.department")} {d.number} {d.name}
      </h1>
      {canWrite ? (
        <p>
          <a class="button button-secondary" href={`/masterdata/departments/${d.id}/edit`}>
            {t("masterdata.edit")}
          </a>
        </p>
      ) : null}
      <Facts
        rows={[
          [t("masterdata.organisation"), d.organisationName],
          [t("masterdata.address"), d.address],
          [t("masterdata.columns.municipality_code"), d.municipalityCode],
          [t("masterdata.columns.construction_year"), d.constructionYear],
          [t("masterdata.columns.has_board"), d.hasBoard ? t("masterdata.yes") : t("masterdata.no")],
        ]}
      />
      <h2>{t("masterdata.key_figures")}</h2>
      <ul class="almen-cards nobullet-list" aria-label={t("masterdata.key_figures")}>
        <li class="almen-card">
          <strong>{d.counts.units}</strong> {t("masterdata.units_lower")}
        </li>
        <li class="almen-card">
          <strong>{d.counts.byStatus.vacant ?? 0}</strong> {t("masterdata.vacant_lower")}
        </li>
        <li class="almen-card">
          <strong>{d.counts.currentTenancies}</strong> {t("masterdata.current_tenancies_lower")}
        </li>
        <li class="almen-card">
          <strong>{d.counts.buildings}</strong> {t("masterdata.buildings_lower")}
        </li>
        {d.rentPerM2Ore !== null ? (
          <li class="almen-card">
            <strong>{formatKroner(d.rentPerM2Ore, lang)}</strong> {t("masterdata.rent_per_m2_year")}
          </li>
        ) : null}
      </ul>
      <p>
        {Object.entries(d.counts.byKind)
          .map(([k, n]) => `${t(`unit_kind.${k}`)}: ${n}`)
          .join(" · ")}
        {" — "}
        {Object.entries(d.counts.byStatus)
          .map(([k, n]) => `${t(`masterdata.status.${k}`)}: ${n}`)
          .join(" · ")}
      </p>
      <h2>{t("masterdata.assigned_staff")}</h2>
      {d.staff.length === 0 ? <p>{t("masterdata.no_assigned_staff")}</p> : null}
      <ul>
        {d.staff.map((s) => (
          <li key={`${s.email}-${s.role}`}>
            {s.name} ({t(`roles.${s.role}`)}) – <a href={`mailto:${s.email}`}>{s.email}</a>
          </li>
        ))}
      </ul>
      <h2>{t("masterdata.buildings")}</h2>
      {d.buildings.length === 0 ? <p>{t("masterdata.none")}</p> : null}
      <ul>
        {d.buildings.map((b) => (
          <li key={b.id}>
            <a href={`/masterdata/buildings/${b.id}`}>
              {b.number}: {b.address}
            </a>{" "}
            ({t("masterdata.units_n", { count: b.units })}
            {b.energyLabel ? `, ${t("masterdata.energy_label_short")} ${b.energyLabel}` : ""})
          </li>
        ))}
      </ul>
      <h2>{t("masterdata.units")}</h2>
      <UnitTable ctx={ctx} rows={d.units.rows} />
      <Pagination
        t={t}
        page={d.units.page}
        pages={pages}
        href={(p) => `/masterdata/departments/${d.id}${query({ page: p })}`}
      />
      <History ctx={ctx} entries={d.history} />
    </Layout>
  );
}
