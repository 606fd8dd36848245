import { randomFillSync } from "node:crypto";
import { v7 } from "uuid";

/**
 * Opaque, time-ordered ids (UUIDv7) so URLs reveal nothing and inserts stay index-friendly.
 * Random bytes come from a pool filled 8 KiB at a time: an import makes hundreds of thousands
 * of ids, and one system call per id showed up in its profile. Within one millisecond the
 * sequence counts up, as uuid's own v7 does, so ids made in order also sort in order.
 */
const pool = new Uint8Array(16 * 512);
let position = pool.length;
let lastMs = Number.NEGATIVE_INFINITY;
let sequence = 0;

function randomBytes16(): Uint8Array {
  if (position + 16 > pool.length) {
    randomFillSync(pool);
    position = 0;
  }
  const bytes = pool.subarray(position, position + 16);
  position += 16;
  return bytes;
}

export function newId(): string {
  const random = randomBytes16();
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    sequence = (sequence + 1) | 0;
    if (sequence === 0) lastMs++;
  }
  return v7({ random, msecs: lastMs, seq: sequence });
}
