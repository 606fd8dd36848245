import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { seedDemoDemocracy } from "../../seed/demo-democracy.ts";
import { createElection } from "./boards/elections.service.ts";
import { closeMeeting, takeChair } from "./meetings/lifecycle.service.ts";
import { planMeeting } from "./meetings/meetings.service.ts";
import { departmentId, meetingWithFinalAgenda, type Who, who } from "./meetings/test-support.ts";

/**
 * Every form of resident democracy, submitted empty and with nonsense, as the people who use them:
 * each error in the error summary links to a field on the page and starts with that field's label
 * as the form shows it ("Overskrift: Skriv en overskrift."), never a bare message or "?:".
 */

let app: TestApp;
let staff: Who;

const starts = [
  "/democracy",
  "/democracy/decisions",
  "/democracy/demands",
  "/democracy/board",
  "/meetings",
  "/meetings/new",
  "/boards",
  "/votes",
  "/votes/manage",
  "/votes/manage/new",
  "/courses",
  "/community",
  "/community/guides/new",
  "/community/ideas/new",
  "/get-involved",
  "/onboarding",
  "/onboarding/board",
  "/onboarding/programmes",
];
const prefixes = [
  "/democracy",
  "/meetings",
  "/boards",
  "/elections",
  "/votes",
  "/courses",
  "/course-sessions",
  "/community",
  "/get-involved",
  "/onboarding",
];

const entities: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", "#x27": "'", "#39": "'" };
const decode = (s: string) => s.replace(/&(amp|quot|lt|gt|#x27|#39);/g, (_, e: string) => entities[e]!);
const plain = (s: string) =>
  decode(s.replace(/<[^>]+>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface Form {
  action: string;
  hidden: Record<string, string>;
  fields: string[];
}

/** The page's POST forms: hidden values as a browser sends them, and the fields a person fills in. */
function formsOf(html: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const action = /action="([^"]+)"/.exec(m[1]!)?.[1];
    if (!/method="post"/.test(m[1]!) || !action) continue;
    const form: Form = { action: decode(action), hidden: {}, fields: [] };
    for (const input of m[2]!.matchAll(/<(?:input|textarea|select)\b([^>]*)>/g)) {
      const name = /name="([^"]+)"/.exec(input[1]!)?.[1];
      if (!name || name === "_csrf") continue;
      if (/type="hidden"/.test(input[1]!))
        form.hidden[name] = decode(/value="([^"]*)"/.exec(input[1]!)?.[1] ?? "");
      else if (!form.fields.includes(name)) form.fields.push(name);
    }
    forms.push(form);
  }
  return forms;
}

/** What names the element with this id: its <label for>, its aria-label, or its fieldset's legend. */
function labelsOf(html: string, id: string): string[] {
  const labels: string[] = [];
  const forId = new RegExp(`<label[^>]*\\bfor="${escapeRe(id)}"[^>]*>([\\s\\S]*?)</label>`).exec(html);
  if (forId) labels.push(plain(forId[1]!));
  const element = new RegExp(`<[a-z]+\\b[^>]*\\bid="${escapeRe(id)}"[^>]*>`).exec(html);
  const aria = element && /aria-label="([^"]*)"/.exec(element[0]);
  if (aria) labels.push(decode(aria[1]!));
  if (element) {
    const before = html.slice(0, element.index);
    const open = before.lastIndexOf("<fieldset");
    if (open > before.lastIndexOf("</fieldset>")) {
      const legend = /<legend[^>]*>([\s\S]*?)<\/legend>/.exec(html.slice(open));
      if (legend) labels.push(plain(legend[1]!));
    }
  }
  return labels;
}

/** What is wrong with the page's error summary, if anything. */
function summaryProblems(html: string): string[] {
  const summary = /<div[^>]*id="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0];
  if (!summary) return [];
  const problems: string[] = [];
  for (const li of summary.matchAll(/<li>([\s\S]*?)<\/li>/g)) {
    const text = plain(li[1]!);
    const link = /<a href="#([^"]*)"/.exec(li[1]!);
    if (/\?:/.test(text)) problems.push(`"?:" in "${text}"`);
    if (!link) continue;
    const id = decode(link[1]!);
    if (!new RegExp(`\\bid="${escapeRe(id)}"`).test(html)) {
      problems.push(`#${id} is not on the page: "${text}"`);
      continue;
    }
    const labels = labelsOf(html, id);
    if (!labels.some((label) => label && text.startsWith(`${label}: `)))
      problems.push(`"${text}" does not start with the label of #${id} (${labels.join(" | ") || "none"})`);
  }
  return problems;
}

