/**
 * Handing finished MeMo messages to whoever carries them to Digital Post.
 *
 * Today that is a directory drop: a gateway or a print-and-distribution provider picks the files
 * up. An HTTP transport to the national Digital Post API implements the same interface: it must
 * POST the MeMo with the organisation's system certificate (mutual TLS, under the agreement with
 * Digitaliseringsstyrelsen), and treat a "duplicate messageUUID" rejection as success, because a
 * retry after a lost response is the same message, already delivered.
 */
import { randomUUID } from "node:crypto";
import { link, mkdir, open, readdir, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";

export interface DigitalPostMessage {
  letterId: string;
  messageUuid: string;
  xml: string;
}

export interface DigitalPostTransport {
  readonly name: string;
  /** Idempotent per letterId: delivering the same letter again leaves exactly one message at the receiver. */
  deliver(message: DigitalPostMessage): Promise<void>;
}

/** Letter ids are UUIDs: a safe file name that can never be a CPR number or a path. */
const LETTER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const errorCode = (e: unknown): string | undefined =>
  e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : undefined;

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if (errorCode(e) === "ENOENT") return false;
    throw e;
  }
}

async function writeDurably(path: string, data: string): Promise<void> {
  const file = await open(path, "wx");
  try {
    await file.writeFile(data, "utf8");
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Makes a rename or link survive a crash; some platforms cannot open a directory, which is fine. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort only: the file itself is already on disk.
  }
}

/**
 * Puts the complete temp file in place without ever overwriting: link() fails with EEXIST when
 * another delivery of the same letter won the race, which is success, and with ENOENT when that
 * delivery has already cleared this one's temp file (success only if the letter is there).
 * Filesystems without hard links fall back to rename(), still atomic for readers.
 */
async function publish(tmp: string, target: string): Promise<void> {
  try {
    await link(tmp, target);
  } catch (e) {
    const code = errorCode(e);
    if (code === "EEXIST") return;
    if (code === "ENOENT" && (await exists(target))) return;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EOPNOTSUPP") throw e;
    await rename(tmp, target);
  }
}

/**
 * A directory drop: `<letterId>.xml` appears whole or not at all. The temp file lives in a
 * `.partial` subfolder of the same directory, so the final rename/link stays on one filesystem and
 * a reader that lists the directory never sees a half-written message. A letter that is already
 * there is left alone; once the gateway has taken it away, a redelivery drops it again and the
 * receiver's messageUUID check is what keeps it to one message.
 */
async function removeLeftovers(partialDir: string, letterId: string): Promise<void> {
  const names = await readdir(partialDir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(`${letterId}.`))
      .map((n) => unlink(join(partialDir, n)).catch(() => undefined)),
  );
}

export function directoryTransport(dir: string): DigitalPostTransport {
  const partialDir = join(dir, ".partial");
  // Made once, not per letter; made again after a failure in case someone removed the folder.
  let ready: Promise<unknown> | null = null;
  return {
    name: "directory",
    async deliver(message) {
      if (!LETTER_ID.test(message.letterId)) throw new Error("Digital Post: letterId must be a UUID");
      const target = join(dir, `${message.letterId}.xml`);
      ready ??= mkdir(partialDir, { recursive: true });
      try {
        await ready;
      } catch (e) {
        ready = null;
        throw e;
      }
      if (!(await exists(target))) {
        const tmp = join(partialDir, `${message.letterId}.${randomUUID()}.tmp`);
        try {
          await writeDurably(tmp, message.xml);
          await publish(tmp, target);
          await syncDir(dir);
        } catch (e) {
          ready = null;
          throw e;
        } finally {
          await unlink(tmp).catch(() => undefined);
        }
      }
      // A worker killed mid-write leaves its temp file (a whole MeMo, CPR number included). Once
      // the letter is in place, every temp file of it goes: a delivery still writing one then
      // finds its file gone and the letter there, which is success (see publish).
      await removeLeftovers(partialDir, message.letterId);
    },
  };
}
