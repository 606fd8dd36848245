import { formatDate } from "../../../platform/dates.ts";
import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostForm,
  RadioGroup,
  SelectField,
  TextField,
} from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../ui/page-parts.tsx";
import { type ElectionView, type NominationView, outcomeLabel } from "./elections.views.tsx";
import { MembersTable, ReachedNotice, roleLabel } from "./parts.views.tsx";
import type { DemandView, MemberView } from "./presenters.ts";

export interface DepartmentChoice {
  id: string;
  name: string;
}

/** Residents of more than one department (or staff) choose which department's pages to see. */
export function DepartmentSwitch(p: {
  ctx: PageContext;
  action: string;
  departments: DepartmentChoice[];
  current?: string;
}) {
  const { t } = p.ctx;
  if (p.departments.length < 2 && p.current) return null;
  return (
    <form method="get" action={p.action} class="almen-inline-form">
      <SelectField
        t={t}
        name="department"
        label={t("boards.resident.choose_department")}
        value={p.current}
        options={p.departments.map((d) => ({ value: d.id, label: d.name }))}
      />
      <button type="submit" class="button button-secondary">
        {t("boards.resident.show")}
      </button>
    </form>
  );
}

export interface OpenElectionView {
  election: ElectionView;
  candidates: string[];
  /** Nominations are taken online until the meeting starts. */
  nominationsOpen: boolean;
}

export interface ResidentBoardProps {
  ctx: PageContext;
  departments: DepartmentChoice[];
  department: DepartmentChoice;
  sitting: MemberView[];
  organisationBoard: { name: string; sitting: MemberView[] } | null;
  myTerms: MemberView[];
  pending: { id: string; meeting: string | null; date: string; nominatedBy: string | null }[];
  openElections: OpenElectionView[];
  results: { election: ElectionView; elected: NominationView[] }[];
  demands: DemandView[];
  canNominate: boolean;
}

