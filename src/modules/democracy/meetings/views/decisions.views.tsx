import { formatDate } from "../../../../platform/dates.ts";
import { Pagination, SelectField, TableWrap, TextField } from "../../../../ui/components.tsx";
import { Layout } from "../../../../ui/layout.tsx";
import type { PageContext } from "../../../../ui/page-context.ts";
import { Breadcrumbs, query } from "../../../../ui/page-parts.tsx";
import type { ItemOutcome } from "../meetings.table.ts";

/** The decisions register of a department, searchable. */

export interface DecisionView {
  id: string;
  meetingId: string;
  meetingTitle: string;
  decidedOn: string;
  title: string;
  decisionText: string;
  outcome: ItemOutcome;
  votesFor: number | null;
  votesAgainst: number | null;
  votesBlank: number | null;
}

export function DecisionsPage(p: {
  ctx: PageContext;
  departments: { value: string; label: string }[];
  department: { id: string; label: string } | null;
  q: string;
  decisions: DecisionView[];
  total: number;
  page: number;
  pages: number;
}) {
  const { ctx } = p;
  const { t, lang } = ctx;
  const title = t("meetings.decisions.title");
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/democracy", label: t("meetings.resident.title") }]} />
      <h1>{title}</h1>
      <p class="font-lead">{t("meetings.decisions.intro")}</p>
      <form method="get" action="/democracy/decisions" class="almen-filter">
        {p.departments.length > 1 ? (
          <SelectField
            t={t}
            name="department"
            label={t("meetings.fields.department_id")}
            value={p.department?.id}
            options={p.departments}
          />
        ) : p.department ? (
          <input type="hidden" name="department" value={p.department.id} />
        ) : null}
        <TextField t={t} name="q" type="search" label={t("meetings.decisions.search")} value={p.q} />
        <button type="submit" class="button button-secondary">
          {t("meetings.decisions.search_button")}
        </button>
      </form>
      {p.department ? <h2>{t("meetings.resident.department", { department: p.department.label })}</h2> : null}
      <p role="status">{t("meetings.decisions.count", { count: p.total })}</p>
      {p.decisions.length ? (
        <TableWrap label={title}>
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{t("meetings.decisions.date")}</th>
                <th scope="col">{t("meetings.decisions.item")}</th>
                <th scope="col">{t("meetings.decisions.decision")}</th>
                <th scope="col">{t("meetings.decisions.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {p.decisions.map((d) => (
                <tr key={d.id}>
                  <td>{formatDate(d.decidedOn, lang)}</td>
                  <td>
                    <a href={`/democracy/meetings/${d.meetingId}`}>{d.title}</a>
                    <br />
                    <span class="form-hint">{d.meetingTitle}</span>
                  </td>
                  <td>{d.decisionText}</td>
                  <td>
                    {t(`meetings.outcome.${d.outcome}`)}
                    {d.votesFor === null
                      ? ""
                      : ` ${t("meetings.parts.counts", { for: d.votesFor, against: d.votesAgainst, blank: d.votesBlank })}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <Pagination
        t={t}
        page={p.page}
        pages={p.pages}
        href={(n) => `/democracy/decisions${query({ department: p.department?.id, q: p.q, page: n })}`}
      />
    </Layout>
  );
}
