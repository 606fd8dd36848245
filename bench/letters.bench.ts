/**
 * The letters outbox at the scale of a big bulk notice: 10,000 letters to the households of one
 * department of the demo organisation, rendered and queued, then delivered by the outbox worker.
 *
 *   letters.render_enqueue.<db>.per_s   letters a second through prepareLetters (merge, channel,
 *                                       PDF) and recordLetters, one transaction per 500 recipients,
 *                                       wall time over all 10,000
 *   letters.deliver.<db>.per_s          letters a second delivered by deliverDueLetters passes
 *                                       (batch 200) until one claims nothing, wall time over all of
 *                                       them: MeMo files into a directory drop, e-mail in memory
 *   letters.pdf_bytes.avg               the average size of one letter's PDF
 *
 * <db> is sqlite (a database file in a fresh temporary folder, as in production), and postgres when
 * DATABASE_URL is set (a fresh almen_bench_* database, dropped afterwards). The recipients are
 * inserted straight into the database: one department with BENCH_LETTERS (default 10,000) homes, a
 * current tenancy and one tenant each, every tenant with a CPR number on file; every tenth has
 * e-mail consent (e-mail), one in twenty is exempt from Digital Post (paper, which the worker does
 * not deliver), the rest go by Digital Post. Goal: ≥ 200 letters/s rendered and queued.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { prepareLetters, recordLetters } from "../src/modules/letters/compose.ts";
import { directoryTransport } from "../src/modules/letters/delivery/digital-post.ts";
import { deliverDueLetters } from "../src/modules/letters/outbox/worker.ts";
import { systemClock } from "../src/platform/clock.ts";
import type { AppContext } from "../src/platform/context.ts";
import { encrypt } from "../src/platform/crypto.ts";
import { newId } from "../src/platform/ids.ts";
import { memoryMailTransport } from "../src/platform/mail.ts";
import { seedDemo } from "../src/seed/demo.ts";
import { createScratchDatabase, type DatabaseKind } from "./almen.ts";
import { type BenchContext, type Benchmark, defer, envNumber } from "./harness.ts";

export const figures = ["letters.render_enqueue", "letters.deliver", "letters.pdf_bytes"];

/** Set-up, 10,000 renders and 10,000 deliveries per database; well under a minute each when healthy. */
export const timeoutMs = 6 * 60 * 1000;

const goalPerS = 200;
/** Recipients per prepareLetters call and transaction, as a bulk notice would be cut up. */
const chunkSize = 500;
const workerOptions = { batchSize: 200, leaseMs: 5 * 60_000, concurrency: 8 };

const firstNames = ["Mette", "Lars", "Sofie", "Mohammed", "Ida", "Bo", "Hanne", "Emil", "Aylin", "Jørgen"];
const lastNames = ["Nielsen", "Sørensen", "Østergaard", "Jensen", "Hansen", "Kaya", "Lund", "Mølgaard"];
const streets = ["Rosenvænget", "Æblehaven", "Søndre Allé", "Kløvermarken", "Bøgeparken"];

const subject = "Udskiftning af vandrør i {{department}} i uge 12";
const message = [
  "Kære {{name}}",
  "",
  "I uge 12 skifter vi stigstrengene i alle opgange i {{department}}. Vandet bliver lukket i din " +
    "opgang tirsdag kl. 8–12 og igen torsdag kl. 8–10. Fyld gerne en gryde eller et par flasker " +
    "med vand dagen før.",
  "",
  "Håndværkerne skal have adgang til badeværelse og køkken i {{address}}. Er du ikke hjemme, " +
    "bruger ejendomskontoret sin nøgle; sig til senest fredag i uge 11, hvis det ikke passer dig, " +
    "så finder vi en anden tid.",
  "",
  "Har du spørgsmål, er du velkommen til at ringe til ejendomskontoret på 70 20 30 40 " +
    "mandag–fredag kl. 9–12.",
].join("\n");

interface Recipients {
  organisationId: string;
  departmentId: string;
  list: { personId: string; unitId: string }[];
}

