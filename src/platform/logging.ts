import type { FastifyRequest } from "fastify";

/** Paths in URLs that carry secrets (single-use reset links). */
const secretInUrl = /\/password\/reset\/[^/?#]+/g;

export const redactUrl = (url: string): string => url.replace(secretInUrl, "/password/reset/[redacted]");

/** JSON logs; passwords, tokens, cookies and CPR numbers never reach them. */
export function loggerOptions(level: string) {
  return {
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'res.headers["set-cookie"]',
        "password",
        "*.password",
        "token",
        "*.token",
        "cpr",
        "*.cpr",
      ],
      censor: "[redacted]",
    },
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
      },
    },
  };
}
