import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostForm,
  RadioGroup,
  SelectField,
  TableWrap,
  TextAreaField,
  TextField,
} from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../ui/page-parts.tsx";
import type { ResultsView, VoteView } from "./presenters.ts";
import { Question, ResultsSection, RollSection, VoteFacts } from "./vote-parts.tsx";
import { voteTime } from "./vote-time.ts";

/** Staff pages: the votes within reach, a new vote, one vote's actions, paper ballots and roll. */

const staffTitle = (ctx: PageContext) => ctx.t("votes.staff.title");

export function StaffVotesPage({ ctx, votes }: { ctx: PageContext; votes: VoteView[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={staffTitle(ctx)}>
      <h1>{staffTitle(ctx)}</h1>
      <p>
        <a class="button button-primary" href="/votes/manage/new">
          {t("votes.staff.new")}
        </a>
      </p>
      {votes.length === 0 ? (
        <p>{t("votes.staff.none")}</p>
      ) : (
        <TableWrap label={staffTitle(ctx)}>
          <table class="table">
            <thead>
              <tr>
                {(["title", "department", "kind", "status", "opens", "closes"] as const).map((c) => (
                  <th key={c} scope="col">
                    {t(`votes.staff.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {votes.map((v) => (
                <tr key={v.id}>
                  <td>
                    <a href={`/votes/manage/${v.id}`}>{v.title}</a>
                  </td>
                  <td>{v.department}</td>
                  <td>{t(`votes.kind.${v.kind}`)}</td>
                  <td>{t(`votes.status.${v.status}`)}</td>
                  <td>{voteTime(t, ctx.lang, v.opensAt, "opens")}</td>
                  <td>{voteTime(t, ctx.lang, v.closesAt, "closes")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Layout>
  );
}

export function NewVotePage({
  ctx,
  departments,
  values,
  errors,
}: {
  ctx: PageContext;
  departments: { value: string; label: string }[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t } = ctx;
  const f = (key: string) => t(`votes.staff.form.${key}`);
  return (
    <Layout ctx={ctx} title={t("votes.staff.new")}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/votes/manage", label: staffTitle(ctx) }]} />
      <h1>{t("votes.staff.new")}</h1>
      <ErrorSummary
        t={t}
        errors={errors}
        labels={{
          department: f("department"),
          title: f("title"),
          question: f("question"),
          kind: f("kind"),
          opens_date: f("opens_date"),
          opens_time: f("opens_time"),
          closes_date: f("closes_date"),
          closes_time: f("closes_time"),
        }}
      />
      <PostForm action="/votes/manage" csrf={ctx.csrfToken}>
        <SelectField
          t={t}
          name="department"
          label={f("department")}
          value={values.department}
          options={departments}
          errors={errors}
        />
        <TextField
          t={t}
          name="title"
          label={f("title")}
          hint={f("title_hint")}
          value={values.title}
          errors={errors}
        />
        <TextAreaField
          t={t}
          name="question"
          label={f("question")}
          hint={f("question_hint")}
          value={values.question}
          errors={errors}
        />
        <RadioGroup
          t={t}
          name="kind"
          legend={f("kind")}
          value={values.kind}
          options={(["ballot", "digital"] as const).map((k) => ({ value: k, label: t(`votes.kind.${k}`) }))}
          errors={errors}
        />
        <TextField
          t={t}
          type="date"
          name="opens_date"
          label={f("opens_date")}
          value={values.opens_date}
          errors={errors}
        />
        <TextField
          t={t}
          name="opens_time"
          label={f("opens_time")}
          hint={f("time_hint")}
          value={values.opens_time}
          errors={errors}
        />
        <TextField
          t={t}
          type="date"
          name="closes_date"
          label={f("closes_date")}
          value={values.closes_date}
          errors={errors}
        />
        <TextField
          t={t}
          name="closes_time"
          label={f("closes_time")}
          hint={f("time_hint")}
          value={values.closes_time}
          errors={errors}
        />
        <button type="submit" class="button button-primary">
          {f("submit")}
        </button>
      </PostForm>
    </Layout>
  );
}

export interface RollLine {
  address: string;
  name: string;
  personId: string;
  seq: number;
  voted: "web" | "paper" | null;
}

export interface StaffVotePageProps {
  ctx: PageContext;
  vote: VoteView;
  turnout: { marks: number; envelopes: number } | null;
  rollMatches: boolean | null;
  results: ResultsView | null;
  roll: RollLine[];
  values?: FormValues;
  errors?: FieldErrors;
}

function PaperBallotForm({ ctx, vote, roll, values, errors }: StaffVotePageProps) {
  const { t } = ctx;
  const waiting = roll.filter((r) => r.voted === null);
  const people = [...new Map(waiting.map((r) => [r.personId, r])).values()];
  return (
    <section aria-labelledby="paper-heading">
      <h2 id="paper-heading">{t("votes.staff.paper_heading")}</h2>
      <p>{t("votes.staff.paper_hint")}</p>
      <PostForm action={`/votes/manage/${vote.id}/paper`} csrf={ctx.csrfToken}>
        <SelectField
          t={t}
          name="person"
          label={t("votes.staff.paper_person")}
          value={values?.person}
          options={[
            { value: "", label: "" },
            ...people.map((r) => ({ value: r.personId, label: `${r.name} – ${r.address}` })),
          ]}
          errors={errors}
        />
        <RadioGroup
          t={t}
          name="choice"
          legend={t("votes.staff.paper_choice")}
          value={values?.choice}
          options={(["yes", "no", "blank"] as const).map((c) => ({
            value: c,
            label: t(`votes.choice.${c}`),
          }))}
          errors={errors}
        />
        <button type="submit" class="button button-primary">
          {t("votes.staff.paper_submit")}
        </button>
      </PostForm>
    </section>
  );
}

function RollTable({ ctx, roll }: { ctx: PageContext; roll: RollLine[] }) {
  const { t } = ctx;
  return (
    <TableWrap label={t("votes.staff.roll_table")}>
      <table class="table">
        <caption class="sr-only">{t("votes.staff.roll_table")}</caption>
        <thead>
          <tr>
            {(["address", "name", "ballot", "voted"] as const).map((c) => (
              <th key={c} scope="col">
                {t(`votes.staff.roll_columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {roll.map((r) => (
            <tr key={`${r.personId}-${r.seq}`}>
              <td>{r.address}</td>
              <td>{r.name}</td>
              <td>{r.seq}</td>
              <td>{t(`votes.staff.voted.${r.voted ?? "none"}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function StaffVotePage(p: StaffVotePageProps) {
  const { ctx, vote, turnout, results } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={vote.title}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/votes/manage", label: staffTitle(ctx) }]} />
      <h1>{vote.title}</h1>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{ person: t("votes.staff.paper_person"), choice: t("votes.staff.paper_choice") }}
      />
      <VoteFacts ctx={ctx} vote={vote} />
      <Question ctx={ctx} vote={vote} />
      <h2>{t("votes.staff.actions")}</h2>
      {vote.status === "planned" ? (
        <PostForm action={`/votes/manage/${vote.id}/open`} csrf={ctx.csrfToken}>
          <button type="submit" class="button button-primary">
            {t("votes.staff.open_now")}
          </button>
        </PostForm>
      ) : null}
      {vote.status === "open" ? (
        <>
          {turnout ? <p>{t("votes.staff.turnout", turnout)}</p> : null}
          <PostForm action={`/votes/manage/${vote.id}/close`} csrf={ctx.csrfToken}>
            <button type="submit" class="button button-secondary">
              {t("votes.staff.close_now")}
            </button>
          </PostForm>
        </>
      ) : null}
      <p>
        <a href={`/votes/${vote.id}`}>{t("votes.staff.public_page")}</a>
      </p>
      {vote.status === "open" ? <PaperBallotForm {...p} /> : null}
      {results ? <ResultsSection ctx={ctx} results={results} /> : null}
      <RollSection ctx={ctx} vote={vote} matches={p.rollMatches} />
      {p.roll.length ? <RollTable ctx={ctx} roll={p.roll} /> : null}
    </Layout>
  );
}
