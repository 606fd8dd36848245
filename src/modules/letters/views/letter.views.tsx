import { formatDate } from "../../../platform/dates.ts";
import { PostForm } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts, when } from "../../../ui/page-parts.tsx";
import { LetterBody } from "./letter-parts.tsx";
import { type LetterListItem, StatusTag } from "./outbox.views.tsx";

/** Staff: one letter with everything about how it travelled. */
export interface StaffLetterView extends LetterListItem {
  reference: string;
  body: string;
  addressLines: string[];
  email: string | null;
  language: string;
  documentDate: string;
  templateVersion: number;
  batchId: string | null;
  delivery: string;
}

export function StaffLetterPage({
  ctx,
  letter,
  canRetry,
}: {
  ctx: PageContext;
  letter: StaffLetterView;
  canRetry: boolean;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={letter.subject}>
      <Breadcrumbs
        ctx={ctx}
        trail={[
          { href: "/letters", label: t("letters.outbox.title") },
          ...(letter.batchId
            ? [{ href: `/letters/batches/${letter.batchId}`, label: t("letters.batch.title") }]
            : []),
        ]}
      />
      <h1>{letter.subject}</h1>
      <Facts
        rows={[
          [t("letters.columns.reference"), letter.reference],
          [t("letters.columns.type"), t(`letters.types.${letter.type}`)],
          [t("letters.columns.recipient"), letter.recipientName],
          [t("letters.columns.address"), letter.addressLines.join(", ")],
          [t("letters.columns.email"), letter.email],
          [t("letters.columns.language"), t(`letters.languages.${letter.language}`)],
          [t("letters.columns.date"), formatDate(letter.documentDate, lang)],
          [t("letters.columns.channel"), t(`letters.channel.${letter.channel}`)],
          [t("letters.columns.why"), t(`letters.rules.${letter.rule}`)],
          [t("letters.columns.delivery"), t(`letters.delivery.${letter.delivery}`)],
          [t("letters.columns.status"), <StatusTag ctx={ctx} status={letter.status} />],
          [t("letters.columns.attempts"), letter.attempts],
          [t("letters.columns.last_error"), letter.lastError],
          [t("letters.columns.created"), when(ctx, letter.createdAt)],
          [t("letters.columns.sent"), letter.sentAt ? when(ctx, letter.sentAt) : null],
          [
            t("letters.columns.next_attempt"),
            letter.dueAt && letter.status !== "sent" ? when(ctx, letter.dueAt) : null,
          ],
          [
            t("letters.columns.template"),
            letter.templateVersion === 0
              ? t("letters.templates.builtin")
              : t("letters.templates.version", { version: letter.templateVersion }),
          ],
        ]}
      />
      <p>
        <a
          class="button button-secondary"
          href={`/letters/${letter.id}/pdf`}
          download={`brev-${letter.reference}.pdf`}
        >
          {t("letters.download_pdf")}
        </a>
      </p>
      {canRetry && letter.status === "failed" ? (
        <PostForm action={`/letters/${letter.id}/retry`} csrf={ctx.csrfToken}>
          <button type="submit" class="button button-primary">
            {t("letters.retry")}
          </button>
        </PostForm>
      ) : null}
      <h2>{t("letters.letter_text")}</h2>
      <LetterBody body={letter.body} label={t("letters.letter_text")} />
    </Layout>
  );
}
