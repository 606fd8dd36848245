import type { TFunction } from "i18next";
import type { Lang } from "../platform/i18n/index.ts";

export interface NavItem {
  href: string;
  /** i18n key of the label. */
  label: string;
}

/** What every page needs from the request: language, the user (if any), the CSRF token. */
export interface PageContext {
  t: TFunction;
  lang: Lang;
  path: string;
  csrfToken: string;
  user: { name: string; nav: NavItem[] } | null;
  flash?: string;
  oidcLabel?: string;
}
