import type { AppContext } from "../../../platform/context.ts";
import { decrypt } from "../../../platform/crypto.ts";
import { translator } from "../../../platform/i18n/index.ts";
import { newId } from "../../../platform/ids.ts";
import type { MailTransport } from "../../../platform/mail.ts";
import { type DigitalPostTransport, directoryTransport } from "../delivery/digital-post.ts";
import { digestEmail, letterEmail } from "../delivery/email.ts";
import { buildMemo, redactCpr } from "../memo/memo.ts";
import {
  type ClaimedLetter,
  claimDueLetters,
  letterPdfs,
  markFailed,
  markSent,
  recipientCprs,
  renewClaim,
  senders,
} from "./outbox.repository.ts";

export interface LetterTransports {
  digitalPost: DigitalPostTransport;
  mail: MailTransport;
}

export interface WorkerOptions {
  /** Letters claimed per pass. */
  batchSize?: number;
  /** How long a claim holds; a worker that dies leaves its letters due again after this. */
  leaseMs?: number;
  /** Deliveries in flight at once (SMTP round trips overlap). */
  concurrency?: number;
  /** How often a pass renews its lease while it delivers (default: a third of the lease). */
  renewMs?: number;
}

export interface PassResult {
  claimed: number;
  sent: number;
  failed: number;
}

/** Error texts are stored and shown to staff: never with a CPR number in them. */
const safeError = (e: unknown) => redactCpr(e instanceof Error ? e.message : String(e));

/** One delivery: a single letter, or one recipient's digest of several. */
type Unit = ClaimedLetter[];

function deliveryUnits(letters: ClaimedLetter[]): Unit[] {
  const digests = new Map<string, ClaimedLetter[]>();
  const units: Unit[] = [];
  for (const l of letters) {
    if (l.delivery !== "digest") {
      units.push([l]);
      continue;
    }
    const group = digests.get(l.recipientPersonId);
    if (group) group.push(l);
    else digests.set(l.recipientPersonId, [l]);
  }
  return [...units, ...digests.values()];
}

/**
 * One pass of the outbox: claim due letters, deliver each by its channel, record the outcome.
 * Delivery is idempotent per letter (Digital Post files and messageUUIDs, e-mail Message-IDs are
 * keyed on the letter id), so a letter re-delivered after a crash is still one letter.
 */
