import type { TFunction } from "i18next";
import { formatDate } from "../../../platform/dates.ts";
import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostForm,
  SelectField,
  TableWrap,
} from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts } from "../../../ui/page-parts.tsx";
import type { NominationOutcome, NominationStatus, NominationVia } from "./boards.table.ts";
import { Checkbox } from "./parts.views.tsx";

export interface NominationView {
  id: string;
  name: string;
  via: NominationVia;
  status: NominationStatus;
  nominatedBy: string | null;
  self: boolean;
  votes: number | null;
  lot: number | null;
  outcome: NominationOutcome | null;
  alternateRank: number | null;
}

export interface ElectionView {
  id: string;
  scopeId: string;
  board: string;
  date: string;
  meeting: string | null;
  kind: "board" | "chair";
  status: "open" | "decided";
  memberSeats: number;
  alternateSeats: number;
}

export function outcomeLabel(t: TFunction, n: Pick<NominationView, "outcome" | "alternateRank">): string {
  if (!n.outcome) return "–";
  if (n.outcome === "alternate") return t("boards.roles.alternate_ranked", { rank: n.alternateRank ?? 1 });
  return t(`boards.elections.outcome.${n.outcome}`);
}

export function nominatedByLabel(t: TFunction, n: NominationView): string {
  if (n.via === "meeting") return t("boards.nominations.via_meeting");
  if (n.self) return t("boards.nominations.self");
  return t("boards.nominations.by", { name: n.nominatedBy ?? "" });
}

function ResultForm({ p, candidates }: { p: ElectionPageProps; candidates: NominationView[] }) {
  const { t } = p.ctx;
  return (
    <section aria-labelledby="result">
      <h2 id="result">{t("boards.elections.result_title")}</h2>
      <p>{t("boards.elections.result_intro")}</p>
      <PostForm action={`/elections/${p.election.id}/result`} csrf={p.ctx.csrfToken}>
        <TableWrap label={t("boards.elections.result_title")}>
          <table class="table">
            <caption>{t("boards.elections.candidates")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("boards.members.name")}</th>
                <th scope="col">{t("boards.fields.votes")}</th>
                <th scope="col">{t("boards.fields.lot")}</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <input
                      class="form-input input-width-xs"
                      id={`votes_${c.id}`}
                      name={`votes_${c.id}`}
                      inputMode="numeric"
                      aria-label={t("boards.fields.votes_for", { name: c.name })}
                      value={p.values[`votes_${c.id}`]}
                    />
                  </td>
                  <td>
                    <input
                      class="form-input input-width-xs"
                      id={`lot_${c.id}`}
                      name={`lot_${c.id}`}
                      inputMode="numeric"
                      aria-label={t("boards.fields.lot_for", { name: c.name })}
                      value={p.values[`lot_${c.id}`]}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <p class="form-hint">{t("boards.fields.lot_hint")}</p>
        <button type="submit" class="button button-primary">
          {t("boards.elections.result_submit")}
        </button>
      </PostForm>
    </section>
  );
}

export interface ElectionPageProps {
  ctx: PageContext;
  election: ElectionView;
  nominations: NominationView[];
  residents: { value: string; label: string }[];
  canSeeBoard: boolean;
  values: FormValues;
  errors: FieldErrors;
}

export function ElectionPage(p: ElectionPageProps) {
  const { t, lang } = p.ctx;
  const e = p.election;
  const title = t("boards.elections.title_of", { board: e.board, date: formatDate(e.date, lang) });
  const candidates = p.nominations.filter((n) => n.status === "accepted");
  return (
    <Layout ctx={p.ctx} title={title}>
      {p.canSeeBoard ? (
        <Breadcrumbs
          ctx={p.ctx}
          trail={[
            { href: "/boards", label: t("boards.staff.title") },
            { href: `/boards/${e.scopeId}`, label: e.board },
          ]}
        />
      ) : null}
      <h1>{title}</h1>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{
          personId: t("boards.fields.candidate"),
          consent: t("boards.fields.consent_at_meeting"),
          ...Object.fromEntries(
            candidates.flatMap((c) => [
              [`votes_${c.id}`, t("boards.fields.votes_for", { name: c.name })],
              [`lot_${c.id}`, t("boards.fields.lot_for", { name: c.name })],
            ]),
          ),
        }}
      />
      <Facts
        rows={[
          [t("boards.fields.kind"), t(`boards.elections.kind.${e.kind}`)],
          [t("boards.fields.meeting"), e.meeting],
          [t("boards.fields.member_seats"), e.memberSeats],
          [t("boards.fields.alternate_seats"), e.alternateSeats],
          [t("boards.elections.status_label"), t(`boards.elections.status.${e.status}`)],
        ]}
      />
      <h2>{t("boards.elections.nominations")}</h2>
      {p.nominations.length === 0 ? (
        <p>{t("boards.elections.no_nominations")}</p>
      ) : (
        <TableWrap label={t("boards.elections.nominations")}>
          <table class="table table--zebra">
            <caption>{t("boards.elections.nominations")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("boards.members.name")}</th>
                <th scope="col">{t("boards.nominations.nominated")}</th>
                <th scope="col">{t("boards.nominations.status_label")}</th>
                {e.status === "decided" ? (
                  <>
                    <th scope="col">{t("boards.fields.votes")}</th>
                    <th scope="col">{t("boards.fields.lot")}</th>
                    <th scope="col">{t("boards.elections.outcome_label")}</th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {p.nominations.map((n) => (
                <tr key={n.id}>
                  <td>{n.name}</td>
                  <td>{nominatedByLabel(t, n)}</td>
                  <td>{t(`boards.nominations.status.${n.status}`)}</td>
                  {e.status === "decided" ? (
                    <>
                      <td>{n.votes ?? "–"}</td>
                      <td>{n.lot ?? "–"}</td>
                      <td>{outcomeLabel(t, n)}</td>
                    </>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {e.status === "open" ? (
        <>
          <section aria-labelledby="meeting-nomination">
            <h2 id="meeting-nomination">{t("boards.nominations.at_meeting")}</h2>
            <PostForm action={`/elections/${e.id}/nominations`} csrf={p.ctx.csrfToken}>
              <SelectField
                t={t}
                name="personId"
                label={t("boards.fields.candidate")}
                value={p.values.personId}
                options={p.residents}
                errors={p.errors}
              />
              <Checkbox
                name="consent"
                label={t("boards.fields.consent_at_meeting")}
                checked={p.values.consent === "ja"}
              />
              <button type="submit" class="button button-secondary">
                {t("boards.nominations.add")}
              </button>
            </PostForm>
          </section>
          {candidates.length ? <ResultForm p={p} candidates={candidates} /> : null}
        </>
      ) : null}
    </Layout>
  );
}
