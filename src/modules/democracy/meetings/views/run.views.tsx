import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  Pagination,
  PostForm,
  RadioGroup,
  TableWrap,
  TextField,
} from "../../../../ui/components.tsx";
import { Layout } from "../../../../ui/layout.tsx";
import type { PageContext } from "../../../../ui/page-context.ts";
import { Breadcrumbs, Facts, query } from "../../../../ui/page-parts.tsx";
import type { HouseholdForCheckIn } from "../households.repository.ts";
import type { AgendaItemView, MeetingView } from "../presenters.ts";
import { outcomeText, Paragraphs } from "./meeting-parts.tsx";
import { meetingsCrumbs } from "./staff-list.views.tsx";

/** At the meeting: the chair, check-in per household, the show of votes per item, closing. */

export interface Attendance {
  households: number;
  people: number;
}

const trail = (ctx: PageContext, m: MeetingView) => [
  ...meetingsCrumbs(ctx),
  { href: `/meetings/${m.id}`, label: m.title },
];

function AttendanceFacts({
  ctx,
  meeting,
  attendance,
}: {
  ctx: PageContext;
  meeting: MeetingView;
  attendance: Attendance;
}) {
  const { t } = ctx;
  return (
    <Facts
      rows={[
        [t("meetings.fields.meeting_chair"), meeting.meetingChair],
        [t("meetings.run.households"), String(attendance.households)],
        [t("meetings.run.people"), String(attendance.people)],
        [t("meetings.run.max_votes"), String(2 * attendance.households)],
      ]}
    />
  );
}

/** Refusals shown as one message for the whole page (no field to link to). */
const wholeForm = (errors: FieldErrors): FieldErrors => {
  const messages = Object.values(errors);
  return messages.length ? { _form: messages.join(" ") } : {};
};

