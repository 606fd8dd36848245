import type { AuditRow } from "../../../platform/audit.repository.ts";
import type { PageContext } from "../../../ui/page-context.ts";
import { when } from "../../../ui/page-parts.tsx";

export type HistoryEntry = AuditRow;

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
