/**
 * HTTP throughput of the logged-in resident home page (GET /home) against a bare Fastify 5 route
 * serving a static HTML string of the same size. Every server runs in its own child process, and
 * the load runs are sequential, never concurrent.
 *
 *   http.resident_home.bytes              size of the real page body
 *   http.bare_html.rps                    bare Fastify, same byte size
 *   http.resident_home.<db>.rps           real app, <db> = sqlite, and postgres when DATABASE_URL is set
 *   http.resident_home.<db>.p99_ms
 *   http.resident_home.<db>.ratio         real rps / bare rps
 */
import { type DatabaseKind, demoResident, fetchPage, login, type RunningAlmen, startAlmen } from "./almen.ts";
import type { BenchContext, Benchmark } from "./harness.ts";
import { measure } from "./load.ts";
import { spawnNode } from "./processes.ts";

interface Prepared {
  kind: DatabaseKind;
  app: RunningAlmen;
  cookie: string;
  bytes: number;
}

async function prepare(ctx: BenchContext, kind: DatabaseKind): Promise<Prepared> {
  ctx.log(`starting almen on ${kind}`);
  const app = await startAlmen({ database: kind, adminUrl: process.env.DATABASE_URL });
  try {
    const { cookie } = await login(app.baseUrl, demoResident.email, demoResident.password);
    const page = await fetchPage(app.baseUrl, "/home", cookie);
    if (!page.toString("utf8").includes('action="/logout"')) {
      throw new Error("GET /home did not answer a logged-in page (no logout form)");
    }
    ctx.log(`almen on ${kind}: logged in as ${demoResident.email}; /home is ${page.length} bytes`);
    return { kind, app, cookie, bytes: page.length };
  } catch (error) {
    await app.stop();
    throw error;
  }
}

async function measureBare(ctx: BenchContext, bytes: number): Promise<number> {
  const bare = spawnNode({
    name: "bare-fastify",
    args: ["bench/bare-server.ts"],
    env: { ...process.env, BENCH_HTML_BYTES: String(bytes) },
  });
  try {
    const { port } = await bare.firstMessage<{ port: number }>(30_000);
    const url = `http://127.0.0.1:${port}/`;
    const check = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const size = (await check.arrayBuffer()).byteLength;
    if (check.status !== 200 || size !== bytes) {
      throw new Error(`bare server answered ${check.status} with ${size} bytes, expected ${bytes}`);
    }
    const result = await measure({ url, expectBytes: bytes, signal: ctx.signal });
    return result.rps;
  } finally {
    await bare.stop();
  }
}

async function measureReal(
  ctx: BenchContext,
  prepared: Prepared,
  bareRps: number | undefined,
): Promise<void> {
  const name = `http.resident_home.${prepared.kind}`;
  const result = await measure({
    url: `${prepared.app.baseUrl}/home`,
    headers: { cookie: prepared.cookie },
    expectBytes: prepared.bytes,
    signal: ctx.signal,
  });
  // The session must still be valid afterwards, or we measured redirects.
  await fetchPage(prepared.app.baseUrl, "/home", prepared.cookie);
  ctx.report(`${name}.rps`, result.rps, "req/s", 0);
  ctx.report(`${name}.p99_ms`, result.p99Ms, "ms", 2);
  if (bareRps) ctx.report(`${name}.ratio`, result.rps / bareRps, "fraction", 3);
}

export const figures = ["http.bare_html", "http.resident_home"];

/** Per database: up to 90 s start, 2 × 13 s load; plus the bare server. */
export const timeoutMs = 6 * 60 * 1000;

export async function run(ctx: BenchContext): Promise<void> {
  const kinds: DatabaseKind[] = ["sqlite"];
  if (process.env.DATABASE_URL) kinds.push("postgres");
  else ctx.log("DATABASE_URL not set: skipping http.resident_home.postgres.*");
  const wanted = kinds.filter((kind) => ctx.wants(`http.resident_home.${kind}`));
  // The bare figure needs a real page to copy the size of; use the first database asked for.
  const measured = wanted.length > 0 ? wanted : ["sqlite" as const];
  const needBare =
    ctx.wants("http.bare_html") || wanted.some((k) => ctx.wants(`http.resident_home.${k}.ratio`));

  let bareRps: number | undefined;
  for (const [index, kind] of measured.entries()) {
    const prepared = await prepare(ctx, kind);
    try {
      if (index === 0) {
        ctx.report("http.resident_home.bytes", prepared.bytes, "bytes");
        if (needBare) {
          // The real app sits idle meanwhile: measurements never overlap.
          bareRps = await measureBare(ctx, prepared.bytes);
          ctx.report("http.bare_html.rps", bareRps, "req/s", 0);
        }
      }
      if (wanted.includes(kind)) await measureReal(ctx, prepared, bareRps);
    } finally {
      await prepared.app.stop();
    }
  }
}

export default { figures, timeoutMs, run } satisfies Benchmark;
