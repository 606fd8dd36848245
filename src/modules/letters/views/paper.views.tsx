import { PostForm, TableWrap } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, when } from "../../../ui/page-parts.tsx";

export interface PaperView {
  waiting: { organisationId: string; organisationName: string; count: number }[];
  batches: {
    id: string;
    organisation_name: string;
    letter_count: number;
    created_at: string;
    printed_at: string | null;
    created_by_name: string | null;
    printed_by_name: string | null;
  }[];
}

/** Paper letters: gather the waiting ones into a print batch, print it, confirm it was posted. */
export function PaperPage({ ctx, view }: { ctx: PageContext; view: PaperView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("letters.paper.title")}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/letters", label: t("letters.outbox.title") }]} />
      <h1>{t("letters.paper.title")}</h1>
      <p class="font-lead">{t("letters.paper.intro")}</p>
      <h2>{t("letters.paper.waiting")}</h2>
      {view.waiting.length === 0 ? (
        <p>{t("letters.paper.none_waiting")}</p>
      ) : (
        <ul class="nobullet-list">
          {view.waiting.map((w) => (
            <li key={w.organisationId} class="almen-card">
              <p>{t("letters.paper.waiting_count", { count: w.count, organisation: w.organisationName })}</p>
              <PostForm action="/letters/paper/batches" csrf={ctx.csrfToken}>
                <input type="hidden" name="organisation_id" value={w.organisationId} />
                <button type="submit" class="button button-primary">
                  {t("letters.paper.create_batch")}
                </button>
              </PostForm>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("letters.paper.batches")}</h2>
      {view.batches.length === 0 ? (
        <p>{t("letters.paper.no_batches")}</p>
      ) : (
        <TableWrap label={t("letters.paper.batches")}>
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{t("letters.columns.created")}</th>
                <th scope="col">{t("letters.columns.organisation")}</th>
                <th scope="col">{t("letters.columns.letters")}</th>
                <th scope="col">{t("letters.paper.pdf")}</th>
                <th scope="col">{t("letters.paper.printed")}</th>
              </tr>
            </thead>
            <tbody>
              {view.batches.map((b) => (
                <tr key={b.id}>
                  <td>
                    {when(ctx, b.created_at)}
                    {b.created_by_name ? <span class="form-hint">{b.created_by_name}</span> : null}
                  </td>
                  <td>{b.organisation_name}</td>
                  <td>{b.letter_count}</td>
                  <td>
                    <a
                      href={`/letters/paper/batches/${b.id}/pdf`}
                      download={`udskrift-${b.created_at.slice(0, 10)}.pdf`}
                    >
                      {t("letters.paper.download", { count: b.letter_count })}
                    </a>
                  </td>
                  <td>
                    {b.printed_at ? (
                      t("letters.paper.printed_by", {
                        at: when(ctx, b.printed_at),
                        name: b.printed_by_name ?? "",
                      })
                    ) : (
                      <PostForm action={`/letters/paper/batches/${b.id}/printed`} csrf={ctx.csrfToken}>
                        <button type="submit" class="button button-secondary">
                          {t("letters.paper.confirm")}
                        </button>
                      </PostForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Layout>
  );
}
