import type { TFunction } from "i18next";
import { formatKroner } from "../../platform/dates.ts";
import { translateMaybe } from "../../platform/i18n/index.ts";
import { ErrorSummary, type FieldErrors, PostForm, TextField } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { Breadcrumbs, Facts } from "../../ui/page-parts.tsx";
import {
  afterLeaseOptions,
  boundsOf,
  type DepartmentSettingsView,
  type FormState,
  fieldKinds,
  kronerText,
  type OrganisationSettingsView,
  type SettingKey,
} from "./settings.service.ts";
import { defaultLettingSettings, flexibleCriteria, type LettingSettings } from "./settings.ts";

/** A rule value as people read it, in the page's language. */
export function display(ctx: PageContext, key: SettingKey, value: LettingSettings[SettingKey]): string {
  const { t } = ctx;
  const kind = fieldKinds[key];
  if (kind === "money") return formatKroner(value as number, ctx.lang);
  if (kind === "bool") return t(value ? "letting.settings.yes" : "letting.settings.no");
  if (kind === "enum") return t(`letting.settings.after_lease.${value}`);
  if (kind === "multi") {
    const list = value as string[];
    return list.length
      ? list.map((c) => t(`letting.settings.criteria.${c}`)).join(", ")
      : t("letting.settings.none");
  }
  return String(value);
}

const label = (t: TFunction, key: SettingKey) => t(`letting.settings.fields.${key}.label`);

function hintOf(ctx: PageContext, key: SettingKey): string {
  const { t } = ctx;
  const parts = [t(`letting.settings.fields.${key}.hint`)];
  const kind = fieldKinds[key];
  if (kind === "int") parts.push(t("letting.settings.allowed", boundsOf(key)));
  if (kind === "money") {
    const b = boundsOf(key);
    parts.push(t("letting.settings.allowed", { min: kronerText(b.min), max: kronerText(b.max) }));
  }
  // "300,00 kr." would end the sentence twice.
  const value = display(ctx, key, defaultLettingSettings[key]).replace(/\.$/, "");
  parts.push(t("letting.settings.default", { value }));
  return parts.join(" ");
}

const errorText = (t: TFunction, errors: FieldErrors | undefined, name: string) =>
  errors?.[name] ? (
    <span class="form-error-message" id={`${name}-error`}>
      <span class="sr-only">{t("form.error_prefix")} </span>
      {translateMaybe(t, errors[name])}
    </span>
  ) : null;

