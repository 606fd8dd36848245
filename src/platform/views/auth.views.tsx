import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostForm,
  TextField,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";

interface FormPageProps {
  ctx: PageContext;
  values?: FormValues;
  errors?: FieldErrors;
}

export function LoginPage({
  ctx,
  values,
  errors,
  next,
  oidcLabel,
}: FormPageProps & { next?: string; oidcLabel?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("auth.login_title")}>
      <h1>{t("auth.login_title")}</h1>
      <ErrorSummary t={t} errors={errors} />
      <PostForm action="/login" csrf={ctx.csrfToken}>
        <input type="hidden" name="next" value={next ?? ""} />
        <TextField
          t={t}
          name="email"
          type="email"
          label={t("auth.email")}
          value={values?.email}
          errors={errors}
          autocomplete="username"
        />
        <TextField
          t={t}
          name="password"
          type="password"
          label={t("auth.password")}
          errors={errors}
          autocomplete="current-password"
        />
        <button type="submit" class="button button-primary">
          {t("auth.login_button")}
        </button>
      </PostForm>
      <p>
        <a href="/password/forgot">{t("auth.forgot_link")}</a>
      </p>
      {oidcLabel ? (
        <p>
          <a
            class="button button-secondary"
            href={`/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ""}`}
          >
            {t("auth.oidc_button", { provider: oidcLabel })}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

export function SecondFactorPage({ ctx, errors }: FormPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("auth.mfa_title")}>
      <h1>{t("auth.mfa_title")}</h1>
      <ErrorSummary t={t} errors={errors} />
      <p>{t("auth.mfa_intro")}</p>
      <PostForm action="/login/second-factor" csrf={ctx.csrfToken}>
        <TextField
          t={t}
          name="code"
          label={t("auth.mfa_code")}
          hint={t("auth.mfa_hint")}
          errors={errors}
          autocomplete="one-time-code"
        />
        <button type="submit" class="button button-primary">
          {t("auth.mfa_button")}
        </button>
      </PostForm>
    </Layout>
  );
}

export function EnrolPage({ ctx, errors, qrSvg, secret }: FormPageProps & { qrSvg: string; secret: string }) {
  const { t } = ctx;
  const grouped = secret.match(/.{1,4}/g)?.join(" ") ?? secret;
  return (
    <Layout ctx={ctx} title={t("auth.enrol_title")}>
      <h1>{t("auth.enrol_title")}</h1>
      <ErrorSummary t={t} errors={errors} />
      <p>{t("auth.enrol_intro")}</p>
      <ol>
        <li>{t("auth.enrol_step_app")}</li>
        <li>
          {t("auth.enrol_step_scan")}
          {/* The QR code is an SVG that the qrcode library generated from our own data. */}
          <div
            class="almen-qr"
            role="img"
            aria-label={t("auth.enrol_qr_label")}
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
        </li>
        <li>
          {t("auth.enrol_step_manual")}{" "}
          <code class="almen-code" id="totp-secret" data-secret={secret}>
            {grouped}
          </code>
        </li>
      </ol>
      <PostForm action="/login/enrol" csrf={ctx.csrfToken}>
        <TextField
          t={t}
          name="code"
          label={t("auth.mfa_code")}
          inputMode="numeric"
          errors={errors}
          autocomplete="one-time-code"
        />
        <button type="submit" class="button button-primary">
          {t("auth.enrol_button")}
        </button>
      </PostForm>
    </Layout>
  );
}

export function RecoveryCodesPage({ ctx, codes }: { ctx: PageContext; codes: string[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("auth.recovery_title")}>
      <h1>{t("auth.recovery_title")}</h1>
      <p>{t("auth.recovery_intro")}</p>
      <ul class="almen-code" id="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p>
        <a class="button button-primary" href="/home">
          {t("auth.recovery_continue")}
        </a>
      </p>
    </Layout>
  );
}

export function ForgotPage({ ctx, values, errors, sent }: FormPageProps & { sent?: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("auth.forgot_title")}>
      <h1>{t("auth.forgot_title")}</h1>
      {sent ? (
        <div class="alert alert-info" role="status">
          <div class="alert-body">
            <p class="alert-text">{t("auth.forgot_sent")}</p>
          </div>
        </div>
      ) : (
        <>
          <ErrorSummary t={t} errors={errors} />
          <p>{t("auth.forgot_intro")}</p>
          <PostForm action="/password/forgot" csrf={ctx.csrfToken}>
            <TextField
              t={t}
              name="email"
              type="email"
              label={t("auth.email")}
              value={values?.email}
              errors={errors}
              autocomplete="email"
            />
            <button type="submit" class="button button-primary">
              {t("auth.forgot_button")}
            </button>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

export function ResetPage({
  ctx,
  errors,
  token,
  invalid,
}: FormPageProps & { token: string; invalid?: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("auth.reset_title")}>
      <h1>{t("auth.reset_title")}</h1>
      {invalid ? (
        <>
          <p>{t("auth.reset_invalid")}</p>
          <p>
            <a href="/password/forgot">{t("auth.forgot_link")}</a>
          </p>
        </>
      ) : (
        <>
          <ErrorSummary t={t} errors={errors} />
          <PostForm action={`/password/reset/${token}`} csrf={ctx.csrfToken}>
            <TextField
              t={t}
              name="password"
              type="password"
              label={t("auth.new_password")}
              hint={t("auth.password_hint")}
              errors={errors}
              autocomplete="new-password"
            />
            <TextField
              t={t}
              name="confirm"
              type="password"
              label={t("auth.confirm_password")}
              errors={errors}
              autocomplete="new-password"
            />
            <button type="submit" class="button button-primary">
              {t("auth.reset_button")}
            </button>
          </PostForm>
        </>
      )}
    </Layout>
  );
}