/** One department with `count` let homes, a current tenancy and one tenant in each. */
async function insertRecipients(ctx: AppContext, count: number): Promise<Recipients> {
  const org = await ctx.db
    .selectFrom("organisations")
    .select("id")
    .where("cvr", "=", "10000009")
    .executeTakeFirstOrThrow();
  const now = ctx.clock.now().toISOString();
  const departmentId = newId();
  const list: Recipients["list"] = [];
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("departments")
      .values({
        id: departmentId,
        organisation_id: org.id,
        number: 900,
        name: "Bænkeparken",
        municipality_code: "0101",
        street: streets[0]!,
        house_number: "1",
        postcode: "2400",
        town: "København NV",
        construction_year: 1972,
        has_board: true,
        created_at: now,
        updated_at: now,
      })
      .execute();
    // A few hundred rows a statement keeps well under SQLite's bound-parameter limit.
    const step = 400;
    for (let from = 0; from < count; from += step) {
      const units = [];
      const people = [];
      const tenancies = [];
      const members = [];
      for (let i = from; i < Math.min(count, from + step); i++) {
        const unitId = newId();
        const personId = newId();
        const tenancyId = newId();
        const street = streets[i % streets.length]!;
        const houseNumber = String(1 + Math.floor(i / 40));
        const floor = String(Math.floor(i / 4) % 5);
        const door = ["tv", "th", "mf", "tv"][i % 4]!;
        const unitNumber = `900-${String(i + 1).padStart(5, "0")}`;
        units.push({
          id: unitId,
          organisation_id: org.id,
          department_id: departmentId,
          building_id: null,
          unit_number: unitNumber,
          street,
          house_number: houseNumber,
          floor,
          door,
          postcode: "2400",
          town: "København NV",
          address_search: `${street} ${houseNumber}, ${floor}. ${door}, 2400 københavn nv`.toLowerCase(),
          dar_id: null,
          bbr_unit_uuid: null,
          kind: "family" as const,
          rooms: 1 + (i % 4),
          area_m2: 45 + (i % 4) * 20,
          rent_ore: 500_000 + (i % 4) * 150_000,
          status: "let" as const,
          created_at: now,
          updated_at: now,
        });
        const last = lastNames[i % lastNames.length]!;
        const email = i % 10 === 5;
        people.push({
          id: personId,
          organisation_id: org.id,
          person_number: `B-${i + 1}`,
          name: `${firstNames[(i * 7) % firstNames.length]} ${last}`,
          birth_date: null,
          email: email ? `beboer${i + 1}@almen.bench` : null,
          phone: null,
          street: null,
          house_number: null,
          floor: null,
          door: null,
          postcode: null,
          town: null,
          language: i % 25 === 7 ? ("en" as const) : ("da" as const),
          is_digital_post_exempt: i % 20 === 0,
          has_email_consent: email,
          cpr_enc: encrypt(ctx.config.dataKey, "0101801234"),
          cpr_hash: null,
          cpr_masked: "010180-XXXX",
          cpr_legal_basis: "Lejeaftale (databeskyttelseslovens § 11, stk. 2, nr. 1)",
          created_at: now,
          updated_at: now,
        });
        tenancies.push({
          id: tenancyId,
          organisation_id: org.id,
          unit_id: unitId,
          tenancy_number: `L-${unitNumber}`,
          start_date: "2020-04-01",
          end_date: null,
          rent_at_start_ore: 500_000,
          created_at: now,
          updated_at: now,
        });
        members.push({ id: newId(), tenancy_id: tenancyId, person_id: personId, role: "tenant" as const });
        list.push({ personId, unitId });
      }
      await trx.insertInto("units").values(units).execute();
      await trx.insertInto("people").values(people).execute();
      await trx.insertInto("tenancies").values(tenancies).execute();
      await trx.insertInto("household_members").values(members).execute();
    }
  });
  return { organisationId: org.id, departmentId, list };
}

const cpuSecondsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

/** Other work on the machine skews every figure; say so when the load average is high. */
function warnIfBusy(ctx: BenchContext): void {
  const load = os.loadavg()[0]!;
  const cpus = os.availableParallelism();
  if (load > cpus * 0.75) {
    ctx.log(
      `warning: the machine is busy (1-minute load ${load.toFixed(1)} on ${cpus} CPUs); figures will be low`,
    );
  }
}

interface Rendered {
  seconds: number;
  /** CPU time of this process (user + system), to tell a slow phase from a busy machine. */
  cpuSeconds: number;
  pdfBytes: number;
  channels: Record<string, number>;
}

/** prepareLetters + recordLetters per chunk of recipients, as a bulk notice does (sendNotice). */
async function renderAndEnqueue(ctx: AppContext, recipients: Recipients, signal: AbortSignal) {
  const channels: Record<string, number> = { digital_post: 0, email: 0, paper: 0 };
  let pdfBytes = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < recipients.list.length; i += chunkSize) {
    signal.throwIfAborted();
    const prepared = await prepareLetters(ctx, {
      organisationId: recipients.organisationId,
      departmentId: recipients.departmentId,
      letterType: "notice",
      recipients: recipients.list.slice(i, i + chunkSize),
      values: { subject, message },
      createdBy: null,
      batchId: null,
    });
    await ctx.db.transaction().execute((trx) => recordLetters(trx, prepared));
    for (const p of prepared) {
      if (p.pdf.subarray(0, 5).toString("latin1") !== "%PDF-") throw new Error("a letter's PDF is not a PDF");
      pdfBytes += p.pdf.length;
      channels[p.row.channel] = (channels[p.row.channel] ?? 0) + 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, cpuSeconds: cpuSecondsSince(cpu), pdfBytes, channels } satisfies Rendered;
}

