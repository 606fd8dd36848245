/**
 * Votes and ballots (issue 6): casting over HTTP against the real server, and the tally of a
 * department of 50,000 households.
 *
 *   ballot.cast.<db>.per_s    ballots a second cast by POST /api/v1/votes/{id}/ballots, 20
 *                             connections each sending its next request as soon as the last is
 *                             answered (the most the server can take), every request a different
 *                             voter (BENCH_BALLOTS, default 6,000: 3,000 households of two adults),
 *                             each with an API token; wall time from the start to the last answer
 *   ballot.cast.<db>.p99_ms   99th percentile latency when the same voters cast in a second vote at
 *                             a steady BENCH_BALLOT_RATE a second (default 200, the goal's rate) over
 *                             at most 20 connections (bench/paced.ts), from when each request was
 *                             due: the latency a voter sees at that load
 *   ballot.cast.<db>.saturated_p99_ms  the 99th percentile of the first run: with every
 *                             connection always waiting, it is mostly the queue (20 / throughput)
 *   ballot.close.<db>.ms      closing the 50,000-household vote: every envelope opened, the
 *                             ballots shuffled into the box, the tally published (one transaction)
 *   ballot.tally.<db>.ms      tallyVote on that vote: the box counted by choice and the roll marks
 *                             counted (median of 7 after one unmeasured)
 *
 * <db> is sqlite (a database file in a fresh folder, as in production), and postgres when
 * DATABASE_URL is set (fresh almen_bench_* databases, dropped afterwards). Goals: ≥ 200 ballots/s
 * with p99 ≤ 50 ms; tally ≤ 500 ms.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type { Insertable } from "kysely";
import pino from "pino";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/database.ts";
import type { Database } from "../src/db/database-types.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import {
  envelopeKey,
  newEnvelopeId,
  newReceipt,
  sealBallot,
} from "../src/modules/democracy/votes/envelope.ts";
import { closeVote, openVote } from "../src/modules/democracy/votes/lifecycle.service.ts";
import { tallyVote } from "../src/modules/democracy/votes/results.service.ts";
import { createVote } from "../src/modules/democracy/votes/votes.service.ts";
import type { Choice } from "../src/modules/democracy/votes/votes.table.ts";
import { systemActor } from "../src/platform/audit.ts";
import { systemClock } from "../src/platform/clock.ts";
import type { AppContext } from "../src/platform/context.ts";
import { sha256 } from "../src/platform/crypto.ts";
import { newId } from "../src/platform/ids.ts";
import { memoryMailTransport } from "../src/platform/mail.ts";
import { seedDemo } from "../src/seed/demo.ts";
import { createScratchDatabase, type DatabaseKind, startAlmen } from "./almen.ts";
import { type BenchContext, type Benchmark, defer, envNumber } from "./harness.ts";
import { pacedLoad } from "./paced.ts";

export const figures = ["ballot.cast", "ballot.close", "ballot.tally"];

/** Per database: a server start, ~13,000 casts, 50,000 households inserted, opened and closed. */
export const timeoutMs = 10 * 60 * 1000;

const choices: Choice[] = ["yes", "no", "blank"];
const day = 86_400_000;

/** The app's context on a database of the bench's own (the server, if any, runs elsewhere). */
async function benchContext(
  kind: DatabaseKind,
  dataDir: string,
  url?: string,
): Promise<AppContext & { close(): Promise<void> }> {
  const config = loadConfig(
    { ALMEN_DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: "warn", ALMEN_DEMO: "false" },
    () => {},
  );
  const database = openDatabase(config.database, { poolSize: 10 });
  const close = defer(() => database.destroy());
  if (database.dialect !== kind) throw new Error(`expected ${kind}, opened ${database.dialect}`);
  return {
    config,
    database,
    db: database.kysely,
    clock: systemClock,
    mail: memoryMailTransport(),
    log: pino({ level: "warn" }, pino.destination(2)),
    close,
  };
}

/** A fresh data folder (and PostgreSQL database); `remove()` drops both. */
async function freshPlace(
  kind: DatabaseKind,
): Promise<{ dataDir: string; url?: string; remove(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "almen-bench-votes-"));
  const removeDir = defer(() => rm(dataDir, { recursive: true, force: true }));
  const scratch = kind === "postgres" ? await createScratchDatabase(process.env.DATABASE_URL!) : undefined;
  return {
    dataDir,
    url: scratch?.url,
    async remove() {
      await scratch?.drop();
      await removeDir();
    },
  };
}

