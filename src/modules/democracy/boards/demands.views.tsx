import { copenhagenDateOf, formatDate } from "../../../platform/dates.ts";
import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostForm,
  TextAreaField,
  TextField,
} from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Countdown, stateLabel } from "./parts.views.tsx";
import type { DemandView } from "./presenters.ts";
import { type DepartmentChoice, DepartmentSwitch } from "./resident.views.tsx";

export interface DemandsPageProps {
  ctx: PageContext;
  departments: DepartmentChoice[];
  department: DepartmentChoice;
  demands: DemandView[];
  /** The department's households now, and how many must sign a new demand. */
  households: number;
  needed: number;
  percent: number;
  conveneWeeks: number;
  /** The viewer lives in the department and may sign. */
  canSign: boolean;
  values: FormValues;
  errors: FieldErrors;
}

function Demand({ p, d }: { p: DemandsPageProps; d: DemandView }) {
  const { t, lang } = p.ctx;
  const headingId = `demand-${d.id}`;
  return (
    <section aria-labelledby={headingId} class="almen-demand">
      <h3 id={headingId}>{d.subject}</h3>
      <p>{d.reason}</p>
      <p>
        <strong>{stateLabel(t, d)}</strong>
        {" – "}
        {t("boards.demands.progress", { signed: d.signatures, needed: d.needed, households: d.households })}
      </p>
      <progress
        max={d.needed}
        value={Math.min(d.signatures, d.needed)}
        aria-label={t("boards.demands.progress", {
          signed: d.signatures,
          needed: d.needed,
          households: d.households,
        })}
      />
      {d.state === "reached" ? (
        <>
          <p>
            {t("boards.demands.reached_line", {
              date: d.reachedAt ? formatDate(copenhagenDateOf(d.reachedAt), lang) : "",
              convene: d.conveneBy ? formatDate(d.conveneBy, lang) : "",
            })}
          </p>
          <Countdown ctx={p.ctx} demand={d} />
        </>
      ) : null}
      {d.state === "met" && d.metAt ? (
        <p>{t("boards.demands.met_line", { date: formatDate(copenhagenDateOf(d.metAt), lang) })}</p>
      ) : null}
      {d.state === "open" && d.signedByMe ? <p>{t("boards.demands.you_signed")}</p> : null}
      {d.state === "open" && !d.signedByMe && p.canSign ? (
        <PostForm action={`/democracy/demands/${d.id}/sign`} csrf={p.ctx.csrfToken}>
          <button type="submit" class="button button-primary">
            {t("boards.demands.sign")}
          </button>
        </PostForm>
      ) : null}
    </section>
  );
}

export function DemandsPage(p: DemandsPageProps) {
  const { t } = p.ctx;
  const title = t("boards.demands.title", { name: p.department.name });
  return (
    <Layout ctx={p.ctx} title={title}>
      <h1>{title}</h1>
      <DepartmentSwitch
        ctx={p.ctx}
        action="/democracy/demands"
        departments={p.departments}
        current={p.department.id}
      />
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{ subject: t("boards.fields.subject"), reason: t("boards.fields.demand_reason") }}
      />
      <p class="font-lead">
        {t("boards.demands.intro", {
          percent: p.percent,
          needed: p.needed,
          households: p.households,
          count: p.conveneWeeks,
        })}
      </p>
      <h2>{t("boards.demands.list")}</h2>
      {p.demands.length === 0 ? <p>{t("boards.demands.none")}</p> : null}
      {p.demands.map((d) => (
        <Demand key={d.id} p={p} d={d} />
      ))}
      {p.canSign ? (
        <section aria-labelledby="new-demand">
          <h2 id="new-demand">{t("boards.demands.start")}</h2>
          <p>{t("boards.demands.start_intro")}</p>
          <PostForm action="/democracy/demands" csrf={p.ctx.csrfToken}>
            <input type="hidden" name="departmentId" value={p.department.id} />
            <TextField
              t={t}
              name="subject"
              label={t("boards.fields.subject")}
              hint={t("boards.fields.subject_hint")}
              value={p.values.subject}
              errors={p.errors}
            />
            <TextAreaField
              t={t}
              name="reason"
              label={t("boards.fields.demand_reason")}
              value={p.values.reason}
              errors={p.errors}
              rows={4}
            />
            <button type="submit" class="button button-primary">
              {t("boards.demands.start_submit")}
            </button>
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}
