import { createWriteStream, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import { sql } from "kysely";
import pino from "pino";
import type { Config } from "./config.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { backupSqlite } from "./db/backup.ts";
import type { Db } from "./db/database.ts";
import { openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { configuredTransports, startOutboxWorker } from "./modules/letters/index.ts";
import { importApplications } from "./modules/letting/import/applications-import.ts";
import { columns, exportRows, importFile, importKinds, isImportKind } from "./modules/masterdata/index.ts";
import type { Reach } from "./platform/access.ts";
import { systemClock } from "./platform/clock.ts";
import type { AppContext } from "./platform/context.ts";
import { writeCsv } from "./platform/csv/write.ts";
import { translateMaybe, translator } from "./platform/i18n/index.ts";
import { createMailTransport } from "./platform/mail.ts";
import { demoLogins } from "./seed/demo.ts";
import { seedFullDemo } from "./seed/demo-all.ts";

const usage = `almen <command>

  serve                 start the web server (same as npm start)
  migrate               apply pending database migrations
  seed --scale demo     add the small demo organisation (only into an empty database)
  import <kind> <file>  import master data from CSV (kinds: ${importKinds.join(", ")});
                        nothing is written when any row is bad (--dry-run: only validate)
  import applications <file>
                        import waiting-list applications (docs/import.md, "Applications")
  export <kind> [file]  export master data as CSV (to stdout without a file)
  worker                deliver the letters outbox until stopped (SIGTERM); any number may run
  backup <file>         online backup of the SQLite database to <file>
                        (PostgreSQL: use pg_dump, see docs/operations.md)
`;

/** The command line acts as the system, everywhere (it runs with the operator's database access). */
const everywhere: Reach = { all: true, organisationIds: [], departmentIds: [] };

function cliContext(config: Config, db: Db): AppContext {
  const log = pino({ level: "warn" });
  return {
    config,
    database: db,
    db: db.kysely,
    clock: systemClock,
    mail: createMailTransport(config.mail, log),
    log,
  };
}

/** "validate: 120000 rows, 41000 rows/s" — the file size gives a rough ETA while validating. */
function progressLine(rows: number, phase: string, started: number, bytes: number): string {
  const seconds = (Date.now() - started) / 1000;
  const rate = rows / Math.max(seconds, 0.001);
  return `${phase}: ${rows} rows, ${Math.round(rate)} rows/s, ${seconds.toFixed(1)} s (${(bytes / 1e6).toFixed(1)} MB file)`;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      scale: { type: "string", default: "demo" },
      "dry-run": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    process.stdout.write(usage);
    return command ? 0 : 1;
  }
  if (command === "serve") {
    await import("./server.ts");
    return -1; // keeps running
  }
  const config = loadConfig();
  const db = openDatabase(config.database);
  try {
    switch (command) {
      case "migrate": {
        const applied = await migrateToLatest(db);
        console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
        return 0;
      }
      case "seed": {
        if (values.scale !== "demo") {
          console.error(`Unknown scale "${values.scale}". Available: demo.`);
          return 1;
        }
        await migrateToLatest(db);
        const context = cliContext(config, db);
        const seeded = await seedFullDemo(context);
        console.log(
          seeded
            ? `Demo data seeded (${demoLogins.length} logins).`
            : "The database already has data; nothing seeded.",
        );
        return 0;
      }
      case "import": {
        const [kind, file] = rest;
        if (kind === "applications" && file)
          return await importApplicationsCommand(db, file, values["dry-run"]);
        if (!isImportKind(kind) || !file) {
          console.error(`Usage: almen import <${importKinds.join("|")}> <file>`);
          return 1;
        }
        await migrateToLatest(db);
        await keepImportSmall(db);
        const ctx = cliContext(config, db);
        const started = Date.now();
        const report = await importFile(
          ctx,
          { userId: null, label: "cli import" },
          everywhere,
          kind,
          () => file,
          {
            dryRun: values["dry-run"],
            onProgress: (rows, phase) =>
              process.stderr.write(`\r${progressLine(rows, phase, started, statSync(file).size)}`),
          },
        );
        process.stderr.write("\n");
        const t = translator("da");
        for (const e of report.errors)
          console.error(
            `Linje ${e.line}${e.column ? `, kolonne ${e.column}` : ""}: ${translateMaybe(t, e.message)}`,
          );
        if (report.errorCount > report.errors.length)
          console.error(`… og ${report.errorCount - report.errors.length} fejl mere.`);
        console.log(
          report.written
            ? `${kind}: ${report.rows} rows — ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged (${((Date.now() - started) / 1000).toFixed(1)} s).`
            : `${kind}: ${report.rows} rows read, ${report.errorCount} errors; nothing was written.`,
        );
        return report.errorCount > 0 ? 1 : 0;
      }
      case "export": {
        const [kind, file] = rest;
        if (!isImportKind(kind)) {
          console.error(`Usage: almen export <${importKinds.join("|")}> [file]`);
          return 1;
        }
        const csv = writeCsv(exportRows(db.kysely, everywhere, kind), columns[kind]);
        await pipeline(csv, file ? createWriteStream(file) : process.stdout);
        if (file) console.error(`Exported ${kind} to ${file}.`);
        return 0;
      }
      case "worker": {
        await migrateToLatest(db);
        const ctx = cliContext(config, db);
        const worker = startOutboxWorker(ctx, configuredTransports(ctx), { leaseMs: config.letters.leaseMs });
        console.error("Outbox worker running; stop with Ctrl+C.");
        await new Promise<void>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        await worker.stop();
        return 0;
      }
      case "backup": {
        const file = rest[0];
        if (!file) {
          console.error("Usage: almen backup <file>");
          return 1;
        }
        if (!db.sqlite) {
          console.error(
            "almen backup works on the embedded SQLite database. For PostgreSQL use pg_dump (docs/operations.md).",
          );
          return 1;
        }
        const pages = await backupSqlite(db.sqlite, file, (done, total) =>
          process.stdout.write(`\rBacking up: ${done}/${total} pages`),
        );
        process.stdout.write(`\nBackup written to ${file} (${pages} pages).\n`);
        return 0;
      }
      default:
        console.error(`Unknown command "${command}".\n\n${usage}`);
        return 1;
    }
  } finally {
    await db.destroy();
  }
}

/**
 * A master-data import's process, held under its 500 MB goal (bench/import.bench.ts):
 * - V8 lets the heap grow to up to four times what survived the last full collection before the
 *   next. An import's live data is small (keys, lookups) and its garbage large: the heap stood at
 *   250–300 MB for 70 MB live. Growing by half at most takes a few more short collections.
 * - SQLite maps the database file into the process (database.ts) for the request paths' index
 *   look-ups. An import reads whole tables once, so the mapped pages only swelled the process
 *   (by 140 MB for the tenancies); its own page cache is bounded.
 */
async function keepImportSmall(db: Db): Promise<void> {
  v8.setFlagsFromString("--heap-growing-percent=50");
  if (db.dialect === "sqlite") await sql`pragma mmap_size = 0`.execute(db.kysely);
}

async function importApplicationsCommand(db: Db, file: string, dryRun?: boolean): Promise<number> {
  await migrateToLatest(db);
  const started = Date.now();
  const report = await importApplications(db, () => file, {
    dryRun,
    onProgress: (rows, phase) =>
      process.stderr.write(`\r${progressLine(rows, phase, started, statSync(file).size)}`),
  });
  process.stderr.write("\n");
  const t = translator("da");
  for (const e of report.errors)
    console.error(
      `Linje ${e.line}${e.column ? `, kolonne ${e.column}` : ""}: ${translateMaybe(t, e.message)}`,
    );
  if (report.errorCount > report.errors.length)
    console.error(`… og ${report.errorCount - report.errors.length} fejl mere.`);
  console.log(
    report.written
      ? `applications: ${report.rows} rows — ${report.created} created, ${report.queueEntries} queue entries, queues written and ranked in ${(report.queueMs / 1000).toFixed(1)} s (${((Date.now() - started) / 1000).toFixed(1)} s).`
      : `applications: ${report.rows} rows read, ${report.errorCount} errors; nothing was written.`,
  );
  return report.errorCount > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  },
);
