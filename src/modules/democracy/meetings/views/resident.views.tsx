import { formatDate } from "../../../../platform/dates.ts";
import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostForm,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from "../../../../ui/components.tsx";
import { Layout } from "../../../../ui/layout.tsx";
import type { PageContext } from "../../../../ui/page-context.ts";
import { Breadcrumbs, Facts, when } from "../../../../ui/page-parts.tsx";
import type { ProposalWindow } from "../deadlines.ts";
import type { MeetingKind, MeetingStage } from "../meetings.table.ts";
import type { AgendaItemView, ApprovalView, MeetingView, ProposalView } from "../presenters.ts";
import { AgendaList, Approvals, DeadlineList, Economy, Paragraphs, StageSteps } from "./meeting-parts.tsx";

/** Residents: the democracy landing page and a meeting as the department's residents see it. */

export interface MeetingSummary {
  id: string;
  title: string;
  kind: MeetingKind;
  startsAt: string;
  stage: MeetingStage;
  proposalDeadline: string;
  proposalExplanation: string;
}

const democracyCrumbs = (ctx: PageContext) => [
  { href: "/democracy", label: ctx.t("meetings.resident.title") },
];

function MeetingCards({
  ctx,
  meetings,
  upcoming,
}: {
  ctx: PageContext;
  meetings: MeetingSummary[];
  upcoming: boolean;
}) {
  const { t } = ctx;
  if (meetings.length === 0)
    return <p>{t(upcoming ? "meetings.resident.no_upcoming" : "meetings.resident.no_past")}</p>;
  return (
    <ul class="almen-cards nobullet-list">
      {meetings.map((m) => (
        <li class="almen-card" key={m.id}>
          <h4>
            <a href={`/democracy/meetings/${m.id}`}>{m.title}</a>
          </h4>
          <p>
            {t(`meetings.kind.${m.kind}`)}, {when(ctx, m.startsAt)}
          </p>
          <p>
            <span class="almen-status almen-status-info">{t(`meetings.stage.${m.stage}`)}</span>
          </p>
          {upcoming ? <p class="form-hint">{m.proposalExplanation}</p> : null}
          {m.stage === "final_agenda_published" ? <p>{t("meetings.resident.final_agenda_out")}</p> : null}
          {m.stage === "published" ? <p>{t("meetings.resident.minutes_out")}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function DemocracyPage(p: {
  ctx: PageContext;
  departments: { value: string; label: string }[];
  department: { id: string; label: string } | null;
  upcoming: MeetingSummary[];
  past: MeetingSummary[];
  links: { href: string; label: string }[];
}) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("meetings.resident.title")}>
      <h1>{t("meetings.resident.title")}</h1>
      <p class="font-lead">{t("meetings.resident.intro")}</p>
      {p.departments.length > 1 ? (
        <form method="get" action="/democracy" class="almen-filter">
          <SelectField
            t={t}
            name="department"
            label={t("meetings.fields.department_id")}
            value={p.department?.id}
            options={p.departments}
          />
          <button type="submit" class="button button-secondary">
            {t("meetings.resident.show")}
          </button>
        </form>
      ) : null}
      {p.department ? (
        <>
          <h2>{t("meetings.resident.department", { department: p.department.label })}</h2>
          <h3>{t("meetings.resident.upcoming")}</h3>
          <MeetingCards ctx={ctx} meetings={p.upcoming} upcoming={true} />
          <h3>{t("meetings.resident.past")}</h3>
          <MeetingCards ctx={ctx} meetings={p.past} upcoming={false} />
          <p>
            <a href={`/democracy/decisions?department=${p.department.id}`}>
              {t("meetings.resident.decisions_link")}
            </a>
          </p>
        </>
      ) : (
        <p>{t("meetings.resident.no_department")}</p>
      )}
      <nav aria-labelledby="more-heading" class="almen-card">
        <h2 id="more-heading">{t("meetings.resident.more")}</h2>
        <ul>
          {p.links.map((l) => (
            <li key={l.href}>
              <a href={l.href}>{l.label}</a>
            </li>
          ))}
        </ul>
      </nav>
    </Layout>
  );
}

function ProposalForm(p: {
  ctx: PageContext;
  meeting: MeetingView;
  agenda: AgendaItemView[];
  window: ProposalWindow;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t } = p.ctx;
  const labels = {
    kind: t("meetings.fields.proposal_kind"),
    amends_item_id: t("meetings.fields.amends_item_id"),
    title: t("meetings.fields.proposal_title"),
    body: t("meetings.fields.proposal_body"),
  };
  return (
    <section aria-labelledby="propose-heading">
      <h2 id="propose-heading">{t("meetings.resident.propose")}</h2>
      <p>
        {t(p.window === "open" ? "meetings.resident.propose_open" : "meetings.resident.propose_amendments")}
      </p>
      <ErrorSummary t={t} errors={p.errors} labels={labels} />
      <PostForm action={`/democracy/meetings/${p.meeting.id}/proposals`} csrf={p.ctx.csrfToken}>
        <RadioGroup
          t={t}
          name="kind"
          legend={labels.kind}
          value={p.values.kind ?? (p.window === "open" ? "proposal" : "amendment")}
          errors={p.errors}
          options={[
            { value: "proposal", label: t("meetings.proposal_kind.proposal") },
            { value: "amendment", label: t("meetings.proposal_kind.amendment") },
          ]}
        />
        <SelectField
          t={t}
          name="amends_item_id"
          label={labels.amends_item_id}
          value={p.values.amends_item_id}
          errors={p.errors}
          options={[
            { value: "", label: t("meetings.resident.no_item") },
            ...p.agenda.map((i) => ({ value: i.id, label: `${i.position}. ${i.title}` })),
          ]}
        />
        <TextField t={t} name="title" label={labels.title} value={p.values.title} errors={p.errors} />
        <TextAreaField
          t={t}
          name="body"
          label={labels.body}
          value={p.values.body}
          errors={p.errors}
          rows={8}
        />
        <button type="submit" class="button button-primary">
          {t("meetings.actions.submit_proposal")}
        </button>
      </PostForm>
    </section>
  );
}

export function ResidentMeetingPage(p: {
  ctx: PageContext;
  meeting: MeetingView;
  agenda: AgendaItemView[];
  approvals: ApprovalView[];
  ownProposals: ProposalView[];
  window: ProposalWindow | null;
  boardLink: boolean;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { ctx, meeting: m } = p;
  const { t, lang } = ctx;
  const finalOut = ["final_agenda_published", "held", "minutes_approved", "published"].includes(m.stage);
  return (
    <Layout ctx={ctx} title={m.title}>
      <Breadcrumbs ctx={ctx} trail={democracyCrumbs(ctx)} />
      <h1>{m.title}</h1>
      <Facts
        rows={[
          [t("meetings.fields.department_id"), m.department],
          [t("meetings.fields.kind"), t(`meetings.kind.${m.kind}`)],
          [t("meetings.fields.starts_at"), when(ctx, m.startsAt)],
          [t("meetings.fields.location"), m.location],
          [t("meetings.fields.stage"), t(`meetings.stage.${m.stage}`)],
        ]}
      />
      <StageSteps ctx={ctx} stage={m.stage} />
      {p.boardLink ? (
        <p>
          <a href={`/democracy/meetings/${m.id}/board`}>{t("meetings.staff.board_link")}</a>
        </p>
      ) : null}
      {m.stage === "published" ? null : (
        <section aria-labelledby="deadlines-heading">
          <h2 id="deadlines-heading">{t("meetings.parts.deadlines")}</h2>
          <DeadlineList ctx={ctx} meeting={m} only="residents" />
        </section>
      )}
      {m.stage === "published" ? (
        <section aria-labelledby="minutes-heading">
          <h2 id="minutes-heading">{t("meetings.resident.minutes")}</h2>
          {m.minutesIntro ? <Paragraphs text={m.minutesIntro} /> : null}
          <AgendaList ctx={ctx} agenda={p.agenda} details={false} minutes={true} />
          <h3>{t("meetings.minutes.approvals")}</h3>
          <Approvals ctx={ctx} approvals={p.approvals} />
        </section>
      ) : null}
      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">
          {t(finalOut ? "meetings.resident.final_agenda" : "meetings.parts.agenda")}
        </h2>
        {finalOut ? null : (
          <p>
            {t("meetings.resident.final_agenda_later", { date: formatDate(m.deadlines.finalAgendaBy, lang) })}
          </p>
        )}
        <AgendaList ctx={ctx} agenda={p.agenda} details={finalOut} />
      </section>
      {finalOut ? (
        <section aria-labelledby="economy-heading">
          <h2 id="economy-heading">{t("meetings.parts.economy")}</h2>
          <Economy ctx={ctx} meeting={m} />
        </section>
      ) : null}
      {p.ownProposals.length ? (
        <section aria-labelledby="own-heading">
          <h2 id="own-heading">{t("meetings.resident.own_proposals")}</h2>
          <ul>
            {p.ownProposals.map((x) => (
              <li key={x.id}>
                <strong>{x.title}</strong> – {t(`meetings.proposal_kind.${x.kind}`)},{" "}
                {t(`meetings.proposal_status.${x.status}`)}
                {x.boardComment
                  ? ` – ${t("meetings.resident.board_comment", { comment: x.boardComment })}`
                  : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.window ? (
        <ProposalForm
          ctx={ctx}
          meeting={m}
          agenda={p.agenda}
          window={p.window}
          values={p.values}
          errors={p.errors}
        />
      ) : null}
    </Layout>
  );
}
