/**
 * Loaded into every benchmark child with `--import`: when the harness goes away (its IPC channel
 * closes, even on SIGKILL), the child stops itself with SIGTERM, so no server outlives a run.
 */
if (process.channel) {
  process.channel.unref();
  process.once("disconnect", () => {
    process.kill(process.pid, "SIGTERM");
    setTimeout(() => process.exit(1), 15_000).unref();
  });
}
