import { ErrorSummary, PostForm, RadioGroup, SelectField, TextField } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";

export interface ContactValues {
  email: string;
  phone: string;
  language: string;
  email_consent: boolean;
  digital_post_exempt: boolean;
  email_frequency: string;
}

function Checkbox({
  name,
  label,
  checked,
  hint,
}: {
  name: string;
  label: string;
  checked: boolean;
  hint: string;
}) {
  return (
    <div class="form-group-checkbox">
      <input
        class="form-checkbox"
        type="checkbox"
        id={name}
        name={name}
        value="ja"
        checked={checked}
        aria-describedby={`${name}-hint`}
      />
      <label for={name}>{label}</label>
      <span class="form-hint" id={`${name}-hint`}>
        {hint}
      </span>
    </div>
  );
}

export function ContactPage({
  ctx,
  name,
  values,
  errors,
}: {
  ctx: PageContext;
  name: string;
  values: ContactValues;
  errors?: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("contact.title")}>
      <h1>{t("contact.title")}</h1>
      <p>{t("contact.intro", { name })}</p>
      <ErrorSummary t={t} errors={errors} />
      <PostForm action="/account/contact" csrf={ctx.csrfToken}>
        <TextField
          t={t}
          name="email"
          type="email"
          label={t("masterdata.columns.email")}
          value={values.email}
          errors={errors}
          autocomplete="email"
        />
        <TextField
          t={t}
          name="phone"
          type="tel"
          label={t("masterdata.columns.phone")}
          value={values.phone}
          errors={errors}
          autocomplete="tel"
          hint={t("contact.phone_hint")}
        />
        <SelectField
          t={t}
          name="language"
          label={t("contact.letter_language")}
          value={values.language}
          options={[
            { value: "da", label: "Dansk" },
            { value: "en", label: "English" },
          ]}
          errors={errors}
        />
        <fieldset class="form-group">
          <legend class="form-label">{t("contact.preferences")}</legend>
          <Checkbox
            name="email_consent"
            label={t("contact.email_consent")}
            checked={values.email_consent}
            hint={t("contact.email_consent_hint")}
          />
          <Checkbox
            name="digital_post_exempt"
            label={t("contact.digital_post_exempt")}
            checked={values.digital_post_exempt}
            hint={t("contact.digital_post_exempt_hint")}
          />
        </fieldset>
        <RadioGroup
          t={t}
          name="email_frequency"
          legend={t("contact.email_frequency")}
          value={values.email_frequency}
          errors={errors}
          options={[
            { value: "immediate", label: t("contact.email_immediate") },
            { value: "daily_digest", label: t("contact.email_daily_digest") },
          ]}
        />
        <button type="submit" class="button button-primary">
          {t("masterdata.save")}
        </button>
      </PostForm>
    </Layout>
  );
}