/** Walks the democracy pages from `starts` as `b`, posting each kind of form once; returns what it found. */
async function walk(
  b: TestBrowser,
  fill: (name: string) => string,
  problems: string[],
  actions: Set<string>,
) {
  const seen = new Set<string>();
  const posted = new Set<string>();
  const queue = [...starts];
  while (queue.length && seen.size < 300) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const page = await b.get(url);
    if (page.statusCode !== 200) continue;
    for (const m of page.body.matchAll(/href="(\/[^"#?]*)"/g))
      if (prefixes.some((p) => m[1]!.startsWith(p)) && !/\.(txt|csv|pdf)$/.test(m[1]!)) queue.push(m[1]!);
    for (const form of formsOf(page.body)) {
      const kind = `${form.action.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":id")} ${form.fields.join(",")}`;
      if (form.fields.length === 0 || posted.has(kind)) continue;
      posted.add(kind);
      actions.add(kind.split(" ")[0]!);
      await b.get(url); // a fresh CSRF token from the form's own page
      const values: Record<string, string> = { ...form.hidden };
      for (const name of form.fields) values[name] = fill(name);
      const res = await b.post(form.action, values);
      const shown = res.statusCode === 303 ? await b.get(String(res.headers.location)) : res;
      for (const p of summaryProblems(shown.body)) problems.push(`${form.action} from ${url}: ${p}`);
    }
  }
}

const people = [
  "driftschef@almen.demo",
  "admin@almen.demo",
  "formand@almen.demo",
  "beboer@almen.demo",
  "bestyrelse@almen.demo",
];
const empty = () => "";
const nonsense = () => "x%_?";

async function walkAs(emails: string[], problems: string[], actions: Set<string>) {
  for (const email of emails)
    for (const fill of [empty, nonsense]) {
      const b = new TestBrowser(app.server);
      await b.login(email);
      await walk(b, fill, problems, actions);
    }
}

beforeAll(async () => {
  app = await buildTestApp();
  await seedDemoDemocracy(app.ctx);
  staff = await who(app, "driftschef@almen.demo");
});
afterAll(async () => {
  await app.close();
});

describe("the error summaries of the democracy forms", () => {
  const problems: string[] = [];
  const actions = new Set<string>();

  it("name and link every field, in Danish and English, before, at and after a meeting", {
    timeout: 300_000,
  }, async () => {
    await walkAs(people, problems, actions);
    await app.ctx.db.updateTable("users").set({ language: "en" }).where("email", "in", people).execute();
    await walkAs(["admin@almen.demo", "beboer@almen.demo"], problems, actions);
    await app.ctx.db.updateTable("users").set({ language: "da" }).where("email", "in", people).execute();

    // A meeting planned, one with its final agenda out and a board election; then its day, with
    // the staff member as its chair; then the minutes.
    const meetingId = await meetingWithFinalAgenda(app, staff);
    const dept101 = await departmentId(app, 101);
    await createElection(app.ctx, staff.actor, staff.principal, dept101, { meetingId });
    await planMeeting(app.ctx, staff.actor, staff.principal, {
      department_id: dept101,
      kind: "ordinary",
      title: "Sommermøde",
      date: "2027-06-01",
      time: "19:00",
      location: "Fælleshuset",
      agenda: ["Valg af dirigent"],
    });
    await walkAs(["driftschef@almen.demo", "beboer@almen.demo"], problems, actions);
    app.clock.set(new Date("2027-04-06T17:30:00.000Z"));
    await takeChair(app.ctx, staff.actor, staff.principal, meetingId, { id: staff.userId, name: staff.name });
    await walkAs(["driftschef@almen.demo"], problems, actions);
    await closeMeeting(app.ctx, staff.actor, staff.principal, meetingId);
    await walkAs(["driftschef@almen.demo"], problems, actions);

    // The walk reached the forms that matter (a page change must not hide them from this test).
    for (const action of [
      "/meetings",
      "/meetings/:id",
      "/meetings/:id/items",
      "/meetings/:id/items/:id/votes",
      "/meetings/:id/minutes",
      "/democracy/meetings/:id/proposals",
      "/democracy/demands",
      "/boards/:id/members",
      "/boards/:id/elections",
      "/elections/:id/nominations",
      "/elections/:id/result",
      "/democracy/board/elections/:id/nominations",
      "/votes/manage",
      "/votes/:id/cast",
      "/community/ideas",
      "/community/ideas/:id/experiences",
      "/community/guides",
      "/get-involved",
      "/courses",
      "/courses/:id/sessions",
      "/onboarding/programmes",
    ])
      expect([...actions], action).toContain(action);
    expect(problems).toEqual([]);
  });
});
