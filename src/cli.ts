import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { backupSqlite } from "./db/backup.ts";
import { systemClock } from "./platform/clock.ts";
import { demoLogins, seedDemo } from "./seed/demo.ts";

const usage = `almen <command>

  serve                 start the web server (same as npm start)
  migrate               apply pending database migrations
  seed --scale demo     add the small demo organisation (only into an empty database)
  backup <file>         online backup of the SQLite database to <file>
                        (PostgreSQL: use pg_dump, see docs/operations.md)
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { scale: { type: "string", default: "demo" }, help: { type: "boolean", short: "h" } } });
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
        const seeded = await seedDemo(db.kysely, systemClock);
        console.log(seeded ? `Demo data seeded (${demoLogins.length} logins).` : "The database already has data; nothing seeded.");
        return 0;
      }
      case "backup": {
        const file = rest[0];
        if (!file) {
          console.error("Usage: almen backup <file>");
          return 1;
        }
        if (!db.sqlite) {
          console.error("almen backup works on the embedded SQLite database. For PostgreSQL use pg_dump (docs/operations.md).");
          return 1;
        }
        const pages = await backupSqlite(db.sqlite, file, (done, total) => process.stdout.write(`\rBacking up: ${done}/${total} pages`));
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

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  },
);
