/** Helpers of the outbox crash tests (crash.test.ts): worker processes, letters, checks. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterEach, expect } from "vitest";
import { dialectUnderTest, freshDatabase, testConfig } from "../../../../test/helpers.ts";
import type { Config } from "../../../config.ts";
import { type Db, openDatabase } from "../../../db/database.ts";
import { migrateToLatest } from "../../../db/migrate.ts";
import { systemClock } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { decrypt } from "../../../platform/crypto.ts";
import { memoryMailTransport } from "../../../platform/mail.ts";
import { seedDemo } from "../../../seed/demo.ts";
import { type LetterRecipient, planLetters, recordLetters } from "../compose.ts";
import { renderLetterPdf } from "../pdf/letter-pdf.ts";

const root = path.resolve(import.meta.dirname, "../../../..");
/**
 * Each test waits for real worker processes (start-up, a busy disk's fsyncs); the waits are
 * bounded one by one, this only stops a hung test. On a quiet machine a test takes seconds.
 */
export const testTimeout = 180_000;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `done` holds, polling every `everyMs`. The 60 s bound only stops a hung test (the
 * workers' output is shown then); how long it takes is not what is tested.
 */
export async function waitFor(
  what: string,
  workers: Worker[],
  everyMs: number,
  done: () => Promise<boolean>,
) {
  const deadline = Date.now() + 60_000;
  while (!(await done())) {
    for (const w of workers) {
      if (w.child.exitCode !== null || w.child.signalCode !== null)
        throw new Error(`a worker exited while waiting for ${what}:\n${w.output()}`);
    }
    if (Date.now() > deadline) {
      const outputs = workers.map((w) => w.output()).join("\n---\n");
      throw new Error(`gave up waiting for ${what} after 60 s; worker output:\n${outputs}`);
    }
    await sleep(everyMs);
  }
}

export interface Worker {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const workers = new Set<Worker>();
export const cleanups: (() => Promise<void>)[] = [];
export function useWorkerCleanup(): void {
  afterEach(async () => {
    for (const w of workers) {
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
      await w.exited;
    }
    workers.clear();
    for (const c of cleanups.splice(0).reverse()) await c();
  });
}

/** `almen worker` as a real child process, on the test's database and drop directory. */
export function startWorker(env: Record<string, string>): Worker {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(childEnv)) {
    if (key.startsWith("ALMEN_") || key.startsWith("OIDC_") || key === "SMTP_URL") delete childEnv[key];
  }
  delete childEnv.DATABASE_URL;
  Object.assign(childEnv, env);
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "worker"], {
    cwd: root,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c) => {
    output += c;
  });
  child.stderr?.on("data", (c) => {
    output += c;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const worker = { child, output: () => output, exited };
  workers.add(worker);
  return worker;
}

export async function stopWorker(worker: Worker, signal: "SIGKILL" | "SIGTERM") {
  worker.child.kill(signal);
  const killer = setTimeout(() => worker.child.kill("SIGKILL"), 15_000);
  const result = await worker.exited;
  clearTimeout(killer);
  return result;
}

export interface Outbox {
  ctx: AppContext;
  dropDir: string;
  /** Environment for a worker process on the same database, keys and drop directory. */
  env: Record<string, string>;
  letterIds: string[];
}

/**
 * A migrated, seeded database on disk (SQLite file, or a fresh PostgreSQL database) with `count`
 * Digital Post letters due now.
 */
export async function outboxWith(count: number, leaseSeconds: number): Promise<Outbox> {
  const dir = await mkdtemp(path.join(tmpdir(), "almen-crash-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const dataDir = path.join(dir, "data");
  const dropDir = path.join(dir, "digital-post");
  let database: Db;
  let databaseUrl: string | undefined;
  if (dialectUnderTest === "postgres") {
    const fresh = await freshDatabase();
    cleanups.push(() => fresh.drop());
    database = fresh;
    databaseUrl = fresh.url!;
  } else {
    database = openDatabase({ kind: "sqlite", file: path.join(dataDir, "almen.sqlite") });
    cleanups.push(() => database.destroy());
    await migrateToLatest(database);
  }
  const config: Config = testConfig({
    ALMEN_DATA_DIR: dataDir,
    ALMEN_DIGITAL_POST_DIR: dropDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const ctx: AppContext = {
    config,
    database,
    db: database.kysely,
    clock: systemClock,
    mail: memoryMailTransport(),
    log: pino({ level: "silent" }),
  };
  await seedDemo(ctx);

  // Lease holders with a CPR number, no e-mail consent and no exemption: Digital Post by default.
  const holders = await ctx.db
    .selectFrom("household_members as m")
    .innerJoin("tenancies as t", "t.id", "m.tenancy_id")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select(["m.person_id", "t.unit_id", "p.organisation_id"])
    .where("p.cpr_enc", "is not", null)
    .where("p.is_digital_post_exempt", "=", false)
    .where("p.has_email_consent", "=", false)
    .orderBy("m.person_id")
    .execute();
  expect(holders.length).toBeGreaterThan(10);
  const recipients: LetterRecipient[] = Array.from({ length: count }, (_, i) => {
    const h = holders[i % holders.length]!;
    return { personId: h.person_id, unitId: h.unit_id };
  });
  const planned = await planLetters(ctx, {
    organisationId: holders[0]!.organisation_id,
    letterType: "notice",
    recipients,
    values: { subject: "Vandet lukkes tirsdag 8–12", message: "Vi skifter stigstrenge." },
    createdBy: null,
  });
  for (const p of planned) expect(p.row.channel).toBe("digital_post");
  // Rendering is not what is tested: one real PDF serves every letter.
  const pdf = await renderLetterPdf(planned[0]!.document);
  await ctx.db.transaction().execute((trx) =>
    recordLetters(
      trx,
      planned.map((p) => ({ ...p, pdf })),
    ),
  );

  const env: Record<string, string> = {
    ALMEN_MODE: "embedded",
    ALMEN_DATA_DIR: dataDir,
    ALMEN_DIGITAL_POST_DIR: dropDir,
    ALMEN_OUTBOX_LEASE_SECONDS: String(leaseSeconds),
    ALMEN_SESSION_SECRET: config.sessionSecret,
    ALMEN_DATA_KEY: config.dataKey.toString("hex"),
    LOG_LEVEL: "silent",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  return { ctx, dropDir, env, letterIds: planned.map((p) => String(p.row.id)).sort() };
}

export async function dropped(dropDir: string): Promise<string[]> {
  try {
    return (await readdir(dropDir)).filter((f) => f.endsWith(".xml"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/**
 * Nothing is left in `.partial`. A worker killed between writing a temp file and publishing it
 * leaves `<letterId>.<uuid>.tmp` behind — a complete or half-written MeMo with the recipient's CPR
 * number — and nothing removes it later. Checked softly and last, so the delivery checks above
 * it still run and report on their own.
 */
export async function expectNoLeftovers(outbox: Outbox): Promise<void> {
  const leftovers = (await readdir(path.join(outbox.dropDir, ".partial"))).sort();
  // Whatever is left is only ever a temp copy of a letter that was delivered in full anyway.
  for (const f of leftovers) expect(outbox.letterIds).toContain(f.split(".")[0]);
  expect.soft(leftovers, "temp files (with CPR numbers) left in .partial by the killed worker").toEqual([]);
}

export const letterStates = (ctx: AppContext) =>
  ctx.db
    .selectFrom("letters")
    .select([
      "id",
      "status",
      "attempts",
      "claim_token",
      "due_at",
      "sent_at",
      "memo_uuid",
      "recipient_person_id",
    ])
    .orderBy("id")
    .execute();

export type LetterState = Awaited<ReturnType<typeof letterStates>>[number];

export async function sentCount(ctx: AppContext): Promise<number> {
  const row = await ctx.db
    .selectFrom("letters")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "sent")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const tag = (xml: string, name: string) =>
  xml.match(new RegExp(`<memo:${name}>([^<]*)</memo:${name}>`))?.[1];

/**
 * Every letter is sent exactly once: one `<id>.xml` each and nothing else in the drop directory,
 * each file the letter's own message (messageUUID, messageID, the recipient's CPR), nothing left
 * half-written, and one recorded delivery (CPR-read audit entry) per letter.
 */
export async function expectDeliveredExactlyOnce(outbox: Outbox): Promise<LetterState[]> {
  const { ctx, dropDir, letterIds } = outbox;
  const letters = await letterStates(ctx);
  expect(letters.map((l) => l.id)).toEqual(letterIds);
  const notSent = letters.filter((l) => l.status !== "sent" || l.claim_token !== null || l.due_at !== null);
  expect(notSent).toEqual([]);

  const entries = (await readdir(dropDir)).sort();
  expect(entries).toEqual([".partial", ...letterIds.map((id) => `${id}.xml`)].sort());

  const cprs = new Map(
    (
      await ctx.db.selectFrom("people").select(["id", "cpr_enc"]).where("cpr_enc", "is not", null).execute()
    ).map((p) => [p.id, decrypt(ctx.config.dataKey, p.cpr_enc!).replace(/\D/g, "")]),
  );
  for (const l of letters) {
    const xml = await readFile(path.join(dropDir, `${l.id}.xml`), "utf8");
    expect(tag(xml, "messageUUID"), l.id).toBe(l.memo_uuid);
    expect(tag(xml, "messageID"), l.id).toBe(l.id);
    expect(tag(xml, "recipientID"), l.id).toBe(cprs.get(l.recipient_person_id));
  }
  // The memo UUIDs are distinct, so the receiver's duplicate check can only ever merge repeats.
  expect(new Set(letters.map((l) => l.memo_uuid)).size).toBe(letters.length);

  const reads = await ctx.db
    .selectFrom("audit_log")
    .select("after_json")
    .where("action", "=", "cpr.read")
    .execute();
  const perLetter = new Map<string, number>();
  for (const r of reads) {
    const after = (typeof r.after_json === "string" ? JSON.parse(r.after_json) : r.after_json) as {
      letter: string;
    };
    perLetter.set(after.letter, (perLetter.get(after.letter) ?? 0) + 1);
  }
  expect([...perLetter.keys()].sort()).toEqual(letterIds);
  expect([...perLetter.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  return letters;
}
