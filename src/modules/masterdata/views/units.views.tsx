import { formatDate, formatKroner } from "../../../platform/dates.ts";
import { Pagination, SelectField, TableWrap, TextField } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts, query } from "../../../ui/page-parts.tsx";
import { oneLineAddress } from "../address.ts";
import type { MemberRow, TenancyRow } from "../detail.repository.ts";
import { unitKinds, unitStatuses } from "../masterdata.table.ts";
import { energyLabelClasses } from "../rules/index.ts";
import type { Page, UnitListRow } from "../search.repository.ts";
import { History, type HistoryEntry } from "./common.tsx";

export function UnitTable({ ctx, rows }: { ctx: PageContext; rows: UnitListRow[] }) {
  const { t, lang } = ctx;
  if (rows.length === 0) return <p>{t("masterdata.none")}</p>;
  return (
    <TableWrap label={t("masterdata.units")}>
      <table class="table">
        <caption class="sr-only">{t("masterdata.units")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("masterdata.columns.unit_number")}</th>
            <th scope="col">{t("masterdata.address")}</th>
            <th scope="col">{t("masterdata.department")}</th>
            <th scope="col">{t("masterdata.columns.kind")}</th>
            <th scope="col">{t("masterdata.columns.rooms")}</th>
            <th scope="col">{t("masterdata.columns.area_m2")}</th>
            <th scope="col">{t("masterdata.columns.rent")}</th>
            <th scope="col">{t("masterdata.columns.status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id}>
              <td>
                <a href={`/masterdata/units/${u.id}`}>{u.unitNumber}</a>
              </td>
              <td>{oneLineAddress(u)}</td>
              <td>
                {u.departmentNumber} {u.departmentName}
              </td>
              <td>{t(`unit_kind.${u.kind}`)}</td>
              <td>{u.rooms}</td>
              <td>{u.areaM2}</td>
              <td>{formatKroner(u.rentOre, lang)}</td>
              <td>{t(`masterdata.status.${u.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export type UnitFilterValues = Record<
  "q" | "status" | "kind" | "roomsMin" | "roomsMax" | "rentMin" | "rentMax" | "energyLabel" | "sort",
  string | undefined
>;

export function UnitSearchPage({
  ctx,
  page,
  filter,
  errors,
  canWrite,
}: {
  ctx: PageContext;
  page: Page<UnitListRow>;
  filter: UnitFilterValues;
  errors?: Record<string, string>;
  canWrite: boolean;
}) {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const any = { value: "", label: t("masterdata.any") };
  return (
    <Layout ctx={ctx} title={t("masterdata.units")}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/masterdata", label: t("masterdata.title") }]} />
      <h1>{t("masterdata.units")}</h1>
      {canWrite ? (
        <p>
          <a class="button button-secondary" href="/masterdata/new/units">
            {t("masterdata.new_unit")}
          </a>{" "}
          <a class="button button-secondary" href="/masterdata/export/units">
            {t("masterdata.export_csv")}
          </a>
        </p>
      ) : null}
      <form method="get" action="/masterdata/units" class="almen-filter" aria-label={t("masterdata.filter")}>
        <TextField
          t={t}
          name="q"
          type="search"
          label={t("masterdata.find_unit")}
          value={filter.q}
          errors={errors}
        />
        <SelectField
          t={t}
          name="status"
          label={t("masterdata.columns.status")}
          value={filter.status}
          options={[any, ...unitStatuses.map((s) => ({ value: s, label: t(`masterdata.status.${s}`) }))]}
        />
        <SelectField
          t={t}
          name="kind"
          label={t("masterdata.columns.kind")}
          value={filter.kind}
          options={[any, ...unitKinds.map((k) => ({ value: k, label: t(`unit_kind.${k}`) }))]}
        />
        <TextField
          t={t}
          name="roomsMin"
          type="number"
          label={t("masterdata.rooms_min")}
          value={filter.roomsMin}
          errors={errors}
        />
        <TextField
          t={t}
          name="roomsMax"
          type="number"
          label={t("masterdata.rooms_max")}
          value={filter.roomsMax}
          errors={errors}
        />
        <TextField
          t={t}
          name="rentMin"
          label={t("masterdata.rent_min")}
          value={filter.rentMin}
          errors={errors}
          inputMode="numeric"
        />
        <TextField
          t={t}
          name="rentMax"
          label={t("masterdata.rent_max")}
          value={filter.rentMax}
          errors={errors}
          inputMode="numeric"
        />
        <SelectField
          t={t}
          name="energyLabel"
          label={t("masterdata.columns.energy_label")}
          value={filter.energyLabel}
          options={[any, ...energyLabelClasses.map((c) => ({ value: c, label: c }))]}
        />
        <SelectField
          t={t}
          name="sort"
          label={t("masterdata.sort")}
          value={filter.sort}
          options={(["number", "address", "rent", "rooms", "area"] as const).map((s) => ({
            value: s,
            label: t(`masterdata.sort_by.${s}`),
          }))}
        />
        <button type="submit" class="button button-secondary">
          {t("masterdata.search")}
        </button>
      </form>
      <p role="status">{t("masterdata.count", { count: page.total })}</p>
      <UnitTable ctx={ctx} rows={page.rows} />
      <Pagination
        t={t}
        page={page.page}
        pages={pages}
        href={(p) => `/masterdata/units${query({ ...filter, page: p })}`}
      />
    </Layout>
  );
}

export interface UnitView {
  id: string;
  unitNumber: string;
  address: string;
  departmentId: string;
  department: string;
  buildingId: string | null;
  building: string | null;
  energyLabel: string | null;
  kind: string;
  rooms: number;
  areaM2: number;
  rentOre: number;
  status: string;
  features: string[];
  darId: string | null;
  bbrUnitUuid: string | null;
  tenancies: (TenancyRow & { members: MemberRow[]; current: boolean })[];
  history: HistoryEntry[];
}

export function TenancyBlock({ ctx, tenancy }: { ctx: PageContext; tenancy: UnitView["tenancies"][number] }) {
  const { t, lang } = ctx;
  return (
    <div class="almen-card">
      <h3 class="h4">
        <a href={`/masterdata/tenancies/${tenancy.id}`}>
          {t("masterdata.tenancy")} {tenancy.tenancyNumber}
        </a>
        {tenancy.current ? ` (${t("masterdata.current")})` : ""}
      </h3>
      <p>
        {formatDate(tenancy.startDate, lang)} –{" "}
        {tenancy.endDate ? formatDate(tenancy.endDate, lang) : t("masterdata.open_ended")};{" "}
        {t("masterdata.rent_at_start")} {formatKroner(tenancy.rentAtStartOre, lang)}
      </p>
      <ul>
        {tenancy.members.map((m) => (
          <li key={m.personId}>
            <a href={`/masterdata/people/${m.personId}`}>{m.name}</a> ({t(`household_role.${m.role}`)})
          </li>
        ))}
      </ul>
    </div>
  );
}

export function UnitPage({ ctx, u, canWrite }: { ctx: PageContext; u: UnitView; canWrite: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={`${t("masterdata.unit")} ${u.unitNumber}`}>
      <Breadcrumbs
        ctx={ctx}
        trail={[
          { href: "/masterdata", label: t("masterdata.title") },
          { href: `/masterdata/departments/${u.departmentId}`, label: u.department },
          ...(u.buildingId
            ? [{ href: `/masterdata/buildings/${u.buildingId}`, label: u.building ?? "" }]
            : []),
        ]}
      />
      <h1>
        {t("masterdata.unit")} {u.unitNumber}
      </h1>
      <p class="font-lead">{u.address}</p>
      {canWrite ? (
        <p>
          <a class="button button-secondary" href={`/masterdata/units/${u.id}/edit`}>
            {t("masterdata.edit")}
          </a>
        </p>
      ) : null}
      <Facts
        rows={[
          [
            t("masterdata.department"),
            <a href={`/masterdata/departments/${u.departmentId}`}>{u.department}</a>,
          ],
          [
            t("masterdata.building"),
            u.buildingId ? <a href={`/masterdata/buildings/${u.buildingId}`}>{u.building}</a> : null,
          ],
          [t("masterdata.columns.kind"), t(`unit_kind.${u.kind}`)],
          [t("masterdata.columns.rooms"), u.rooms],
          [t("masterdata.columns.area_m2"), `${u.areaM2} m²`],
          [t("masterdata.columns.rent"), <span id="unit-rent">{formatKroner(u.rentOre, lang)}</span>],
          [t("masterdata.columns.status"), t(`masterdata.status.${u.status}`)],
          [t("masterdata.columns.energy_label"), u.energyLabel],
          [t("masterdata.features"), u.features.map((f) => t(`masterdata.feature.${f}`)).join(", ")],
          [t("masterdata.columns.dar_id"), u.darId],
          [t("masterdata.columns.bbr_unit_uuid"), u.bbrUnitUuid],
        ]}
      />
      <h2>{t("masterdata.tenancies")}</h2>
      {u.tenancies.length === 0 ? (
        <p>{t("masterdata.none")}</p>
      ) : (
        u.tenancies.map((x) => <TenancyBlock key={x.id} ctx={ctx} tenancy={x} />)
      )}
      <History ctx={ctx} entries={u.history} />
    </Layout>
  );
}
