/**
 * Where does the time of GET /home go? Starts almen with `--cpu-prof`, logs in as the demo
 * resident, puts autocannon load on /home for a few seconds, stops the server (which writes the
 * profile) and prints the top self-time and inclusive-time functions, and self time per file or
 * package. Not a *.bench.ts file, so `npm run bench` does not run it.
 *
 *   node --import tsx bench/profile.ts [sqlite|postgres] [seconds] [path]
 *
 * postgres needs DATABASE_URL (a scratch database is created and dropped). BENCH_PROFILE_DIR keeps
 * the .cpuprofile (open it in Chrome DevTools); otherwise it goes to a temporary folder.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type DatabaseKind, demoResident, fetchPage, login, startAlmen } from "./almen.ts";
import { cleanupAll, defer, log } from "./harness.ts";
import { measure } from "./load.ts";
import { projectRoot } from "./processes.ts";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  const file = url.replace(/^file:\/\//, "");
  const nm = file.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = file.slice(nm + "/node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (file.startsWith(projectRoot)) return path.relative(projectRoot, file);
  return file || "(native)";
}

function label(frame: CallFrame): string {
  const fn = frame.functionName || "(anonymous)";
  if (!frame.url) return fn;
  const file = frame.url.replace(/^file:\/\//, "");
  const shown = file.startsWith(projectRoot)
    ? path.relative(projectRoot, file)
    : file.replace(/^.*\/node_modules\//, "");
  return `${fn}  ${shown}:${frame.lineNumber + 1}`;
}

/**
 * Self and inclusive time per function, and self time per file/package, in ms. `window` limits
 * the samples to a span of profile time (µs, as in startTime/endTime), e.g. the load run only.
 */
export function summarise(profile: CpuProfile, window?: { from: number; to: number }, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const perFile = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.from || at > window.to)) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const node = byId.get(id)!;
    const key = label(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + ms);
    const file = node.callFrame.url
      ? where(node.callFrame.url)
      : `(${node.callFrame.functionName || "native"})`;
    perFile.set(file, (perFile.get(file) ?? 0) + ms);
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const k = label(byId.get(node)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
    }
  });
  const table = (title: string, map: Map<string, number>, n: number) =>
    [
      `${title}`,
      ...[...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(
          ([k, ms]) =>
            `  ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`,
        ),
    ].join("\n");
  return [
    `total sampled: ${total.toFixed(0)} ms`,
    table("self time by function:", self, top),
    table("self time by file or package:", perFile, top),
    table("inclusive time by function:", inclusive, top),
  ].join("\n\n");
}

async function main(): Promise<void> {
  const kind = (process.argv[2] ?? "sqlite") as DatabaseKind;
  const seconds = Number(process.argv[3] ?? 5);
  const pathname = process.argv[4] ?? "/home";
  const keep = process.env.BENCH_PROFILE_DIR;
  const dir = keep ? path.resolve(keep) : await mkdtemp(path.join(os.tmpdir(), "almen-prof-"));
  if (!keep) defer(() => rm(dir, { recursive: true, force: true }));
  const app = await startAlmen({
    database: kind,
    adminUrl: process.env.DATABASE_URL,
    nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
  });
  const { cookie } = await login(app.baseUrl, demoResident.email, demoResident.password);
  await fetchPage(app.baseUrl, pathname, cookie);
  const loadStart = performance.now();
  await measure({ url: `${app.baseUrl}${pathname}`, headers: { cookie }, durationS: seconds, warmupS: 1 });
  const loadEnd = performance.now();
  await app.stop(); // SIGTERM: the server exits normally and writes its profile
  const exited = performance.now();
  const files = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  // The app is one process; take the largest profile in case a helper process wrote one too.
  let best = { file: "", size: -1 };
  for (const f of files) {
    const text = await readFile(path.join(dir, f), "utf8");
    if (text.length > best.size) best = { file: f, size: text.length };
  }
  const profile = JSON.parse(await readFile(path.join(dir, best.file), "utf8")) as CpuProfile;
  if (keep) log(`profile: ${path.join(dir, best.file)}`);
  // Only the load run (warm-up included), not start-up or shutdown: count back from the exit.
  const window = {
    from: profile.endTime - (exited - loadStart) * 1000,
    to: profile.endTime - (exited - loadEnd) * 1000,
  };
  console.log(summarise(profile, window));
}

main()
  .catch((error) => {
    log(`profile failed: ${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll().then(() => process.exit()));
