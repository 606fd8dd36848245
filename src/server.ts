import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { startCheckpointer } from "./db/checkpointer.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { runBoardTermJobs } from "./modules/democracy/boards/index.ts";
import { advanceDueVotes } from "./modules/democracy/votes/index.ts";
import { configuredTransports, startOutboxWorker } from "./modules/letters/index.ts";
import { runFeeJobs } from "./modules/letting/fees/fee-jobs.ts";
import { todayInCopenhagen } from "./platform/dates.ts";
import { deleteExpiredSessions } from "./platform/sessions.ts";
import { demoLogins, demoPassword } from "./seed/demo.ts";
import { seedFullDemo } from "./seed/demo-all.ts";

/** Starts almen: migrate, seed demo data on first start (embedded mode), listen, stop gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { server, ctx } = await buildApp({ config });
  const applied = await migrateToLatest(ctx.database);
  if (applied.length) server.log.info({ migrations: applied }, "migrations applied");
  if (config.seedDemo && (await seedFullDemo(ctx))) {
    const lines = demoLogins.map((l) => `  ${l.role.padEnd(20)} ${l.email}`);
    console.log(
      `\nDemo data seeded. Log in at ${config.publicUrl}/login with password "${demoPassword}":\n${lines.join("\n")}\n` +
        "Staff logins (caretaker and up) set up their authenticator app at first login.\n",
    );
  }
  const sweep = setInterval(
    () => {
      deleteExpiredSessions(ctx.db, ctx.clock).catch((err) =>
        server.log.error({ err }, "session sweep failed"),
      );
    },
    10 * 60 * 1000,
  );
  sweep.unref();
  // Daily work, checked every hour: waiting-list fees (renewals, reminders, removals) and board
  // terms that ended (their roles go). The jobs read only what is stored, so running them every
  // hour (and on several instances) does each day's work once.
  const fees = setInterval(
    () => {
      const today = todayInCopenhagen(ctx.clock);
      runFeeJobs(ctx, today).catch((err) => server.log.error({ err }, "fee jobs failed"));
      runBoardTermJobs(ctx, today).catch((err) => server.log.error({ err }, "board term jobs failed"));
    },
    60 * 60 * 1000,
  );
  fees.unref();
  // Votes open and close on time (and their results appear) even when nobody looks at them.
  const votes = setInterval(() => {
    advanceDueVotes(ctx).catch((err) => server.log.error({ err }, "opening and closing votes failed"));
  }, 60 * 1000);
  votes.unref();
  const sqlite = ctx.database.sqlite;
  const checkpointer =
    sqlite && !sqlite.memory
      ? startCheckpointer(sqlite, {
          onError: (error) => server.log.error({ error }, "WAL checkpoint failed"),
        })
      : null;
  const outbox = config.letters.worker
    ? startOutboxWorker(ctx, configuredTransports(ctx), { leaseMs: config.letters.leaseMs })
    : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    server.log.info({ signal }, "shutting down");
    clearInterval(sweep);
    clearInterval(fees);
    clearInterval(votes);
    await outbox?.stop();
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await server.close();
    await checkpointer?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  await server.listen({ port: config.port, host: config.host });
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
