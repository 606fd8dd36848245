import { ErrorSummary, type FieldErrors, PostForm, TableWrap, TextField } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { Permission } from "../access.ts";
import type { TokenView } from "../tokens.service.ts";

export interface AccountView {
  name: string;
  email: string;
  roles: { role: string; scope: string }[];
}

export function AccountPage({ ctx, account }: { ctx: PageContext; account: AccountView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("account.title")}>
      <h1>{t("account.title")}</h1>
      <dl>
        <dt>{t("account.name")}</dt>
        <dd>{account.name}</dd>
        <dt>{t("auth.email")}</dt>
        <dd>{account.email}</dd>
      </dl>
      <h2>{t("account.roles")}</h2>
      <ul>
        {account.roles.map((r) => (
          <li key={`${r.role}-${r.scope}`}>
            {t(`roles.${r.role}`)} – {r.scope}
          </li>
        ))}
      </ul>
      <ul>
        <li>
          <a href="/account/contact">{t("contact.title")}</a>
        </li>
        <li>
          <a href="/account/tokens">{t("tokens.title")}</a>
        </li>
      </ul>
    </Layout>
  );
}

interface TokensPageProps {
  ctx: PageContext;
  tokens: TokenView[];
  available: Permission[];
  values?: { name?: string; scopes?: string[] };
  errors?: FieldErrors;
  created?: string;
}

export function TokensPage({ ctx, tokens, available, values, errors, created }: TokensPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("tokens.title")}>
      <h1>{t("tokens.title")}</h1>
      <p>{t("tokens.intro")}</p>
      {created ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-heading">{t("tokens.created")}</p>
            <p class="alert-text">
              <code class="almen-code" id="new-token">
                {created}
              </code>
            </p>
          </div>
        </div>
      ) : null}
      <ErrorSummary t={t} errors={errors} />
      <h2>{t("tokens.new")}</h2>
      <PostForm action="/account/tokens" csrf={ctx.csrfToken}>
        <TextField t={t} name="name" label={t("tokens.name")} value={values?.name} errors={errors} />
        <fieldset id="scopes" class={errors?.scopes ? "form-group form-error" : "form-group"}>
          <legend class="form-label">{t("tokens.scopes")}</legend>
          {available.map((p) => (
            <div class="form-group-checkbox" key={p}>
              <input
                class="form-checkbox"
                type="checkbox"
                id={`scope-${p}`}
                name="scopes"
                value={p}
                checked={values?.scopes?.includes(p)}
              />
              <label for={`scope-${p}`}>
                {t(`permissions.${p}`)} <code>{p}</code>
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button button-primary">
          {t("tokens.create")}
        </button>
      </PostForm>
      <h2>{t("tokens.yours")}</h2>
      {tokens.length === 0 ? (
        <p>{t("tokens.none")}</p>
      ) : (
        <TableWrap label={t("tokens.yours")}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t("tokens.name")}</th>
                <th scope="col">{t("tokens.prefix")}</th>
                <th scope="col">{t("tokens.scopes")}</th>
                <th scope="col">{t("tokens.last_used")}</th>
                <th scope="col">{t("tokens.status")}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((tok) => (
                <tr key={tok.id}>
                  <td>{tok.name}</td>
                  <td>
                    <code>almen_{tok.prefix}_…</code>
                  </td>
                  <td>{tok.scopes.join(", ")}</td>
                  <td>
                    {tok.lastUsedAt
                      ? new Date(tok.lastUsedAt).toLocaleString(ctx.lang === "da" ? "da-DK" : "en-GB", {
                          timeZone: "Europe/Copenhagen",
                        })
                      : t("tokens.never")}
                  </td>
                  <td>
                    {tok.revokedAt ? (
                      t("tokens.revoked")
                    ) : (
                      <PostForm
                        action={`/account/tokens/${tok.id}/revoke`}
                        csrf={ctx.csrfToken}
                        class="almen-inline-form"
                      >
                        <button type="submit" class="button button-secondary">
                          {t("tokens.revoke")}
                          <span class="sr-only"> {tok.name}</span>
                        </button>
                      </PostForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Layout>
  );
}
