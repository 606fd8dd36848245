import { formatDate } from "../../../platform/dates.ts";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts } from "../../../ui/page-parts.tsx";
import type { UnitListRow } from "../search.repository.ts";
import { History, type HistoryEntry } from "./common.tsx";
import { TenancyBlock, UnitTable, type UnitView } from "./units.views.tsx";

export interface BuildingView {
  id: string;
  buildingNumber: string;
  address: string;
  departmentId: string;
  department: string;
  constructionYear: number | null;
  bbrUseCode: string | null;
  bbrUuid: string | null;
  darId: string | null;
  energyLabel: string | null;
  energyLabelSerial: string | null;
  energyLabelValidFrom: string | null;
  energyLabelValidTo: string | null;
  units: UnitListRow[];
  history: HistoryEntry[];
}

export function BuildingPage({ ctx, b, canWrite }: { ctx: PageContext; b: BuildingView; canWrite: boolean }) {
  const { t, lang } = ctx;
  const validity =
    b.energyLabelValidFrom && b.energyLabelValidTo
      ? `${formatDate(b.energyLabelValidFrom, lang)} – ${formatDate(b.energyLabelValidTo, lang)}`
      : null;
  return (
    <Layout ctx={ctx} title={`${t("masterdata.building")} ${b.buildingNumber}`}>
      <Breadcrumbs
        ctx={ctx}
        trail={[
          { href: "/masterdata", label: t("masterdata.title") },
          { href: `/masterdata/departments/${b.departmentId}`, label: b.department },
        ]}
      />
      <h1>
        {t("masterdata.building")} {b.buildingNumber}
      </h1>
      <p class="font-lead">{b.address}</p>
      {canWrite ? (
        <p>
          <a class="button button-secondary" href={`/masterdata/buildings/${b.id}/edit`}>
            {t("masterdata.edit")}
          </a>
        </p>
      ) : null}
      <Facts
        rows={[
          [
            t("masterdata.department"),
            <a href={`/masterdata/departments/${b.departmentId}`}>{b.department}</a>,
          ],
          [t("masterdata.columns.construction_year"), b.constructionYear],
          [t("masterdata.columns.bbr_use_code"), b.bbrUseCode],
          [t("masterdata.columns.bbr_uuid"), b.bbrUuid],
          [t("masterdata.columns.dar_id"), b.darId],
          [t("masterdata.columns.energy_label"), b.energyLabel],
          [t("masterdata.columns.energy_label_serial"), b.energyLabelSerial],
          [t("masterdata.energy_label_validity"), validity],
        ]}
      />
      <h2>{t("masterdata.units")}</h2>
      <UnitTable ctx={ctx} rows={b.units} />
      <History ctx={ctx} entries={b.history} />
    </Layout>
  );
}

export function TenancyPage({
  ctx,
  tenancy,
  unit,
  history,
}: {
  ctx: PageContext;
  tenancy: UnitView["tenancies"][number];
  unit: { id: string; label: string };
  history: HistoryEntry[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={`${t("masterdata.tenancy")} ${tenancy.tenancyNumber}`}>
      <Breadcrumbs
        ctx={ctx}
        trail={[
          { href: "/masterdata", label: t("masterdata.title") },
          { href: `/masterdata/units/${unit.id}`, label: unit.label },
        ]}
      />
      <h1>
        {t("masterdata.tenancy")} {tenancy.tenancyNumber}
      </h1>
      <Facts rows={[[t("masterdata.unit"), <a href={`/masterdata/units/${unit.id}`}>{unit.label}</a>]]} />
      <TenancyBlock ctx={ctx} tenancy={tenancy} />
      <p>
        <a class="button button-secondary" href={`/masterdata/tenancies/${tenancy.id}/edit`}>
          {t("masterdata.edit")}
        </a>
      </p>
      <History ctx={ctx} entries={history} />
    </Layout>
  );
}
