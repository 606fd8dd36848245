import { Pagination, TableWrap } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts, query, when } from "../../../ui/page-parts.tsx";
import type { StatusCounts } from "../letters.repository.ts";

export interface BatchListItem {
  id: string;
  title: string;
  audience: string;
  letterCount: number;
  createdAt: string;
  createdBy: string | null;
  counts: StatusCounts;
}

export interface OutboxLinks {
  send: boolean;
  print: boolean;
  templates: boolean;
}

/** Staff: every notice batch with how far its letters have come. */
export function OutboxPage({
  ctx,
  batches,
  links,
  page,
  pages,
}: {
  ctx: PageContext;
  batches: BatchListItem[];
  links: OutboxLinks;
  page: number;
  pages: number;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("letters.outbox.title")}>
      <h1>{t("letters.outbox.title")}</h1>
      <p class="font-lead">{t("letters.outbox.intro")}</p>
      <ul class="nobullet-list almen-actions">
        {links.send ? (
          <li>
            <a class="button button-primary" href="/letters/new">
              {t("letters.notice.new")}
            </a>
          </li>
        ) : null}
        <li>
          <a class="button button-secondary" href="/letters/list">
            {t("letters.list.title")}
          </a>
        </li>
        <li>
          <a class="button button-secondary" href="/letters/list?status=failed">
            {t("letters.list.failed")}
          </a>
        </li>
        {links.print ? (
          <li>
            <a class="button button-secondary" href="/letters/paper">
              {t("letters.paper.title")}
            </a>
          </li>
        ) : null}
        {links.templates ? (
          <li>
            <a class="button button-secondary" href="/letters/templates">
              {t("letters.templates.title")}
            </a>
          </li>
        ) : null}
      </ul>
      <h2>{t("letters.outbox.batches")}</h2>
      {batches.length === 0 ? (
        <p>{t("letters.outbox.no_batches")}</p>
      ) : (
        <TableWrap label={t("letters.outbox.batches")}>
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{t("letters.columns.created")}</th>
                <th scope="col">{t("letters.columns.subject")}</th>
                <th scope="col">{t("letters.columns.audience")}</th>
                <th scope="col">{t("letters.columns.letters")}</th>
                <th scope="col">{t("letters.status.sent")}</th>
                <th scope="col">{t("letters.outbox.waiting")}</th>
                <th scope="col">{t("letters.status.failed")}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id}>
                  <td>{when(ctx, b.createdAt)}</td>
                  <td>
                    <a href={`/letters/batches/${b.id}`}>{b.title}</a>
                  </td>
                  <td>{b.audience}</td>
                  <td>{b.letterCount}</td>
                  <td>{b.counts.sent}</td>
                  <td>{b.counts.queued + b.counts.sending + b.counts.retrying + b.counts.in_print}</td>
                  <td>{b.counts.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination t={t} page={page} pages={pages} href={(p) => `/letters?page=${p}`} />
    </Layout>
  );
}

export interface LetterListItem {
  id: string;
  recipientName: string;
  subject: string;
  type: string;
  channel: string;
  rule: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  dueAt: string | null;
}

/** One row per letter: channel, why that channel, status and when. */
export function LetterTable({
  ctx,
  letters,
  label,
  showSubject = true,
}: {
  ctx: PageContext;
  letters: LetterListItem[];
  label: string;
  /** A batch's letters share one subject: the page says it once, above the table. */
  showSubject?: boolean;
}) {
  const { t } = ctx;
  if (letters.length === 0) return <p>{t("letters.list.empty")}</p>;
  return (
    <TableWrap label={label}>
      <table class="table table--zebra">
        <thead>
          <tr>
            <th scope="col">{t("letters.columns.recipient")}</th>
            {showSubject ? <th scope="col">{t("letters.columns.subject")}</th> : null}
            <th scope="col">{t("letters.columns.channel")}</th>
            <th scope="col">{t("letters.columns.why")}</th>
            <th scope="col">{t("letters.columns.status")}</th>
            <th scope="col">{t("letters.columns.time")}</th>
          </tr>
        </thead>
        <tbody>
          {letters.map((l) => (
            <tr key={l.id}>
              <td>
                <a href={`/letters/${l.id}`}>{l.recipientName}</a>
              </td>
              {showSubject ? <td>{l.subject}</td> : null}
              <td>{t(`letters.channel.${l.channel}`)}</td>
              <td>{t(`letters.rules.${l.rule}`)}</td>
              <td>
                <StatusTag ctx={ctx} status={l.status} />
                {l.lastError && l.status !== "sent" ? <span class="form-hint">{l.lastError}</span> : null}
              </td>
              <td>{when(ctx, l.sentAt ?? l.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function StatusTag({ ctx, status }: { ctx: PageContext; status: string }) {
  const tone =
    status === "sent"
      ? "success"
      : status === "failed"
        ? "error"
        : status === "retrying"
          ? "warning"
          : "info";
  return <span class={`almen-status almen-status-${tone}`}>{ctx.t(`letters.status.${status}`)}</span>;
}

export interface BatchView {
  id: string;
  title: string;
  audience: string;
  type: string;
  createdAt: string;
  createdBy: string | null;
  letterCount: number;
  summary: { channel: string; status: string; count: number }[];
  letters: LetterListItem[];
  page: number;
  pages: number;
}

export function BatchPage({ ctx, batch }: { ctx: PageContext; batch: BatchView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={batch.title}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/letters", label: t("letters.outbox.title") }]} />
      <h1>{batch.title}</h1>
      <Facts
        rows={[
          [t("letters.columns.audience"), batch.audience],
          [t("letters.columns.type"), t(`letters.types.${batch.type}`)],
          [t("letters.columns.created"), when(ctx, batch.createdAt)],
          [t("letters.columns.created_by"), batch.createdBy],
          [t("letters.columns.letters"), batch.letterCount],
        ]}
      />
      <h2>{t("letters.batch.summary")}</h2>
      <TableWrap label={t("letters.batch.summary")}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("letters.columns.channel")}</th>
              <th scope="col">{t("letters.columns.status")}</th>
              <th scope="col">{t("letters.columns.letters")}</th>
            </tr>
          </thead>
          <tbody>
            {batch.summary.map((s) => (
              <tr key={`${s.channel}-${s.status}`}>
                <td>{t(`letters.channel.${s.channel}`)}</td>
                <td>
                  <StatusTag ctx={ctx} status={s.status} />
                </td>
                <td>{s.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>{t("letters.columns.letters")}</h2>
      <LetterTable
        ctx={ctx}
        letters={batch.letters}
        label={t("letters.columns.letters")}
        showSubject={false}
      />
      <Pagination
        t={t}
        page={batch.page}
        pages={batch.pages}
        href={(p) => `/letters/batches/${batch.id}?page=${p}`}
      />
    </Layout>
  );
}

export function LetterListPage({
  ctx,
  letters,
  filter,
  page,
  pages,
  total,
}: {
  ctx: PageContext;
  letters: LetterListItem[];
  filter: { status?: string; channel?: string };
  page: number;
  pages: number;
  total: number;
}) {
  const { t } = ctx;
  const title = filter.status === "failed" ? t("letters.list.failed") : t("letters.list.title");
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/letters", label: t("letters.outbox.title") }]} />
      <h1>{title}</h1>
      <form method="get" action="/letters/list" class="almen-filter">
        <div class="form-group">
          <label class="form-label" for="status">
            {t("letters.columns.status")}
          </label>
          <select class="form-select" id="status" name="status">
            <option value="">{t("letters.list.any")}</option>
            {["queued", "sending", "retrying", "sent", "failed", "in_print"].map((s) => (
              <option key={s} value={s} selected={filter.status === s}>
                {t(`letters.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="form-group">
          <label class="form-label" for="channel">
            {t("letters.columns.channel")}
          </label>
          <select class="form-select" id="channel" name="channel">
            <option value="">{t("letters.list.any")}</option>
            {["digital_post", "email", "paper"].map((c) => (
              <option key={c} value={c} selected={filter.channel === c}>
                {t(`letters.channel.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          {t("letters.list.filter")}
        </button>
      </form>
      <p role="status">{t("letters.list.count", { count: total })}</p>
      <LetterTable ctx={ctx} letters={letters} label={title} />
      <Pagination
        t={t}
        page={page}
        pages={pages}
        href={(p) => `/letters/list${query({ ...filter, page: p })}`}
      />
    </Layout>
  );
}
