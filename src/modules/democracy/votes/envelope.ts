import { hkdfSync, randomBytes, randomInt } from "node:crypto";
import { decrypt, encrypt } from "../../../platform/crypto.ts";
import type { Choice } from "./votes.table.ts";

/**
 * The inner envelope of a ballot: the choice and the voter's receipt code, sealed with a key
 * derived from the app's data key. While a vote is open its ballots exist only like this; a
 * reader of the database sees ciphertext of one fixed length, whatever was chosen.
 */

const envelopeKeys = new WeakMap<Buffer, Buffer>();

/** HKDF-SHA256 sub-key of the data key, used for nothing but ballot envelopes. */
export function envelopeKey(dataKey: Buffer): Buffer {
  let key = envelopeKeys.get(dataKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), "almen/ballot-envelope/v1", 32));
    envelopeKeys.set(dataKey, key);
  }
  return key;
}

// One letter per choice, so every plaintext (and so every ciphertext) has the same length.
const codeOf: Record<Choice, string> = { yes: "Y", no: "N", blank: "B" };
const choiceOf: Record<string, Choice> = { Y: "yes", N: "no", B: "blank" };

export function sealBallot(key: Buffer, voteId: string, choice: Choice, receipt: string): string {
  return encrypt(key, `${voteId}|${codeOf[choice]}|${receipt}`);
}

/** The ballot in an envelope, or null when it was not sealed for this vote or was tampered with. */
export function openEnvelope(
  key: Buffer,
  voteId: string,
  sealed: string,
): { choice: Choice; receipt: string } | null {
  let plain: string;
  try {
    plain = decrypt(key, sealed);
  } catch {
    return null;
  }
  const [vote, code, receipt] = plain.split("|");
  const choice = code ? choiceOf[code] : undefined;
  if (vote !== voteId || !choice || !receipt) return null;
  return { choice, receipt };
}

/** Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or retyped survives. */
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A receipt code: 80 random bits as 16 characters in groups of four ("7KQM-4XZP-2DHW-9RTB"). */
export function newReceipt(): string {
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const byte of randomBytes(10)) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += alphabet[(acc >>> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12)}`;
}

/** A code as a person may type it: any case, spaces or dashes, O for 0 and I or L for 1. */
export function normaliseReceipt(input: string): string | null {
  const plain = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (plain.length !== 16 || [...plain].some((c) => !alphabet.includes(c))) return null;
  return plain.match(/.{4}/g)!.join("-");
}

/** An envelope's id: random, so the ids say nothing about the order envelopes went in. */
export const newEnvelopeId = (): string => randomBytes(16).toString("hex");

/** Fisher–Yates with a cryptographic random source: the order ballots go into the box. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
