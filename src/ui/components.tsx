import type { TFunction } from "i18next";
import type { ComponentChildren } from "preact";
import { translateMaybe } from "../platform/i18n/index.ts";

/** Field name → i18n key or message; "_form" is for errors that belong to no single field. */
export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | undefined>;

export function ErrorSummary({
  t,
  errors,
  labels,
}: {
  t: TFunction;
  errors?: FieldErrors;
  labels?: Record<string, string>;
}) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div
      class="alert alert-error"
      role="alert"
      aria-labelledby="error-summary-heading"
      tabIndex={-1}
      id="error-summary"
    >
      <div class="alert-body">
        <h2 class="alert-heading" id="error-summary-heading">
          {t("form.error_summary")}
        </h2>
        <ul class="alert-text nobullet-list">
          {Object.entries(errors).map(([field, message]) => (
            <li key={field}>
              {field === "_form" ? (
                translateMaybe(t, message)
              ) : (
                <a href={`#${field}`} class="function-link">
                  {labels?.[field] ? `${labels[field]}: ` : ""}
                  {translateMaybe(t, message)}
                </a>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

interface TextFieldProps {
  t: TFunction;
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "date" | "number" | "search" | "tel";
  value?: string;
  errors?: FieldErrors;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  inputMode?: "numeric" | "text";
}

export function TextField(p: TextFieldProps) {
  const error = p.errors?.[p.name];
  const describedBy = [p.hint ? `${p.name}-hint` : "", error ? `${p.name}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={error ? "form-group form-error" : "form-group"}>
      <label class="form-label" for={p.name}>
        {p.label}
      </label>
      {p.hint ? (
        <span class="form-hint" id={`${p.name}-hint`}>
          {p.hint}
        </span>
      ) : null}
      {error ? (
        <span class="form-error-message" id={`${p.name}-error`}>
          <span class="sr-only">{p.t("form.error_prefix")} </span>
          {translateMaybe(p.t, error)}
        </span>
      ) : null}
      <input
        class="form-input"
        id={p.name}
        name={p.name}
        type={(p.type ?? "text") as "text"}
        value={p.type === "password" ? undefined : p.value}
        autoComplete={p.autocomplete}
        required={p.required}
        inputMode={p.inputMode}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? "true" : undefined}
      />
    </div>
  );
}

interface SelectProps {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  errors?: FieldErrors;
  t: TFunction;
}

export function SelectField(p: SelectProps) {
  const error = p.errors?.[p.name];
  return (
    <div class={error ? "form-group form-error" : "form-group"}>
      <label class="form-label" for={p.name}>
        {p.label}
      </label>
      {error ? (
        <span class="form-error-message" id={`${p.name}-error`}>
          {translateMaybe(p.t, error)}
        </span>
      ) : null}
      <select
        class="form-select"
        id={p.name}
        name={p.name}
        aria-describedby={error ? `${p.name}-error` : undefined}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextAreaField(p: {
  t: TFunction;
  name: string;
  label: string;
  value?: string;
  errors?: FieldErrors;
  hint?: string;
  rows?: number;
}) {
  const error = p.errors?.[p.name];
  const describedBy = [p.hint ? `${p.name}-hint` : "", error ? `${p.name}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={error ? "form-group form-error" : "form-group"}>
      <label class="form-label" for={p.name}>
        {p.label}
      </label>
      {p.hint ? (
        <span class="form-hint" id={`${p.name}-hint`}>
          {p.hint}
        </span>
      ) : null}
      {error ? (
        <span class="form-error-message" id={`${p.name}-error`}>
          <span class="sr-only">{p.t("form.error_prefix")} </span>
          {translateMaybe(p.t, error)}
        </span>
      ) : null}
      <textarea
        class="form-input"
        id={p.name}
        name={p.name}
        rows={p.rows ?? 6}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? "true" : undefined}
      >
        {p.value ?? ""}
      </textarea>
    </div>
  );
}

/** Radio buttons in a fieldset whose legend names the choice (the first button carries the id). */
export function RadioGroup(p: {
  t: TFunction;
  name: string;
  legend: string;
  value?: string;
  options: { value: string; label: string }[];
  errors?: FieldErrors;
}) {
  const error = p.errors?.[p.name];
  return (
    <div class={error ? "form-group form-error" : "form-group"}>
      <fieldset aria-describedby={error ? `${p.name}-error` : undefined}>
        <legend class="form-label">{p.legend}</legend>
        {error ? (
          <span class="form-error-message" id={`${p.name}-error`}>
            {translateMaybe(p.t, error)}
          </span>
        ) : null}
        <ul class="nobullet-list">
          {p.options.map((o, i) => (
            <li key={o.value}>
              <input
                class="form-radio"
                type="radio"
                id={i === 0 ? p.name : `${p.name}-${o.value}`}
                name={p.name}
                value={o.value}
                checked={o.value === p.value}
              />
              <label for={i === 0 ? p.name : `${p.name}-${o.value}`}>{o.label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

/**
 * A wide table that may scroll sideways on a phone. The scroll box is focusable and named, so
 * keyboard users can scroll it too (WCAG 2.1.1; axe: scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section class="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function PostForm({
  action,
  csrf,
  children,
  class: cls,
}: {
  action: string;
  csrf: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <form method="post" action={action} class={cls} noValidate>
      <CsrfField token={csrf} />
      {children}
    </form>
  );
}

export function Pagination({
  t,
  page,
  pages,
  href,
}: {
  t: TFunction;
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("pagination.label")} class="pagination">
      <ul class="pagination__items nobullet-list">
        {page > 1 ? (
          <li class="pagination-item">
            <a href={href(page - 1)} class="pagination-nav-link" rel="prev">
              {t("pagination.previous")}
            </a>
          </li>
        ) : null}
        <li class="pagination-item" aria-current="page">
          {t("pagination.page_of", { page, pages })}
        </li>
        {page < pages ? (
          <li class="pagination-item">
            <a href={href(page + 1)} class="pagination-nav-link" rel="next">
              {t("pagination.next")}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
