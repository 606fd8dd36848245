import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type SQLite from "better-sqlite3";

/**
 * Copies the SQLite write-ahead log back into the database file on a worker thread, so no request
 * pays for it. By default the connection that commits past 1,000 WAL pages does the checkpoint
 * inside its COMMIT: the database file written and synced while every other request of the
 * process waits behind the event loop. The server turns that off for its connection and runs
 * PASSIVE checkpoints here instead, on its own connection: they never block readers or writers.
 * Other processes (the CLI) keep SQLite's default.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

// Plain CommonJS, evaluated by the worker (no TypeScript loader there).
const workerCode = `
const { parentPort, workerData } = require("node:worker_threads");
const SQLite = require(workerData.module);
const db = new SQLite(workerData.file);
db.pragma("busy_timeout = 1000");
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}, workerData.everyMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } finally {
    db.close();
    parentPort.close();
  }
});
`;

export function startCheckpointer(
  sqlite: SQLite.Database,
  options: { everyMs?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  sqlite.pragma("wal_autocheckpoint = 0");
  const worker = new Worker(workerCode, {
    eval: true,
    workerData: {
      module: createRequire(import.meta.url).resolve("better-sqlite3"),
      file: sqlite.name,
      everyMs: options.everyMs ?? 1000,
    },
  });
  worker.on("message", (m: { error?: string }) => {
    if (m.error) options.onError?.(m.error);
  });
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once("exit", () => resolve());
        worker.postMessage("stop");
      }),
  };
}
