import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { configuredTransports, startOutboxWorker } from "./modules/letters/index.ts";
import { runFeeJobs } from "./modules/letting/fees/fee-jobs.ts";
import { todayInCopenhagen } from "./platform/dates.ts";
import { deleteExpiredSessions } from "./platform/sessions.ts";
import { demoLogins, demoPassword, seedDemo } from "./seed/demo.ts";

/** Starts almen: migrate, seed demo data on first start (embedded mode), listen, stop gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { server, ctx } = await buildApp({ config });
  const applied = await migrateToLatest(ctx.database);
  if (applied.length) server.log.info({ migrations: applied }, "migrations applied");
  if (config.seedDemo && (await seedDemo(ctx))) {
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
  // Waiting-list fees: renewals, reminders and removals. The job reads only what is stored, so
  // running it every hour (and on several instances) does each day's work once.
  const fees = setInterval(
    () => {
      runFeeJobs(ctx, todayInCopenhagen(ctx.clock)).catch((err) =>
        server.log.error({ err }, "fee jobs failed"),
      );
    },
    60 * 60 * 1000,
  );
  fees.unref();
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
    await outbox?.stop();
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await server.close();
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
