import { Layout } from "./layout.tsx";
import type { PageContext } from "./page-context.ts";

export function ErrorPage({
  ctx,
  status,
  message,
  fields,
}: {
  ctx: PageContext;
  status: number;
  message: string;
  fields?: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(`errors.title_${status}`, { defaultValue: t("errors.title") })}>
      <h1>{t(`errors.title_${status}`, { defaultValue: t("errors.title") })}</h1>
      <p>{message}</p>
      {fields && Object.keys(fields).length > 0 ? (
        <ul>
          {Object.entries(fields).map(([field, text]) => (
            <li key={field}>{text}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={ctx.user ? "/home" : "/"}>{t("errors.go_home")}</a>
      </p>
    </Layout>
  );
}
