import { ErrorSummary, type FieldErrors, PostForm, RadioGroup, TextField } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../ui/page-parts.tsx";
import type { Entitlement } from "./cast.service.ts";
import type { ResultsView, VoteView } from "./presenters.ts";
import { Question, ResultsSection, RollSection, VoteFacts } from "./vote-parts.tsx";
import { voteTime } from "./vote-time.ts";

/** The resident's pages: the department's votes, one vote (cast, receipt check, results). */

export interface VoteListItem {
  vote: VoteView;
  results: { yes: number; no: number; blank: number } | null;
}

function VoteList({
  ctx,
  items,
  empty,
  line,
}: {
  ctx: PageContext;
  items: VoteListItem[];
  empty: string;
  line: (item: VoteListItem) => string;
}) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul class="nobullet-list almen-list">
      {items.map((item) => (
        <li key={item.vote.id}>
          <a href={`/votes/${item.vote.id}`}>{item.vote.title}</a> – {ctx.t(`votes.kind.${item.vote.kind}`)},{" "}
          {item.vote.department}. {line(item)}
        </li>
      ))}
    </ul>
  );
}

export function VotesPage({ ctx, items }: { ctx: PageContext; items: VoteListItem[] }) {
  const { t } = ctx;
  const by = (status: string) => items.filter((i) => i.vote.status === status);
  return (
    <Layout ctx={ctx} title={t("votes.title")}>
      <h1>{t("votes.title")}</h1>
      <p>{t("votes.intro")}</p>
      <h2>{t("votes.list.open")}</h2>
      <VoteList
        ctx={ctx}
        items={by("open")}
        empty={t("votes.list.none_open")}
        line={(i) => t("votes.list.closes", { when: voteTime(t, ctx.lang, i.vote.closesAt, "closes") })}
      />
      <h2>{t("votes.list.upcoming")}</h2>
      <VoteList
        ctx={ctx}
        items={by("planned")}
        empty={t("votes.list.none_upcoming")}
        line={(i) => t("votes.list.opens", { when: voteTime(t, ctx.lang, i.vote.opensAt, "opens") })}
      />
      <h2>{t("votes.list.closed")}</h2>
      <VoteList
        ctx={ctx}
        items={by("closed")}
        empty={t("votes.list.none_closed")}
        line={(i) =>
          `${t("votes.list.closed_on", { when: voteTime(t, ctx.lang, i.vote.closesAt, "closes") })} ${i.results ? t("votes.list.result_line", i.results) : ""}`
        }
      />
    </Layout>
  );
}

export interface VotePageProps {
  ctx: PageContext;
  vote: VoteView;
  /** The viewer's place on the roll; null for staff who are not residents of the department. */
  entitlement: Entitlement | null;
  manages: boolean;
  rollMatches: boolean | null;
  results: ResultsView | null;
  receiptCount: number;
  check?: { code: string; found: boolean };
  values?: Record<string, string>;
  errors?: FieldErrors;
}

function CastForm({ ctx, vote, entitlement, values, errors }: VotePageProps & { entitlement: Entitlement }) {
  const { t } = ctx;
  const count = entitlement.remaining;
  const options = (["yes", "no", "blank"] as const).map((c) => ({ value: c, label: t(`votes.choice.${c}`) }));
  return (
    <section aria-labelledby="cast-heading">
      <h2 id="cast-heading">{t("votes.cast.heading")}</h2>
      <p>{t(count === 2 ? "votes.cast.two" : "votes.cast.one")}</p>
      <p>{t("votes.cast.secret")}</p>
      <PostForm action={`/votes/${vote.id}/cast`} csrf={ctx.csrfToken}>
        {Array.from({ length: count }, (_, i) => (
          <RadioGroup
            key={i}
            t={t}
            name={`choice_${i + 1}`}
            legend={count === 1 ? t("votes.cast.legend_one") : t("votes.cast.legend_n", { n: i + 1 })}
            value={values?.[`choice_${i + 1}`]}
            options={options}
            errors={errors}
          />
        ))}
        <button type="submit" class="button button-primary">
          {t("votes.cast.submit")}
        </button>
      </PostForm>
    </section>
  );
}

