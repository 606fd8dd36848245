import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import type { Principal } from "../../platform/access.ts";
import { directoryTransport } from "./delivery/digital-post.ts";
import { inboxLetters } from "./letters.repository.ts";
import { type NoticeInput, sendNotice } from "./notices.service.ts";
import { maxAttempts } from "./outbox/outbox.repository.ts";
import { deliverDueLetters, type LetterTransports } from "./outbox/worker.ts";
import { confirmPrinted, createPrintBatch, printBatchPdf } from "./paper.service.ts";

let app: TestApp;
let dropDir: string;
let transports: LetterTransports;
let admin: Principal;
let department101: string;
const actor = { userId: null, label: "test" };

beforeAll(async () => {
  app = await buildTestApp();
  dropDir = await mkdtemp(path.join(tmpdir(), "almen-dp-"));
  transports = { digitalPost: directoryTransport(dropDir), mail: app.mail };
  const org = await app.ctx.db.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
  admin = { userId: "test", grants: [{ role: "org_admin", organisationId: org.id, departmentId: null }] };
  department101 = (
    await app.ctx.db
      .selectFrom("departments")
      .select("id")
      .where("number", "=", 101)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await app.close();
  await rm(dropDir, { recursive: true, force: true });
});

const notice = (over: Partial<NoticeInput> = {}): NoticeInput => ({
  department_id: department101,
  audience: "department",
  building_number: "",
  unit_numbers: "",
  subject: "Vandet lukkes tirsdag 8–12",
  message: "Vi skifter stigstrenge på {{address}}.\n\nVandet er lukket tirsdag kl. 8–12.",
  ...over,
});

async function lettersOf(batchId: string) {
  return app.ctx.db
    .selectFrom("letters as l")
    .innerJoin("people as p", "p.id", "l.recipient_person_id")
    .select([
      "l.id",
      "l.channel",
      "l.channel_rule",
      "l.status",
      "l.body",
      "p.is_digital_post_exempt",
      "p.email",
    ])
    .where("l.batch_id", "=", batchId)
    .execute();
}

describe("a department notice", () => {
  it("goes to every lease holder, each by the channel the rules choose", async () => {
    const { batchId, count } = await sendNotice(app.ctx, actor, admin, notice());
    const letters = await lettersOf(batchId);
    expect(letters).toHaveLength(count);
    // 101 has 10 let homes in the demo data, each with a tenant and a co-tenant.
    expect(count).toBe(20);
    const channels = new Set(letters.map((l) => l.channel));
    expect(channels).toEqual(new Set(["digital_post", "email", "paper"]));
    for (const l of letters.filter((l) => l.is_digital_post_exempt)) expect(l.channel).toBe("paper");
    for (const l of letters.filter((l) => l.channel === "email")) expect(l.email).toBeTruthy();
    // Merge fields are filled in for each recipient; none is left as {{…}}.
    for (const l of letters) expect(l.body).not.toContain("{{");

    const pass = await deliverDueLetters(app.ctx, transports);
    const electronic = letters.filter((l) => l.channel !== "paper");
    expect(pass).toEqual({ claimed: electronic.length, sent: electronic.length, failed: 0 });

    const files = (await readdir(dropDir)).filter((f) => f.endsWith(".xml"));
    const dp = letters.filter((l) => l.channel === "digital_post");
    expect(files.sort()).toEqual(dp.map((l) => `${l.id}.xml`).sort());
    const xml = await readFile(path.join(dropDir, files[0]!), "utf8");
    expect(xml).toContain("<memo:label>Vandet lukkes tirsdag 8–12</memo:label>");

    const mails = app.mail.sent.filter((m) => m.subject === "Vandet lukkes tirsdag 8–12");
    expect(mails).toHaveLength(letters.filter((l) => l.channel === "email").length);
    expect(mails[0]!.attachments?.[0]?.contentType).toBe("application/pdf");

    const after = await lettersOf(batchId);
    for (const l of after) expect(l.status).toBe(l.channel === "paper" ? "queued" : "sent");
    // Every full-CPR read for Digital Post is in the audit log.
    const reads = await app.ctx.db
      .selectFrom("audit_log")
      .select("entity_id")
      .where("action", "=", "cpr.read")
      .execute();
    expect(reads.length).toBe(dp.length);
  });

  it("puts paper letters in a print batch that counts as sent once confirmed", async () => {
    const batch = await createPrintBatch(app.ctx, actor, admin, admin.grants[0]!.organisationId!);
    expect(batch.count).toBeGreaterThan(0);
    const pdf = await printBatchPdf(app.ctx, admin, batch.id);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await confirmPrinted(app.ctx, actor, admin, batch.id);
    const left = await app.ctx.db
      .selectFrom("letters")
      .select("id")
      .where("channel", "=", "paper")
      .where("status", "!=", "sent")
      .execute();
    expect(left).toEqual([]);
    await expect(confirmPrinted(app.ctx, actor, admin, batch.id)).rejects.toThrow();
  });

  it("shows in the recipient's inbox, newest first", async () => {
    const resident = await app.ctx.db
      .selectFrom("users")
      .select("person_id")
      .where("email", "=", "beboer@almen.demo")
      .executeTakeFirstOrThrow();
    const inbox = await inboxLetters(app.ctx.db, [resident.person_id!], 1, 10);
    expect(inbox.total).toBe(1);
    expect(inbox.rows[0]!.subject).toBe("Vandet lukkes tirsdag 8–12");
  });

  it("refuses unknown units with their numbers, and a department out of reach", async () => {
    await expect(
      sendNotice(app.ctx, actor, admin, notice({ audience: "units", unit_numbers: "101-0002, 101-9999" })),
    ).rejects.toMatchObject({
      fields: { unit_numbers: "letters.errors.units_unknown" },
      params: { units: "101-9999" },
    });
    const caretaker102: Principal = {
      userId: "c",
      grants: [
        { role: "caretaker", organisationId: admin.grants[0]!.organisationId, departmentId: "elsewhere" },
      ],
    };
    await expect(sendNotice(app.ctx, actor, caretaker102, notice())).rejects.toMatchObject({
      fields: { department_id: "letters.errors.department" },
    });
  });
});

describe("delivery failures", () => {
  it("retry with backoff and end as failed after the last attempt", async () => {
    const { batchId } = await sendNotice(
      app.ctx,
      actor,
      admin,
      notice({ audience: "units", unit_numbers: "101-0002", subject: "Prøve" }),
    );
    const failing: LetterTransports = {
      digitalPost: { name: "down", deliver: async () => Promise.reject(new Error("gateway down")) },
      mail: { send: async () => Promise.reject(new Error("smtp down 0102031234")) },
    };
    const first = await deliverDueLetters(app.ctx, failing);
    expect(first.failed).toBe(first.claimed);
    const retrying = await app.ctx.db
      .selectFrom("letters")
      .select(["id", "status", "due_at", "attempts", "last_error"])
      .where("batch_id", "=", batchId)
      .execute();
    for (const l of retrying) {
      expect(l.status).toBe("retrying");
      expect(l.attempts).toBe(1);
      expect(new Date(l.due_at!).getTime()).toBeGreaterThan(app.clock.now().getTime());
      expect(l.last_error).not.toMatch(/\d{6}-?\d{4}/);
    }
    // Not due yet: nothing is claimed until the backoff has passed.
    expect((await deliverDueLetters(app.ctx, failing)).claimed).toBe(0);
    app.clock.advance(2 * 60_000);
    const second = await deliverDueLetters(app.ctx, failing);
    expect(second.claimed).toBe(retrying.length);
    // Keep failing: after the last attempt the letter waits for staff as failed.
    for (let i = 2; i < maxAttempts; i++) {
      app.clock.advance(13 * 3600_000);
      await deliverDueLetters(app.ctx, failing);
    }
    const failed = await app.ctx.db
      .selectFrom("letters")
      .select(["status", "due_at", "attempts"])
      .where("batch_id", "=", batchId)
      .execute();
    for (const l of failed) expect(l).toEqual({ status: "failed", due_at: null, attempts: maxAttempts });
  });
});

describe("a pass that outlasts its lease", () => {
  const options = { leaseMs: 60_000, renewMs: 5, concurrency: 1 };

  /** Transports that hold their first delivery until released, and note each delivery's key. */
  function gated() {
    const delivered: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = (_key: string) => {};
    const first = new Promise<string>((resolve) => {
      started = resolve;
    });
    const hold = async (key: string) => {
      if (delivered.length === 0) {
        delivered.push(key);
        started(key);
        await gate;
      } else delivered.push(key);
    };
    const transports: LetterTransports = {
      digitalPost: { name: "gated", deliver: (m) => hold(m.letterId) },
      mail: { send: (m) => hold(m.messageId!.replace(/^<(?:digest-)?([^@]+)@.*$/, "$1")) },
    };
    return { transports, delivered, first, release };
  }

  const sending = (batchId: string) =>
    app.ctx.db
      .selectFrom("letters")
      .select(["id", "due_at", "claim_token"])
      .where("batch_id", "=", batchId)
      .where("status", "=", "sending")
      .execute();

  async function until(what: string, check: () => Promise<boolean>) {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`gave up waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it("renews its claim, so a second worker takes none of its letters and each is sent once", async () => {
    const { batchId } = await sendNotice(app.ctx, actor, admin, notice({ subject: "Lang levering" }));
    const a = gated();
    const passA = deliverDueLetters(app.ctx, a.transports, options);
    await a.first;
    const claimed = await sending(batchId);
    expect(claimed.length).toBeGreaterThan(2);
    // Past the lease taken with the claim: only a renewal keeps the letters from falling due.
    app.clock.advance(61_000);
    await until("the claim is renewed", async () =>
      (await sending(batchId)).every((l) => new Date(l.due_at!) > app.clock.now()),
    );
    const b = gated();
    expect(await deliverDueLetters(app.ctx, b.transports, options)).toEqual({
      claimed: 0,
      sent: 0,
      failed: 0,
    });
    a.release();
    expect(await passA).toEqual({ claimed: claimed.length, sent: claimed.length, failed: 0 });
    expect(a.delivered.sort()).toEqual(claimed.map((l) => l.id).sort());
    expect(b.delivered).toEqual([]);
  });

  it("does not deliver the letters another worker claimed after its lease ran out", async () => {
    const { batchId } = await sendNotice(app.ctx, actor, admin, notice({ subject: "Overtaget" }));
    const a = gated();
    const passA = deliverDueLetters(app.ctx, a.transports, options);
    const inFlight = await a.first;
    // As if this worker had stalled past its lease and another had claimed the rest.
    const taken = (await sending(batchId)).filter((l) => l.id !== inFlight).map((l) => l.id);
    expect(taken.length).toBeGreaterThan(1);
    await app.ctx.db
      .updateTable("letters")
      .set({ claim_token: "another-worker" })
      .where("id", "in", taken)
      .execute();
    app.clock.advance(1000);
    const renewedUntil = new Date(app.clock.now().getTime() + options.leaseMs).toISOString();
    await until("the claim is renewed after the take-over", async () =>
      (await sending(batchId)).some((l) => l.id === inFlight && l.due_at === renewedUntil),
    );
    a.release();
    expect(await passA).toMatchObject({ sent: 1, failed: 0 });
    expect(a.delivered).toEqual([inFlight]);
    const rest = await sending(batchId);
    expect(rest.map((l) => l.id).sort()).toEqual([...taken].sort());
    for (const l of rest) expect(l.claim_token).toBe("another-worker");
  });
});
