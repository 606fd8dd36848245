/**
 * Starting the real almen server as a child process (`node --import tsx src/server.ts`) on a fresh
 * data folder or a fresh PostgreSQL database, and logging in over HTTP like a browser.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { defer, log, sleep, withTimeout } from "./harness.ts";
import { hasExited, type NodeChild, spawnNode } from "./processes.ts";

export const demoResident = { email: "beboer@almen.demo", password: "almen-demo-2026" };

export type DatabaseKind = "sqlite" | "postgres";

export interface RunningAlmen {
  baseUrl: string;
  child: NodeChild;
  stop(): Promise<void>;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        address && typeof address !== "string" ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Creates an empty database next to the one in `adminUrl`; the returned drop() removes it. */
export async function createScratchDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `almen_bench_${randomBytes(5).toString("hex")}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const drop = defer(async () => {
    try {
      await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } catch {
      await run(`DROP DATABASE IF EXISTS "${name}"`); // PostgreSQL before 13
    }
    log(`dropped database ${name}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  log(`created database ${name}`);
  return { url: url.toString(), drop };
}

export interface StartOptions {
  database: DatabaseKind;
  /** PostgreSQL server to create the scratch database on (postgres only, without databaseUrl). */
  adminUrl?: string;
  /** Run on this existing data folder (kept afterwards) instead of a fresh one. */
  dataDir?: string;
  /** Run on this existing PostgreSQL database (kept afterwards) instead of a scratch one. */
  databaseUrl?: string;
  /** Seed the demo data into an empty database (ALMEN_DEMO; default true). */
  demo?: boolean;
  /** Extra node flags before the script, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/x"]. */
  nodeFlags?: string[];
  readyTimeoutMs?: number;
}

/**
 * Starts almen with demo data on a fresh data folder (and a fresh database for PostgreSQL), or on
 * the data folder and database given in the options.
 */
export async function startAlmen(options: StartOptions): Promise<RunningAlmen> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "almen-bench-")));
  const removeDir = options.dataDir
    ? async () => {}
    : defer(() => rm(dataDir, { recursive: true, force: true }));
  let dropDatabase: (() => Promise<void>) | undefined;
  let databaseUrl = options.databaseUrl;
  if (options.database === "postgres" && !databaseUrl) {
    if (!options.adminUrl) throw new Error("postgres needs DATABASE_URL");
    const scratch = await createScratchDatabase(options.adminUrl);
    dropDatabase = scratch.drop;
    databaseUrl = scratch.url;
  }
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...inheritedEnv(),
    PORT: String(port),
    HOST: "127.0.0.1",
    ALMEN_DATA_DIR: dataDir,
    ALMEN_DEMO: options.demo === false ? "false" : "true",
    LOG_LEVEL: "warn",
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawnNode({
    name: `almen-${options.database}`,
    args: [...(options.nodeFlags ?? []), "src/server.ts"],
    env,
  });
  // Stop the server before its data goes: the cleanups run newest first.
  const stopAll = defer(async () => {
    await child.stop();
    await dropDatabase?.();
    await removeDir();
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(baseUrl, child, options.readyTimeoutMs ?? 90_000);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { baseUrl, child, stop: stopAll };
}

/** Our environment without almen's own settings (src/config.ts), so the shell cannot skew a run. */
export function inheritedEnv(): Record<string, string | undefined> {
  const almenSettings =
    /^(ALMEN_|OIDC_|SMTP_URL$|MAIL_FROM$|PUBLIC_URL$|TRUST_PROXY$|DATABASE_URL$|PORT$|HOST$|LOG_LEVEL$)/;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !almenSettings.test(key)));
}

