import { formatDate, formatKroner } from "../../../platform/dates.ts";
import { Pagination, TextField } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs, Facts, query } from "../../../ui/page-parts.tsx";
import { unitKinds } from "../../masterdata/masterdata.table.ts";
import type { VacancyQuery } from "./public.schemas.ts";
import { type DepartmentProfile, featureNames, type VacantHome } from "./public.service.ts";

const p = "letting.settings.public";
const featureLabel: Record<(typeof featureNames)[number], string> = {
  stepFree: `${p}.feature.step_free`,
  elevator: `${p}.feature.elevator`,
  balcony: `${p}.feature.balcony`,
  pets: `${p}.feature.pets`,
};
const wholeFormat = {
  da: new Intl.NumberFormat("da-DK", { style: "currency", currency: "DKK", maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat("en-GB", { style: "currency", currency: "DKK", maximumFractionDigits: 0 }),
};
const wholeKroner = (ore: number, lang: "da" | "en") => wholeFormat[lang].format(Math.round(ore / 100));
const text = (v: number | string | undefined) => (v === undefined ? "" : String(v));

function Filters({ ctx, q }: { ctx: PageContext; q: VacancyQuery }) {
  const { t } = ctx;
  return (
    <form method="get" action="/boliger" class="almen-filter" aria-labelledby="filter-heading">
      <h2 id="filter-heading">{t(`${p}.filter_heading`)}</h2>
      <TextField
        t={t}
        name="municipality"
        label={t(`${p}.municipality`)}
        hint={t(`${p}.municipality_hint`)}
        value={q.municipality ?? ""}
      />
      <div class="form-group">
        <label class="form-label" for="kind">
          {t(`${p}.kind`)}
        </label>
        <select class="form-select" id="kind" name="kind">
          <option value="">{t(`${p}.any_kind`)}</option>
          {unitKinds.map((k) => (
            <option key={k} value={k} selected={q.kind === k}>
              {t(`${p}.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        t={t}
        name="roomsMin"
        label={t(`${p}.rooms_min`)}
        value={text(q.roomsMin)}
        inputMode="numeric"
      />
      <TextField
        t={t}
        name="roomsMax"
        label={t(`${p}.rooms_max`)}
        value={text(q.roomsMax)}
        inputMode="numeric"
      />
      <TextField
        t={t}
        name="maxRent"
        label={t(`${p}.max_rent`)}
        value={text(q.maxRent)}
        inputMode="numeric"
      />
      <TextField
        t={t}
        name="minArea"
        label={t(`${p}.min_area`)}
        value={text(q.minArea)}
        inputMode="numeric"
      />
      <fieldset class="form-group">
        <legend class="form-label">{t(`${p}.features`)}</legend>
        <ul class="nobullet-list">
          {featureNames.map((f) => (
            <li key={f}>
              <input
                class="form-checkbox"
                type="checkbox"
                id={`f-${f}`}
                name={f}
                value="ja"
                checked={q[f] === "ja" || q[f] === "true"}
              />
              <label for={`f-${f}`}>{t(featureLabel[f])}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="submit" class="button button-primary">
        {t(`${p}.search`)}
      </button>
    </form>
  );
}

function HomeCard({ ctx, home }: { ctx: PageContext; home: VacantHome }) {
  const { t, lang } = ctx;
  return (
    <li class="almen-card">
      <h3>{`${home.address}, ${home.postcode} ${home.town}`}</h3>
      <Facts
        rows={[
          [t(`${p}.kind`), t(`${p}.kinds.${home.kind}`)],
          [t(`${p}.rooms`), home.rooms],
          [t(`${p}.area`), home.areaM2],
          [t(`${p}.rent`), formatKroner(home.rentOre, lang)],
          [t(`${p}.free_from`), home.freeFrom ? formatDate(home.freeFrom, lang) : t(`${p}.free_now`)],
          [t(`${p}.energy_label`), home.energyLabel],
          [t(`${p}.features`), home.features.map((f) => t(featureLabel[f])).join(", ")],
          [
            t(`${p}.department`),
            <a key="d" href={`/afdelinger/${home.department.key}`}>
              {`${home.department.number} ${home.department.name}`}
            </a>,
          ],
        ]}
      />
    </li>
  );
}

export function VacanciesPage(props: {
  ctx: PageContext;
  q: VacancyQuery;
  dropped: string[];
  result: { items: VacantHome[]; total: number; page: number; pageSize: number };
}) {
  const { ctx, q, result } = props;
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  return (
    <Layout ctx={ctx} title={t(`${p}.vacancies_title`)}>
      <h1>{t(`${p}.vacancies_title`)}</h1>
      <p class="font-lead">{t(`${p}.vacancies_intro`)}</p>
      {props.dropped.length ? (
        <div class="alert alert-warning" role="status">
          <p class="alert-text">{t(`${p}.bad_filter`)}</p>
        </div>
      ) : null}
      <Filters ctx={ctx} q={q} />
      <h2 aria-live="polite">{t(`${p}.results`, { count: result.total })}</h2>
      {result.items.length === 0 ? <p>{t(`${p}.no_results`)}</p> : null}
      <ul class="nobullet-list almen-cards">
        {result.items.map((home) => (
          <HomeCard key={home.unitId} ctx={ctx} home={home} />
        ))}
      </ul>
      <Pagination
        t={t}
        page={result.page}
        pages={pages}
        href={(page) => `/boliger${query({ ...q, page })}`}
      />
    </Layout>
  );
}

function waitingText(ctx: PageContext, w: DepartmentProfile["waiting"]) {
  const { t } = ctx;
  if (!w.estimate) return { range: null, note: t(`${p}.waiting_unknown`) };
  const { fromMonths, toMonths } = w.estimate;
  const range =
    fromMonths === 0
      ? t(`${p}.waiting_under`, { count: toMonths })
      : t(`${p}.waiting_range`, { from: fromMonths, to: toMonths });
  return { range, note: t(`${p}.waiting_explained`, { lettings: w.lettings, queue: w.queue }) };
}

export function DepartmentPage({ ctx, d }: { ctx: PageContext; d: DepartmentProfile }) {
  const { t, lang } = ctx;
  const title = t(`${p}.department_title`, { number: d.number, name: d.name });
  const waiting = waitingText(ctx, d.waiting);
  const address = [d.address, [d.postcode, d.town].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/boliger", label: t(`${p}.vacancies_title`) }]} />
      <h1>{title}</h1>
      <Facts
        rows={[
          [t(`${p}.organisation`), d.organisationName],
          [t(`${p}.address`), address],
          [t(`${p}.municipality_code`), d.municipalityCode],
          [t(`${p}.built`), d.constructionYear],
          [
            t(`${p}.homes`),
            <ul key="k" class="nobullet-list">
              <li>{t(`${p}.homes_count`, { count: d.homes })}</li>
              {d.kinds.map((k) => (
                <li key={k.kind}>
                  {t(`${p}.kind_homes`, { kind: t(`${p}.kinds.${k.kind}`), count: k.homes })}
                </li>
              ))}
            </ul>,
          ],
          [
            t(`${p}.rent_per_m2`),
            d.rentPerM2Year
              ? `${wholeKroner(d.rentPerM2Year.minOre, lang)} – ${wholeKroner(d.rentPerM2Year.maxOre, lang)}`
              : null,
          ],
          [
            t(`${p}.facilities`),
            d.facilities.length
              ? d.facilities
                  .map((f) =>
                    t(`${p}.facility_homes`, {
                      feature: t(featureLabel[f.feature]),
                      homes: f.homes,
                      total: d.homes,
                    }),
                  )
                  .join("; ")
              : t(`${p}.no_facilities`),
          ],
          [t(`${p}.energy_labels`), d.energyLabels.join(", ")],
        ]}
      />
      <h2>{t(`${p}.waiting_time`)}</h2>
      {waiting.range ? <p class="font-lead">{waiting.range}</p> : null}
      <p>{waiting.note}</p>
      {d.municipalityCode ? (
        <p>
          <a href={`/boliger${query({ municipality: d.municipalityCode })}`}>{t(`${p}.vacant_here`)}</a>
        </p>
      ) : null}
    </Layout>
  );
}
