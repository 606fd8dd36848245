import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  Pagination,
  PostForm,
  SelectField,
  TableWrap,
  TextField,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { AuditRow } from "../audit.repository.ts";
import type { AccountSummary } from "../staff.service.ts";

const fmt = (ctx: PageContext, iso: string) =>
  new Date(iso).toLocaleString(ctx.lang === "da" ? "da-DK" : "en-GB", { timeZone: "Europe/Copenhagen" });

const query = (params: Record<string, string | number | undefined>) =>
  `?${new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  )}`;

export interface AuditPageProps {
  ctx: PageContext;
  filter: Record<string, string | undefined>;
  rows: AuditRow[];
  page: number;
  pages: number;
  total: number;
  errors?: FieldErrors;
}

export function AuditPage({ ctx, filter, rows, page, pages, total, errors }: AuditPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("audit.title")}>
      <h1>{t("audit.title")}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="get" action="/admin/audit" class="almen-filter" aria-label={t("audit.filter")}>
        <TextField t={t} name="person" label={t("audit.person")} value={filter.person} errors={errors} />
        <TextField t={t} name="entity" label={t("audit.entity")} value={filter.entity} errors={errors} />
        <TextField t={t} name="action" label={t("audit.action")} value={filter.action} errors={errors} />
        <TextField
          t={t}
          name="from"
          type="date"
          label={t("audit.from")}
          value={filter.from}
          errors={errors}
        />
        <TextField t={t} name="to" type="date" label={t("audit.to")} value={filter.to} errors={errors} />
        <button type="submit" class="button button-secondary">
          {t("audit.apply")}
        </button>
      </form>
      <p role="status">{t("audit.count", { count: total })}</p>
      <TableWrap label={t("audit.title")}>
        <table class="table">
          <caption class="sr-only">{t("audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.time")}</th>
              <th scope="col">{t("audit.person")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.entity")}</th>
              <th scope="col">{t("audit.change")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{fmt(ctx, r.at)}</td>
                <td>{r.actorLabel}</td>
                <td>{r.action}</td>
                <td>
                  {r.entity}
                  {r.entityId ? <small> {r.entityId}</small> : null}
                </td>
                <td>
                  {r.before ? <div>{`${t("audit.before")}: ${JSON.stringify(r.before)}`}</div> : null}
                  {r.after ? <div>{`${t("audit.after")}: ${JSON.stringify(r.after)}`}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pagination
        t={t}
        page={page}
        pages={pages}
        href={(p) => `/admin/audit${query({ ...filter, page: p })}`}
      />
    </Layout>
  );
}

export function StaffListPage({
  ctx,
  rows,
  filter,
  page,
  pages,
  total,
}: {
  ctx: PageContext;
  rows: AccountSummary[];
  filter: { q?: string; status?: string };
  page: number;
  pages: number;
  total: number;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.title")}>
      <h1>{t("staff.title")}</h1>
      <p>
        <a class="button button-primary" href="/admin/staff/new">
          {t("staff.new")}
        </a>
      </p>
      <form method="get" action="/admin/staff" class="almen-filter" aria-label={t("staff.filter")}>
        <TextField t={t} name="q" type="search" label={t("staff.search")} value={filter.q} />
        <SelectField
          t={t}
          name="status"
          label={t("staff.status")}
          value={filter.status}
          options={[
            { value: "", label: t("staff.status_all") },
            { value: "active", label: t("staff.status_active") },
            { value: "suspended", label: t("staff.status_suspended") },
          ]}
        />
        <button type="submit" class="button button-secondary">
          {t("audit.apply")}
        </button>
      </form>
      <p role="status">{t("staff.count", { count: total })}</p>
      <TableWrap label={t("staff.title")}>
        <table class="table">
          <caption class="sr-only">{t("staff.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("account.name")}</th>
              <th scope="col">{t("auth.email")}</th>
              <th scope="col">{t("account.roles")}</th>
              <th scope="col">{t("staff.status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/admin/staff/${r.id}`}>{r.name}</a>
                </td>
                <td>{r.email}</td>
                <td>{r.roles.map((role) => t(`roles.${role}`)).join(", ")}</td>
                <td>{t(`staff.status_${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pagination
        t={t}
        page={page}
        pages={pages}
        href={(p) => `/admin/staff${query({ ...filter, page: p })}`}
      />
    </Layout>
  );
}

export interface ScopeOption {
  value: string;
  label: string;
}

function GrantFields({
  ctx,
  values,
  errors,
  roles,
  scopes,
}: {
  ctx: PageContext;
  values?: FormValues;
  errors?: FieldErrors;
  roles: string[];
  scopes: ScopeOption[];
}) {
  const { t } = ctx;
  return (
    <>
      <SelectField
        t={t}
        name="role"
        label={t("staff.role")}
        value={values?.role}
        errors={errors}
        options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      />
      <SelectField
        t={t}
        name="scope"
        label={t("staff.scope")}
        value={values?.scope}
        errors={errors}
        options={scopes}
      />
    </>
  );
}

export function NewStaffPage({
  ctx,
  values,
  errors,
  roles,
  scopes,
}: {
  ctx: PageContext;
  values?: FormValues;
  errors?: FieldErrors;
  roles: string[];
  scopes: ScopeOption[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.new")}>
      <h1>{t("staff.new")}</h1>
      <p>{t("staff.new_intro")}</p>
      <ErrorSummary t={t} errors={errors} />
      <PostForm action="/admin/staff/new" csrf={ctx.csrfToken}>
        <TextField
          t={t}
          name="name"
          label={t("account.name")}
          value={values?.name}
          errors={errors}
          autocomplete="off"
        />
        <TextField
          t={t}
          name="email"
          type="email"
          label={t("auth.email")}
          value={values?.email}
          errors={errors}
          autocomplete="off"
        />
        <GrantFields ctx={ctx} values={values} errors={errors} roles={roles} scopes={scopes} />
        <button type="submit" class="button button-primary">
          {t("staff.create")}
        </button>
      </PostForm>
    </Layout>
  );
}

export interface StaffDetailView {
  id: string;
  name: string;
  email: string;
  status: "active" | "suspended";
  isTotpEnabled: boolean;
  grants: { id: string; role: string; scope: string }[];
}

export function StaffDetailPage({
  ctx,
  account,
  roles,
  scopes,
  values,
  errors,
}: {
  ctx: PageContext;
  account: StaffDetailView;
  roles: string[];
  scopes: ScopeOption[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={account.name}>
      <p>
        <a href="/admin/staff" class="back-link">
          {t("staff.back")}
        </a>
      </p>
      <h1>{account.name}</h1>
      <ErrorSummary t={t} errors={errors} />
      <dl>
        <dt>{t("auth.email")}</dt>
        <dd>{account.email}</dd>
        <dt>{t("staff.status")}</dt>
        <dd id="account-status">{t(`staff.status_${account.status}`)}</dd>
        <dt>{t("staff.second_factor")}</dt>
        <dd>{account.isTotpEnabled ? t("staff.totp_on") : t("staff.totp_off")}</dd>
      </dl>
      <PostForm
        action={`/admin/staff/${account.id}/${account.status === "active" ? "suspend" : "reactivate"}`}
        csrf={ctx.csrfToken}
      >
        <button
          type="submit"
          class={account.status === "active" ? "button button-secondary" : "button button-primary"}
        >
          {account.status === "active" ? t("staff.suspend") : t("staff.reactivate")}
        </button>
      </PostForm>
      <h2>{t("account.roles")}</h2>
      <ul>
        {account.grants.map((g) => (
          <li key={g.id}>
            {t(`roles.${g.role}`)} – {g.scope}{" "}
            <PostForm
              action={`/admin/staff/${account.id}/roles/${g.id}/remove`}
              csrf={ctx.csrfToken}
              class="almen-inline-form"
            >
              <button type="submit" class="link-button">
                {t("staff.remove_role")}
                <span class="sr-only"> {t(`roles.${g.role}`)}</span>
              </button>
            </PostForm>
          </li>
        ))}
      </ul>
      <h2>{t("staff.add_role")}</h2>
      <PostForm action={`/admin/staff/${account.id}/roles`} csrf={ctx.csrfToken}>
        <GrantFields ctx={ctx} values={values} errors={errors} roles={roles} scopes={scopes} />
        <button type="submit" class="button button-primary">
          {t("staff.add_role")}
        </button>
      </PostForm>
    </Layout>
  );
}
