/**
 * The baseline for the HTTP benchmark: a bare Fastify 5 route returning a static HTML string of
 * BENCH_HTML_BYTES bytes (the size of the measured almen page). Listens on an ephemeral port on
 * 127.0.0.1 and sends `{ port }` to the harness over IPC.
 */
import Fastify from "fastify";

/** An HTML document of exactly `bytes` bytes (UTF-8), shaped roughly like a real page. */
function staticHtml(bytes: number): string {
  const head =
    '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>bare</title></head><body><main>';
  const tail = "</main></body></html>";
  const paragraph =
    "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>\n";
  const room = bytes - head.length - tail.length;
  if (room < 0) return "x".repeat(bytes);
  const body = paragraph.repeat(Math.floor(room / paragraph.length));
  return head + body + " ".repeat(room - body.length) + tail;
}

const bytes = Number(process.env.BENCH_HTML_BYTES ?? 20_000);
if (!Number.isInteger(bytes) || bytes <= 0) throw new Error("BENCH_HTML_BYTES must be a positive integer");
const html = staticHtml(bytes);

const app = Fastify({ logger: false });
app.get("/", async (_request, reply) => reply.type("text/html; charset=utf-8").send(html));
process.on("SIGTERM", () => {
  app.close().then(() => process.exit(0));
});
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
if (!address || typeof address === "string") throw new Error("no TCP address");
process.send?.({ port: address.port });
