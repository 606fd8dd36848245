import { formatDate, formatKroner } from "../../../../platform/dates.ts";
import { TableWrap } from "../../../../ui/components.tsx";
import type { PageContext } from "../../../../ui/page-context.ts";
import { when } from "../../../../ui/page-parts.tsx";
import { type AmountLine, meetingStages } from "../meetings.table.ts";
import type { AgendaItemView, ApprovalView, MeetingView } from "../presenters.ts";

/** Pieces the staff, board and resident pages of a meeting share. */

/** Text typed by people: a blank line starts a paragraph, a line break stays a line break. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\r?\n\s*\r?\n/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>
            {p.split(/\r?\n/).map((line, j) => (
              <span key={j}>
                {j > 0 ? <br /> : null}
                {line}
              </span>
            ))}
          </p>
        ))}
    </>
  );
}

/** The lifecycle as a numbered list, the current stage marked. */
export function StageSteps({ ctx, stage }: { ctx: PageContext; stage: MeetingView["stage"] }) {
  const { t } = ctx;
  if (stage === "cancelled") return <p class="alert alert-warning">{t("meetings.stage.cancelled")}</p>;
  const current = meetingStages.indexOf(stage);
  return (
    <section aria-labelledby="stages-heading">
      <h2 id="stages-heading" class="h3">
        {t("meetings.parts.stages")}
      </h2>
      <ol>
        {meetingStages.map((s, i) => (
          <li key={s} aria-current={i === current ? "step" : undefined}>
            {i < current ? <span class="sr-only">{t("meetings.parts.done")} </span> : null}
            {i === current ? <strong>{t(`meetings.stage.${s}`)}</strong> : t(`meetings.stage.${s}`)}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The deadlines of a meeting, each with its explanation. */
export function DeadlineList({
  ctx,
  meeting,
  only,
}: {
  ctx: PageContext;
  meeting: MeetingView;
  only?: "residents";
}) {
  const { t, lang } = ctx;
  const d = meeting.deadlines;
  const rows: [string, string, string][] = [
    ["proposal_deadline", d.proposalDeadline, d.explanations.proposalDeadline],
    ["final_agenda_by", d.finalAgendaBy, d.explanations.finalAgendaBy],
  ];
  if (only !== "residents") rows.unshift(["convene_by", d.conveneBy, d.explanations.conveneBy]);
  return (
    <dl class="almen-facts">
      {rows.map(([key, date, why]) => (
        <div key={key}>
          <dt>{t(`meetings.parts.${key}`)}</dt>
          <dd>
            <strong>{formatDate(date, lang)}</strong>
            <br />
            <span class="form-hint">{why}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function outcomeText(ctx: PageContext, item: AgendaItemView): string {
  const { t } = ctx;
  if (!item.outcome) return "";
  const counts =
    item.votesFor === null
      ? ""
      : ` ${t("meetings.parts.counts", { for: item.votesFor, against: item.votesAgainst, blank: item.votesBlank })}`;
  return `${t(`meetings.outcome.${item.outcome}`)}${counts}`;
}

/** The agenda, each item with its description, amendments and (when decided) its outcome. */
export function AgendaList({
  ctx,
  agenda,
  details,
  minutes,
}: {
  ctx: PageContext;
  agenda: AgendaItemView[];
  details: boolean;
  minutes?: boolean;
}) {
  const { t } = ctx;
  if (agenda.length === 0) return <p>{t("meetings.parts.no_items")}</p>;
  return (
    <ol>
      {agenda.map((item) => (
        <li key={item.id}>
          <h3 class="h4">{item.title}</h3>
          {details && item.description ? <Paragraphs text={item.description} /> : null}
          {details && item.amendments.length ? (
            <div>
              <h4 class="h5">{t("meetings.parts.amendments")}</h4>
              <ul>
                {item.amendments.map((a) => (
                  <li key={a.id}>
                    <strong>{a.title}</strong>
                    <Paragraphs text={a.body} />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {minutes && item.minutesText ? <Paragraphs text={item.minutesText} /> : null}
          {minutes && item.outcome ? (
            <p>
              <strong>{t("meetings.parts.decision")}:</strong>{" "}
              {item.decisionText ? `${item.decisionText} – ` : ""}
              {outcomeText(ctx, item)}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function AmountTable({ ctx, caption, lines }: { ctx: PageContext; caption: string; lines: AmountLine[] }) {
  const { t, lang } = ctx;
  const total = lines.reduce((s, l) => s + l.amountOre, 0);
  return (
    <TableWrap label={caption}>
      <table class="table table--zebra">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("meetings.parts.line")}</th>
            <th scope="col" class="align-text-right">
              {t("meetings.parts.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i}>
              <td>{l.label}</td>
              <td class="align-text-right">{formatKroner(l.amountOre, lang)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("meetings.parts.total")}</th>
            <td class="align-text-right">{formatKroner(total, lang)}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

/** The condensed budget and accounts. */
export function Economy({ ctx, meeting }: { ctx: PageContext; meeting: MeetingView }) {
  const { t } = ctx;
  if (!meeting.budget.length && !meeting.accounts.length) return <p>{t("meetings.parts.no_economy")}</p>;
  return (
    <div>
      {meeting.budget.length ? (
        <AmountTable ctx={ctx} caption={t("meetings.parts.budget")} lines={meeting.budget} />
      ) : null}
      {meeting.accounts.length ? (
        <AmountTable ctx={ctx} caption={t("meetings.parts.accounts")} lines={meeting.accounts} />
      ) : null}
    </div>
  );
}

/** Who approved the minutes, and when. */
export function Approvals({ ctx, approvals }: { ctx: PageContext; approvals: ApprovalView[] }) {
  const { t } = ctx;
  if (!approvals.length) return <p>{t("meetings.parts.no_approvals")}</p>;
  return (
    <ul>
      {approvals.map((a) => (
        <li key={a.role}>
          {t(`meetings.parts.approved_${a.role}`, { name: a.name, at: when(ctx, a.approvedAt) })}
        </li>
      ))}
    </ul>
  );
}
