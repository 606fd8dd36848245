import { translateMaybe } from "../../../platform/i18n/index.ts";
import { ErrorSummary, SelectField, TableWrap } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../ui/page-parts.tsx";
import type { ImportReport } from "../import/engine.ts";
import { importKinds } from "../import/kinds.ts";

export function ImportPage({
  ctx,
  report,
  errors,
  kind,
}: {
  ctx: PageContext;
  report?: ImportReport;
  errors?: Record<string, string>;
  kind?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("masterdata.import_title")}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/masterdata", label: t("masterdata.title") }]} />
      <h1>{t("masterdata.import_title")}</h1>
      <p>{t("masterdata.import_intro")}</p>
      {report ? <ImportReportView ctx={ctx} report={report} /> : null}
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action="/masterdata/import" encType="multipart/form-data">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <SelectField
          t={t}
          name="kind"
          label={t("masterdata.import_kind")}
          value={kind}
          options={importKinds.map((k) => ({ value: k, label: t(`masterdata.kinds.${k}`) }))}
        />
        <div class={errors?.file ? "form-group form-error" : "form-group"}>
          <label class="form-label" for="file">
            {t("masterdata.import_file")}
          </label>
          <span class="form-hint" id="file-hint">
            {t("masterdata.import_file_hint")}
          </span>
          <input
            class="form-input"
            type="file"
            id="file"
            name="file"
            accept=".csv,text/csv"
            aria-describedby="file-hint"
          />
        </div>
        <button type="submit" class="button button-primary">
          {t("masterdata.import_button")}
        </button>
      </form>
      <h2>{t("masterdata.export_title")}</h2>
      <ul>
        {importKinds.map((k) => (
          <li key={k}>
            <a href={`/masterdata/export/${k}`}>{t(`masterdata.kinds.${k}`)} (CSV)</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function ImportReportView({ ctx, report }: { ctx: PageContext; report: ImportReport }) {
  const { t } = ctx;
  if (report.written) {
    return (
      <div class="alert alert-success" role="status" id="import-report">
        <div class="alert-body">
          <p class="alert-heading">
            {t("masterdata.import_done", { kind: t(`masterdata.kinds.${report.kind}`) })}
          </p>
          <p class="alert-text">
            {t("masterdata.import_counts", {
              rows: report.rows,
              created: report.created,
              updated: report.updated,
              unchanged: report.unchanged,
            })}
          </p>
        </div>
      </div>
    );
  }
  return (
    <div class="alert alert-error" role="alert" id="import-report">
      <div class="alert-body">
        <p class="alert-heading">
          {t("masterdata.import_failed", { count: report.errorCount, rows: report.rows })}
        </p>
        <TableWrap label={t("masterdata.import_errors")}>
          <table class="table">
            <caption>{t("masterdata.import_errors")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("masterdata.line")}</th>
                <th scope="col">{t("masterdata.column")}</th>
                <th scope="col">{t("masterdata.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e) => (
                <tr key={`${e.line}-${e.column}-${e.message}`}>
                  <td>{e.line}</td>
                  <td>{e.column ?? "–"}</td>
                  <td>{translateMaybe(t, e.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </div>
    </div>
  );
}
