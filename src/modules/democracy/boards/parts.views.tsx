import type { TFunction } from "i18next";
import { copenhagenDateOf, formatDate } from "../../../platform/dates.ts";
import { TableWrap } from "../../../ui/components.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { endOfDay } from "../meetings/deadlines.ts";
import type { DemandView, MemberView } from "./presenters.ts";

/** Pieces the board pages share: a role's name, the members table, the demand notice with its timer. */

export function roleLabel(t: TFunction, m: Pick<MemberView, "role" | "alternateRank">): string {
  return m.role === "alternate" && m.alternateRank
    ? t("boards.roles.alternate_ranked", { rank: m.alternateRank })
    : t(`boards.roles.${m.role}`);
}

/** A checkbox with its label (value "ja" when ticked). */
export function Checkbox(p: { name: string; label: string; checked?: boolean; id?: string }) {
  const id = p.id ?? p.name;
  return (
    <div class="form-group">
      <input class="form-checkbox" type="checkbox" id={id} name={p.name} value="ja" checked={p.checked} />
      <label for={id}>{p.label}</label>
    </div>
  );
}

export function MembersTable(p: {
  ctx: PageContext;
  caption: string;
  members: MemberView[];
  /** Show the contact a member agreed to show. */
  contact: boolean;
  /** Extra cell per member (e.g. staff's resignation form). */
  action?: (m: MemberView) => preact.ComponentChildren;
}) {
  const { t, lang } = p.ctx;
  if (p.members.length === 0) return <p>{t("boards.members.none")}</p>;
  return (
    <TableWrap label={p.caption}>
      <table class="table table--zebra">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("boards.members.name")}</th>
            <th scope="col">{t("boards.members.role")}</th>
            <th scope="col">{t("boards.members.term")}</th>
            {p.contact ? <th scope="col">{t("boards.members.contact")}</th> : null}
            {p.action ? <th scope="col">{t("boards.members.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.members.map((m) => (
            <tr key={m.termId}>
              <td>{m.name}</td>
              <td>
                {roleLabel(t, m)}
                {m.reelected ? ` (${t("boards.members.reelected")})` : ""}
              </td>
              <td>
                {t("boards.members.term_line", {
                  start: formatDate(m.startDate, lang),
                  end: formatDate(m.leftOn, lang),
                })}
                {m.meeting ? (
                  <>
                    <br />
                    {t("boards.members.elected_at", {
                      meeting: m.meeting.title,
                      date: m.meeting.date ? formatDate(m.meeting.date, lang) : "",
                    })}
                  </>
                ) : null}
                {m.resignedOn ? (
                  <>
                    <br />
                    {t("boards.members.resigned_line", {
                      date: formatDate(m.resignedOn, lang),
                      reason: m.resignationReason ?? "",
                    })}
                  </>
                ) : null}
              </td>
              {p.contact ? (
                <td>
                  {m.contact ? (
                    <ul class="nobullet-list">
                      {m.contact.email ? (
                        <li>
                          <a href={`mailto:${m.contact.email}`}>{m.contact.email}</a>
                        </li>
                      ) : null}
                      {m.contact.phone ? (
                        <li>
                          <a href={`tel:${m.contact.phone.replace(/\s+/g, "")}`}>{m.contact.phone}</a>
                        </li>
                      ) : null}
                      {!m.contact.email && !m.contact.phone ? (
                        <li>{t("boards.members.no_contact_on_file")}</li>
                      ) : null}
                    </ul>
                  ) : (
                    t("boards.members.contact_hidden")
                  )}
                </td>
              ) : null}
              {p.action ? <td>{p.action(m)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Days and hours left until the convening deadline, computed on the server: it reads the same without JavaScript. */
export function Countdown({ ctx, demand }: { ctx: PageContext; demand: DemandView }) {
  const { t, lang } = ctx;
  if (!demand.conveneBy || !demand.timeLeft) return null;
  const left = demand.timeLeft;
  return (
    <p class="almen-countdown">
      <strong>
        <time datetime={endOfDay(demand.conveneBy).toISOString()}>
          {left.overdue
            ? t("boards.demands.overdue", { date: formatDate(demand.conveneBy, lang) })
            : t("boards.demands.time_left", {
                days: t("boards.demands.days", { count: left.days }),
                hours: t("boards.demands.hours", { count: left.hours }),
                date: formatDate(demand.conveneBy, lang),
              })}
        </time>
      </strong>
    </p>
  );
}

/** The notice on staff and board pages: a valid demand, whom it binds, and the time left to convene. */
export function ReachedNotice({
  ctx,
  demands,
  link,
}: {
  ctx: PageContext;
  demands: DemandView[];
  link?: boolean;
}) {
  const { t, lang } = ctx;
  if (demands.length === 0) return null;
  return (
    <div class="alert alert-warning" role="status">
      <div class="alert-body">
        <h2 class="alert-heading">{t("boards.demands.notice_heading", { count: demands.length })}</h2>
        {demands.map((d) => (
          <div class="alert-text" key={d.id}>
            <p>
              {t("boards.demands.notice_line", {
                department: d.department,
                subject: d.subject,
                signed: d.signatures,
                households: d.households,
                reached: d.reachedAt ? formatDate(copenhagenDateOf(d.reachedAt), lang) : "",
              })}{" "}
              {link ? <a href={`/boards/${d.departmentId}`}>{t("boards.demands.open_board")}</a> : null}
            </p>
            <Countdown ctx={ctx} demand={d} />
          </div>
        ))}
      </div>
    </div>
  );
}

export const stateLabel = (t: TFunction, d: DemandView) => t(`boards.demands.state.${d.state}`);
