import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the process wrote to stdout and stderr so far (shown when a journey fails). */
  output: () => string;
  stop: () => Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asks the OS for one, then releases it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Servers still running: killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Starts almen as a real child process (`node --import tsx src/server.ts`) on a free port with a
 * fresh data folder (SQLite, demo data, mails as JSON files), and waits until /readyz answers.
 * With `dataDir`, it runs on that folder instead (e.g. again on a stopped server's data, with
 * another ALMEN_CLOCK_START), and `stop` leaves the folder for the caller to delete.
 */
export async function startServer(
  extraEnv: Record<string, string> = {},
  options: { port?: number; dataDir?: string } = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), "almen-e2e-")));
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith("OIDC_") || key.startsWith("ALMEN_") || key === "SMTP_URL") delete env[key];
  }
  delete env.DATABASE_URL;
  Object.assign(env, {
    PORT: String(port),
    HOST: "127.0.0.1",
    ALMEN_DATA_DIR: dataDir,
    ALMEN_DEMO: "true",
    LOG_LEVEL: "warn",
    PUBLIC_URL: url,
    ...extraEnv,
  });
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited(child);
      clearTimeout(killer);
    }
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`almen exited during start (code ${child.exitCode}):\n${output}`);
    }
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`almen did not become ready within 60 s:\n${output}`);
    }
    await sleep(100);
  }
  return { url, port, dataDir, output: () => output, stop };
}

export interface DevMail {
  to: string;
  subject: string;
  text: string;
}

/** The mails the development mail transport wrote into <ALMEN_DATA_DIR>/mail/, oldest first. */
export async function readMails(dataDir: string): Promise<DevMail[]> {
  const dir = path.join(dataDir, "mail");
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (f) => JSON.parse(await readFile(path.join(dir, f), "utf8")) as DevMail),
  );
}

/** Waits for a mail to the given address (the server writes it before it answers, but be kind). */
export async function waitForMail(dataDir: string, to: string, timeoutMs = 10_000): Promise<DevMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = (await readMails(dataDir)).filter((m) => m.to === to);
    const last = mails.at(-1);
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} in ${dataDir}/mail`);
    await sleep(100);
  }
}
