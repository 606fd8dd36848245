/**
 * Staff master-data pages on the scale data set (see import.bench.ts), logged in as a system
 * administrator, one request at a time:
 *
 *   dept_page.<db>.p95_ms      GET /masterdata/departments/<id> for the 20 biggest departments
 *   unit_search.<db>.p95_ms    GET /masterdata/units?q=<fragment> for 50 address fragments taken from
 *                              the data (street, street + number, part of a street, postcode + town)
 *
 * <db> is sqlite (on the database import.bench.ts kept in .bench-cache/, or a fresh import), and
 * postgres when DATABASE_URL is set (always a fresh import into an almen_bench_* database, dropped
 * afterwards). Goal: ≤ 50 ms each. BENCH_PAGE_REQUESTS (default 200) measured requests per figure,
 * after a quarter as many unmeasured ones.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/database.ts";
import { hashPassword } from "../src/platform/auth/passwords.ts";
import { newId } from "../src/platform/ids.ts";
import { createScratchDatabase, type DatabaseKind, loginStaffFirstTime, startAlmen } from "./almen.ts";
import { type BenchContext, type Benchmark, defer, envNumber, log } from "./harness.ts";
import { ensureScaleData, importAll, restoreImportedSqlite, saveImportedSqlite } from "./scale-data.ts";

export const figures = ["dept_page", "unit_search"];

/** An import when nothing is cached (minutes on PostgreSQL), a server start and 2 × 250 requests. */
export const timeoutMs = 20 * 60 * 1000;

const staff = {
  email: "bench-admin@almen.bench",
  password: "bench-admin-password-2026",
  name: "Bench Administrator",
};
const goalMs = 50;

interface Samples {
  /** The biggest departments, by number of units. */
  departments: { id: string; name: string; units: number }[];
  /** Address fragments as a letting officer would type them. */
  terms: string[];
}

/** A fixed, seeded choice, so every run asks the same questions. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

/**
 * Adds a system administrator straight into the database (demo seeding is off) and picks what to
 * ask for. Runs in this process on the data folder and database the server will use.
 */
