import { ErrorSummary, PostForm, SelectField, TextField } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../ui/page-parts.tsx";
import type { ImportKind } from "../import/kinds.ts";
import { unitKinds, unitStatuses } from "../masterdata.table.ts";
import { energyLabelClasses } from "../rules/index.ts";

const yesNo = [
  "has_board",
  "elevator",
  "step_free",
  "balcony_or_garden",
  "pets_allowed",
  "digital_post_exempt",
  "email_consent",
];
const dates = ["birth_date", "start_date", "end_date", "energy_label_valid_from", "energy_label_valid_to"];

function choices(ctx: PageContext, column: string): { value: string; label: string }[] | null {
  const { t } = ctx;
  if (yesNo.includes(column))
    return [
      { value: "nej", label: t("masterdata.no") },
      { value: "ja", label: t("masterdata.yes") },
    ];
  if (column === "kind") return unitKinds.map((k) => ({ value: k, label: t(`unit_kind.${k}`) }));
  if (column === "status") return unitStatuses.map((s) => ({ value: s, label: t(`masterdata.status.${s}`) }));
  if (column === "language")
    return [
      { value: "da", label: "Dansk" },
      { value: "en", label: "English" },
    ];
  if (column === "energy_label")
    return [{ value: "", label: "–" }, ...energyLabelClasses.map((c) => ({ value: c, label: c }))];
  return null;
}

export interface RecordFormProps {
  ctx: PageContext;
  kind: ImportKind;
  fields: readonly string[];
  values: Record<string, string>;
  errors?: Record<string, string>;
  action: string;
  title: string;
  back: { href: string; label: string };
}

/** One form for creating and editing every kind: its fields are the import columns. */
export function RecordFormPage({ ctx, kind, fields, values, errors, action, title, back }: RecordFormProps) {
  const { t } = ctx;
  const labels = Object.fromEntries(fields.map((f) => [f, t(`masterdata.columns.${f}`)]));
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/masterdata", label: t("masterdata.title") }, back]} />
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <PostForm action={action} csrf={ctx.csrfToken}>
        {fields.map((f) => {
          const options = choices(ctx, f);
          const hint = t(`masterdata.hints.${f}`, { defaultValue: "" }) || undefined;
          return options ? (
            <SelectField
              key={f}
              t={t}
              name={f}
              label={labels[f]!}
              value={values[f]}
              options={options}
              errors={errors}
            />
          ) : (
            <TextField
              key={f}
              t={t}
              name={f}
              label={labels[f]!}
              value={values[f]}
              errors={errors}
              hint={hint}
              type={dates.includes(f) ? "date" : "text"}
              autocomplete="off"
            />
          );
        })}
        <input type="hidden" name="_kind" value={kind} />
        <button type="submit" class="button button-primary">
          {t("masterdata.save")}
        </button>{" "}
        <a href={back.href} class="button button-tertiary">
          {t("masterdata.cancel")}
        </a>
      </PostForm>
    </Layout>
  );
}
