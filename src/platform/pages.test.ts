import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { TestBrowser } from "../../test/browser.ts";
import { buildTestApp, dialectUnderTest, type TestApp } from "../../test/helpers.ts";
import { backupSqlite } from "../db/backup.ts";
import { openDatabase } from "../db/database.ts";
import { demoLogins } from "../seed/demo.ts";
import { da } from "./i18n/da.ts";
import { en } from "./i18n/en.ts";
import { loggerOptions } from "./logging.ts";

let app: TestApp;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const keysOf = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === "object" ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe("pages for everyone", () => {
  it("serves a Danish front page with a skip link, the design system, a menu and an accessibility statement link", async () => {
    const res = await app.server.inject({ url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="da">');
    expect(res.body).toContain('<a class="skipnav" href="#main-content">Gå til sidens indhold</a>');
    expect(res.body).toContain("/assets/dkfds/css/dkfds.min.css");
    expect(res.body).toContain('href="/accessibility"');
    expect(res.body).not.toMatch(/<script(?![^>]*src=)/); // no inline scripts
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    const css = await app.server.inject({ url: "/assets/dkfds/css/dkfds.min.css" });
    expect(css.statusCode).toBe(200);
    const a11y = await app.server.inject({ url: "/accessibility" });
    expect(a11y.body).toContain("Tilgængelighedserklæring");
  });

  it("switches to English and keeps it, through a POST form", async () => {
    const browser = new TestBrowser(app.server);
    await browser.get("/");
    const res = await browser.post("/language", { lang: "en", next: "/accessibility" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/accessibility");
    const page = await browser.get("/accessibility");
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain("Accessibility statement");
    const offsite = await browser.post("/language", { lang: "da", next: "//evil.example" });
    expect(offsite.headers.location).toBe("/");
  });

  it("keeps the logged-in user's language on their account", async () => {
    const browser = new TestBrowser(app.server);
    await browser.login("boligsoger@almen.demo");
    await browser.get("/home");
    await browser.post("/language", { lang: "en", next: "/home" });
    const row = await app.ctx.db
      .selectFrom("users")
      .select("language")
      .where("email", "=", "boligsoger@almen.demo")
      .executeTakeFirstOrThrow();
    expect(row.language).toBe("en");
    browser.cookies.delete("lang");
    expect((await browser.get("/home")).body).toContain("My waiting lists");
    await browser.post("/language", { lang: "da", next: "/home" });
    expect((await browser.get("/home")).body).toContain("Mine ventelister");
  });

  it("answers unknown pages with a 404 page, and health checks", async () => {
    const res = await app.server.inject({ url: "/no/such/page" });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Siden blev ikke fundet");
    expect((await app.server.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await app.server.inject({ url: "/readyz" })).json()).toEqual({
      status: "ok",
      database: dialectUnderTest,
    });
  });
});

describe("each role lands on a home that fits it", () => {
  const expectations: Record<string, string[]> = {
    housing_seeker: ["Mine ventelister"],
    resident: ["Min bolig", "København NV", "Husstand"],
    board_member: ["Min bolig", "Min afdelingsbestyrelse", "Æblehaven"],
    board_chair: ["Min afdelingsbestyrelse"],
    caretaker: ["Mine afdelinger", "101 Æblehaven"],
    operations_manager: ["Mine afdelinger", "102 Søparken"],
    letting_officer: ["Mine afdelinger"],
    org_admin: ["Administration", "Revisionslog"],
    system_admin: ["Administration", "Brugere og roller"],
  };
  for (const login of demoLogins) {
    it(login.role, async () => {
      const browser = new TestBrowser(app.server);
      await browser.login(login.email);
      const home = await browser.get("/home");
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain(`Hej ${login.name}`);
      for (const text of expectations[login.role]!) expect(home.body).toContain(text);
      // No untranslated i18n key reaches the page.
      expect(home.body).not.toMatch(/>[a-z_]+\.[a-z_.]+</);
      if (login.role === "caretaker") expect(home.body).not.toContain("102 Søparken");
      if (login.role === "resident") expect(home.body).not.toContain("Administration");
    });
  }
});

describe("operations", () => {
  it("has every Danish text in English too", () => {
    expect(keysOf(en).sort()).toEqual(keysOf(da).sort());
  });

  it("never logs passwords, tokens, cookies or reset links", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = pino(loggerOptions("info"), sink);
    log.info(
      {
        password: "hunter2-secret",
        token: "almen_abc",
        req: {
          method: "GET",
          url: "/password/reset/SECRETTOKEN",
          headers: { cookie: "almen_session=s3cr3t" },
        },
      },
      "x",
    );
    const out = lines.join("");
    expect(out).not.toContain("hunter2-secret");
    expect(out).not.toContain("almen_abc");
    expect(out).not.toContain("SECRETTOKEN");
    expect(out).not.toContain("s3cr3t");
  });

  it("backs up SQLite online to a file that opens with the same data", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "almen-backup-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const source = openDatabase({ kind: "sqlite", file: path.join(dir, "live.sqlite") });
    source.sqlite!.exec("create table t (x integer); insert into t values (1), (2), (3);");
    const target = path.join(dir, "copy", "backup.sqlite");
    const pages = await backupSqlite(source.sqlite!, target);
    expect(pages).toBeGreaterThan(0);
    const copy = openDatabase({ kind: "sqlite", file: target });
    expect(copy.sqlite!.prepare("select count(*) as n from t").get()).toEqual({ n: 3 });
    await copy.destroy();
    await source.destroy();
  });
});
