import type { TFunction } from "i18next";
import { translateMaybe } from "../../../platform/i18n/index.ts";
import { ErrorSummary, type FieldErrors, PostForm, RadioGroup, TextField } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../ui/page-parts.tsx";
import { featureChoices, type SignUpValues, unitKindChoices } from "./seeker.schemas.ts";

export interface SignUpChoice {
  id: string;
  name: string;
  departments: { id: string; number: number; name: string }[];
}

/** Checkboxes in a fieldset whose legend names the choice (the first box carries the field's id). */
function CheckboxGroup(p: {
  t: TFunction;
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  checked: string[];
  errors?: FieldErrors;
}) {
  const error = p.errors?.[p.name];
  return (
    <div class={error ? "form-group form-error" : "form-group"}>
      <fieldset aria-describedby={error ? `${p.name}-error` : undefined}>
        <legend class="form-label">{p.legend}</legend>
        {p.hint ? <span class="form-hint">{p.hint}</span> : null}
        {error ? (
          <span class="form-error-message" id={`${p.name}-error`}>
            {translateMaybe(p.t, error)}
          </span>
        ) : null}
        <ul class="nobullet-list">
          {p.options.map((o, i) => {
            const id = i === 0 ? p.name : `${p.name}-${o.value}`;
            return (
              <li key={o.value}>
                <input
                  class="form-checkbox"
                  type="checkbox"
                  id={id}
                  name={p.name}
                  value={o.value}
                  checked={p.checked.includes(o.value)}
                />
                <label for={id}>{o.label}</label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </div>
  );
}

/** Sign-up: organisation (chosen first, to show its departments), list, departments, criteria. */
export function SignUpPage({
  ctx,
  choices,
  values,
  askBirthDate,
  errors,
}: {
  ctx: PageContext;
  choices: SignUpChoice[];
  values: SignUpValues;
  askBirthDate: boolean;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const org = choices.find((c) => c.id === values.organisation_id);
  const s = (k: string) => t(`letting.seeker.sign_up.${k}`);
  const labels = {
    organisation_id: s("organisation"),
    list_kind: s("list"),
    departments: s("departments"),
    birth_date: s("birth_date"),
    rooms_min: s("rooms_min"),
    rooms_max: s("rooms_max"),
    max_rent: s("max_rent"),
    household_size: s("household_size"),
  };
  return (
    <Layout ctx={ctx} title={s("title")}>
      <Breadcrumbs ctx={ctx} trail={[{ href: "/waiting-lists", label: t("letting.seeker.title") }]} />
      <h1>{s("title")}</h1>
      <p class="font-lead">{s("intro")}</p>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <form method="get" action="/waiting-lists/sign-up">
        <div class={errors?.organisation_id ? "form-group form-error" : "form-group"}>
          <label class="form-label" for="organisation_id">
            {s("organisation")}
          </label>
          {errors?.organisation_id ? (
            <span class="form-error-message">{translateMaybe(t, errors.organisation_id)}</span>
          ) : null}
          <select class="form-select" id="organisation_id" name="organisation">
            <option value="">{s("choose_organisation")}</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id} selected={c.id === values.organisation_id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          {s("show_departments")}
        </button>
      </form>
      {org ? (
        <PostForm action="/waiting-lists/sign-up" csrf={ctx.csrfToken}>
          <input type="hidden" name="organisation_id" value={org.id} />
          <RadioGroup
            t={t}
            name="list_kind"
            legend={s("list")}
            value={values.list_kind}
            errors={errors}
            options={(["external", "internal"] as const).map((k) => ({
              value: k,
              label: t(`letting.seeker.list_kind.${k}`),
            }))}
          />
          <p class="form-hint">{s("internal_hint")}</p>
          <CheckboxGroup
            t={t}
            name="departments"
            legend={s("departments")}
            checked={values.departments}
            errors={errors}
            options={org.departments.map((d) => ({ value: d.id, label: `${d.number} ${d.name}` }))}
          />
          {askBirthDate || errors?.birth_date ? (
            <TextField
              t={t}
              name="birth_date"
              label={s("birth_date")}
              hint={s("birth_date_hint")}
              value={values.birth_date}
              errors={errors}
              autocomplete="bday"
            />
          ) : null}
          <TextField
            t={t}
            name="rooms_min"
            label={s("rooms_min")}
            value={values.rooms_min}
            errors={errors}
            inputMode="numeric"
          />
          <TextField
            t={t}
            name="rooms_max"
            label={s("rooms_max")}
            value={values.rooms_max}
            errors={errors}
            inputMode="numeric"
          />
          <TextField
            t={t}
            name="max_rent"
            label={s("max_rent")}
            value={values.max_rent}
            errors={errors}
            inputMode="numeric"
          />
          <CheckboxGroup
            t={t}
            name="kinds"
            legend={s("kinds")}
            checked={values.kinds}
            errors={errors}
            options={unitKindChoices.map((k) => ({ value: k, label: s(`kind.${k}`) }))}
          />
          <CheckboxGroup
            t={t}
            name="features"
            legend={s("features")}
            checked={values.features}
            errors={errors}
            options={featureChoices.map((k) => ({ value: k, label: s(`feature.${k}`) }))}
          />
          <TextField
            t={t}
            name="household_size"
            label={s("household_size")}
            value={values.household_size}
            errors={errors}
            inputMode="numeric"
          />
          <div class="form-group-checkbox">
            <input
              class="form-checkbox"
              type="checkbox"
              id="has_children"
              name="has_children"
              value="ja"
              checked={values.has_children}
            />
            <label for="has_children">{s("has_children")}</label>
          </div>
          <button type="submit" class="button button-primary">
            {s("submit")}
          </button>
        </PostForm>
      ) : null}
    </Layout>
  );
}