async function prepareDatabase(dataDir: string, databaseUrl: string | undefined): Promise<Samples> {
  const config = loadConfig({ ALMEN_DATA_DIR: dataDir, DATABASE_URL: databaseUrl }, log);
  const db = openDatabase(config.database);
  try {
    const now = new Date().toISOString();
    const userId = newId();
    await db.kysely
      .insertInto("users")
      .values({
        id: userId,
        email: staff.email,
        name: staff.name,
        password_hash: await hashPassword(staff.password),
        totp_secret_enc: null,
        person_id: null,
        created_at: now,
        updated_at: now,
        last_login_at: null,
      })
      .execute();
    await db.kysely
      .insertInto("user_roles")
      .values({
        id: newId(),
        user_id: userId,
        role: "system_admin",
        organisation_id: null,
        department_id: null,
        created_at: now,
      })
      .execute();

    const biggest = await db.kysely
      .selectFrom("units as u")
      .innerJoin("departments as d", "d.id", "u.department_id")
      .select(["d.id", "d.name", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(["d.id", "d.name"])
      .orderBy("n", "desc")
      .orderBy("d.id")
      .limit(20)
      .execute();
    const units = await db.kysely
      .selectFrom("units")
      .select(["street", "house_number", "postcode", "town"])
      .orderBy("organisation_id")
      .orderBy("unit_number")
      .execute();
    if (units.length === 0 || biggest.length === 0) throw new Error("the database has no units");
    const random = seeded(7);
    const terms = new Set<string>();
    for (let i = 0; terms.size < 50 && i < 10_000; i++) {
      const u = units[Math.floor(random() * units.length)]!;
      const r = random();
      terms.add(
        r < 0.4
          ? `${u.street} ${u.house_number}`
          : r < 0.65
            ? u.street
            : r < 0.85
              ? u.street.slice(0, Math.max(4, Math.ceil(u.street.length / 2))).toLowerCase()
              : `${u.postcode} ${u.town}`,
      );
    }
    return {
      departments: biggest.map((d) => ({ id: d.id, name: d.name, units: Number(d.n) })),
      terms: [...terms],
    };
  } finally {
    await db.destroy();
  }
}

interface Timing {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * GETs the pages in turn, one at a time; the first quarter of `count` is warm-up. Each answer must be
 * 200 and pass the page's check (that it shows what was asked for).
 */
async function timeSequential(
  baseUrl: string,
  cookie: string,
  pages: { path: string; shows: (html: string) => boolean }[],
  count: number,
  signal: AbortSignal,
): Promise<Timing> {
  const warmup = Math.ceil(count / 4);
  const latencies: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    signal.throwIfAborted();
    const { path: pathname, shows } = pages[i % pages.length]!;
    const started = performance.now();
    const response = await fetch(`${baseUrl}${pathname}`, {
      redirect: "manual",
      headers: { cookie },
      signal: AbortSignal.timeout(30_000),
    });
    const body = await response.arrayBuffer();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${pathname} answered ${response.status}, expected 200`);
    if (!shows(Buffer.from(body).toString("utf8")))
      throw new Error(`GET ${pathname} does not show what was asked for`);
    if (i >= warmup) latencies.push(ms);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: latencies.at(-1)! };
}

async function measureOn(ctx: BenchContext, kind: DatabaseKind): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "almen-bench-pages-"));
  const removeDir = defer(() => rm(dataDir, { recursive: true, force: true }));
  const scratch = kind === "postgres" ? await createScratchDatabase(process.env.DATABASE_URL!) : undefined;
  try {
    if (kind === "postgres" || !(await restoreImportedSqlite(dataDir))) {
      const files = await ensureScaleData();
      const result = await importAll(
        files,
        { dialect: kind, dataDir, databaseUrl: scratch?.url },
        ctx.signal,
      );
      ctx.log(`imported in ${result.seconds.toFixed(1)} s (peak ${result.peakRssMb.toFixed(0)} MB)`);
      if (kind === "sqlite") await saveImportedSqlite(dataDir);
    }
    const samples = await prepareDatabase(dataDir, scratch?.url);
    ctx.log(
      `biggest departments: ${samples.departments
        .slice(0, 5)
        .map((d) => `${d.name} (${d.units})`)
        .join(", ")} … ${samples.departments.at(-1)!.units} units`,
    );
    ctx.log(`search terms, e.g.: ${samples.terms.slice(0, 8).join(" | ")}`);

    const app = await startAlmen({ database: kind, dataDir, databaseUrl: scratch?.url, demo: false });
    try {
      const { cookie } = await loginStaffFirstTime(app.baseUrl, staff.email, staff.password);
      ctx.log(`almen on ${kind}: logged in as ${staff.email} (system_admin, TOTP enrolled)`);
      const count = envNumber("BENCH_PAGE_REQUESTS", 200);
      const figuresOf: [string, { path: string; shows: (html: string) => boolean }[]][] = [
        [
          `dept_page.${kind}`,
          samples.departments.map((d) => ({
            path: `/masterdata/departments/${d.id}`,
            shows: (html) => html.includes(d.name),
          })),
        ],
        [
          `unit_search.${kind}`,
          samples.terms.map((term) => ({
            path: `/masterdata/units?q=${encodeURIComponent(term)}`,
            // At least one result: a table cell with the fragment in its address.
            shows: (html) =>
              html
                .toLowerCase()
                .split("<td>")
                .slice(1)
                .some((cell) => cell.split("<", 1)[0]!.includes(term.toLowerCase())),
          })),
        ],
      ];
      for (const [name, paths] of figuresOf) {
        if (!ctx.wants(name)) continue;
        const t = await timeSequential(app.baseUrl, cookie, paths, count, ctx.signal);
        ctx.log(
          `${name}: ${count} requests over ${paths.length} URLs, p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, ` +
            `p99 ${t.p99.toFixed(1)} ms, max ${t.max.toFixed(1)} ms (goal p95 ≤ ${goalMs} ms: ${t.p95 <= goalMs ? "met" : "MISSED"})`,
        );
        ctx.report(`${name}.p95_ms`, t.p95, "ms", 1);
      }
    } finally {
      await app.stop();
    }
  } finally {
    await scratch?.drop();
    await removeDir();
  }
}

export async function run(ctx: BenchContext): Promise<void> {
  const kinds: DatabaseKind[] = ["sqlite"];
  if (process.env.DATABASE_URL) kinds.push("postgres");
  else ctx.log("DATABASE_URL not set: skipping dept_page.postgres and unit_search.postgres");
  for (const kind of kinds) {
    if (ctx.wants(`dept_page.${kind}`) || ctx.wants(`unit_search.${kind}`)) await measureOn(ctx, kind);
  }
}

export default { figures, timeoutMs, run } satisfies Benchmark;
