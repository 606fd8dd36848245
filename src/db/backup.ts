import { mkdirSync } from "node:fs";
import path from "node:path";
import type SQLite from "better-sqlite3";

/** SQLite's online backup: consistent while the app keeps serving (WAL mode). */
export async function backupSqlite(
  sqlite: SQLite.Database,
  file: string,
  progress?: (done: number, total: number) => void,
): Promise<number> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let total = 0;
  await sqlite.backup(file, {
    progress({ totalPages, remainingPages }) {
      total = totalPages;
      progress?.(totalPages - remainingPages, totalPages);
      return 200;
    },
  });
  return total;
}
