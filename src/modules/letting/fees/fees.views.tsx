import { formatDate, formatKroner } from "../../../platform/dates.ts";
import { ErrorSummary, type FieldErrors, PostForm, TableWrap, TextField } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import type { BankImportReport } from "./bank-import.ts";

export interface ChargeItem {
  id: string;
  name: string;
  kind: string;
  amountOre: number;
  paymentId: string;
  dueDate: string;
  removalDate: string | null;
}

export interface PaymentValues {
  charge_id: string;
  amount: string;
  paid_on: string;
}

function ReportView({ ctx, report }: { ctx: PageContext; report: BankImportReport }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">{t("letting.fees.report_title")}</h2>
      <p>{t("letting.fees.report_booked", { count: report.booked })}</p>
      <TableWrap label={t("letting.fees.report_title")}>
        <table class="table table--zebra">
          <thead>
            <tr>
              <th scope="col">{t("letting.fees.line")}</th>
              <th scope="col">{t("letting.fees.columns.payment_id")}</th>
              <th scope="col">{t("letting.fees.columns.amount")}</th>
              <th scope="col">{t("letting.fees.outcome_label")}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>{r.paymentId}</td>
                <td>{r.amountOre === null ? "–" : formatKroner(r.amountOre, ctx.lang)}</td>
                <td>{t(`letting.fees.outcome.${r.outcome}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

/** Staff: open fee charges, search, register a payment, read the bank's payment file. */
export function FeesPage(p: {
  ctx: PageContext;
  charges: ChargeItem[];
  q: string;
  values: PaymentValues;
  errors?: FieldErrors;
  fileErrors?: FieldErrors;
  report?: BankImportReport;
}) {
  const { ctx } = p;
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("letting.fees.title")}>
      <h1>{t("letting.fees.title")}</h1>
      <p class="font-lead">{t("letting.fees.intro")}</p>
      {p.report ? <ReportView ctx={ctx} report={p.report} /> : null}
      <form method="get" action="/letting/fees">
        <TextField t={t} name="q" type="search" label={t("letting.fees.search")} value={p.q} />
        <button type="submit" class="button button-secondary">
          {t("letting.fees.search_button")}
        </button>
      </form>
      {p.charges.length === 0 ? (
        <p>{t("letting.fees.none")}</p>
      ) : (
        <TableWrap label={t("letting.fees.title")}>
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{t("letting.fees.columns.payment_id")}</th>
                <th scope="col">{t("letting.fees.columns.name")}</th>
                <th scope="col">{t("letting.fees.columns.kind")}</th>
                <th scope="col">{t("letting.fees.columns.amount")}</th>
                <th scope="col">{t("letting.fees.columns.due_date")}</th>
                <th scope="col">{t("letting.fees.columns.removal_date")}</th>
              </tr>
            </thead>
            <tbody>
              {p.charges.map((c) => (
                <tr key={c.id}>
                  <td>{c.paymentId}</td>
                  <td>{c.name}</td>
                  <td>{t(`letting.fees.kind.${c.kind}`)}</td>
                  <td>{formatKroner(c.amountOre, lang)}</td>
                  <td>{formatDate(c.dueDate, lang)}</td>
                  <td>{c.removalDate ? formatDate(c.removalDate, lang) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2>{t("letting.fees.register")}</h2>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{
          charge_id: t("letting.fees.charge"),
          amount: t("letting.fees.amount"),
          paid_on: t("letting.fees.paid_on"),
        }}
      />
      <PostForm action="/letting/fees/payments" csrf={ctx.csrfToken}>
        <div class={p.errors?.charge_id ? "form-group form-error" : "form-group"}>
          <label class="form-label" for="charge_id">
            {t("letting.fees.charge")}
          </label>
          <select class="form-select" id="charge_id" name="charge_id">
            <option value="">–</option>
            {p.charges.map((c) => (
              <option key={c.id} value={c.id} selected={c.id === p.values.charge_id}>
                {`${c.paymentId} – ${c.name} – ${formatKroner(c.amountOre, lang)}`}
              </option>
            ))}
          </select>
        </div>
        <TextField
          t={t}
          name="amount"
          label={t("letting.fees.amount")}
          value={p.values.amount}
          errors={p.errors}
        />
        <TextField
          t={t}
          name="paid_on"
          type="date"
          label={t("letting.fees.paid_on")}
          value={p.values.paid_on}
          errors={p.errors}
        />
        <button type="submit" class="button button-primary">
          {t("letting.fees.register")}
        </button>
      </PostForm>
      <h2>{t("letting.fees.upload")}</h2>
      <ErrorSummary t={t} errors={p.fileErrors} labels={{ file: t("letting.fees.file") }} />
      <form method="post" action="/letting/fees/import" encType="multipart/form-data">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class={p.fileErrors?.file ? "form-group form-error" : "form-group"}>
          <label class="form-label" for="file">
            {t("letting.fees.file")}
          </label>
          <span class="form-hint" id="file-hint">
            {t("letting.fees.upload_hint")}
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
          {t("letting.fees.upload_button")}
        </button>
      </form>
    </Layout>
  );
}