function VoterStatus(p: VotePageProps) {
  const { ctx, vote, entitlement } = p;
  const { t } = ctx;
  if (!entitlement) return <p>{t("votes.detail.staff_view")}</p>;
  if (vote.status === "planned") {
    return (
      <p>
        {t("votes.detail.opens_later", {
          when: voteTime(t, ctx.lang, vote.opensAt, "opens"),
          closes: voteTime(t, ctx.lang, vote.closesAt, "closes"),
        })}
      </p>
    );
  }
  if (vote.status === "closed") return <p>{t("votes.detail.closed_now")}</p>;
  if (!entitlement.onRoll) return <p>{t("votes.detail.not_on_roll")}</p>;
  return (
    <>
      {entitlement.channel ? <p>{t(`votes.detail.voted_${entitlement.channel}`)}</p> : null}
      {entitlement.remaining > 0 ? (
        <CastForm {...p} entitlement={entitlement} />
      ) : entitlement.cast === 0 ? (
        <p>{t("votes.detail.household_done")}</p>
      ) : null}
    </>
  );
}

function ReceiptCheck({ ctx, vote, receiptCount, check, values, errors }: VotePageProps) {
  const { t } = ctx;
  return (
    <section aria-labelledby="check-heading">
      <h2 id="check-heading">{t("votes.check.heading")}</h2>
      {check ? (
        <div class={check.found ? "alert alert-success" : "alert alert-warning"} role="status">
          <p class="alert-text">
            {t(check.found ? "votes.check.found" : "votes.check.not_found", { code: check.code })}
          </p>
        </div>
      ) : null}
      {/* A POST, so the code never appears in a URL or a request log next to the person asking. */}
      <PostForm action={`/votes/${vote.id}/receipt`} csrf={ctx.csrfToken}>
        <TextField
          t={t}
          name="code"
          label={t("votes.check.label")}
          hint={t("votes.check.hint")}
          value={values?.code}
          errors={errors}
          autocomplete="off"
        />
        <button type="submit" class="button button-secondary">
          {t("votes.check.submit")}
        </button>
      </PostForm>
      <p>
        <a href={`/votes/${vote.id}/receipts.txt`}>{t("votes.check.list", { count: receiptCount })}</a>
      </p>
    </section>
  );
}

export function VotePage(p: VotePageProps) {
  const { ctx, vote, results, manages } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={vote.title}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/votes", label: t("votes.title") }]} />
      <h1>{vote.title}</h1>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{
          choice_1:
            p.entitlement?.remaining === 2 ? t("votes.cast.legend_n", { n: 1 }) : t("votes.cast.legend_one"),
          choice_2: t("votes.cast.legend_n", { n: 2 }),
          code: t("votes.check.label"),
        }}
      />
      <VoteFacts ctx={ctx} vote={vote} />
      <Question ctx={ctx} vote={vote} />
      <VoterStatus {...p} />
      {manages ? (
        <p>
          <a href={`/votes/manage/${vote.id}`}>{t("votes.detail.staff_link")}</a>
        </p>
      ) : null}
      {results ? (
        <>
          <ResultsSection ctx={ctx} results={results} />
          <ReceiptCheck {...p} />
        </>
      ) : (
        <p>{t("votes.results.hidden")}</p>
      )}
      <RollSection ctx={ctx} vote={vote} matches={p.rollMatches} />
    </Layout>
  );
}

/** Shown once, in answer to the cast: the receipt codes are stored nowhere else in readable form. */
export function ReceiptPage({
  ctx,
  vote,
  receipts,
  paperFor,
}: {
  ctx: PageContext;
  vote: VoteView;
  receipts: string[];
  /** The voter's name when staff registered a paper ballot. */
  paperFor?: string;
}) {
  const { t } = ctx;
  const title = paperFor ? t("votes.receipt.paper_title") : t("votes.receipt.title");
  const back = paperFor ? `/votes/manage/${vote.id}` : `/votes/${vote.id}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{vote.title}</p>
      <p>
        {paperFor
          ? t("votes.receipt.paper_text", { name: paperFor })
          : t(receipts.length === 2 ? "votes.receipt.received_two" : "votes.receipt.received_one")}
      </p>
      <ul class="nobullet-list">
        {receipts.map((r) => (
          <li key={r} class="font-lead">
            {t("votes.receipt.code_label")}: <strong class="almen-code">{r}</strong>
          </li>
        ))}
      </ul>
      <p>{t("votes.receipt.keep")}</p>
      <p>
        <a href={back}>{t("votes.receipt.back")}</a>
      </p>
    </Layout>
  );
}
