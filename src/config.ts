import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Environment variables, validated once. Documented in docs/operations.md. */
const envSchema = z.object({
  ALMEN_MODE: z.enum(["embedded", "production"]).default("embedded"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  ALMEN_DATA_DIR: z.string().default("data"),
  ALMEN_SESSION_SECRET: z.string().min(32).optional(),
  ALMEN_DATA_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "ALMEN_DATA_KEY must be 64 hex characters (32 bytes)")
    .optional(),
  ALMEN_DEMO: z.enum(["true", "false"]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("almen <noreply@almen.local>"),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_LABEL: z.string().default("MitID"),
  OIDC_ALLOW_HTTP: z.enum(["true", "false"]).default("false"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  ALMEN_DIGITAL_POST_DIR: z.string().optional(),
  ALMEN_OUTBOX_WORKER: z.enum(["true", "false"]).default("true"),
  ALMEN_OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Embedded mode only: the clock starts at this instant and runs on (browser journeys, demos). */
  ALMEN_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  mode: "embedded" | "production";
  /** When set (embedded mode only), "now" starts here and runs on at the normal pace. */
  clockStart?: Date;
  port: number;
  host: string;
  publicUrl: string;
  /** Secure cookies only when the public address is HTTPS. */
  secureCookies: boolean;
  trustProxy: boolean;
  database: { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };
  dataDir: string;
  sessionSecret: string;
  /** 32-byte key for encrypting personal data at rest (TOTP secrets, CPR numbers). */
  dataKey: Buffer;
  seedDemo: boolean;
  logLevel: string;
  mail: { kind: "smtp"; url: string; from: string } | { kind: "dev"; dir: string; from: string };
  oidc?: { issuer: string; clientId: string; clientSecret?: string; label: string; allowHttp: boolean };
  letters: {
    /** Where Digital Post (MeMo) files are dropped for the gateway or print provider to pick up. */
    digitalPostDir: string;
    /** Whether this process delivers the outbox (several instances may; see docs/operations.md). */
    worker: boolean;
    /** How long a worker's claim on a letter holds before another worker may take it over. */
    leaseMs: number;
  };
}

export class ConfigError extends Error {}

interface GeneratedSecrets {
  sessionSecret: string;
  dataKey: string;
}

/** In embedded mode, secrets are generated once into the data folder and reused. */
function embeddedSecrets(dataDir: string, log: (msg: string) => void): GeneratedSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as GeneratedSecrets;
  const secrets = {
    sessionSecret: randomBytes(32).toString("hex"),
    dataKey: randomBytes(32).toString("hex"),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  log(`Generated a session secret and a data-encryption key into ${file} (embedded mode).`);
  return secrets;
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  log: (msg: string) => void = console.log,
): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.ALMEN_DATA_DIR);
  let sessionSecret = e.ALMEN_SESSION_SECRET;
  let dataKey = e.ALMEN_DATA_KEY;
  if (e.ALMEN_MODE === "production") {
    const missing = [
      !sessionSecret && "ALMEN_SESSION_SECRET (at least 32 characters)",
      !dataKey && "ALMEN_DATA_KEY (64 hex characters)",
      !e.PUBLIC_URL && "PUBLIC_URL",
      !e.SMTP_URL && "SMTP_URL (e.g. smtp://user:pass@mail.example.dk:587)",
    ].filter(Boolean);
    if (missing.length > 0) {
      throw new ConfigError(`ALMEN_MODE=production needs these settings: ${missing.join(", ")}`);
    }
    if (e.ALMEN_CLOCK_START) throw new ConfigError("ALMEN_CLOCK_START is for embedded mode only");
  } else if (!sessionSecret || !dataKey) {
    const generated = embeddedSecrets(dataDir, log);
    sessionSecret ??= generated.sessionSecret;
    dataKey ??= generated.dataKey;
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  const oidc =
    e.OIDC_ISSUER && e.OIDC_CLIENT_ID
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID,
          clientSecret: e.OIDC_CLIENT_SECRET,
          label: e.OIDC_LABEL,
          allowHttp: e.OIDC_ALLOW_HTTP === "true",
        }
      : undefined;
  return {
    mode: e.ALMEN_MODE,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith("https://"),
    trustProxy: e.TRUST_PROXY === "true",
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "sqlite", file: path.join(dataDir, "almen.sqlite") },
    dataDir,
    sessionSecret: sessionSecret as string,
    dataKey: Buffer.from(dataKey as string, "hex"),
    clockStart: e.ALMEN_CLOCK_START ? new Date(e.ALMEN_CLOCK_START) : undefined,
    seedDemo: e.ALMEN_DEMO ? e.ALMEN_DEMO === "true" : e.ALMEN_MODE === "embedded",
    logLevel: e.LOG_LEVEL,
    mail: e.SMTP_URL
      ? { kind: "smtp", url: e.SMTP_URL, from: e.MAIL_FROM }
      : { kind: "dev", dir: path.join(dataDir, "mail"), from: e.MAIL_FROM },
    oidc,
    letters: {
      digitalPostDir: path.resolve(e.ALMEN_DIGITAL_POST_DIR ?? path.join(dataDir, "digital-post")),
      worker: e.ALMEN_OUTBOX_WORKER === "true",
      leaseMs: e.ALMEN_OUTBOX_LEASE_SECONDS * 1000,
    },
  };
}
