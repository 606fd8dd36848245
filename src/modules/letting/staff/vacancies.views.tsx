import { formatDate, formatKroner } from "../../../platform/dates.ts";
import {
  type FieldErrors,
  type FormValues,
  Pagination,
  PostForm,
  SelectField,
  TableWrap,
  TextField,
} from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts, when } from "../../../ui/page-parts.tsx";

/** A vacancy as the pages show it (a view model, not a row). */
export interface VacancyView {
  id: string;
  address: string;
  department: string;
  freeFrom: string;
  rentOre: number;
  status: string;
  source: string;
  rooms: number;
  letVia: string | null;
}

const crumbs = (ctx: PageContext) => [{ href: "/letting/vacancies", label: ctx.t("letting.staff.title") }];

export function VacancyListPage(p: {
  ctx: PageContext;
  vacancies: VacancyView[];
  canManage: boolean;
  page: number;
  pages: number;
}) {
  const { t, lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t("letting.staff.title")}>
      <h1>{t("letting.staff.title")}</h1>
      <p class="font-lead">{t("letting.staff.intro")}</p>
      {p.canManage ? (
        <p>
          <a class="button button-primary" href="/letting/vacancies/new">
            {t("letting.staff.new")}
          </a>
        </p>
      ) : null}
      {p.vacancies.length === 0 ? (
        <p>{t("letting.staff.none")}</p>
      ) : (
        <TableWrap label={t("letting.staff.title")}>
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{t("letting.staff.columns.address")}</th>
                <th scope="col">{t("letting.staff.columns.department")}</th>
                <th scope="col">{t("letting.staff.columns.free_from")}</th>
                <th scope="col">{t("letting.staff.columns.rent")}</th>
                <th scope="col">{t("letting.staff.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {p.vacancies.map((v) => (
                <tr key={v.id}>
                  <td>
                    <a href={`/letting/vacancies/${v.id}`}>{v.address}</a>
                  </td>
                  <td>{v.department}</td>
                  <td>{formatDate(v.freeFrom, lang)}</td>
                  <td>{formatKroner(v.rentOre, lang)}</td>
                  <td>{t(`letting.staff.status.${v.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination t={t} page={p.page} pages={p.pages} href={(n) => `/letting/vacancies?page=${n}`} />
    </Layout>
  );
}

export function VacancyNewPage(p: {
  ctx: PageContext;
  units: { value: string; label: string }[];
  moveOuts: { tenancyId: string; address: string; endDate: string }[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t, lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t("letting.staff.new")}>
      <Breadcrumbs ctx={p.ctx} trail={crumbs(p.ctx)} />
      <h1>{t("letting.staff.new")}</h1>
      <p class="font-lead">{t("letting.staff.new_intro")}</p>
      <PostForm action="/letting/vacancies" csrf={p.ctx.csrfToken}>
        <SelectField
          name="unit_id"
          label={t("letting.staff.fields.unit_id")}
          value={p.values.unit_id}
          options={p.units}
          errors={p.errors}
          t={t}
        />
        <TextField
          name="free_from"
          label={t("letting.staff.fields.free_from")}
          value={p.values.free_from}
          errors={p.errors}
          t={t}
        />
        <TextField
          name="rent"
          label={t("letting.staff.fields.rent")}
          value={p.values.rent}
          errors={p.errors}
          t={t}
          inputMode="numeric"
        />
        <button type="submit" class="button button-primary">
          {t("letting.staff.new")}
        </button>
      </PostForm>
      <h2>{t("letting.staff.move_outs")}</h2>
      <ul class="nobullet-list">
        {p.moveOuts.map((m) => (
          <li key={m.tenancyId}>
            <PostForm action="/letting/vacancies/from-move-out" csrf={p.ctx.csrfToken}>
              <input type="hidden" name="tenancy_id" value={m.tenancyId} />
              {t("letting.staff.move_out_line", { address: m.address, date: formatDate(m.endDate, lang) })}{" "}
              <button type="submit" class="button button-secondary">
                {t("letting.staff.create_from_move_out")}
              </button>
            </PostForm>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export interface RoundView {
  number: number;
  deadlineAt: string;
  steps: string[];
  ranked: {
    applicationId: string;
    position: number;
    name: string;
    group: string;
    text: string;
    offer: string | null;
  }[];
  excluded: { applicationId: string; name: string; text: string }[];
}

function Round({ ctx, round }: { ctx: PageContext; round: RoundView }) {
  const { t } = ctx;
  return (
    <section>
      <h3>
        {t("letting.staff.round_line", { number: round.number, deadline: when(ctx, round.deadlineAt) })}
      </h3>
      <h4>{t("letting.ranking.title")}</h4>
      <ol>
        {round.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <TableWrap label={t("letting.ranking.ranked_heading")}>
        <table class="table">
          <caption>{t("letting.ranking.ranked_heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("letting.ranking.position")}</th>
              <th scope="col">{t("letting.ranking.applicant")}</th>
              <th scope="col">{t("letting.ranking.explanation")}</th>
              <th scope="col">{t("letting.staff.offers")}</th>
            </tr>
          </thead>
          <tbody>
            {round.ranked.map((r) => (
              <tr key={r.position}>
                <td>{r.position}</td>
                <td>
                  <a href={`/letting/applicants/${r.applicationId}`}>{r.name}</a>
                </td>
                <td>
                  {r.group}: {r.text}
                </td>
                <td>{r.offer ? t(`letting.staff.offer_status.${r.offer}`) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {round.excluded.length ? (
        <>
          <h4>{t("letting.ranking.excluded_heading")}</h4>
          <ul>
            {round.excluded.map((e) => (
              <li key={e.applicationId}>
                <a href={`/letting/applicants/${e.applicationId}`}>{e.name}</a>: {e.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function VacancyDetailPage(p: {
  ctx: PageContext;
  vacancy: VacancyView;
  rounds: RoundView[];
  actions: ("run_round" | "extend_round" | "close_round")[];
  referral: boolean;
  errors: FieldErrors;
}) {
  const { t, lang } = p.ctx;
  const v = p.vacancy;
  return (
    <Layout ctx={p.ctx} title={v.address}>
      <Breadcrumbs ctx={p.ctx} trail={crumbs(p.ctx)} />
      <h1>{v.address}</h1>
      <Facts
        rows={[
          [t("letting.staff.columns.department"), v.department],
          [t("letting.staff.columns.rooms"), v.rooms],
          [t("letting.staff.columns.free_from"), formatDate(v.freeFrom, lang)],
          [t("letting.staff.columns.rent"), formatKroner(v.rentOre, lang)],
          [t("letting.staff.columns.status"), t(`letting.staff.status.${v.status}`)],
          [t("letting.staff.columns.source"), t(`letting.staff.source.${v.source}`)],
          [
            t("letting.staff.let_via_label"),
            v.letVia ? t(`letting.ranking.group.${v.letVia}`, { defaultValue: v.letVia }) : "",
          ],
        ]}
      />
      <ul class="nobullet-list almen-actions">
        {p.actions.map((a) => (
          <li key={a}>
            <PostForm action={`/letting/vacancies/${v.id}/${a.replace("_round", "")}`} csrf={p.ctx.csrfToken}>
              <button type="submit" class="button button-primary">
                {t(`letting.staff.actions.${a}`)}
              </button>
            </PostForm>
          </li>
        ))}
      </ul>
      {p.referral ? (
        <PostForm action={`/letting/vacancies/${v.id}/referral`} csrf={p.ctx.csrfToken}>
          <TextField name="person_id" label={t("letting.staff.fields.person_id")} errors={p.errors} t={t} />
          <button type="submit" class="button button-primary">
            {t("letting.staff.actions.referral")}
          </button>
        </PostForm>
      ) : null}
      {p.rounds.length ? <h2>{t("letting.staff.rounds")}</h2> : null}
      {p.rounds.map((r) => (
        <Round key={r.number} ctx={p.ctx} round={r} />
      ))}
    </Layout>
  );
}
