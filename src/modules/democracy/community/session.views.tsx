import { formatDate } from "../../../platform/dates.ts";
import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostForm,
  TableWrap,
} from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, when } from "../../../ui/page-parts.tsx";
import { StatusTag } from "./community-ui.tsx";
import { SessionFields, sessionLabels } from "./course.views.tsx";

export interface ParticipantView {
  enrolmentId: string;
  userId: string;
  name: string;
  email: string;
  status: "enrolled" | "waiting";
  /** 1-based place on the waiting list (null when enrolled). */
  waitingPlace: number | null;
  completedOn: string | null;
}

/** The curator's view of a session: who has a seat, who waits, completion records; edit the session. */
export function SessionPage(p: {
  ctx: PageContext;
  course: { id: string; title: string };
  session: { id: string; startsAt: string; place: string; capacity: number };
  participants: ParticipantView[];
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t, lang } = p.ctx;
  const k = (key: string) => t(`community.courses.${key}`);
  const title = t("community.courses.session_title", {
    course: p.course.title,
    when: when(p.ctx, p.session.startsAt),
  });
  const enrolled = p.participants.filter((x) => x.status === "enrolled").length;
  return (
    <Layout ctx={p.ctx} title={title}>
      <Breadcrumbs
        ctx={p.ctx}
        trail={[
          { href: "/courses", label: k("title") },
          { href: `/courses/${p.course.id}`, label: p.course.title },
        ]}
      />
      <h1>{title}</h1>
      <p>
        {p.session.place}
        <br />
        {t("community.courses.seats", { taken: enrolled, capacity: p.session.capacity })}
      </p>
      <h2>{k("participants")}</h2>
      {p.participants.length === 0 ? (
        <p>{k("no_participants")}</p>
      ) : (
        <TableWrap label={k("participants")}>
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{k("columns.name")}</th>
                <th scope="col">{k("columns.status")}</th>
                <th scope="col">{k("columns.completed")}</th>
                <th scope="col">{k("columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {p.participants.map((x) => (
                <tr key={x.enrolmentId}>
                  <td>
                    {x.name}
                    <br />
                    <a href={`mailto:${x.email}`}>{x.email}</a>
                  </td>
                  <td>
                    {x.status === "enrolled" ? (
                      <StatusTag kind="success" text={k("status_enrolled")} />
                    ) : (
                      <StatusTag
                        kind="warning"
                        text={t("community.courses.status_waiting", { place: x.waitingPlace ?? 0 })}
                      />
                    )}
                  </td>
                  <td>{x.completedOn ? formatDate(x.completedOn, lang) : "–"}</td>
                  <td>
                    <ul class="nobullet-list">
                      {x.completedOn ? (
                        <li>
                          <PostForm
                            action={`/courses/${p.course.id}/completions/remove`}
                            csrf={p.ctx.csrfToken}
                          >
                            <input type="hidden" name="user_id" value={x.userId} />
                            <input type="hidden" name="back" value={p.session.id} />
                            <button type="submit" class="button button-tertiary">
                              {t("community.courses.remove_completion", { name: x.name })}
                            </button>
                          </PostForm>
                        </li>
                      ) : x.status === "enrolled" ? (
                        <li>
                          <PostForm action={`/courses/${p.course.id}/completions`} csrf={p.ctx.csrfToken}>
                            <input type="hidden" name="user_id" value={x.userId} />
                            <input type="hidden" name="back" value={p.session.id} />
                            <button type="submit" class="button button-secondary">
                              {t("community.courses.record_completion", { name: x.name })}
                            </button>
                          </PostForm>
                        </li>
                      ) : null}
                      <li>
                        <PostForm
                          action={`/course-enrolments/${x.enrolmentId}/cancel`}
                          csrf={p.ctx.csrfToken}
                        >
                          <button type="submit" class="button button-tertiary">
                            {t("community.courses.cancel_for", { name: x.name })}
                          </button>
                        </PostForm>
                      </li>
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2>{k("edit_session")}</h2>
      <ErrorSummary t={t} errors={p.errors} labels={sessionLabels(p.ctx)} />
      <PostForm action={`/course-sessions/${p.session.id}`} csrf={p.ctx.csrfToken}>
        <SessionFields ctx={p.ctx} values={p.values} errors={p.errors} />
        <button type="submit" class="button button-primary">
          {k("save")}
        </button>
      </PostForm>
    </Layout>
  );
}