/** The input for one rule value; `name` is the field name, `title` its label or legend. */
function ValueInput(p: {
  ctx: PageContext;
  field: SettingKey;
  name: string;
  title: string;
  hint?: string;
  value: string | string[] | undefined;
  errors?: FieldErrors;
}) {
  const { t } = p.ctx;
  const kind = fieldKinds[p.field];
  const value = p.value;
  const hint = p.hint ? (
    <span class="form-hint" id={`${p.name}-hint`}>
      {p.hint}
    </span>
  ) : null;
  const groupClass = p.errors?.[p.name] ? "form-group form-error" : "form-group";
  if (kind === "int" || kind === "money") {
    return (
      <TextField
        t={t}
        name={p.name}
        label={p.title}
        hint={p.hint}
        value={typeof value === "string" ? value : ""}
        errors={p.errors}
        inputMode={kind === "int" ? "numeric" : "text"}
      />
    );
  }
  if (kind === "bool") {
    return (
      <div class={groupClass}>
        {hint}
        {errorText(t, p.errors, p.name)}
        <input
          class="form-checkbox"
          type="checkbox"
          id={p.name}
          name={p.name}
          value="ja"
          checked={value === "ja"}
          aria-describedby={p.hint ? `${p.name}-hint` : undefined}
        />
        <label for={p.name}>{p.title}</label>
      </div>
    );
  }
  const options = kind === "enum" ? afterLeaseOptions : flexibleCriteria;
  const chosen = Array.isArray(value) ? value : value ? [value] : [];
  return (
    <div class={groupClass}>
      <fieldset aria-describedby={p.hint ? `${p.name}-hint` : undefined}>
        <legend class="form-label">{p.title}</legend>
        {hint}
        {errorText(t, p.errors, p.name)}
        <ul class="nobullet-list">
          {options.map((o, i) => {
            const id = i === 0 ? p.name : `${p.name}-${o}`;
            return (
              <li key={o}>
                <input
                  class={kind === "enum" ? "form-radio" : "form-checkbox"}
                  type={kind === "enum" ? "radio" : "checkbox"}
                  id={id}
                  name={p.name}
                  value={o}
                  checked={chosen.includes(o)}
                />
                <label for={id}>
                  {t(
                    kind === "enum" ? `letting.settings.after_lease.${o}` : `letting.settings.criteria.${o}`,
                  )}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </div>
  );
}

const errorLabels = (t: TFunction) =>
  Object.fromEntries(
    Object.keys(fieldKinds).flatMap((k) => [
      [k, label(t, k as SettingKey)],
      [`mode_${k}`, label(t, k as SettingKey)],
    ]),
  );

export function OrganisationSettingsPage(p: {
  ctx: PageContext;
  organisations: { id: string; number: number; name: string }[];
  view: OrganisationSettingsView;
  values: FormState;
  errors?: FieldErrors;
}) {
  const { ctx, view } = p;
  const { t } = ctx;
  const org = view.organisation;
  return (
    <Layout ctx={ctx} title={t("letting.settings.title")}>
      <h1>{t("letting.settings.title")}</h1>
      <p class="font-lead">{`${org.number} ${org.name}`}</p>
      <p>{t("letting.settings.intro")}</p>
      {p.organisations.length > 1 ? (
        <form method="get" action="/letting/settings" class="almen-filter">
          <div class="form-group">
            <label class="form-label" for="organisation">
              {t("letting.settings.organisation")}
            </label>
            <select class="form-select" id="organisation" name="organisation">
              {p.organisations.map((o) => (
                <option key={o.id} value={o.id} selected={o.id === org.id}>
                  {`${o.number} ${o.name}`}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button button-secondary">
            {t("letting.settings.show")}
          </button>
        </form>
      ) : null}
      <ErrorSummary t={t} errors={p.errors} labels={errorLabels(t)} />
      <PostForm action="/letting/settings" csrf={ctx.csrfToken}>
        <input type="hidden" name="organisation_id" value={org.id} />
        {(Object.keys(fieldKinds) as SettingKey[]).map((key) => (
          <ValueInput
            key={key}
            ctx={ctx}
            field={key}
            name={key}
            title={label(t, key)}
            hint={hintOf(ctx, key)}
            value={p.values[key]}
            errors={p.errors}
          />
        ))}
        <button type="submit" class="button button-primary">
          {t("letting.settings.save")}
        </button>
      </PostForm>
      <h2>{t("letting.settings.departments")}</h2>
      <p>{t("letting.settings.departments_intro")}</p>
      <ul>
        {view.departments.map((d) => (
          <li key={d.id}>
            <a href={`/letting/settings/departments/${d.id}`}>{`${d.number} ${d.name}`}</a>
            {d.overrides ? ` – ${t("letting.settings.overrides_count", { count: d.overrides })}` : ""}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function DepartmentSettingsPage(p: {
  ctx: PageContext;
  view: DepartmentSettingsView;
  modes: Record<string, string>;
  values: FormState;
  errors?: FieldErrors;
}) {
  const { ctx, view } = p;
  const { t } = ctx;
  const d = view.department;
  const name = `${d.number} ${d.name}`;
  const title = t("letting.settings.department_title", { name });
  const keys = Object.keys(fieldKinds) as SettingKey[];
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs
        ctx={ctx}
        trail={[
          { href: `/letting/settings?organisation=${d.organisationId}`, label: t("letting.settings.title") },
        ]}
      />
      <h1>{title}</h1>
      <p>{t("letting.settings.department_intro")}</p>
      <h2>{t("letting.settings.effective_heading")}</h2>
      <Facts rows={keys.map((k) => [label(t, k), display(ctx, k, view.effective[k])])} />
      <ErrorSummary t={t} errors={p.errors} labels={errorLabels(t)} />
      <PostForm action={`/letting/settings/departments/${d.id}`} csrf={ctx.csrfToken}>
        {keys.map((key) => {
          const mode = `mode_${key}`;
          return (
            <fieldset key={key} class="almen-override" aria-describedby={`${mode}-hint`}>
              <legend class="form-label">{label(t, key)}</legend>
              <span class="form-hint" id={`${mode}-hint`}>
                {hintOf(ctx, key)}
              </span>
              {errorText(t, p.errors, mode)}
              <ul class="nobullet-list">
                {(["inherit", "own"] as const).map((m, i) => (
                  <li key={m}>
                    <input
                      class="form-radio"
                      type="radio"
                      id={i === 0 ? mode : `${mode}-own`}
                      name={mode}
                      value={m}
                      checked={p.modes[key] === m}
                    />
                    <label for={i === 0 ? mode : `${mode}-own`}>
                      {m === "inherit"
                        ? t("letting.settings.inherit", {
                            value: display(ctx, key, view.organisationValues[key]),
                          })
                        : t("letting.settings.own")}
                    </label>
                  </li>
                ))}
              </ul>
              <ValueInput
                ctx={ctx}
                field={key}
                name={key}
                title={`${t("letting.settings.own_value")}: ${label(t, key)}`}
                value={p.values[key]}
                errors={p.errors}
              />
            </fieldset>
          );
        })}
        <button type="submit" class="button button-primary">
          {t("letting.settings.save")}
        </button>
      </PostForm>
    </Layout>
  );
}
