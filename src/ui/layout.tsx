import type { ComponentChildren } from "preact";
import type { PageContext } from "./page-context.ts";

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}

function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  const other = ctx.lang === "da" ? "en" : "da";
  return (
    <form method="post" action="/language" class="almen-lang">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="next" value={ctx.path} />
      <input type="hidden" name="lang" value={other} />
      <button type="submit" class="button button-tertiary" lang={other}>
        {ctx.t("layout.switch_language")}
      </button>
    </form>
  );
}

function UserBox({ ctx }: { ctx: PageContext }) {
  if (!ctx.user) {
    return (
      <div class="portal-user">
        <LanguageSwitch ctx={ctx} />
        <a href="/login" class="button button-secondary">
          {ctx.t("layout.login")}
        </a>
      </div>
    );
  }
  return (
    <div class="portal-user">
      <LanguageSwitch ctx={ctx} />
      <span class="user">{ctx.user.name}</span>
      <form method="post" action="/logout" class="almen-inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <button type="submit" class="button button-secondary">
          {ctx.t("layout.logout")}
        </button>
      </form>
    </div>
  );
}

function Navigation({ ctx }: { ctx: PageContext }) {
  const items = ctx.user?.nav ?? [
    { href: "/", label: "nav.front" },
    { href: "/login", label: "nav.login" },
  ];
  return (
    <nav class="almen-nav" aria-label={ctx.t("layout.main_menu")}>
      <div class="container">
        <ul class="nobullet-list">
          {items.map((item) => (
            <li key={item.href}>
              <a href={item.href} aria-current={ctx.path === item.href ? "page" : undefined}>
                {ctx.t(item.label)}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}

/** Every page: Det Fælles Designsystem (neutral theme), skip link, header, menu, footer. */
export function Layout({ ctx, title, children }: LayoutProps) {
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – almen`}</title>
        <link rel="stylesheet" href="/assets/dkfds/css/dkfds.min.css" />
        <link rel="stylesheet" href="/assets/app/app.css" />
        <link rel="icon" href="/assets/app/logo.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skipnav" href="#main-content">
          {ctx.t("layout.skip_link")}
        </a>
        <header class="header">
          <div class="portal-info">
            <div class="portal-info-inner container">
              <a
                href={ctx.user ? "/home" : "/"}
                class="logo almen-logo"
                aria-label={ctx.t("layout.logo_label")}
              >
                <span class="sr-only">almen</span>
              </a>
              <UserBox ctx={ctx} />
            </div>
          </div>
          <Navigation ctx={ctx} />
        </header>
        <main id="main-content" class="container page-container" tabIndex={-1}>
          {ctx.flash ? (
            <div class="alert alert-success" role="status">
              <div class="alert-body">
                <p class="alert-text">{ctx.flash}</p>
              </div>
            </div>
          ) : null}
          {children}
        </main>
        <footer>
          <div class="footer">
            <div class="container">
              <ul class="nobullet-list">
                <li>
                  <a href="/accessibility">{ctx.t("layout.accessibility")}</a>
                </li>
                <li>
                  <a href="/api/docs">{ctx.t("layout.api_docs")}</a>
                </li>
              </ul>
              <p>{ctx.t("layout.tagline")}</p>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
