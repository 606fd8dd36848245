import { formatDate } from "../../../platform/dates.ts";
import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  Pagination,
  PostForm,
  RadioGroup,
  SelectField,
  TableWrap,
  TextField,
} from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../ui/page-parts.tsx";
import { Checkbox, MembersTable, ReachedNotice } from "./parts.views.tsx";
import type { BoardView, DemandView, MemberView } from "./presenters.ts";

export interface BoardRowView {
  scopeId: string;
  name: string;
  organisation: string;
  isOrganisation: boolean;
  members: number;
  alternates: number;
}

export function BoardListPage(p: {
  ctx: PageContext;
  boards: BoardRowView[];
  demands: DemandView[];
  page: number;
  pages: number;
}) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t("boards.staff.title")}>
      <h1>{t("boards.staff.title")}</h1>
      <p class="font-lead">{t("boards.staff.intro")}</p>
      <ReachedNotice ctx={p.ctx} demands={p.demands} link />
      <TableWrap label={t("boards.staff.title")}>
        <table class="table table--zebra">
          <caption>{t("boards.staff.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("boards.staff.board")}</th>
              <th scope="col">{t("boards.staff.organisation")}</th>
              <th scope="col">{t("boards.staff.members")}</th>
              <th scope="col">{t("boards.staff.alternates")}</th>
            </tr>
          </thead>
          <tbody>
            {p.boards.map((b) => (
              <tr key={b.scopeId}>
                <td>
                  <a href={`/boards/${b.scopeId}`}>
                    {b.isOrganisation ? t("boards.staff.organisation_board", { name: b.name }) : b.name}
                  </a>
                </td>
                <td>{b.organisation}</td>
                <td>{b.members}</td>
                <td>{b.alternates}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pagination t={t} page={p.page} pages={p.pages} href={(n) => `/boards?page=${n}`} />
    </Layout>
  );
}

export interface ElectionSummaryView {
  id: string;
  date: string;
  meeting: string | null;
  kind: "board" | "chair";
  status: "open" | "decided";
  memberSeats: number;
  alternateSeats: number;
}

export interface BoardPageProps {
  ctx: PageContext;
  scope: { id: string; name: string; isOrganisation: boolean };
  board: BoardView;
  elections: ElectionSummaryView[];
  residents: { value: string; label: string }[];
  meetings: { value: string; label: string }[];
  demands: DemandView[];
  values: FormValues;
  errors: FieldErrors;
}

function MemberForm({ p }: { p: BoardPageProps }) {
  const { t } = p.ctx;
  const { values, errors } = p;
  return (
    <section aria-labelledby="add-member">
      <h2 id="add-member">{t("boards.staff.add_member")}</h2>
      <p>{t("boards.staff.add_member_intro")}</p>
      {p.residents.length === 0 ? (
        <p>{t("boards.staff.no_residents")}</p>
      ) : (
        <PostForm action={`/boards/${p.scope.id}/members`} csrf={p.ctx.csrfToken}>
          <SelectField
            t={t}
            name="personId"
            label={t("boards.fields.person")}
            value={values.personId}
            options={p.residents}
            errors={errors}
          />
          <RadioGroup
            t={t}
            name="role"
            legend={t("boards.fields.role")}
            value={values.role ?? "member"}
            options={(["chair", "member", "alternate"] as const).map((r) => ({
              value: r,
              label: t(`boards.roles.${r}`),
            }))}
            errors={errors}
          />
          <TextField
            t={t}
            type="date"
            name="startDate"
            label={t("boards.fields.start_date")}
            value={values.startDate}
            errors={errors}
          />
          <TextField
            t={t}
            type="date"
            name="endDate"
            label={t("boards.fields.end_date")}
            hint={t("boards.fields.end_date_hint")}
            value={values.endDate}
            errors={errors}
          />
          {p.meetings.length ? (
            <SelectField
              t={t}
              name="meetingId"
              label={t("boards.fields.meeting")}
              value={values.meetingId}
              options={[{ value: "", label: t("boards.fields.no_meeting") }, ...p.meetings]}
              errors={errors}
            />
          ) : null}
          <Checkbox
            name="hasContactConsent"
            label={t("boards.fields.contact_consent")}
            checked={values.hasContactConsent === "ja"}
          />
          <button type="submit" class="button button-primary">
            {t("boards.staff.add_member_submit")}
          </button>
        </PostForm>
      )}
    </section>
  );
}

export function BoardPage(p: BoardPageProps) {
  const { t, lang } = p.ctx;
  const title = p.scope.isOrganisation
    ? t("boards.staff.organisation_board", { name: p.scope.name })
    : t("boards.staff.board_of", { name: p.scope.name });
  return (
    <Layout ctx={p.ctx} title={title}>
      <Breadcrumbs ctx={p.ctx} trail={[{ href: "/boards", label: t("boards.staff.title") }]} />
      <h1>{title}</h1>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{
          personId: t("boards.fields.person"),
          role: t("boards.fields.role"),
          startDate: t("boards.fields.start_date"),
          endDate: t("boards.fields.end_date"),
          meetingId: t("boards.fields.meeting"),
        }}
      />
      <ReachedNotice ctx={p.ctx} demands={p.demands} />
      <h2>{t("boards.members.sitting")}</h2>
      <MembersTable
        ctx={p.ctx}
        caption={t("boards.members.sitting")}
        members={p.board.sitting}
        contact
        action={(m) => (
          // The name goes in the accessible name only (no sr-only span: in a scrolling table it would widen the page).
          <a
            href={`/boards/${p.scope.id}/members/${m.termId}/resign`}
            aria-label={`${t("boards.staff.resign")}: ${m.name}`}
          >
            {t("boards.staff.resign")}
          </a>
        )}
      />
      {p.board.coming.length ? (
        <>
          <h2>{t("boards.members.coming")}</h2>
          <MembersTable
            ctx={p.ctx}
            caption={t("boards.members.coming")}
            members={p.board.coming}
            contact={false}
          />
        </>
      ) : null}
      <MemberForm p={p} />
      <section aria-labelledby="elections">
        <h2 id="elections">{t("boards.elections.title")}</h2>
        {p.elections.length === 0 ? (
          <p>{t("boards.elections.none")}</p>
        ) : (
          <ul>
            {p.elections.map((e) => (
              <li key={e.id}>
                <a href={`/elections/${e.id}`}>
                  {t("boards.elections.line", {
                    date: formatDate(e.date, lang),
                    kind: t(`boards.elections.kind.${e.kind}`),
                    meeting: e.meeting ?? "",
                  })}
                </a>{" "}
                ({t(`boards.elections.status.${e.status}`)})
              </li>
            ))}
          </ul>
        )}
        <p>
          <a class="button button-secondary" href={`/boards/${p.scope.id}/elections/new`}>
            {t("boards.elections.create")}
          </a>
        </p>
      </section>
      <h2>{t("boards.members.past")}</h2>
      <MembersTable ctx={p.ctx} caption={t("boards.members.past")} members={p.board.past} contact={false} />
    </Layout>
  );
}

const boardCrumbs = (ctx: PageContext, scope: { id: string; name: string }) => [
  { href: "/boards", label: ctx.t("boards.staff.title") },
  { href: `/boards/${scope.id}`, label: scope.name },
];

export function ResignPage(p: {
  ctx: PageContext;
  scope: { id: string; name: string };
  member: MemberView;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t, lang } = p.ctx;
  const title = t("boards.staff.resign_title", { name: p.member.name });
  return (
    <Layout ctx={p.ctx} title={title}>
      <Breadcrumbs ctx={p.ctx} trail={boardCrumbs(p.ctx, p.scope)} />
      <h1>{title}</h1>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{ resignedOn: t("boards.fields.resigned_on"), reason: t("boards.fields.reason") }}
      />
      <p>
        {t("boards.members.term_line", {
          start: formatDate(p.member.startDate, lang),
          end: formatDate(p.member.leftOn, lang),
        })}
      </p>
      <PostForm action={`/boards/${p.scope.id}/members/${p.member.termId}/resign`} csrf={p.ctx.csrfToken}>
        <TextField
          t={t}
          type="date"
          name="resignedOn"
          label={t("boards.fields.resigned_on")}
          hint={t("boards.fields.resigned_on_hint")}
          value={p.values.resignedOn}
          errors={p.errors}
        />
        <TextField
          t={t}
          name="reason"
          label={t("boards.fields.reason")}
          value={p.values.reason}
          errors={p.errors}
        />
        <button type="submit" class="button button-primary">
          {t("boards.staff.resign_submit")}
        </button>
      </PostForm>
    </Layout>
  );
}

export interface NewElectionProps {
  ctx: PageContext;
  scope: { id: string; name: string; isOrganisation: boolean };
  meetings: { value: string; label: string }[];
  values: FormValues;
  errors: FieldErrors;
}

export function NewElectionPage(p: NewElectionProps) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t("boards.elections.create")}>
      <Breadcrumbs ctx={p.ctx} trail={boardCrumbs(p.ctx, p.scope)} />
      <h1>{t("boards.elections.create")}</h1>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{
          electionDate: t("boards.fields.election_date"),
          meetingId: t("boards.fields.meeting"),
          kind: t("boards.fields.kind"),
          memberSeats: t("boards.fields.member_seats"),
          alternateSeats: t("boards.fields.alternate_seats"),
        }}
      />
      <ElectionForm p={p} />
    </Layout>
  );
}

