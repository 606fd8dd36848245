import type { ComponentChildren } from "preact";
import { translateMaybe } from "../../../platform/i18n/index.ts";
import { type FieldErrors, PostForm, TextField } from "../../../ui/components.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { flexibleCriteria } from "../settings.ts";

/** The facts form as typed (kept on error), with the form's field names. */
export interface FactsValues {
  household_size: string;
  has_children: boolean;
  is_rehousing: boolean;
  flexible: string[];
  is_education_documented: boolean;
  has_municipal_referral: boolean;
  is_on_benefits_refusable: boolean;
  is_owing_money: boolean;
  has_payment_plan: boolean;
}

export type FactFlag = Exclude<keyof FactsValues, "household_size" | "flexible">;

const a = (key: string) => `letting.applicants.${key}`;

/** The label of every field that can carry an error, for the error summary. */
export function fieldLabels(ctx: PageContext): Record<string, string> {
  const { t } = ctx;
  return {
    household_size: t(a("household.size")),
    has_children: t(a("household.has_children")),
    is_rehousing: t(a("priority.is_rehousing")),
    flexible: t(a("priority.flexible")),
    is_education_documented: t(a("requirements.is_education_documented")),
    has_municipal_referral: t(a("requirements.has_municipal_referral")),
    is_on_benefits_refusable: t(a("refusal.is_on_benefits_refusable")),
    is_owing_money: t(a("refusal.is_owing_money")),
    has_payment_plan: t(a("refusal.has_payment_plan")),
    remove_confirm: t(a("actions.remove_confirm")),
  };
}

function ErrorText({ ctx, errors, name }: { ctx: PageContext; errors?: FieldErrors; name: string }) {
  const error = errors?.[name];
  if (!error) return null;
  return (
    <span class="form-error-message" id={`${name}-error`}>
      <span class="sr-only">{ctx.t("form.error_prefix")} </span>
      {translateMaybe(ctx.t, error)}
    </span>
  );
}

function Checkbox(p: {
  ctx: PageContext;
  name: string;
  id?: string;
  value?: string;
  label: string;
  checked: boolean;
  disabled: boolean;
  errors?: FieldErrors;
}) {
  const id = p.id ?? p.name;
  const error = p.errors?.[p.name];
  return (
    <div class={error ? "form-group-checkbox form-error" : "form-group-checkbox"}>
      <ErrorText ctx={p.ctx} errors={p.errors} name={p.name} />
      <input
        class="form-checkbox"
        type="checkbox"
        id={id}
        name={p.name}
        value={p.value ?? "ja"}
        checked={p.checked}
        disabled={p.disabled}
        aria-describedby={error ? `${p.name}-error` : undefined}
        aria-invalid={error ? "true" : undefined}
      />
      <label for={id}>{p.label}</label>
    </div>
  );
}

function Group({ legend, hint, children }: { legend: string; hint?: string; children: ComponentChildren }) {
  return (
    <fieldset class="form-group">
      <legend class="h3">{legend}</legend>
      {hint ? <p class="form-hint">{hint}</p> : null}
      {children}
    </fieldset>
  );
}

/** The facts the ranking uses, in fieldsets; read-only (disabled) for those who may only look. */
export function FactsForm(p: {
  ctx: PageContext;
  action: string;
  canManage: boolean;
  values: FactsValues;
  errors?: FieldErrors;
}) {
  const { ctx, values: v, errors } = p;
  const { t } = ctx;
  const off = !p.canManage;
  const flag = (name: FactFlag, label: string) => (
    <Checkbox ctx={ctx} name={name} label={label} checked={v[name]} disabled={off} errors={errors} />
  );
  const flexibleError = errors?.flexible;
  const fields = (
    <>
      <Group legend={t(a("household.legend"))}>
        {off ? (
          <p>
            {t(a("household.size"))}: {v.household_size}
          </p>
        ) : (
          <TextField
            t={t}
            name="household_size"
            label={t(a("household.size"))}
            hint={t(a("household.size_hint"))}
            value={v.household_size}
            errors={errors}
            inputMode="numeric"
          />
        )}
        {flag("has_children", t(a("household.has_children")))}
      </Group>
      <Group legend={t(a("priority.legend"))}>
        {flag("is_rehousing", t(a("priority.is_rehousing")))}
        <div class={flexibleError ? "form-group form-error" : "form-group"}>
          <fieldset aria-describedby={flexibleError ? "flexible-error" : "flexible-hint"}>
            <legend class="form-label">{t(a("priority.flexible"))}</legend>
            <span class="form-hint" id="flexible-hint">
              {t(a("priority.flexible_hint"))}
            </span>
            <ErrorText ctx={ctx} errors={errors} name="flexible" />
            {flexibleCriteria.map((c, i) => (
              <Checkbox
                key={c}
                ctx={ctx}
                name="flexible"
                id={i === 0 ? "flexible" : `flexible-${c}`}
                value={c}
                label={t(`letting.settings.criteria.${c}`)}
                checked={v.flexible.includes(c)}
                disabled={off}
              />
            ))}
          </fieldset>
        </div>
      </Group>
      <Group legend={t(a("requirements.legend"))}>
        {flag("is_education_documented", t(a("requirements.is_education_documented")))}
        {flag("has_municipal_referral", t(a("requirements.has_municipal_referral")))}
      </Group>
      <Group legend={t(a("refusal.legend"))} hint={t(a("refusal.hint"))}>
        {flag("is_on_benefits_refusable", t(a("refusal.is_on_benefits_refusable")))}
        {flag("is_owing_money", t(a("refusal.is_owing_money")))}
        {flag("has_payment_plan", t(a("refusal.has_payment_plan")))}
      </Group>
    </>
  );
  return (
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t(a("facts_heading"))}</h2>
      <p>{t(a("facts_intro"))}</p>
      {off ? (
        <>
          <p>{t(a("read_only"))}</p>
          {fields}
        </>
      ) : (
        <PostForm action={p.action} csrf={ctx.csrfToken}>
          {fields}
          <button type="submit" class="button button-primary">
            {t(a("save"))}
          </button>
        </PostForm>
      )}
    </section>
  );
}

/** Pause, reactivate or remove (removal asks to confirm that seniority is lost). */
export function StatusActions(p: { ctx: PageContext; action: string; status: string; errors?: FieldErrors }) {
  const { ctx } = p;
  const { t } = ctx;
  if (p.status !== "active" && p.status !== "passive") return null;
  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">{t(a("status_heading"))}</h2>
      <p class="form-hint">{t(a("actions.pause_hint"))}</p>
      <ul class="nobullet-list almen-actions">
        <li>
          <PostForm
            action={`${p.action}/${p.status === "active" ? "pause" : "reactivate"}`}
            csrf={ctx.csrfToken}
          >
            <button type="submit" class="button button-secondary">
              {t(a(p.status === "active" ? "actions.pause" : "actions.reactivate"))}
            </button>
          </PostForm>
        </li>
      </ul>
      <PostForm action={`${p.action}/remove`} csrf={ctx.csrfToken}>
        <Checkbox
          ctx={ctx}
          name="remove_confirm"
          label={t(a("actions.remove_confirm"))}
          checked={false}
          disabled={false}
          errors={p.errors}
        />
        <button type="submit" class="button button-secondary">
          {t(a("actions.remove"))}
        </button>
      </PostForm>
    </section>
  );
}
