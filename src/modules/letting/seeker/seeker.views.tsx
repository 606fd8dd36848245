import { formatDate, formatKroner } from "../../../platform/dates.ts";
import { PostForm, TableWrap } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Facts } from "../../../ui/page-parts.tsx";
import type { WaitEstimate } from "./estimate.ts";
import type { WaitingListView } from "./seeker.service.ts";

function EstimateText({ ctx, estimate }: { ctx: PageContext; estimate: WaitEstimate }) {
  if (estimate.kind === "none") return <>{ctx.t("letting.seeker.estimate_none")}</>;
  return <>{ctx.t(`letting.seeker.estimate_${estimate.kind}`, { low: estimate.low, high: estimate.high })}</>;
}

function ApplicationCard({ ctx, a }: { ctx: PageContext; a: WaitingListView }) {
  const { t, lang } = ctx;
  const headingId = `application-${a.id}`;
  return (
    <section class="almen-card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {a.organisationName}: {t(`letting.seeker.list_kind.${a.list}`)}
      </h2>
      <Facts
        rows={[
          [t("letting.seeker.status_label"), t(`letting.seeker.status.${a.status}`)],
          [t("letting.seeker.seniority"), formatDate(a.seniorityDate, lang)],
          [
            t("letting.seeker.paid_until"),
            a.paidUntil ? formatDate(a.paidUntil, lang) : t("letting.seeker.not_paid"),
          ],
        ]}
      />
      {a.status === "passive" ? (
        <div class="alert alert-info">
          <div class="alert-body">
            <p class="alert-text">{t("letting.seeker.passive_help")}</p>
            <PostForm action={`/waiting-lists/${a.id}/reactivate`} csrf={ctx.csrfToken}>
              <button type="submit" class="button button-secondary">
                {t("letting.seeker.reactivate")}
              </button>
            </PostForm>
          </div>
        </div>
      ) : null}
      <TableWrap label={t("letting.seeker.position")}>
        <table class="table table--zebra">
          <thead>
            <tr>
              <th scope="col">{t("letting.seeker.department")}</th>
              <th scope="col">{t("letting.seeker.position")}</th>
              <th scope="col">{t("letting.seeker.estimate")}</th>
            </tr>
          </thead>
          <tbody>
            {a.departments.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.number} {d.name}
                </td>
                <td>
                  {d.rank === null
                    ? t("letting.seeker.no_position")
                    : t("letting.seeker.position_value", { rank: d.rank })}
                </td>
                <td>
                  <EstimateText ctx={ctx} estimate={d.estimate} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {a.openCharges.length ? (
        <>
          <h3>{t("letting.seeker.open_charges")}</h3>
          <ul class="nobullet-list">
            {a.openCharges.map((c) => (
              <li key={c.paymentId}>
                <p>
                  <strong>{t(`letting.fees.kind.${c.kind}`)}</strong>:{" "}
                  {t("letting.seeker.charge_line", {
                    amount: formatKroner(c.amountOre, lang),
                    date: formatDate(c.dueDate, lang),
                  })}
                </p>
                <p>
                  {t("letting.seeker.payment_line")}: <code>{c.paymentLine}</code>
                </p>
                {c.removalDate ? (
                  <p class="form-error-message">
                    {t("letting.seeker.removal_warning", { date: formatDate(c.removalDate, lang) })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** "Mine ventelister": every list the seeker is on, their place, the estimate and the fees. */
export function WaitingListsPage({
  ctx,
  applications,
}: {
  ctx: PageContext;
  applications: WaitingListView[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("letting.seeker.title")}>
      <h1>{t("letting.seeker.title")}</h1>
      <p class="font-lead">{t("letting.seeker.intro")}</p>
      {applications.length === 0 ? <p>{t("letting.seeker.none")}</p> : null}
      {applications.map((a) => (
        <ApplicationCard key={a.id} ctx={ctx} a={a} />
      ))}
      {applications.length ? <p class="form-hint">{t("letting.seeker.estimate_how")}</p> : null}
      <p>
        <a href="/waiting-lists/sign-up" class="button button-primary">
          {t("letting.seeker.sign_up_link")}
        </a>
      </p>
    </Layout>
  );
}