function ElectionForm({ p }: { p: NewElectionProps }) {
  const { t } = p.ctx;
  const { values, errors } = p;
  const canCreate = p.scope.isOrganisation || p.meetings.length > 0;
  return (
    <>
      <p>{t("boards.elections.create_intro")}</p>
      {!canCreate ? (
        <p>{t("boards.elections.no_meetings")}</p>
      ) : (
        <PostForm action={`/boards/${p.scope.id}/elections`} csrf={p.ctx.csrfToken}>
          {p.scope.isOrganisation ? (
            <TextField
              t={t}
              type="date"
              name="electionDate"
              label={t("boards.fields.election_date")}
              value={values.electionDate}
              errors={errors}
            />
          ) : (
            <SelectField
              t={t}
              name="meetingId"
              label={t("boards.fields.meeting")}
              value={values.meetingId}
              options={p.meetings}
              errors={errors}
            />
          )}
          <RadioGroup
            t={t}
            name="kind"
            legend={t("boards.fields.kind")}
            value={values.kind ?? "board"}
            options={(["board", "chair"] as const).map((k) => ({
              value: k,
              label: t(`boards.elections.kind.${k}`),
            }))}
            errors={errors}
          />
          <TextField
            t={t}
            name="memberSeats"
            inputMode="numeric"
            label={t("boards.fields.member_seats")}
            value={values.memberSeats ?? "2"}
            errors={errors}
          />
          <TextField
            t={t}
            name="alternateSeats"
            inputMode="numeric"
            label={t("boards.fields.alternate_seats")}
            value={values.alternateSeats ?? "2"}
            errors={errors}
          />
          <button type="submit" class="button button-primary">
            {t("boards.elections.create_submit")}
          </button>
        </PostForm>
      )}
    </>
  );
}
