import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";

export function FrontPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("front.title")}>
      <h1>{t("front.title")}</h1>
      <p class="font-lead">{t("front.lead")}</p>
      <div class="almen-cards">
        {(["seekers", "residents", "democrats", "staff"] as const).map((k) => (
          <section class="almen-card" key={k} aria-labelledby={`front-${k}`}>
            <h2 class="h3" id={`front-${k}`}>
              {t(`front.${k}_title`)}
            </h2>
            <p>{t(`front.${k}_text`)}</p>
            {k === "seekers" ? (
              <p>
                <a href="/boliger">{t("front.vacant_homes")}</a>
              </p>
            ) : null}
          </section>
        ))}
      </div>
      <p>
        <a class="button button-primary" href={ctx.user ? "/home" : "/login"}>
          {ctx.user ? t("front.go_home") : t("layout.login")}
        </a>
      </p>
    </Layout>
  );
}

export function AccessibilityPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("a11y.title")}>
      <h1>{t("a11y.title")}</h1>
      <p>{t("a11y.intro")}</p>
      <h2>{t("a11y.status_title")}</h2>
      <p>{t("a11y.status")}</p>
      <h2>{t("a11y.how_title")}</h2>
      <ul>
        <li>{t("a11y.how_design")}</li>
        <li>{t("a11y.how_tests")}</li>
        <li>{t("a11y.how_nojs")}</li>
      </ul>
      <h2>{t("a11y.feedback_title")}</h2>
      <p>{t("a11y.feedback")}</p>
      <h2>{t("a11y.review_title")}</h2>
      <p>{t("a11y.review")}</p>
    </Layout>
  );
}