async function waitForReady(baseUrl: string, child: NodeChild, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`${child.name} exited while starting (its output is above)`);
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${child.name} was not ready within ${timeoutMs} ms:\n${child.tail()}`);
}

/** A tiny cookie jar: name → value, from Set-Cookie headers. */
class Cookies {
  private readonly jar = new Map<string, string>();
  take(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(";", 1)[0]!;
      const eq = pair.indexOf("=");
      if (eq > 0) this.jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  get(name: string): string | undefined {
    return this.jar.get(name);
  }
  header(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export interface Login {
  /** The Cookie header a browser would send afterwards (session and CSRF cookies). */
  cookie: string;
}

/** Logs in through the HTML form: GET /login for the CSRF cookie and token, POST /login, expect 303. */
export async function login(baseUrl: string, email: string, password: string): Promise<Login> {
  const cookies = new Cookies();
  const timeout = () => AbortSignal.timeout(15_000);
  const form = await fetch(`${baseUrl}/login`, { redirect: "manual", signal: timeout() });
  const html = await form.text();
  if (form.status !== 200) throw new Error(`GET /login answered ${form.status}`);
  cookies.take(form);
  const input = html.match(/<input\b[^>]*\bname="_csrf"[^>]*>/)?.[0];
  const token = input?.match(/\bvalue="([^"]*)"/)?.[1];
  if (!token) throw new Error("GET /login has no _csrf form field");
  if (!cookies.get("almen_csrf")) throw new Error("GET /login set no almen_csrf cookie");

  const posted = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    signal: timeout(),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.header() },
    body: new URLSearchParams({ email, password, _csrf: decodeEntities(token) }).toString(),
  });
  await posted.arrayBuffer();
  cookies.take(posted);
  if (posted.status !== 303) throw new Error(`POST /login answered ${posted.status}, expected 303`);
  if (!cookies.get("almen_session")) throw new Error("POST /login set no almen_session cookie");
  const location = posted.headers.get("location");
  if (location !== "/home") throw new Error(`POST /login redirected to ${location}, expected /home`);
  return { cookie: cookies.header() };
}

/** The value of the form's `_csrf` field in a page. */
function csrfField(html: string): string | undefined {
  const input = html.match(/<input\b[^>]*\bname="_csrf"[^>]*>/)?.[0];
  const token = input?.match(/\bvalue="([^"]*)"/)?.[1];
  return token === undefined ? undefined : decodeEntities(token);
}

/**
 * Logs a staff member in for the first time: password, then TOTP enrolment (the secret is read from
 * the enrolment page's `data-secret` and a code made from it), as a browser would.
 */
export async function loginStaffFirstTime(baseUrl: string, email: string, password: string): Promise<Login> {
  const { generate } = await import("otplib");
  const cookies = new Cookies();
  const timeout = () => AbortSignal.timeout(15_000);
  const send = async (pathname: string, form?: Record<string, string>) => {
    const response = await fetch(`${baseUrl}${pathname}`, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      signal: timeout(),
      headers: form
        ? { "content-type": "application/x-www-form-urlencoded", cookie: cookies.header() }
        : { cookie: cookies.header() },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const html = await response.text();
    cookies.take(response);
    return { status: response.status, location: response.headers.get("location"), html };
  };
  const form = await send("/login");
  const token = csrfField(form.html);
  if (form.status !== 200 || !token)
    throw new Error(`GET /login answered ${form.status} without a _csrf field`);
  const posted = await send("/login", { email, password, _csrf: token });
  if (posted.status !== 303 || posted.location !== "/login/enrol") {
    throw new Error(
      `POST /login answered ${posted.status} → ${posted.location}, expected 303 → /login/enrol`,
    );
  }
  const enrol = await send("/login/enrol");
  const secret = enrol.html.match(/data-secret="([A-Z2-7]+)"/)?.[1];
  const enrolToken = csrfField(enrol.html);
  if (enrol.status !== 200 || !secret || !enrolToken) {
    throw new Error(`GET /login/enrol answered ${enrol.status} without a TOTP secret and a _csrf field`);
  }
  const confirmed = await send("/login/enrol", { code: await generate({ secret }), _csrf: enrolToken });
  if (confirmed.status !== 200)
    throw new Error(`POST /login/enrol answered ${confirmed.status}, expected 200`);
  if (!cookies.get("almen_session")) throw new Error("POST /login/enrol set no almen_session cookie");
  return { cookie: cookies.header() };
}

/** GET a page with the session; throws unless it answers 200. Returns the body. */
export async function fetchPage(baseUrl: string, pathname: string, cookie: string): Promise<Buffer> {
  const response = await withTimeout(
    `GET ${pathname}`,
    15_000,
    fetch(`${baseUrl}${pathname}`, { redirect: "manual", headers: { cookie } }),
  );
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`GET ${pathname} answered ${response.status}, expected 200`);
  return body;
}