export function ResidentBoardPage(p: ResidentBoardProps) {
  const { t, lang } = p.ctx;
  const title = t("boards.resident.title", { name: p.department.name });
  return (
    <Layout ctx={p.ctx} title={title}>
      <h1>{title}</h1>
      <DepartmentSwitch
        ctx={p.ctx}
        action="/democracy/board"
        departments={p.departments}
        current={p.department.id}
      />
      <p class="font-lead">{t("boards.resident.intro")}</p>
      <p>
        <a href={`/democracy/demands?department=${p.department.id}`}>{t("boards.nav.demands")}</a>
      </p>
      <ReachedNotice ctx={p.ctx} demands={p.demands} />
      <MembersTable ctx={p.ctx} caption={t("boards.resident.members_caption")} members={p.sitting} contact />
      <p>{t("boards.resident.reach_hint")}</p>
      {p.myTerms.length ? (
        <section aria-labelledby="my-contact">
          <h2 id="my-contact">{t("boards.resident.my_contact")}</h2>
          {p.myTerms.map((m) => (
            <PostForm
              key={m.termId}
              action={`/democracy/board/terms/${m.termId}/contact`}
              csrf={p.ctx.csrfToken}
            >
              <p>
                {roleLabel(t, m)}:{" "}
                {m.hasContactConsent
                  ? t("boards.resident.contact_shown")
                  : t("boards.resident.contact_not_shown")}
              </p>
              <input type="hidden" name="consent" value={m.hasContactConsent ? "nej" : "ja"} />
              <button type="submit" class="button button-secondary">
                {m.hasContactConsent ? t("boards.resident.hide_contact") : t("boards.resident.show_contact")}
              </button>
            </PostForm>
          ))}
        </section>
      ) : null}
      {p.pending.length ? (
        <section aria-labelledby="my-nominations">
          <h2 id="my-nominations">{t("boards.nominations.yours")}</h2>
          {p.pending.map((n) => (
            <PostForm
              key={n.id}
              action={`/democracy/board/nominations/${n.id}/answer`}
              csrf={p.ctx.csrfToken}
            >
              <p>
                {t("boards.nominations.pending_line", {
                  name: n.nominatedBy ?? "",
                  meeting: n.meeting ?? "",
                  date: formatDate(n.date, lang),
                })}
              </p>
              <button type="submit" name="answer" value="accept" class="button button-primary">
                {t("boards.nominations.accept")}
              </button>{" "}
              <button type="submit" name="answer" value="decline" class="button button-secondary">
                {t("boards.nominations.decline")}
              </button>
            </PostForm>
          ))}
        </section>
      ) : null}
      <section aria-labelledby="elections">
        <h2 id="elections">{t("boards.resident.elections")}</h2>
        {p.openElections.length === 0 ? <p>{t("boards.resident.no_open_elections")}</p> : null}
        {p.openElections.map((e) => (
          <div key={e.election.id}>
            <h3>
              {t("boards.elections.line", {
                date: formatDate(e.election.date, lang),
                kind: t(`boards.elections.kind.${e.election.kind}`),
                meeting: e.election.meeting ?? "",
              })}
            </h3>
            <p>
              {e.candidates.length
                ? t("boards.resident.candidates", { names: e.candidates.join(", ") })
                : t("boards.resident.no_candidates")}
            </p>
            {p.canNominate && e.nominationsOpen ? (
              <p>
                <a
                  class="button button-primary"
                  href={`/democracy/board/elections/${e.election.id}/nominate`}
                >
                  {t("boards.nominations.submit")}
                </a>
              </p>
            ) : null}
            {!e.nominationsOpen ? <p>{t("boards.errors.nominations_closed")}</p> : null}
          </div>
        ))}
        {p.results.map((r) => (
          <div key={r.election.id}>
            <h3>
              {t("boards.resident.result_heading", {
                date: formatDate(r.election.date, lang),
                kind: t(`boards.elections.kind.${r.election.kind}`),
              })}
            </h3>
            <ul>
              {r.elected.map((n) => (
                <li key={n.id}>
                  {n.name}: {outcomeLabel(t, n)} ({t("boards.resident.votes", { count: n.votes ?? 0 })})
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      {p.organisationBoard ? (
        <section aria-labelledby="org-board">
          <h2 id="org-board">{t("boards.staff.organisation_board", { name: p.organisationBoard.name })}</h2>
          <MembersTable
            ctx={p.ctx}
            caption={t("boards.staff.organisation_board", { name: p.organisationBoard.name })}
            members={p.organisationBoard.sitting}
            contact
          />
        </section>
      ) : null}
    </Layout>
  );
}

export interface NominatePageProps {
  ctx: PageContext;
  department: DepartmentChoice;
  election: OpenElectionView;
  homes: { value: string; label: string }[];
  values: FormValues;
  errors: FieldErrors;
}

export function NominatePage(p: NominatePageProps) {
  const { t, lang } = p.ctx;
  const e = p.election.election;
  const title = t("boards.nominations.title", { date: formatDate(e.date, lang) });
  return (
    <Layout ctx={p.ctx} title={title}>
      <Breadcrumbs
        ctx={p.ctx}
        trail={[{ href: `/democracy/board?department=${p.department.id}`, label: p.department.name }]}
      />
      <h1>{title}</h1>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{
          who: t("boards.nominations.who"),
          unitId: t("boards.fields.neighbour_home"),
          name: t("boards.fields.neighbour_name"),
        }}
      />
      <p class="font-lead">{t("boards.nominations.intro")}</p>
      <NominateForm p={p} />
    </Layout>
  );
}

function NominateForm({ p }: { p: NominatePageProps }) {
  const { t } = p.ctx;
  const { values, errors } = p;
  return (
    <PostForm
      action={`/democracy/board/elections/${p.election.election.id}/nominations`}
      csrf={p.ctx.csrfToken}
    >
      <RadioGroup
        t={t}
        name="who"
        legend={t("boards.nominations.who")}
        value={values.who ?? "self"}
        options={[
          { value: "self", label: t("boards.nominations.who_self") },
          { value: "neighbour", label: t("boards.nominations.who_neighbour") },
        ]}
        errors={errors}
      />
      <SelectField
        t={t}
        name="unitId"
        label={t("boards.fields.neighbour_home")}
        value={values.unitId}
        options={[{ value: "", label: t("boards.fields.choose_home") }, ...p.homes]}
        errors={errors}
      />
      <TextField
        t={t}
        name="name"
        label={t("boards.fields.neighbour_name")}
        hint={t("boards.fields.neighbour_hint")}
        value={values.name}
        errors={errors}
      />
      <button type="submit" class="button button-primary">
        {t("boards.nominations.submit")}
      </button>
    </PostForm>
  );
}

/** Staff open the residents' pages for a department they choose. */
export function ChooseDepartmentPage(p: {
  ctx: PageContext;
  title: string;
  action: string;
  departments: DepartmentChoice[];
}) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <h1>{p.title}</h1>
      {p.departments.length ? (
        <DepartmentSwitch ctx={p.ctx} action={p.action} departments={p.departments} />
      ) : (
        <p>{t("boards.resident.no_department")}</p>
      )}
    </Layout>
  );
}
