import { formatDate } from "../../../../platform/dates.ts";
import { ErrorSummary, type FieldErrors, type FormValues, PostForm } from "../../../../ui/components.tsx";
import { Layout } from "../../../../ui/layout.tsx";
import type { PageContext } from "../../../../ui/page-context.ts";
import { Breadcrumbs, Facts, when } from "../../../../ui/page-parts.tsx";
import type { AgendaItemView, MeetingView, ProposalView } from "../presenters.ts";
import { AgendaEditor, DetailsForm, EconomyForm } from "./agenda-edit.views.tsx";
import { AgendaList, DeadlineList, Economy, StageSteps } from "./meeting-parts.tsx";
import { meetingsCrumbs } from "./staff-list.views.tsx";

/** Staff and board chair: one meeting, walked through its lifecycle one step at a time. */

export interface StaffMeetingProps {
  ctx: PageContext;
  meeting: MeetingView;
  agenda: AgendaItemView[];
  proposals: ProposalView[];
  /** The meeting day has come (check-in and votes are possible once the final agenda is out). */
  meetingDayReached: boolean;
  boardLink: boolean;
  values: FormValues;
  errors: FieldErrors;
}

const agendaOpen = (stage: MeetingView["stage"]) => ["planned", "convened", "proposals_open"].includes(stage);

function StepButton({
  ctx,
  meetingId,
  action,
  label,
}: {
  ctx: PageContext;
  meetingId: string;
  action: string;
  label: string;
}) {
  return (
    <li>
      <PostForm action={`/meetings/${meetingId}/${action}`} csrf={ctx.csrfToken}>
        <button type="submit" class="button button-primary">
          {label}
        </button>
      </PostForm>
    </li>
  );
}

/** What can be done next, by stage. */
function NextStep({ p }: { p: StaffMeetingProps }) {
  const { ctx, meeting: m } = p;
  const { t, lang } = ctx;
  const link = (href: string, label: string) => (
    <li>
      <a class="button button-primary" href={href}>
        {label}
      </a>
    </li>
  );
  const steps = {
    planned: <StepButton ctx={ctx} meetingId={m.id} action="convene" label={t("meetings.actions.convene")} />,
    convened: (
      <StepButton
        ctx={ctx}
        meetingId={m.id}
        action="open-proposals"
        label={t("meetings.actions.open_proposals")}
      />
    ),
    proposals_open: (
      <StepButton
        ctx={ctx}
        meetingId={m.id}
        action="final-agenda"
        label={t("meetings.actions.final_agenda")}
      />
    ),
    final_agenda_published: p.meetingDayReached ? (
      link(`/meetings/${m.id}/run`, t("meetings.actions.run"))
    ) : (
      <li>{t("meetings.staff.meeting_day", { date: formatDate(m.meetingDate, lang) })}</li>
    ),
    held: link(`/meetings/${m.id}/minutes`, t("meetings.actions.minutes")),
    minutes_approved: link(`/meetings/${m.id}/minutes`, t("meetings.actions.publish_minutes")),
    published: link(`/democracy/meetings/${m.id}`, t("meetings.actions.residents_view")),
    cancelled: null,
  } as const;
  const hint = {
    planned: "meetings.staff.hint.planned",
    convened: "meetings.staff.hint.convened",
    proposals_open: "meetings.staff.hint.proposals_open",
    final_agenda_published: "meetings.staff.hint.final_agenda_published",
    held: "meetings.staff.hint.held",
    minutes_approved: "meetings.staff.hint.minutes_approved",
    published: "meetings.staff.hint.published",
    cancelled: "meetings.stage.cancelled",
  } as const;
  const cancellable = ["planned", "convened", "proposals_open", "final_agenda_published"].includes(m.stage);
  return (
    <section aria-labelledby="next-heading">
      <h2 id="next-heading">{t("meetings.staff.next")}</h2>
      <p>{t(hint[m.stage])}</p>
      <ul class="almen-actions nobullet-list">
        {steps[m.stage]}
        {cancellable ? (
          <li>
            <PostForm action={`/meetings/${m.id}/cancel`} csrf={ctx.csrfToken}>
              <button type="submit" class="button button-secondary">
                {t("meetings.actions.cancel")}
              </button>
            </PostForm>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

function ProposalsSummary({ p }: { p: StaffMeetingProps }) {
  const { t } = p.ctx;
  return (
    <section aria-labelledby="proposals-heading">
      <h2 id="proposals-heading">{t("meetings.staff.proposals")}</h2>
      {p.proposals.length === 0 ? (
        <p>{t("meetings.staff.no_proposals")}</p>
      ) : (
        <ul>
          {p.proposals.map((x) => (
            <li key={x.id}>
              {x.title} ({t(`meetings.proposal_kind.${x.kind}`)}, {t(`meetings.proposal_status.${x.status}`)})
            </li>
          ))}
        </ul>
      )}
      {p.boardLink ? (
        <p>
          <a href={`/democracy/meetings/${p.meeting.id}/board`}>{t("meetings.staff.board_link")}</a>
        </p>
      ) : null}
    </section>
  );
}

export function StaffMeetingPage(p: StaffMeetingProps) {
  const { ctx, meeting: m } = p;
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={m.title}>
      <Breadcrumbs ctx={ctx} trail={meetingsCrumbs(ctx)} />
      <h1>{m.title}</h1>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{
          title: t("meetings.fields.title"),
          date: t("meetings.fields.date"),
          time: t("meetings.fields.time"),
          location: t("meetings.fields.location"),
          item_title: t("meetings.fields.item_title"),
          item_description: t("meetings.fields.item_description"),
          budget: t("meetings.fields.budget"),
          accounts: t("meetings.fields.accounts"),
        }}
      />
      <Facts
        rows={[
          [t("meetings.fields.department_id"), m.department],
          [t("meetings.fields.kind"), t(`meetings.kind.${m.kind}`)],
          [t("meetings.fields.starts_at"), when(ctx, m.startsAt)],
          [t("meetings.fields.location"), m.location],
          [t("meetings.fields.stage"), t(`meetings.stage.${m.stage}`)],
          [t("meetings.fields.meeting_chair"), m.meetingChair],
          ...(m.demandConveneBy
            ? ([[t("meetings.fields.demand_convene_by"), formatDate(m.demandConveneBy, lang)]] as [
                string,
                string,
              ][])
            : []),
        ]}
      />
      <StageSteps ctx={ctx} stage={m.stage} />
      <NextStep p={p} />
      <section aria-labelledby="deadlines-heading">
        <h2 id="deadlines-heading">{t("meetings.parts.deadlines")}</h2>
        <DeadlineList ctx={ctx} meeting={m} />
      </section>
      {m.stage === "planned" ? (
        <DetailsForm ctx={ctx} meeting={m} values={p.values} errors={p.errors} />
      ) : null}
      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t("meetings.parts.agenda")}</h2>
        {agendaOpen(m.stage) ? (
          <AgendaEditor ctx={ctx} meetingId={m.id} agenda={p.agenda} values={p.values} errors={p.errors} />
        ) : (
          <AgendaList ctx={ctx} agenda={p.agenda} details={true} minutes={true} />
        )}
      </section>
      <section aria-labelledby="economy-heading">
        <h2 id="economy-heading">{t("meetings.parts.economy")}</h2>
        <Economy ctx={ctx} meeting={m} />
        {agendaOpen(m.stage) ? (
          <EconomyForm ctx={ctx} meeting={m} values={p.values} errors={p.errors} />
        ) : null}
      </section>
      <ProposalsSummary p={p} />
    </Layout>
  );
}