/** The issue names the embedded default's figures without a dialect; PostgreSQL's carry one. */
const figureName = (measure: "render_enqueue" | "deliver", kind: DatabaseKind): string =>
  kind === "sqlite" ? `letters.${measure}.per_s` : `letters.${measure}.${kind}.per_s`;

async function measureOn(ctx: BenchContext, kind: DatabaseKind, count: number): Promise<number | undefined> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "almen-bench-letters-"));
  const removeDir = defer(() => rm(dataDir, { recursive: true, force: true }));
  const scratch = kind === "postgres" ? await createScratchDatabase(process.env.DATABASE_URL!) : undefined;
  const config = loadConfig(
    { ALMEN_DATA_DIR: dataDir, DATABASE_URL: scratch?.url, LOG_LEVEL: "warn", ALMEN_DEMO: "false" },
    () => {},
  );
  const database = openDatabase(config.database);
  const closeDb = defer(() => database.destroy());
  try {
    const mail = memoryMailTransport();
    const appCtx: AppContext = {
      config,
      database,
      db: database.kysely,
      clock: systemClock,
      mail,
      log: pino({ level: "warn" }, pino.destination(2)),
    };
    await migrateToLatest(database);
    await seedDemo(appCtx);
    const setupStarted = performance.now();
    const recipients = await insertRecipients(appCtx, count);
    ctx.log(
      `${kind}: ${count} homes, tenancies and tenants inserted in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
    );

    warnIfBusy(ctx);
    const rendered = await renderAndEnqueue(appCtx, recipients, ctx.signal);
    const stored = await appCtx.db
      .selectFrom("letters")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("department_id", "=", recipients.departmentId)
      .executeTakeFirstOrThrow();
    if (Number(stored.n) !== count) throw new Error(`${count} letters prepared but ${stored.n} recorded`);
    const renderRate = count / rendered.seconds;
    ctx.log(
      `letters.render_enqueue.${kind}: ${count} letters in ${rendered.seconds.toFixed(1)} s ` +
        `(${rendered.cpuSeconds.toFixed(1)} s CPU in this process), ` +
        `${renderRate.toFixed(0)}/s (goal ≥ ${goalPerS}/s: ${renderRate >= goalPerS ? "met" : "MISSED"}); ` +
        `channels ${JSON.stringify(rendered.channels)}`,
    );
    ctx.report(figureName("render_enqueue", kind), renderRate, "letters/s", 0);

    if (ctx.wants(`letters.deliver.${kind}`)) {
      const dropDir = path.join(dataDir, "digital-post");
      const transports = { digitalPost: directoryTransport(dropDir), mail };
      const expected = (rendered.channels.digital_post ?? 0) + (rendered.channels.email ?? 0);
      let sent = 0;
      let failed = 0;
      let passes = 0;
      warnIfBusy(ctx);
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (;;) {
        ctx.signal.throwIfAborted();
        const pass = await deliverDueLetters(appCtx, transports, workerOptions);
        if (pass.claimed === 0) break;
        passes++;
        sent += pass.sent;
        failed += pass.failed;
        if (failed > 0) throw new Error(`${failed} deliveries failed (see the warnings above)`);
      }
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = cpuSecondsSince(cpu);
      const files = (await readdir(dropDir)).filter((f) => f.endsWith(".xml")).length;
      if (
        sent !== expected ||
        files !== rendered.channels.digital_post ||
        mail.sent.length !== rendered.channels.email
      ) {
        throw new Error(
          `expected ${expected} deliveries, sent ${sent}: ${files} MeMo files, ${mail.sent.length} e-mails`,
        );
      }
      const rate = sent / seconds;
      ctx.log(
        `letters.deliver.${kind}: ${sent} letters (${files} Digital Post, ${mail.sent.length} e-mail) in ` +
          `${passes} passes, ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s CPU in this process), ${rate.toFixed(0)}/s`,
      );
      ctx.report(figureName("deliver", kind), rate, "letters/s", 0);
    }
    return rendered.pdfBytes / count;
  } finally {
    await closeDb();
    await scratch?.drop();
    await removeDir();
  }
}

export async function run(ctx: BenchContext): Promise<void> {
  const count = Math.round(envNumber("BENCH_LETTERS", 10_000));
  const kinds: DatabaseKind[] = ["sqlite"];
  if (process.env.DATABASE_URL) kinds.push("postgres");
  else ctx.log("DATABASE_URL not set: skipping letters.*.postgres");
  let pdfBytes: number | undefined;
  for (const kind of kinds) {
    const wanted =
      ctx.wants(`letters.render_enqueue.${kind}`) ||
      ctx.wants(`letters.deliver.${kind}`) ||
      (pdfBytes === undefined && ctx.wants("letters.pdf_bytes"));
    if (!wanted) continue;
    const avg = await measureOn(ctx, kind, count);
    pdfBytes ??= avg;
  }
  if (pdfBytes !== undefined) ctx.report("letters.pdf_bytes.avg", pdfBytes, "bytes", 0);
}

export default { figures, timeoutMs, run } satisfies Benchmark;
