/**
 * An open-loop load: requests sent at a steady rate, whatever the answers do, over at most
 * `connections` kept-alive sockets (a request waits for a free one, and that wait counts).
 * Latency runs from the moment a request was due, so a stalled server cannot hide its backlog
 * (no coordinated omission). autocannon's `overallRate` sends each second's share in a burst.
 */
import http from "node:http";

export interface PacedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export async function pacedLoad(
  baseUrl: string,
  requests: PacedRequest[],
  options: { rate: number; connections: number; signal?: AbortSignal },
): Promise<{ seconds: number; latencies: number[]; statuses: Map<number, number> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const url = new URL(baseUrl);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  const send = (r: PacedRequest, due: number) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        { agent, host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.headers },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - due);
            statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            resolve();
          });
        },
      );
      req.on("error", reject);
      req.end(r.body);
    });
  const inFlight: Promise<void>[] = [];
  try {
    for (const [i, r] of requests.entries()) {
      options.signal?.throwIfAborted();
      const due = started + (i * 1000) / options.rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(send(r, due));
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  return { seconds: (performance.now() - started) / 1000, latencies, statuses };
}
