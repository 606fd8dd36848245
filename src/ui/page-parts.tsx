import type { ComponentChildren } from "preact";
import type { PageContext } from "./page-context.ts";

/** Small pieces many pages share: a date-and-time, a facts list, breadcrumbs, a query string. */

/** A moment as Copenhagen wall-clock time, short date and time. */
export const when = (ctx: PageContext, iso: string) =>
  new Date(iso).toLocaleString(ctx.lang === "da" ? "da-DK" : "en-GB", {
    timeZone: "Europe/Copenhagen",
    dateStyle: "short",
    timeStyle: "short",
  });

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
    <nav aria-label={ctx.t("layout.breadcrumbs")} class="breadcrumbs">
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
