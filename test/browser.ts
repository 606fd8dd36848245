import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { generate } from "otplib";
import { demoPassword } from "../src/seed/demo.ts";

/** A tiny cookie-keeping client over app.inject, for tests that act like a person with a browser. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  lastCsrf = "";

  constructor(private readonly server: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      if (c.value === "" || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (csrf) this.lastCsrf = csrf[1]!;
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.server.inject({ method: "GET", url, headers: { cookie: this.cookieHeader(), ...headers } }),
    );
  }

  /** Posts a form the way a browser does, with the CSRF token of the last page unless given. */
  async post(url: string, form: Record<string, string | string[]> = {}, opts: { csrf?: string | null } = {}) {
    const body = new URLSearchParams();
    const csrf = opts.csrf === undefined ? this.lastCsrf : opts.csrf;
    if (csrf !== null) body.append("_csrf", csrf);
    for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
    return this.remember(
      await this.server.inject({
        method: "POST",
        url,
        payload: body.toString(),
        headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      }),
    );
  }

  async json(method: "GET" | "POST" | "DELETE", url: string, payload?: unknown) {
    return this.remember(
      await this.server.inject({
        method,
        url,
        payload: payload as never,
        headers: { cookie: this.cookieHeader(), "x-csrf-token": this.lastCsrf },
      }),
    );
  }

  get sessionId(): string | undefined {
    return this.cookies.get("almen_session");
  }

  /** Logs in with a demo account; staff complete (or enrol) the TOTP second factor. */
  async login(email: string, password = demoPassword): Promise<LightMyRequestResponse> {
    await this.get("/login");
    const res = await this.post("/login", { email, password });
    if (res.statusCode !== 303) return res;
    const location = String(res.headers.location);
    if (location === "/login/enrol") {
      const page = await this.get("/login/enrol");
      const secret = /data-secret="([A-Z2-7]+)"/.exec(page.body)?.[1];
      if (!secret) throw new Error("No TOTP secret on the enrolment page");
      this.totpSecret = secret;
      TestBrowser.secrets.set(email, secret);
      const epoch = Math.floor((TestBrowser.clock?.now() ?? new Date()).getTime() / 1000);
      return this.post("/login/enrol", { code: await generate({ secret, epoch }) });
    }
    if (location === "/login/second-factor") {
      await this.get("/login/second-factor");
      this.totpSecret ??= TestBrowser.secrets.get(email);
      if (!this.totpSecret) throw new Error("This browser does not know the TOTP secret");
      // Each TOTP code works once: move the app's clock to the next 30-second step first.
      TestBrowser.clock?.advance(30_000);
      const epoch = Math.floor((TestBrowser.clock?.now() ?? new Date()).getTime() / 1000);
      return this.post("/login/second-factor", { code: await generate({ secret: this.totpSecret, epoch }) });
    }
    return res;
  }

  totpSecret?: string;
  /** Secrets enrolled in this test file, by e-mail, so a second browser can log in as the same person. */
  static readonly secrets = new Map<string, string>();
  /** The test app's clock (set by buildTestApp), which the server checks TOTP codes against. */
  static clock?: { now(): Date; advance(ms: number): void };
}
