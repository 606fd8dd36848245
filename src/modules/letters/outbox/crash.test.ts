/**
 * The outbox survives a crash: a real `almen worker` process is killed (SIGKILL) in the middle of a
 * batch, a new one is started, and every letter ends up delivered exactly once — one MeMo file per
 * letter with the letter's messageUUID, one recorded delivery (the CPR-read audit entry written
 * with the `sent` mark), and no letter claimed more often than the crash explains.
 *
 * On PostgreSQL a second test runs several workers side by side (FOR UPDATE SKIP LOCKED) and kills
 * one of them: no letter is ever claimed by two living workers.
 */
import { describe, expect, it } from "vitest";
import { dialectUnderTest } from "../../../../test/helpers.ts";
import {
  dropped,
  expectDeliveredExactlyOnce,
  expectNoLeftovers,
  letterStates,
  outboxWith,
  sentCount,
  startWorker,
  stopWorker,
  testTimeout,
  useWorkerCleanup,
  waitFor,
} from "./crash.support.ts";

useWorkerCleanup();

describe(`the outbox worker killed mid-batch (${dialectUnderTest})`, () => {
  it(
    "delivers every letter exactly once after a restart",
    async () => {
      const outbox = await outboxWith(600, 1);
      const { ctx, dropDir, letterIds } = outbox;
      const total = letterIds.length;

      const first = startWorker(outbox.env);
      // Some but not all letters dropped: kill it mid-way (fine-grained polling of the directory).
      await waitFor(
        "the first worker to deliver some letters",
        [first],
        10,
        async () => (await dropped(dropDir)).length >= total / 5,
      );
      expect(await stopWorker(first, "SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });

      const atCrash = new Map((await letterStates(ctx)).map((l) => [l.id, l]));
      const byStatus = (s: string) => [...atCrash.values()].filter((l) => l.status === s);
      const sentBefore = byStatus("sent");
      const inFlight = byStatus("sending");
      const filesAtCrash = new Set(await dropped(dropDir));
      expect(sentBefore.length).toBeGreaterThan(0);
      expect(sentBefore.length).toBeLessThan(total);
      expect(filesAtCrash.size).toBeLessThan(total);
      for (const l of sentBefore) expect(filesAtCrash.has(`${l.id}.xml`)).toBe(true);
      expect(byStatus("queued").length + inFlight.length + sentBefore.length).toBe(total);

      const second = startWorker(outbox.env);
      await waitFor("the second worker to send every letter", [second], 50, async () => {
        return (await sentCount(ctx)) === total;
      });
      expect(await stopWorker(second, "SIGTERM"), second.output()).toEqual({ code: 0, signal: null });

      const letters = await expectDeliveredExactlyOnce(outbox);
      for (const l of letters) {
        const before = atCrash.get(l.id)!;
        if (before.status === "sent") {
          // Sent before the crash: left alone.
          expect(l.sent_at).toBe(before.sent_at);
          expect(l.attempts).toBe(1);
        } else {
          // Claimed by the dead worker: taken over once its lease ran out; else claimed once.
          expect(l.attempts, l.id).toBe(before.status === "sending" ? 2 : 1);
        }
      }
      console.info(
        `[${dialectUnderTest}] ${total} letters: ${sentBefore.length} sent before the kill, ${inFlight.length} in flight ` +
          `(${inFlight.filter((l) => filesAtCrash.has(`${l.id}.xml`)).length} of them already dropped), ` +
          `${total - sentBefore.length - inFlight.length} still queued`,
      );
      await expectNoLeftovers(outbox);
    },
    testTimeout,
  );
});

describe.skipIf(dialectUnderTest !== "postgres")("several outbox workers at once (postgres)", () => {
  it(
    "never claim a letter twice, and one killed mid-way loses nothing",
    async () => {
      // The lease must outlast a living worker's pass (50 letters; seconds on a busy disk, and more
      // than 8 s once on a slow day with CI's other tests beside it), or its letters are rightly
      // taken over; the killed worker's claim is taken over when it runs out.
      const outbox = await outboxWith(1_500, 20);
      const { ctx, dropDir, letterIds } = outbox;
      const total = letterIds.length;

      const live = [startWorker(outbox.env), startWorker(outbox.env)];
      const doomed = startWorker(outbox.env);
      const all = [...live, doomed];
      let mostClaimsAtOnce = 0;
      const watch = async () => {
        const claims = await ctx.db
          .selectFrom("letters")
          .select("claim_token")
          .distinct()
          .where("status", "=", "sending")
          .execute();
        mostClaimsAtOnce = Math.max(mostClaimsAtOnce, claims.length);
      };

      await waitFor("the workers to deliver some letters", all, 10, async () => {
        await watch();
        return (await dropped(dropDir)).length >= total / 4;
      });
      expect(await stopWorker(doomed, "SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
      const atKill = await letterStates(ctx);
      expect(atKill.filter((l) => l.status !== "sent").length).toBeGreaterThan(0);

      await waitFor("the two living workers to send every letter", live, 20, async () => {
        await watch();
        return (await sentCount(ctx)) === total;
      });
      for (const w of live)
        expect(await stopWorker(w, "SIGTERM"), w.output()).toEqual({ code: 0, signal: null });
      // Claims really overlapped: several workers held letters at the same moment.
      expect(mostClaimsAtOnce).toBeGreaterThanOrEqual(2);

      const letters = await expectDeliveredExactlyOnce(outbox);
      // Only the killed worker's last claim was claimed again (once, after its lease ran out); every
      // other letter was claimed exactly once, however the living workers' claims interleaved.
      const sendingAtKill = new Map(atKill.filter((l) => l.status === "sending").map((l) => [l.id, l]));
      const reclaimed = letters.filter((l) => l.attempts !== 1);
      for (const l of reclaimed) {
        expect(l.attempts, l.id).toBe(2);
        expect(sendingAtKill.has(l.id), l.id).toBe(true);
      }
      expect(new Set(reclaimed.map((l) => sendingAtKill.get(l.id)!.claim_token)).size).toBeLessThanOrEqual(1);
      console.info(
        `[postgres] ${total} letters, 3 workers (1 killed): at most ${mostClaimsAtOnce} claims at once, ` +
          `${reclaimed.length} letters taken over from the killed worker`,
      );
      await expectNoLeftovers(outbox);
    },
    testTimeout,
  );
});
