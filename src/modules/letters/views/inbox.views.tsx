import { formatDate } from "../../../platform/dates.ts";
import { Pagination, TableWrap } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, when } from "../../../ui/page-parts.tsx";
import { LetterBody } from "./letter-parts.tsx";

export interface InboxItem {
  id: string;
  subject: string;
  reference: string;
  channel: string;
  status: string;
  createdAt: string;
}

/** A resident's or housing seeker's letters, newest first, whatever channel they went by. */
export function InboxPage({
  ctx,
  items,
  page,
  pages,
}: {
  ctx: PageContext;
  items: InboxItem[];
  page: number;
  pages: number;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("letters.inbox.title")}>
      <h1>{t("letters.inbox.title")}</h1>
      <p class="font-lead">{t("letters.inbox.intro")}</p>
      <p>
        <a href="/account/contact">{t("letters.inbox.preferences_link")}</a>
      </p>
      {items.length === 0 ? (
        <p>{t("letters.inbox.empty")}</p>
      ) : (
        <TableWrap label={t("letters.inbox.title")}>
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{t("letters.columns.date")}</th>
                <th scope="col">{t("letters.columns.subject")}</th>
                <th scope="col">{t("letters.columns.channel")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((l) => (
                <tr key={l.id}>
                  <td>{when(ctx, l.createdAt)}</td>
                  <td>
                    <a href={`/inbox/${l.id}`}>{l.subject}</a>
                  </td>
                  <td>{t(`letters.channel.${l.channel}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination t={t} page={page} pages={pages} href={(p) => `/inbox?page=${p}`} />
    </Layout>
  );
}

export interface InboxLetterView {
  id: string;
  subject: string;
  body: string;
  reference: string;
  channel: string;
  status: string;
  documentDate: string;
  sentAt: string | null;
}

export function InboxLetterPage({ ctx, letter }: { ctx: PageContext; letter: InboxLetterView }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={letter.subject}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/inbox", label: t("letters.inbox.title") }]} />
      <h1>{letter.subject}</h1>
      <p class="font-lead">
        {t("letters.inbox.dated", {
          date: formatDate(letter.documentDate, lang),
          reference: letter.reference,
        })}
      </p>
      <p>
        {letter.sentAt
          ? t("letters.inbox.sent_by", {
              channel: t(`letters.channel.${letter.channel}`),
              at: when(ctx, letter.sentAt),
            })
          : t("letters.inbox.on_its_way", { channel: t(`letters.channel.${letter.channel}`) })}
      </p>
      <p>
        <a
          class="button button-secondary"
          href={`/inbox/${letter.id}/pdf`}
          download={`brev-${letter.reference}.pdf`}
        >
          {t("letters.download_pdf")}
        </a>
      </p>
      <LetterBody body={letter.body} label={t("letters.letter_text")} />
    </Layout>
  );
}
