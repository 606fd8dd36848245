import { randomBytes } from "node:crypto";
import pg from "pg";
import { type App, buildApp } from "../src/app.ts";
import { type Config, loadConfig } from "../src/config.ts";
import { type Db, openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { fixedClock } from "../src/platform/clock.ts";
import { memoryMailTransport } from "../src/platform/mail.ts";
import { seedDemo } from "../src/seed/demo.ts";
import { TestBrowser } from "./browser.ts";

/** Which database the tests run on: SQLite in memory, or PostgreSQL when DATABASE_URL is set. */
export const dialectUnderTest = process.env.DATABASE_URL ? "postgres" : "sqlite";

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig(
    {
      ALMEN_MODE: "embedded",
      ALMEN_SESSION_SECRET: "test-session-secret-0123456789abcdef",
      ALMEN_DATA_KEY: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
      ALMEN_DATA_DIR: "/tmp/almen-test-data",
      LOG_LEVEL: "silent",
      ...overrides,
    },
    () => {},
  );
}

/**
 * A fresh, migrated database: SQLite in memory, or a new PostgreSQL database dropped afterwards
 * (its `url` lets a child process connect to the same database).
 */
export async function freshDatabase(
  options: { migrateUpTo?: string } = {},
): Promise<Db & { drop(): Promise<void>; url?: string }> {
  const url = process.env.DATABASE_URL;
  const migrate = (db: Db) => migrateToLatest(db, { upTo: options.migrateUpTo });
  if (!url) {
    const db = openDatabase({ kind: "sqlite", file: ":memory:" });
    await migrate(db);
    return { ...db, drop: () => db.destroy() };
  }
  const name = `almen_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = openDatabase({ kind: "postgres", url: target.href }, { poolSize: 5 });
  await migrate(db);
  return {
    ...db,
    url: target.href,
    async drop() {
      await db.destroy();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestApp extends App {
  mail: ReturnType<typeof memoryMailTransport>;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/** The whole app on a fresh database with the demo data, a movable clock and an in-memory mailbox. */
export async function buildTestApp(
  options: { seed?: boolean; config?: Record<string, string>; migrateUpTo?: string } = {},
): Promise<TestApp> {
  const database = await freshDatabase({ migrateUpTo: options.migrateUpTo });
  const clock = fixedClock(new Date());
  TestBrowser.clock = clock;
  const mail = memoryMailTransport();
  const app = await buildApp({ config: testConfig(options.config), database, clock, mail, logger: false });
  if (options.seed !== false) await seedDemo(app.ctx);
  await app.server.ready();
  return {
    ...app,
    mail,
    clock,
    async close() {
      await app.server.close();
      await database.drop();
    },
  };
}

/** A person row for tests: the given facts, and no address, contact or CPR number. */
export function testPerson(p: {
  id: string;
  organisationId: string;
  name: string;
  personNumber?: string;
  birthDate?: string | null;
  email?: string | null;
}) {
  const now = new Date().toISOString();
  return {
    id: p.id,
    organisation_id: p.organisationId,
    person_number: p.personNumber ?? `T-${p.id.slice(-8)}`,
    name: p.name,
    birth_date: p.birthDate ?? null,
    email: p.email ?? null,
    phone: null,
    street: null,
    house_number: null,
    floor: null,
    door: null,
    postcode: null,
    town: null,
    language: "da",
    is_digital_post_exempt: false,
    has_email_consent: false,
    cpr_enc: null,
    cpr_hash: null,
    cpr_masked: null,
    cpr_legal_basis: null,
    created_at: now,
    updated_at: now,
  } as const;
}
