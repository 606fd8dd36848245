/**
 * Child processes for benchmarks: servers run in their own Node process so the load generator
 * never shares their event loop. Every child is tracked and stopped on success, failure, timeout,
 * Ctrl-C and exit of the harness; a guard module in the child makes it exit when the harness dies.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { defer, log, sleep } from "./harness.ts";

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(benchDir, "..");
const guard = pathToFileURL(path.join(benchDir, "child-guard.ts")).href;

const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

export interface NodeChild {
  name: string;
  process: ChildProcess;
  /** The last lines the child wrote (stdout and stderr), for error messages. */
  tail(): string;
  /** Resolves with the first IPC message the child sends. */
  firstMessage<T>(timeoutMs: number): Promise<T>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  /** Arguments after `node --import tsx --import <guard>`: extra node flags, then the script. */
  args: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/**
 * Starts `node --import tsx <args>` with an IPC channel. Its output is kept (the last lines are shown
 * if it dies) and echoed to stderr, prefixed, when BENCH_VERBOSE is set.
 */
export function spawnNode(options: SpawnOptions): NodeChild {
  const child = spawn(process.execPath, ["--import", "tsx", "--import", guard, ...options.args], {
    cwd: options.cwd ?? projectRoot,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  live.add(child);
  let stopping = false;
  let graceMs = 12_000;
  const lines: string[] = [];
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      if (process.env.BENCH_VERBOSE) process.stderr.write(`[${options.name}] ${line}\n`);
    }
  };
  child.stdout?.on("data", forward);
  child.stderr?.on("data", forward);
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      live.delete(child);
      if ((code !== 0 || signal !== null) && !stopping) {
        log(
          `${options.name} exited (${signal ?? `code ${code}`}); its last output:\n${lines.slice(-15).join("\n")}`,
        );
      }
      resolve();
    });
  });
  child.once("error", (error) => log(`${options.name}: ${error.message}`));

  const stop = defer(async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const graceful = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!graceful) {
      log(`${options.name} did not stop within ${graceMs} ms; killing it`);
      child.kill("SIGKILL");
      await Promise.race([exited, sleep(2000)]);
    }
  });

  return {
    name: options.name,
    process: child,
    tail: () => lines.join("\n"),
    firstMessage<T>(timeoutMs: number) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${options.name} sent no message within ${timeoutMs} ms\n${lines.join("\n")}`));
        }, timeoutMs);
        const onMessage = (message: unknown) => {
          cleanup();
          resolve(message as T);
        };
        const onExit = () => {
          cleanup();
          reject(new Error(`${options.name} exited before it was ready (its output is above)`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.off("message", onMessage);
          child.off("exit", onExit);
        };
        child.on("message", onMessage);
        child.on("exit", onExit);
      });
    },
    stop(ms = 12_000) {
      graceMs = ms;
      return stop();
    },
  };
}

/** Whether the child has exited. */
export function hasExited(child: NodeChild): boolean {
  return child.process.exitCode !== null || child.process.signalCode !== null;
}
