import { TableWrap } from "../../../ui/components.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Facts, when } from "../../../ui/page-parts.tsx";
import { paragraphs, type ResultsView, type VoteView } from "./presenters.ts";
import { voteTime } from "./vote-time.ts";

/** Pieces the resident's and the staff's vote pages share. */

export function VoteFacts({ ctx, vote }: { ctx: PageContext; vote: VoteView }) {
  const { t } = ctx;
  return (
    <Facts
      rows={[
        [t("votes.facts.department"), vote.department],
        [t("votes.facts.kind"), t(`votes.kind.${vote.kind}`)],
        [t("votes.facts.opens"), voteTime(t, ctx.lang, vote.opensAt, "opens")],
        [t("votes.facts.closes"), voteTime(t, ctx.lang, vote.closesAt, "closes")],
        [t("votes.facts.status"), t(`votes.status.${vote.status}`)],
      ]}
    />
  );
}

export function Question({ ctx, vote }: { ctx: PageContext; vote: VoteView }) {
  return (
    <>
      <h2>{ctx.t("votes.detail.question")}</h2>
      {paragraphs(vote.question).map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </>
  );
}

/** The frozen roll: its counts, the rule, its hash and whether it still matches. */
export function RollSection({
  ctx,
  vote,
  matches,
}: {
  ctx: PageContext;
  vote: VoteView;
  matches: boolean | null;
}) {
  const { t } = ctx;
  const roll = vote.roll;
  return (
    <section aria-labelledby="roll-heading">
      <h2 id="roll-heading">{t("votes.roll.heading")}</h2>
      {roll ? (
        <>
          <p>
            {t("votes.roll.frozen", {
              when: when(ctx, roll.frozenAt),
              households: roll.households,
              people: roll.people,
              ballots: roll.ballots,
            })}
          </p>
          <p>{t(roll.soleAdultCastsBoth ? "votes.roll.sole_rule_on" : "votes.roll.sole_rule_off")}</p>
          <p>
            {/* In groups of eight, so it wraps on a phone and is easy to compare by eye. */}
            {t("votes.roll.hash")}: <code class="almen-hash">{roll.hash.match(/.{1,8}/g)!.join(" ")}</code>
          </p>
          {matches === null ? null : <p>{t(matches ? "votes.roll.matches" : "votes.roll.mismatch")}</p>}
        </>
      ) : (
        <p>{t("votes.roll.not_frozen")}</p>
      )}
    </section>
  );
}

/** The tally (recounted on every view) with ballots = roll marks. */
export function ResultsSection({ ctx, results }: { ctx: PageContext; results: ResultsView }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">{t("votes.results.heading")}</h2>
      <TableWrap label={t("votes.results.table")}>
        <table class="table">
          <caption class="sr-only">{t("votes.results.table")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("votes.results.answer")}</th>
              <th scope="col">{t("votes.results.count")}</th>
            </tr>
          </thead>
          <tbody>
            {(["yes", "no", "blank"] as const).map((c) => (
              <tr key={c}>
                <th scope="row">{t(`votes.choice.${c}`)}</th>
                <td>{results[c]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p>
        <strong>{t(`votes.outcome.${results.outcome}`)}</strong>
      </p>
      <ul>
        <li>{t("votes.results.ballots", { count: results.ballots })}</li>
        <li>{t("votes.results.marks", { count: results.marks })}</li>
      </ul>
      <p>{t(results.verified ? "votes.results.verified" : "votes.results.not_verified")}</p>
    </section>
  );
}