export async function deliverDueLetters(
  ctx: AppContext,
  transports: LetterTransports,
  options: WorkerOptions = {},
): Promise<PassResult> {
  const { batchSize = 50, leaseMs = 60_000, concurrency = 8 } = options;
  const renewMs = options.renewMs ?? leaseMs / 3;
  const now = ctx.clock.now();
  const claim = await claimDueLetters(ctx.db, ctx.database.dialect, now, leaseMs, batchSize);
  if (claim.letters.length === 0) return { claimed: 0, sent: 0, failed: 0 };
  const ids = claim.letters.map((l) => l.id);
  const dp = claim.letters.filter((l) => l.channel === "digital_post");
  const [pdfs, cprs, orgs] = await Promise.all([
    letterPdfs(ctx.db, ids),
    recipientCprs(ctx.db, [...new Set(dp.map((l) => l.recipientPersonId))]),
    senders(ctx.db, [...new Set(claim.letters.map((l) => l.organisationId))]),
  ]);
  const domain = new URL(ctx.config.publicUrl).hostname;

  const deliver = async (unit: Unit): Promise<void> => {
    const first = unit[0]!;
    const org = orgs.get(first.organisationId);
    const t = translator(first.language);
    if (first.channel === "email") {
      if (!first.recipientEmail) throw new Error("no e-mail address");
      const mail =
        first.delivery === "digest"
          ? digestEmail(unit, pdfs, org?.name ?? "", t, domain)
          : letterEmail(first, pdfs.get(first.id) ?? Buffer.alloc(0), t, domain);
      await transports.mail.send(mail);
      return;
    }
    const cprEnc = cprs.get(first.recipientPersonId);
    if (!cprEnc) throw new Error("the recipient has no CPR number on file");
    if (!org?.cvr) throw new Error("the organisation has no CVR number");
    const xml = buildMemo({
      messageUuid: first.memoUuid ?? "",
      messageId: first.id,
      label: first.subject,
      notification: t("letters.memo.notification", { organisation: org.name }),
      mandatory: false,
      legalNotification: false,
      sender: { cvr: org.cvr, label: org.name },
      recipient: { id: decrypt(ctx.config.dataKey, cprEnc), idType: "CPR", label: first.recipientName },
      createdAt: new Date(first.createdAt),
      document: {
        filename: `brev-${first.reference}.pdf`,
        language: first.language,
        title: first.subject,
        pdf: pdfs.get(first.id) ?? Buffer.alloc(0),
      },
    });
    await transports.digitalPost.deliver({ letterId: first.id, messageUuid: first.memoUuid ?? "", xml });
  };

  const units = deliveryUnits(claim.letters);
  const sent: string[] = [];
  let failed = 0;
  let next = 0;
  // The letters the claim still holds, as of the last renewal: one another worker has taken over
  // is not delivered from here.
  let held: Set<string> | undefined;
  let renewing = Promise.resolve();
  const renewal = setInterval(() => {
    renewing = renewClaim(ctx.db, claim.token, ctx.clock.now(), leaseMs).then(
      (ids) => {
        held = ids;
      },
      (e) => ctx.log.warn({ err: e }, "outbox lease renewal failed"),
    );
  }, renewMs);
  const lane = async () => {
    while (next < units.length) {
      const unit = units[next++]!;
      if (held && !unit.every((l) => held!.has(l.id))) continue;
      try {
        await deliver(unit);
        sent.push(...unit.map((l) => l.id));
      } catch (e) {
        failed += unit.length;
        const error = safeError(e);
        ctx.log.warn({ letters: unit.map((l) => l.id), error }, "letter delivery failed");
        for (const l of unit) await markFailed(ctx.db, claim.token, l, error, ctx.clock.now());
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, units.length) }, lane));
  } finally {
    clearInterval(renewal);
    await renewing;
  }
  await markSentAndAudit(ctx, claim.token, sent, dp);
  return { claimed: claim.letters.length, sent: sent.length, failed };
}

/** Marks the delivered letters sent and logs each full-CPR read that Digital Post needed. */
async function markSentAndAudit(ctx: AppContext, token: string, sent: string[], dp: ClaimedLetter[]) {
  const sentSet = new Set(sent);
  const reads = dp.filter((l) => sentSet.has(l.id));
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await markSent(trx, token, sent, at);
    if (reads.length === 0) return;
    await trx
      .insertInto("audit_log")
      .values(
        reads.map((l) => ({
          id: newId(),
          at: at.toISOString(),
          actor_user_id: null,
          actor_label: "system",
          action: "cpr.read",
          entity: "people",
          entity_id: l.recipientPersonId,
          organisation_id: l.organisationId,
          before_json: null,
          after_json: { purpose: "digital_post", letter: l.id },
          ip: null,
        })),
      )
      .execute();
  });
}

/** Runs passes until stopped: straight on while there is work, pausing when the outbox is empty. */
export function startOutboxWorker(
  ctx: AppContext,
  transports: LetterTransports,
  options: WorkerOptions & { idleMs?: number } = {},
): { stop(): Promise<void> } {
  const idleMs = options.idleMs ?? 1000;
  let running = true;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (running) {
      let worked = false;
      try {
        worked = (await deliverDueLetters(ctx, transports, options)).claimed > 0;
      } catch (e) {
        ctx.log.error({ err: e }, "outbox pass failed");
      }
      if (!worked && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idleMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  })();
  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}

/** The transports the configuration names: the Digital Post directory drop and the mail transport. */
export function configuredTransports(ctx: AppContext): LetterTransports {
  return { digitalPost: directoryTransport(ctx.config.letters.digitalPostDir), mail: ctx.mail };
}
