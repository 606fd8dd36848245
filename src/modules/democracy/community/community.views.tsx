import { Layout } from "../../../ui/layout.tsx";
import type { PageContext } from "../../../ui/page-context.ts";
import { StatusTag } from "./community-ui.tsx";

/** "Idéer og viden": the way into guides, ideas and courses; curators' tools. */
export function CommunityHomePage(p: {
  ctx: PageContext;
  recommended: { id: string; title: string }[];
  curate: boolean;
  overview: boolean;
}) {
  const { t } = p.ctx;
  const k = (key: string) => t(`community.home.${key}`);
  return (
    <Layout ctx={p.ctx} title={k("title")}>
      <h1>{k("title")}</h1>
      <p class="font-lead">{k("intro")}</p>
      <ul class="nobullet-list almen-cards">
        <li class="almen-card">
          <h2 class="h3">
            <a href="/community/ideas">{t("community.ideas.title")}</a>
          </h2>
          <p>{k("ideas")}</p>
        </li>
        <li class="almen-card">
          <h2 class="h3">
            <a href="/community/guides">{t("community.guides.title")}</a>
          </h2>
          <p>{k("guides")}</p>
        </li>
        <li class="almen-card">
          <h2 class="h3">
            <a href="/courses">{t("community.courses.title")}</a>
          </h2>
          <p>{k("courses")}</p>
        </li>
      </ul>
      <h2>{t("community.ideas.recommended_title")}</h2>
      {p.recommended.length === 0 ? <p>{k("no_recommended")}</p> : null}
      <ul>
        {p.recommended.map((i) => (
          <li key={i.id}>
            <a href={`/community/ideas/${i.id}`}>{i.title}</a>{" "}
            <StatusTag kind="success" text={t("community.ideas.recommended")} />
          </li>
        ))}
      </ul>
      <p>
        <a href="/community/ideas?recommended=ja">{k("all_recommended")}</a>
      </p>
      {p.curate || p.overview ? (
        <>
          <h2>{k("tools")}</h2>
          <ul>
            {p.curate ? (
              <>
                <li>
                  <a href="/onboarding/programmes">{t("community.programmes.title")}</a>
                </li>
                <li>
                  <a href="/onboarding/progress">{t("community.onboarding.progress_title")}</a>
                </li>
                <li>
                  <a href="/courses/new">{t("community.courses.new")}</a>
                </li>
              </>
            ) : null}
            {p.overview ? (
              <li>
                <a href="/get-involved/overview">{t("community.interests.overview_title")}</a>
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}