/**
 * A department of its own in the demo organisation with `households` let homes, a current
 * tenancy each and `adultsOf(i)` adult members (born 1970); inserted straight into the tables.
 */
async function insertDepartment(
  app: AppContext,
  number: number,
  households: number,
  adultsOf: (i: number) => number,
): Promise<{ departmentId: string; people: { personId: string; householdId: string }[] }> {
  const org = await app.db
    .selectFrom("organisations")
    .select("id")
    .where("number", "=", 1)
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const departmentId = newId();
  await app.db
    .insertInto("departments")
    .values({
      id: departmentId,
      organisation_id: org.id,
      number,
      name: `Stemmeparken ${number}`,
      municipality_code: "0101",
      street: "Stemmevej",
      house_number: "1",
      postcode: "2400",
      town: "København NV",
      construction_year: 1972,
      has_board: true,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const people: { personId: string; householdId: string }[] = [];
  const step = 500;
  for (let from = 0; from < households; from += step) {
    const units: Insertable<Database["units"]>[] = [];
    const tenancies: Insertable<Database["tenancies"]>[] = [];
    const persons: Insertable<Database["people"]>[] = [];
    const members: Insertable<Database["household_members"]>[] = [];
    for (let i = from; i < Math.min(households, from + step); i++) {
      const unitId = newId();
      const householdId = newId();
      const unitNumber = `${number}-${String(i + 1).padStart(6, "0")}`;
      units.push({
        id: unitId,
        organisation_id: org.id,
        department_id: departmentId,
        building_id: null,
        unit_number: unitNumber,
        street: "Stemmevej",
        house_number: String(1 + Math.floor(i / 40)),
        floor: String(Math.floor(i / 4) % 10),
        door: ["tv", "th", "mf", "tv"][i % 4]!,
        postcode: "2400",
        town: "København NV",
        address_search: `stemmevej ${1 + Math.floor(i / 40)}`,
        dar_id: null,
        bbr_unit_uuid: null,
        kind: "family" as const,
        rooms: 3,
        area_m2: 80,
        rent_ore: 650_000,
        status: "let" as const,
        created_at: now,
        updated_at: now,
      });
      tenancies.push({
        id: householdId,
        organisation_id: org.id,
        unit_id: unitId,
        tenancy_number: `L-${unitNumber}`,
        start_date: "2015-04-01",
        end_date: null,
        rent_at_start_ore: 650_000,
        created_at: now,
        updated_at: now,
      });
      for (let a = 0; a < adultsOf(i); a++) {
        const personId = newId();
        people.push({ personId, householdId });
        persons.push({
          id: personId,
          organisation_id: org.id,
          person_number: `V-${number}-${i}-${a}`,
          name: `Vælger ${i + 1}.${a + 1}`,
          birth_date: "1970-05-01",
          created_at: now,
          updated_at: now,
        });
        members.push({
          id: newId(),
          tenancy_id: householdId,
          person_id: personId,
          role: a === 0 ? "tenant" : "co_tenant",
        });
      }
    }
    await app.db.transaction().execute(async (trx) => {
      for (let u = 0; u < units.length; u += 250)
        await trx
          .insertInto("units")
          .values(units.slice(u, u + 250))
          .execute();
      await trx.insertInto("tenancies").values(tenancies).execute();
      for (let p = 0; p < persons.length; p += 500) {
        await trx
          .insertInto("people")
          .values(persons.slice(p, p + 500))
          .execute();
      }
      for (let m = 0; m < members.length; m += 500) {
        await trx
          .insertInto("household_members")
          .values(
            members.slice(m, m + 500) as {
              id: string;
              tenancy_id: string;
              person_id: string;
              role: "tenant";
            }[],
          )
          .execute();
      }
    });
  }
  return { departmentId, people };
}

/** A resident login per person with an API token for the votes API (the secret kept here only). */
async function insertVoters(
  app: AppContext,
  departmentId: string,
  people: { personId: string }[],
): Promise<string[]> {
  const now = new Date().toISOString();
  const tokens: string[] = [];
  for (let from = 0; from < people.length; from += 500) {
    const users: Insertable<Database["users"]>[] = [];
    const roles: Insertable<Database["user_roles"]>[] = [];
    const apiTokens: Insertable<Database["api_tokens"]>[] = [];
    for (const [j, p] of people.slice(from, from + 500).entries()) {
      const userId = newId();
      const token = `almen_bench_${randomBytes(24).toString("base64url")}`;
      tokens.push(token);
      users.push({
        id: userId,
        email: `voter${from + j}@bench.almen`,
        name: `Vælger ${from + j}`,
        password_hash: null,
        totp_secret_enc: null,
        totp_last_step: null,
        person_id: p.personId,
        created_at: now,
        updated_at: now,
        last_login_at: null,
      });
      roles.push({
        id: newId(),
        user_id: userId,
        role: "resident",
        organisation_id: null,
        department_id: departmentId,
        created_at: now,
      });
      // Used a moment ago, as when the voter has just opened the vote: the cast writes no last-use time.
      apiTokens.push({
        id: newId(),
        user_id: userId,
        name: "bench",
        prefix: token.slice(12, 20),
        token_hash: sha256(token),
        scopes_json: ["democracy.participate"],
        created_at: now,
        expires_at: null,
        last_used_at: now,
        revoked_at: null,
      });
    }
    await app.db.transaction().execute(async (trx) => {
      await trx.insertInto("users").values(users).execute();
      await trx.insertInto("user_roles").values(roles).execute();
      await trx.insertInto("api_tokens").values(apiTokens).execute();
    });
  }
  return tokens;
}

async function openNewVote(app: AppContext, departmentId: string, title: string): Promise<string> {
  const now = Date.now();
  const { id } = await createVote(app, systemActor, {
    departmentId,
    title,
    question: `${title}?`,
    kind: "digital",
    opensAt: new Date(now).toISOString(),
    closesAt: new Date(now + 7 * day).toISOString(),
  });
  await openVote(app, systemActor, id);
  return id;
}

/**
 * `amount` casts, one per token, over 20 connections, each sending again as soon as it is
 * answered; the latency of every answer.
 */
function castLoad(baseUrl: string, voteId: string, tokens: string[], signal: AbortSignal) {
  return new Promise<{ seconds: number; latencies: number[]; statuses: Map<number, number> }>(
    (resolve, reject) => {
      const latencies: number[] = [];
      const statuses = new Map<number, number>();
      let next = 0;
      const started = performance.now();
      // autocannon ends a run on its one-second tick, so its end would round the time up to whole
      // seconds (6,000 casts in 3.4 s read as 6.01 s): the run lasts until the last answer.
      let lastAnswer = started;
      const instance = autocannon(
        {
          url: baseUrl,
          connections: 20,
          amount: tokens.length,
          timeout: 10,
          requests: [
            {
              method: "POST",
              path: `/api/v1/votes/${voteId}/ballots`,
              setupRequest: (request) => ({
                ...request,
                headers: {
                  ...request.headers,
                  "content-type": "application/json",
                  authorization: `Bearer ${tokens[next++ % tokens.length]}`,
                },
                body: JSON.stringify({ choices: [choices[next % 3]] }),
              }),
            },
          ],
        },
        (error) => {
          signal.removeEventListener("abort", stop);
          if (error) return reject(error);
          resolve({ seconds: (lastAnswer - started) / 1000, latencies, statuses });
        },
      );
      const stop = () => instance.stop();
      signal.addEventListener("abort", stop, { once: true });
      instance.on("response", (_client, statusCode, _bytes, responseTime) => {
        lastAnswer = performance.now();
        latencies.push(responseTime);
        statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      });
    },
  );
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

async function castBench(ctx: BenchContext, kind: DatabaseKind): Promise<void> {
  const voters = Math.floor(envNumber("BENCH_BALLOTS", 6000) / 2) * 2;
  const place = await freshPlace(kind);
  // BENCH_PROFILE_DIR: the server writes a .cpuprofile there when it stops.
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const server = await startAlmen({
    database: kind,
    dataDir: place.dataDir,
    databaseUrl: place.url,
    nodeFlags: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  });
  const app = await benchContext(kind, place.dataDir, place.url);
  try {
    const started = performance.now();
    const { departmentId, people } = await insertDepartment(app, 950, voters / 2, () => 2);
    const tokens = await insertVoters(app, departmentId, people);
    const warmUpVote = await openNewVote(app, departmentId, "Opvarmning");
    const voteId = await openNewVote(app, departmentId, "Ladestandere");
    const pacedVoteId = await openNewVote(app, departmentId, "Cykelskur");
    ctx.log(
      `${kind}: ${voters} voters with tokens, 2 votes opened in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const warm = await castLoad(
      server.baseUrl,
      warmUpVote,
      tokens.slice(0, Math.min(1000, voters)),
      ctx.signal,
    );
    ctx.log(`  warm-up: ${[...warm.statuses].map(([s, n]) => `${n}×${s}`).join(", ")}`);
    const run = await castLoad(server.baseUrl, voteId, tokens, ctx.signal);
    ctx.signal.throwIfAborted();
    const created = run.statuses.get(201) ?? 0;
    if (created !== voters) {
      throw new Error(
        `expected ${voters} answers 201, got ${[...run.statuses].map(([s, n]) => `${n}×${s}`).join(", ")}`,
      );
    }
    const results = await closeVote(app, systemActor, voteId);
    if (results.ballots !== voters || results.marks !== voters) {
      throw new Error(
        `after closing: ${results.ballots} ballots and ${results.marks} marks, expected ${voters}`,
      );
    }
    const perS = voters / run.seconds;
    const saturatedP99 = percentile(run.latencies, 0.99);
    ctx.log(
      `ballot.cast.${kind}: ${voters} ballots in ${run.seconds.toFixed(2)} s = ${perS.toFixed(0)}/s at saturation, ` +
        `p50 ${percentile(run.latencies, 0.5).toFixed(2)} ms, p99 ${saturatedP99.toFixed(2)} ms; box = marks = ${results.ballots}`,
    );
    const rate = envNumber("BENCH_BALLOT_RATE", 200);
    const paced = await pacedLoad(
      server.baseUrl,
      tokens.map((token, i) => ({
        method: "POST",
        path: `/api/v1/votes/${pacedVoteId}/ballots`,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ choices: [choices[i % 3]] }),
      })),
      { rate, connections: 20, signal: ctx.signal },
    );
    ctx.signal.throwIfAborted();
    if ((paced.statuses.get(201) ?? 0) !== voters) {
      throw new Error(`paced run: ${[...paced.statuses].map(([s, n]) => `${n}×${s}`).join(", ")}`);
    }
    const pacedPerS = voters / paced.seconds;
    const p99 = percentile(paced.latencies, 0.99);
    ctx.log(
      `  at ${rate}/s offered (${pacedPerS.toFixed(0)}/s done): p50 ${percentile(paced.latencies, 0.5).toFixed(2)} ms, ` +
        `p99 ${p99.toFixed(2)} ms (goals ≥ 200/s, p99 ≤ 50 ms: ${perS >= 200 && rate >= 200 && p99 <= 50 ? "met" : "MISSED"})`,
    );
    ctx.report(`ballot.cast.${kind}.per_s`, perS, "ballots/s", 0);
    ctx.report(`ballot.cast.${kind}.p99_ms`, p99, "ms", 2);
    ctx.report(`ballot.cast.${kind}.saturated_p99_ms`, saturatedP99, "ms", 2);
  } finally {
    await app.close();
    await server.stop();
    await place.remove();
  }
}

/**
 * 50,000 households (one in ten with a sole adult, the rest two adults), the roll frozen by
 * openVote, then 70 % of the voters' marks and sealed envelopes inserted straight into the tables
 * (as castBallots writes them), the vote closed, and the tally taken.
 */
async function tallyBench(ctx: BenchContext, kind: DatabaseKind): Promise<void> {
  const place = await freshPlace(kind);
  const app = await benchContext(kind, place.dataDir, place.url);
  try {
    await measureTally(ctx, kind, app);
  } finally {
    await app.close();
    await place.remove();
  }
}

async function measureTally(ctx: BenchContext, kind: DatabaseKind, app: AppContext): Promise<void> {
  const households = 50_000;
  await migrateToLatest(app.database);
  await seedDemo(app);
  let t = performance.now();
  const { departmentId, people } = await insertDepartment(app, 951, households, (i) =>
    i % 10 === 0 ? 1 : 2,
  );
  ctx.log(
    `${kind}: ${households} households, ${people.length} adults inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const { id: voteId } = await createVote(app, systemActor, {
    departmentId,
    title: "Ny helhedsplan",
    question: "Skal afdelingen vedtage helhedsplanen?",
    kind: "ballot",
    opensAt: new Date().toISOString(),
    closesAt: new Date(Date.now() + 14 * day).toISOString(),
  });
  t = performance.now();
  await openVote(app, systemActor, voteId);
  ctx.log(`  roll frozen and hashed in ${(performance.now() - t).toFixed(0)} ms`);

  const key = envelopeKey(app.config.dataKey);
  const truth: Record<Choice, number> = { yes: 0, no: 0, blank: 0 };
  const slotOf = new Map<string, number>();
  let n = 0;
  const voting = people.filter((_, i) => i % 10 < 7);
  for (let from = 0; from < voting.length; from += 1000) {
    const marks: Insertable<Database["vote_roll_marks"]>[] = [];
    const envelopes: Insertable<Database["vote_envelopes"]>[] = [];
    for (const p of voting.slice(from, from + 1000)) {
      const slot = (slotOf.get(p.householdId) ?? 0) + 1;
      slotOf.set(p.householdId, slot);
      // Four yes, two no and one blank in every seven.
      const choice = choices[n % 7 < 4 ? 0 : n % 7 < 6 ? 1 : 2]!;
      n++;
      truth[choice]++;
      marks.push({
        vote_id: voteId,
        household_id: p.householdId,
        slot,
        person_id: p.personId,
        seq: 1,
        channel: "web" as const,
      });
      envelopes.push({
        vote_id: voteId,
        id: newEnvelopeId(),
        sealed: sealBallot(key, voteId, choice, newReceipt()),
      });
    }
    await app.db.transaction().execute(async (trx) => {
      for (let i = 0; i < marks.length; i += 500) {
        await trx
          .insertInto("vote_roll_marks")
          .values(marks.slice(i, i + 500))
          .execute();
        await trx
          .insertInto("vote_envelopes")
          .values(envelopes.slice(i, i + 500))
          .execute();
      }
    });
  }
  t = performance.now();
  const published = await closeVote(app, systemActor, voteId);
  const closeMs = performance.now() - t;
  const expected = voting.length;
  if (published.ballots !== expected || published.marks !== expected || published.yes !== truth.yes) {
    throw new Error(
      `closing published ${JSON.stringify(published)}, expected ${expected} with ${JSON.stringify(truth)}`,
    );
  }
  ctx.log(
    `  ${expected} ballots: envelopes opened, shuffled into the box and counted in ${closeMs.toFixed(0)} ms`,
  );
  ctx.report(`ballot.close.${kind}.ms`, closeMs, "ms", 0);

  await tallyVote(app.db, voteId);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    t = performance.now();
    const tally = await tallyVote(app.db, voteId);
    times.push(performance.now() - t);
    if (
      tally.yes !== truth.yes ||
      tally.no !== truth.no ||
      tally.blank !== truth.blank ||
      tally.ballots !== tally.marks
    ) {
      throw new Error(`tally ${JSON.stringify(tally)} differs from ${JSON.stringify(truth)}`);
    }
  }
  const median = percentile(times, 0.5);
  ctx.log(
    `ballot.tally.${kind}: ${times.map((x) => x.toFixed(1)).join(", ")} ms; median ${median.toFixed(1)} ms ` +
      `(goal ≤ 500 ms: ${median <= 500 ? "met" : "MISSED"})`,
  );
  ctx.report(`ballot.tally.${kind}.ms`, median, "ms", 1);
}

export async function run(ctx: BenchContext): Promise<void> {
  const kinds: DatabaseKind[] = ["sqlite"];
  if (process.env.DATABASE_URL) kinds.push("postgres");
  else ctx.log("DATABASE_URL not set: skipping ballot.*.postgres");
  for (const kind of kinds) {
    if (ctx.wants(`ballot.cast.${kind}`)) await castBench(ctx, kind);
    if (ctx.wants(`ballot.tally.${kind}`) || ctx.wants(`ballot.close.${kind}`)) await tallyBench(ctx, kind);
  }
}

export default { figures, timeoutMs, run } satisfies Benchmark;
