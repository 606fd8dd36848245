import { formatDate, formatKroner } from "../../../platform/dates.ts";
import { PostForm } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts, when } from "../../../ui/page-parts.tsx";

/** An offer as its applicant sees it. */
export interface OfferView {
  id: string;
  address: string;
  department: string;
  rooms: number;
  areaM2: number;
  rentOre: number;
  moveIn: string;
  deadlineAt: string;
  status: string;
  position: number;
  ownLine: string | null;
  outcome: string | null;
  canAnswer: boolean;
  canWithdraw: boolean;
}

export function OfferListPage({ ctx, offers }: { ctx: PageContext; offers: OfferView[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("letting.staff.offers_page.title")}>
      <h1>{t("letting.staff.offers_page.title")}</h1>
      {offers.length === 0 ? (
        <p>{t("letting.staff.offers_page.none")}</p>
      ) : (
        <ul class="nobullet-list">
          {offers.map((o) => (
            <li key={o.id}>
              <a href={`/offers/${o.id}`}>{o.address}</a> – {t(`letting.staff.offer_status.${o.status}`)} (
              {t("letting.staff.offers_page.deadline")} {when(ctx, o.deadlineAt)})
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function OfferPage({ ctx, offer: o }: { ctx: PageContext; offer: OfferView }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={o.address}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/offers", label: t("letting.staff.offers_page.title") }]} />
      <h1>{o.address}</h1>
      <h2>{t("letting.staff.offers_page.home")}</h2>
      <Facts
        rows={[
          [t("letting.staff.columns.department"), o.department],
          [t("letting.staff.columns.rooms"), o.rooms],
          [t("letting.staff.columns.rent"), formatKroner(o.rentOre, lang)],
          [t("letting.staff.columns.free_from"), formatDate(o.moveIn, lang)],
          [t("letting.staff.offers_page.deadline"), when(ctx, o.deadlineAt)],
          [t("letting.staff.columns.status"), t(`letting.staff.offer_status.${o.status}`)],
        ]}
      />
      <h2>{t("letting.staff.offers_page.your_line")}</h2>
      <p>{t("letting.staff.offers_page.position", { position: o.position })}</p>
      {o.ownLine ? <p>{o.ownLine}</p> : null}
      {o.canAnswer ? (
        <ul class="nobullet-list almen-actions">
          <li>
            <PostForm action={`/offers/${o.id}/answer`} csrf={ctx.csrfToken}>
              <input type="hidden" name="answer" value="accept" />
              <button type="submit" class="button button-primary">
                {t("letting.staff.offers_page.accept")}
              </button>
            </PostForm>
          </li>
          <li>
            <PostForm action={`/offers/${o.id}/answer`} csrf={ctx.csrfToken}>
              <input type="hidden" name="answer" value="decline" />
              <button type="submit" class="button button-secondary">
                {t("letting.staff.offers_page.decline")}
              </button>
            </PostForm>
          </li>
        </ul>
      ) : null}
      {o.canWithdraw ? (
        <PostForm action={`/offers/${o.id}/withdraw`} csrf={ctx.csrfToken}>
          <button type="submit" class="button button-secondary">
            {t("letting.staff.offers_page.withdraw")}
          </button>
        </PostForm>
      ) : null}
      {o.outcome ? (
        <>
          <h2>{t("letting.staff.offers_page.outcome")}</h2>
          <p>{o.outcome}</p>
        </>
      ) : null}
    </Layout>
  );
}
