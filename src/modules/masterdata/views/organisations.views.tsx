import { TableWrap } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts } from "../../../ui/page-parts.tsx";
import { History, type HistoryEntry } from "./common.tsx";

export interface OrganisationRow {
  id: string;
  number: number;
  name: string;
  cvr: string | null;
  departments: number;
}

export function OrganisationListPage({
  ctx,
  rows,
  canCreate,
}: {
  ctx: PageContext;
  rows: OrganisationRow[];
  canCreate: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("masterdata.kinds.organisations")}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/masterdata", label: t("masterdata.title") }]} />
      <h1>{t("masterdata.kinds.organisations")}</h1>
      {canCreate ? (
        <p>
          <a class="button button-secondary" href="/masterdata/new/organisations">
            {t("masterdata.new_organisation")}
          </a>
        </p>
      ) : null}
      <TableWrap label={t("masterdata.kinds.organisations")}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("masterdata.columns.number")}</th>
              <th scope="col">{t("masterdata.columns.name")}</th>
              <th scope="col">{t("masterdata.columns.cvr")}</th>
              <th scope="col">{t("masterdata.departments")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.id}>
                <td>{o.number}</td>
                <td>
                  <a href={`/masterdata/organisations/${o.id}`}>{o.name}</a>
                </td>
                <td>{o.cvr ?? "–"}</td>
                <td>{o.departments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Layout>
  );
}

export interface OrganisationView {
  id: string;
  number: number;
  name: string;
  cvr: string | null;
  address: string | null;
  departments: { id: string; number: number; name: string }[];
  history: HistoryEntry[];
}

export function OrganisationPage({
  ctx,
  o,
  canWrite,
}: {
  ctx: PageContext;
  o: OrganisationView;
  canWrite: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={o.name}>
      <Breadcrumbs
        ctx={ctx}
        trail={[
          { href: "/masterdata", label: t("masterdata.title") },
          { href: "/masterdata/organisations", label: t("masterdata.kinds.organisations") },
        ]}
      />
      <h1>{o.name}</h1>
      {canWrite ? (
        <p>
          <a class="button button-secondary" href={`/masterdata/organisations/${o.id}/edit`}>
            {t("masterdata.edit")}
          </a>
        </p>
      ) : null}
      <Facts
        rows={[
          [t("masterdata.columns.number"), o.number],
          [t("masterdata.columns.cvr"), o.cvr],
          [t("masterdata.address"), o.address],
        ]}
      />
      <h2>{t("masterdata.departments")}</h2>
      <ul>
        {o.departments.map((d) => (
          <li key={d.id}>
            <a href={`/masterdata/departments/${d.id}`}>
              {d.number} {d.name}
            </a>
          </li>
        ))}
      </ul>
      <History ctx={ctx} entries={o.history} />
    </Layout>
  );
}
