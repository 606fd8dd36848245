import type { ComponentChildren } from "preact";
import type { AuditRow } from "../../../platform/audit.repository.ts";
import type { PageContext } from "../../../ui/page-context.ts";

export type HistoryEntry = AuditRow;

export const when = (ctx: PageContext, iso: string) =>
  new Date(iso).toLocaleString(ctx.lang === "da" ? "da-DK" : "en-GB", {
    timeZone: "Europe/Copenhagen",
    dateStyle: "short",
    timeStyle: "short",
  });

const changes = (before: unknown, after: unknown): string[] => {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return Object.keys({ ...b, ...a }).map((k) =>
    k in b ? `${k}: ${String(b[k] ?? "–")} → ${String(a[k] ?? "–")}` : `${k}: ${String(a[k] ?? "–")}`,
  );
};

/** Who changed what, when — straight from the audit log. */
export function History({ ctx, entries }: { ctx: PageContext; entries: HistoryEntry[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="history">
      <h2 id="history">{t("masterdata.history")}</h2>
      {entries.length === 0 ? (
        <p>{t("masterdata.no_history")}</p>
      ) : (
        <ol class="almen-history">
          {entries.map((e) => (
            <li key={e.id}>
              <strong>{when(ctx, e.at)}</strong> – {e.actorLabel} –{" "}
              {t(`masterdata.actions.${e.action}`, { defaultValue: e.action })}
              <ul>
                {changes(e.before, e.after).map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="almen-facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === "" ? "–" : v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Breadcrumbs({ ctx, trail }: { ctx: PageContext; trail: { href: string; label: string }[] }) {
  return (
    <nav aria-label={ctx.t("masterdata.breadcrumbs")} class="breadcrumbs">
      <ol class="breadcrumbs__list">
        {trail.map((c) => (
          <li class="breadcrumbs__list-item" key={c.href}>
            <a href={c.href} class="breadcrumbs__link">
              {c.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export const query = (params: Record<string, string | number | undefined>) =>
  `?${new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  )}`;
