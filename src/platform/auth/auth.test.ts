import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";

let app: TestApp;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const resident = "beboer@almen.demo";

describe("login and sessions", () => {
  it("logs a resident in with a new session id, and the session lives in the database", async () => {
    const browser = new TestBrowser(app.server);
    await browser.get("/login");
    await browser.post("/login", { email: "x@y.dk", password: "wrong-password-1" });
    const before = browser.sessionId;
    const res = await browser.login(resident);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/home");
    expect(browser.sessionId).toBeDefined();
    expect(browser.sessionId).not.toBe(before);
    const home = await browser.get("/home");
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain("Jens Ærø Beboer");
    const rows = await app.ctx.db
      .selectFrom("sessions")
      .select(["user_id"])
      .where("user_id", "is not", null)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("rejects a wrong password with a Danish message and keeps the e-mail", async () => {
    const browser = new TestBrowser(app.server);
    await browser.get("/login");
    const res = await browser.post("/login", { email: resident, password: "not-the-password" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("E-mail eller adgangskode er forkert.");
    expect(res.body).toContain(`value="${resident}"`);
    expect(res.body).not.toContain("not-the-password");
  });

  it("answers the 11th failed attempt within 5 minutes with 429, even with the right password", async () => {
    const browser = new TestBrowser(app.server);
    await browser.get("/login");
    for (let i = 0; i < 10; i++) {
      const res = await browser.post("/login", { email: resident, password: `wrong-${i}-password` });
      expect(res.statusCode).toBe(400);
    }
    const blocked = await browser.post("/login", { email: resident, password: "almen-demo-2026" });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain("For mange mislykkede forsøg");
    app.clock.advance(5 * 60 * 1000 + 1000);
    const later = await browser.post("/login", { email: resident, password: "almen-demo-2026" });
    expect(later.statusCode).toBe(303);
  });

  it("throttles per IP across accounts too", async () => {
    const browser = new TestBrowser(app.server);
    await browser.get("/login");
    for (let i = 0; i < 10; i++)
      await browser.post("/login", { email: `nobody${i}@almen.demo`, password: "wrong-password-x" });
    const res = await browser.post("/login", { email: "formand@almen.demo", password: "almen-demo-2026" });
    expect(res.statusCode).toBe(429);
  });

  it("ends the session server-side at logout: the old cookie no longer works", async () => {
    const browser = new TestBrowser(app.server);
    await browser.login(resident);
    const stolen = browser.sessionId!;
    await browser.get("/home");
    const out = await browser.post("/logout");
    expect(out.statusCode).toBe(303);
    const replay = await app.server.inject({ url: "/home", cookies: { almen_session: stolen } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe("/login?next=%2Fhome");
  });

  it("expires a session after 30 idle minutes", async () => {
    const browser = new TestBrowser(app.server);
    await browser.login(resident);
    app.clock.advance(29 * 60 * 1000);
    expect((await browser.get("/home")).statusCode).toBe(200);
    app.clock.advance(29 * 60 * 1000);
    expect((await browser.get("/home")).statusCode).toBe(200);
    app.clock.advance(31 * 60 * 1000);
    expect((await browser.get("/home")).statusCode).toBe(303);
  });

  it("refuses a state change without a CSRF token (403)", async () => {
    const browser = new TestBrowser(app.server);
    await browser.login(resident);
    await browser.get("/account/tokens");
    const res = await browser.post("/account/tokens", { name: "x", scopes: "home.view" }, { csrf: null });
    expect(res.statusCode).toBe(403);
    const forged = await browser.post("/logout", {}, { csrf: "forged-token" });
    expect(forged.statusCode).toBe(403);
    expect((await browser.get("/home")).statusCode).toBe(200);
  });

  it("never changes state on GET", async () => {
    const res = await app.server.inject({ url: "/logout" });
    expect(res.statusCode).toBe(404);
  });
});

describe("staff second factor", () => {
  it("makes staff enrol TOTP at first login, then asks for a code; recovery codes work once", async () => {
    const browser = new TestBrowser(app.server);
    const enrolled = await browser.login("vicevaert@almen.demo");
    expect(enrolled.statusCode).toBe(200);
    const codes = [...enrolled.body.matchAll(/<li>([a-z0-9]{5}-[a-z0-9]{5})<\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect((await browser.get("/home")).statusCode).toBe(200);
    await browser.post("/logout");

    // Second login: password alone is not enough.
    const second = new TestBrowser(app.server);
    second.totpSecret = browser.totpSecret;
    await second.get("/login");
    const step1 = await second.post("/login", { email: "vicevaert@almen.demo", password: "almen-demo-2026" });
    expect(step1.headers.location).toBe("/login/second-factor");
    expect((await second.get("/home")).statusCode).toBe(303);
    await second.get("/login/second-factor");
    const wrong = await second.post("/login/second-factor", { code: "000000" });
    expect(wrong.statusCode).toBe(400);
    const ok = await second.post("/login/second-factor", { code: codes[0]! });
    expect(ok.statusCode).toBe(303);
    expect((await second.get("/home")).statusCode).toBe(200);

    const third = new TestBrowser(app.server);
    await third.get("/login");
    await third.post("/login", { email: "vicevaert@almen.demo", password: "almen-demo-2026" });
    await third.get("/login/second-factor");
    const reused = await third.post("/login/second-factor", { code: codes[0]! });
    expect(reused.statusCode).toBe(400);
    expect((await third.get("/home")).statusCode).toBe(303);
    expect((await third.login("vicevaert@almen.demo")).statusCode).toBe(303); // with a fresh TOTP code
    expect((await third.get("/home")).statusCode).toBe(200);
  });

  it("accepts a TOTP code only once (RFC 6238 §5.2)", async () => {
    const { generate } = await import("otplib");
    const browser = new TestBrowser(app.server);
    await browser.login("driftschef@almen.demo");
    const secret = browser.totpSecret!;
    const epoch = Math.floor(app.clock.now().getTime() / 1000);
    const again = new TestBrowser(app.server);
    await again.get("/login");
    await again.post("/login", { email: "driftschef@almen.demo", password: "almen-demo-2026" });
    await again.get("/login/second-factor");
    const reused = await again.post("/login/second-factor", { code: await generate({ secret, epoch }) });
    expect(reused.statusCode).toBe(400);
    app.clock.advance(30_000);
    const fresh = await again.post("/login/second-factor", {
      code: await generate({ secret, epoch: epoch + 30 }),
    });
    expect(fresh.statusCode).toBe(303);
  });

  it("stores the TOTP secret encrypted", async () => {
    const browser = new TestBrowser(app.server);
    await browser.login("admin@almen.demo");
    const row = await app.ctx.db
      .selectFrom("users")
      .select("totp_secret_enc")
      .where("email", "=", "admin@almen.demo")
      .executeTakeFirstOrThrow();
    expect(row.totp_secret_enc).toMatch(/^v1\./);
    expect(row.totp_secret_enc).not.toContain(browser.totpSecret!);
  });
});

describe("password reset", () => {
  const linkIn = (text: string) => /http:\/\/[^\s]+\/password\/reset\/([\w-]+)/.exec(text)?.[1];

  it("sends a single-use link valid 30 minutes and ends existing sessions", async () => {
    const loggedIn = new TestBrowser(app.server);
    await loggedIn.login(resident);
    const browser = new TestBrowser(app.server);
    await browser.get("/password/forgot");
    const sent = await browser.post("/password/forgot", { email: resident });
    expect(sent.statusCode).toBe(200);
    const unknown = await browser.post("/password/forgot", { email: "nobody@almen.demo" });
    expect(unknown.body).toContain("Hvis e-mailen har en konto");
    expect(app.mail.sent).toHaveLength(1);
    const token = linkIn(app.mail.sent[0]!.text)!;
    expect(token).toBeDefined();
    const stored = await app.ctx.db
      .selectFrom("password_resets")
      .select("token_hash")
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(token);

    await browser.get(`/password/reset/${token}`);
    const short = await browser.post(`/password/reset/${token}`, { password: "short", confirm: "short" });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain("mindst 12 tegn");
    const done = await browser.post(`/password/reset/${token}`, {
      password: "a-brand-new-password",
      confirm: "a-brand-new-password",
    });
    expect(done.statusCode).toBe(303);
    expect((await loggedIn.get("/home")).statusCode).toBe(303);
    expect((await browser.get(`/password/reset/${token}`)).statusCode).toBe(404);
    expect((await new TestBrowser(app.server).login(resident, "a-brand-new-password")).statusCode).toBe(303);
  });

  it("refuses a link older than 30 minutes", async () => {
    const browser = new TestBrowser(app.server);
    await browser.get("/password/forgot");
    await browser.post("/password/forgot", { email: resident });
    const token = linkIn(app.mail.sent[0]!.text)!;
    app.clock.advance(31 * 60 * 1000);
    const page = await browser.get(`/password/reset/${token}`);
    expect(page.statusCode).toBe(404);
    const post = await browser.post(`/password/reset/${token}`, {
      password: "a-brand-new-password",
      confirm: "a-brand-new-password",
    });
    expect(post.statusCode).toBe(404);
  });
});
