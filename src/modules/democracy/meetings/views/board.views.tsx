import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostForm,
  TextAreaField,
  TextField,
} from "../../../../ui/components.tsx";
import { Layout } from "../../../../ui/layout.tsx";
import type { PageContext } from "../../../../ui/page-context.ts";
import { Breadcrumbs, when } from "../../../../ui/page-parts.tsx";
import type { AgendaItemView, MeetingView, ProposalView } from "../presenters.ts";
import { Paragraphs } from "./meeting-parts.tsx";

/** The department board: the residents' proposals, in the board's order, with comments. */

function ProposalCard(p: {
  ctx: PageContext;
  meetingId: string;
  proposal: ProposalView;
  amends: string | null;
  agendaOpen: boolean;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { ctx, proposal: x } = p;
  const { t } = ctx;
  const base = `/democracy/meetings/${p.meetingId}/board/proposals/${x.id}`;
  return (
    <li class="almen-card">
      <h2 class="h3">{x.title}</h2>
      <p>
        {t(`meetings.proposal_kind.${x.kind}`)}
        {p.amends ? ` – ${t("meetings.board.amends", { title: p.amends })}` : ""} ·{" "}
        {t("meetings.board.submitted", { name: x.submitter ?? "–", at: when(ctx, x.submittedAt) })} ·{" "}
        <span class="almen-status almen-status-info">{t(`meetings.proposal_status.${x.status}`)}</span>
      </p>
      <Paragraphs text={x.body} />
      <PostForm action={`${base}/review`} csrf={ctx.csrfToken}>
        <TextField
          t={t}
          name={`rank_${x.id}`}
          label={t("meetings.fields.rank", { title: x.title })}
          value={p.values[`rank_${x.id}`] ?? x.boardRank?.toString()}
          errors={p.errors}
          inputMode="numeric"
        />
        <TextAreaField
          t={t}
          name={`comment_${x.id}`}
          label={t("meetings.fields.board_comment", { title: x.title })}
          value={p.values[`comment_${x.id}`] ?? x.boardComment ?? ""}
          errors={p.errors}
          rows={3}
        />
        <button type="submit" class="button button-secondary">
          {t("meetings.actions.save_review")}
        </button>
      </PostForm>
      {p.agendaOpen && x.kind === "proposal" && x.status === "submitted" ? (
        <ul class="almen-actions nobullet-list">
          <li>
            <PostForm action={`${base}/agenda`} csrf={ctx.csrfToken}>
              <button type="submit" class="button button-primary">
                {t("meetings.actions.put_on_agenda", { title: x.title })}
              </button>
            </PostForm>
          </li>
          <li>
            <PostForm action={`${base}/keep-off`} csrf={ctx.csrfToken}>
              <TextField
                t={t}
                name={`reason_${x.id}`}
                label={t("meetings.fields.keep_off_reason", { title: x.title })}
                value={p.values[`reason_${x.id}`]}
                errors={p.errors}
              />
              <button type="submit" class="button button-secondary">
                {t("meetings.actions.keep_off")}
              </button>
            </PostForm>
          </li>
        </ul>
      ) : null}
    </li>
  );
}

export function BoardProposalsPage(p: {
  ctx: PageContext;
  meeting: MeetingView;
  agenda: AgendaItemView[];
  proposals: ProposalView[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { ctx, meeting: m } = p;
  const { t } = ctx;
  const title = t("meetings.board.title", { title: m.title });
  const agendaOpen = ["convened", "proposals_open"].includes(m.stage);
  const itemTitle = new Map(p.agenda.map((i) => [i.id, `${i.position}. ${i.title}`]));
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs
        ctx={ctx}
        trail={[
          { href: "/democracy", label: t("meetings.resident.title") },
          { href: `/democracy/meetings/${m.id}`, label: m.title },
        ]}
      />
      <h1>{title}</h1>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={Object.fromEntries(
          p.proposals.flatMap((x) => [
            [`rank_${x.id}`, t("meetings.fields.rank", { title: x.title })],
            [`comment_${x.id}`, t("meetings.fields.board_comment", { title: x.title })],
          ]),
        )}
      />
      <p class="font-lead">{t("meetings.board.intro")}</p>
      <p class="form-hint">{m.deadlines.explanations.proposalDeadline}</p>
      {p.proposals.length === 0 ? (
        <p>{t("meetings.staff.no_proposals")}</p>
      ) : (
        <ol class="almen-cards nobullet-list">
          {p.proposals.map((x) => (
            <ProposalCard
              key={x.id}
              ctx={ctx}
              meetingId={m.id}
              proposal={x}
              amends={x.amendsItemId ? (itemTitle.get(x.amendsItemId) ?? null) : null}
              agendaOpen={agendaOpen}
              values={p.values}
              errors={p.errors}
            />
          ))}
        </ol>
      )}
    </Layout>
  );
}