export function RunPage(p: {
  ctx: PageContext;
  meeting: MeetingView;
  agenda: AgendaItemView[];
  attendance: Attendance;
  households: HouseholdForCheckIn[];
  q: string;
  page: number;
  pages: number;
  isChair: boolean;
  errors: FieldErrors;
}) {
  const { ctx, meeting: m } = p;
  const { t } = ctx;
  const title = t("meetings.run.title", { title: m.title });
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs ctx={ctx} trail={trail(ctx, m)} />
      <h1>{title}</h1>
      {/* The page's buttons carry no fields a person fills in: a refusal is about the whole step. */}
      <ErrorSummary t={t} errors={wholeForm(p.errors)} />
      <AttendanceFacts ctx={ctx} meeting={m} attendance={p.attendance} />
      {p.isChair ? null : (
        <PostForm action={`/meetings/${m.id}/chair`} csrf={ctx.csrfToken}>
          <p>{t("meetings.run.chair_intro")}</p>
          <button type="submit" class="button button-secondary">
            {t("meetings.actions.take_chair")}
          </button>
        </PostForm>
      )}
      <section aria-labelledby="check-in-heading">
        <h2 id="check-in-heading">{t("meetings.run.check_in")}</h2>
        <p>{t("meetings.run.check_in_intro")}</p>
        <form method="get" action={`/meetings/${m.id}/run`} class="almen-filter">
          <TextField t={t} name="q" type="search" label={t("meetings.run.search")} value={p.q} />
          <button type="submit" class="button button-secondary">
            {t("meetings.run.search_button")}
          </button>
        </form>
        <TableWrap label={t("meetings.run.households_table")}>
          {/* On a phone each household stacks (DKFDS responsive headers): address, then the people. */}
          <table class="table table--zebra table--responsive-headers">
            <thead>
              <tr>
                <th scope="col">{t("meetings.run.address")}</th>
                <th scope="col">{t("meetings.run.members")}</th>
              </tr>
            </thead>
            <tbody>
              {p.households.map((h) => (
                <tr key={h.tenancyId}>
                  <td data-title={t("meetings.run.address")}>
                    {h.address} ({h.unitNumber})
                  </td>
                  <td data-title={t("meetings.run.members")}>
                    <ul class="nobullet-list">
                      {h.members.map((x) => (
                        <li key={x.personId}>
                          <PostForm
                            action={`/meetings/${m.id}/check-in${x.checkedIn ? "/undo" : ""}`}
                            csrf={ctx.csrfToken}
                            class="almen-inline-form"
                          >
                            <input type="hidden" name="person_id" value={x.personId} />
                            <input type="hidden" name="q" value={p.q} />
                            {x.name}{" "}
                            {x.checkedIn ? (
                              <span class="almen-status almen-status-success">
                                {t("meetings.run.present")}
                              </span>
                            ) : null}{" "}
                            {/* The name is in the accessible name only, so the button stays short on a phone;
                                the span keeps it on the name's line (a form's own buttons get a top margin). */}
                            <span>
                              <button
                                type="submit"
                                class="button button-secondary"
                                aria-label={t(
                                  x.checkedIn
                                    ? "meetings.actions.undo_check_in"
                                    : "meetings.actions.check_in",
                                  { name: x.name },
                                )}
                              >
                                {t(
                                  x.checkedIn
                                    ? "meetings.actions.undo_check_in_short"
                                    : "meetings.actions.check_in_short",
                                )}
                              </button>
                            </span>
                          </PostForm>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <Pagination
          t={t}
          page={p.page}
          pages={p.pages}
          href={(n) => `/meetings/${m.id}/run${query({ q: p.q, page: n })}`}
        />
      </section>
      <section aria-labelledby="items-heading">
        <h2 id="items-heading">{t("meetings.run.items")}</h2>
        <ol>
          {p.agenda.map((item) => (
            <li key={item.id}>
              {item.title}
              {item.outcome ? ` – ${outcomeText(ctx, item)}` : ""}{" "}
              {p.isChair && !item.voteId ? (
                <a href={`/meetings/${m.id}/items/${item.id}/vote`}>
                  {t("meetings.actions.record_votes", { title: item.title })}
                </a>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      {p.isChair ? (
        <PostForm action={`/meetings/${m.id}/close`} csrf={ctx.csrfToken}>
          <p>{t("meetings.run.close_intro")}</p>
          <button type="submit" class="button button-primary">
            {t("meetings.actions.close")}
          </button>
        </PostForm>
      ) : null}
    </Layout>
  );
}

export function VotePage(p: {
  ctx: PageContext;
  meeting: MeetingView;
  item: AgendaItemView;
  attendance: Attendance;
  digitalVoteRule: string;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { ctx, meeting: m, item } = p;
  const { t } = ctx;
  const v: FormValues = {
    votes_for: item.votesFor?.toString(),
    votes_against: item.votesAgainst?.toString(),
    votes_blank: item.votesBlank?.toString() ?? "0",
    decision: "vote",
    ...p.values,
  };
  const labels = {
    votes_for: t("meetings.fields.votes_for"),
    votes_against: t("meetings.fields.votes_against"),
    votes_blank: t("meetings.fields.votes_blank"),
    decision: t("meetings.fields.decision"),
    ballot_opens_on: t("meetings.fields.ballot_opens_on"),
    ballot_closes_on: t("meetings.fields.ballot_closes_on"),
  };
  return (
    <Layout ctx={ctx} title={item.title}>
      <Breadcrumbs
        ctx={ctx}
        trail={[
          ...trail(ctx, m),
          { href: `/meetings/${m.id}/run`, label: t("meetings.run.title", { title: m.title }) },
        ]}
      />
      <h1>{item.title}</h1>
      <ErrorSummary t={t} errors={p.errors} labels={labels} />
      {item.description ? <Paragraphs text={item.description} /> : null}
      <AttendanceFacts ctx={ctx} meeting={m} attendance={p.attendance} />
      <p>{t("meetings.run.majority")}</p>
      <PostForm action={`/meetings/${m.id}/items/${item.id}/votes`} csrf={ctx.csrfToken}>
        <TextField
          t={t}
          name="votes_for"
          label={labels.votes_for}
          value={v.votes_for}
          errors={p.errors}
          inputMode="numeric"
        />
        <TextField
          t={t}
          name="votes_against"
          label={labels.votes_against}
          value={v.votes_against}
          errors={p.errors}
          inputMode="numeric"
        />
        <TextField
          t={t}
          name="votes_blank"
          label={labels.votes_blank}
          value={v.votes_blank}
          errors={p.errors}
          inputMode="numeric"
        />
        <RadioGroup
          t={t}
          name="decision"
          legend={labels.decision}
          value={v.decision}
          errors={p.errors}
          options={[
            { value: "vote", label: t("meetings.decision.vote") },
            { value: "to_ballot", label: t("meetings.decision.to_ballot") },
            { value: "to_digital_vote", label: t("meetings.decision.to_digital_vote") },
          ]}
        />
        <p class="form-hint">{p.digitalVoteRule}</p>
        <fieldset>
          <legend class="form-label">{t("meetings.run.ballot_dates")}</legend>
          <TextField
            t={t}
            name="ballot_opens_on"
            type="date"
            label={labels.ballot_opens_on}
            value={v.ballot_opens_on}
            errors={p.errors}
          />
          <TextField
            t={t}
            name="ballot_closes_on"
            type="date"
            label={labels.ballot_closes_on}
            value={v.ballot_closes_on}
            errors={p.errors}
          />
        </fieldset>
        <button type="submit" class="button button-primary">
          {t("meetings.actions.save_votes")}
        </button>
      </PostForm>
    </Layout>
  );
}
