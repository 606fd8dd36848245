import type { FastifyReply, FastifyRequest } from "fastify";
import type { TFunction } from "i18next";
import type { VNode } from "preact";
import type { NavItem, PageContext } from "../../ui/page-context.ts";
import { renderPage } from "../../ui/render.ts";
import { can, type Principal, type RoleGrant } from "../access.ts";
import type { AppError } from "../errors.ts";
import { type Lang, translateMaybe } from "../i18n/index.ts";

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  language: Lang;
  personId: string | null;
  grants: RoleGrant[];
}

declare module "fastify" {
  interface FastifyRequest {
    user: CurrentUser | null;
    principal: Principal | null;
    /** How the request was authenticated: a browser session or an API token. */
    authVia: "session" | "token" | null;
    lang: Lang;
    t: TFunction;
  }
  interface FastifyContextConfig {
    /** The permission this route needs (see platform/access.ts), or "public". Required. */
    permission?: string;
  }
}

const inbox: NavItem = { href: "/inbox", label: "nav.inbox" };
const waitingLists: NavItem = { href: "/waiting-lists", label: "nav.waiting_lists" };
const offers: NavItem = { href: "/offers", label: "nav.offers" };
/** The menu a user sees follows the permissions they hold (an item listed twice shows once). */
const menu: { item: NavItem; permission: Parameters<typeof can>[1] }[] = [
  { item: { href: "/home", label: "nav.home" }, permission: "home.view" },
  { item: inbox, permission: "resident.home" },
  { item: inbox, permission: "seeker.home" },
  { item: waitingLists, permission: "seeker.home" },
  { item: waitingLists, permission: "resident.home" },
  { item: offers, permission: "seeker.home" },
  { item: offers, permission: "resident.home" },
  { item: { href: "/democracy", label: "nav.democracy" }, permission: "democracy.view" },
  { item: { href: "/votes", label: "nav.votes" }, permission: "democracy.participate" },
  { item: { href: "/democracy/board", label: "boards.nav.resident_board" }, permission: "resident.home" },
  { item: { href: "/get-involved", label: "nav.get_involved" }, permission: "democracy.participate" },
  { item: { href: "/onboarding", label: "nav.onboarding" }, permission: "board.work" },
  { item: { href: "/courses", label: "nav.courses" }, permission: "community.contribute" },
  { item: { href: "/community", label: "nav.community" }, permission: "community.contribute" },
  { item: { href: "/masterdata", label: "nav.masterdata" }, permission: "masterdata.read" },
  { item: { href: "/letters", label: "nav.letters" }, permission: "letters.read" },
  { item: { href: "/letting/vacancies", label: "nav.vacancies" }, permission: "letting.read" },
  { item: { href: "/letting/applicants", label: "nav.applicants" }, permission: "letting.read" },
  { item: { href: "/letting/fees", label: "nav.fees" }, permission: "letting.manage" },
  { item: { href: "/letting/settings", label: "nav.letting_settings" }, permission: "letting.settings" },
  { item: { href: "/meetings", label: "nav.meetings" }, permission: "meetings.manage" },
  { item: { href: "/votes/manage", label: "nav.votes" }, permission: "votes.manage" },
  { item: { href: "/boards", label: "boards.nav.boards" }, permission: "boards.manage" },
  { item: { href: "/admin/staff", label: "nav.staff" }, permission: "staff.manage" },
  { item: { href: "/admin/audit", label: "nav.audit" }, permission: "audit.read" },
  { item: { href: "/account", label: "nav.account" }, permission: "account.self" },
];

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const user = request.user;
  return {
    t: request.t,
    lang: request.lang,
    path: request.url.split("?")[0] ?? "/",
    csrfToken: reply.generateCsrf(),
    user: user
      ? {
          name: user.name,
          nav: [...new Set(menu.filter((m) => can(request.principal, m.permission)).map((m) => m.item))],
        }
      : null,
    flash: takeFlash(request),
  };
}

function takeFlash(request: FastifyRequest): string | undefined {
  const flash = request.session?.flash;
  if (flash) request.session.flash = undefined;
  return flash;
}

export function setFlash(request: FastifyRequest, message: string): void {
  request.session.flash = message;
}

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.code(status).type("text/html; charset=utf-8").send(renderPage(page));
}

/** Only same-site relative paths, so a `next` parameter cannot send users elsewhere. */
export function safeNext(next: unknown, fallback = "/home"): string {
  return typeof next === "string" && /^\/(?![/\\])/.test(next) ? next : fallback;
}

/** A service's refusal as form errors: field messages (with their parameters), or one for the form. */
export function formErrors(request: FastifyRequest, e: AppError): Record<string, string> {
  if (e.fields) {
    return Object.fromEntries(
      Object.entries(e.fields).map(([k, v]) => [k, translateMaybe(request.t, v, e.params)]),
    );
  }
  return { _form: translateMaybe(request.t, e.messageKey, e.params) };
}
