import { CsvError } from "./errors.ts";

/** The encodings Danish CSV files come in: Excel's "CSV UTF-8" and its older plain "CSV" (Windows-1252). */
export type CsvEncoding = "utf-8" | "windows-1252";

/**
 * What the decoder found out, filled in while the bytes stream through. `encoding` stays "utf-8"
 * while every byte so far was ASCII, which reads the same in both encodings.
 */
export interface EncodingInfo {
  encoding: CsvEncoding;
  bom: boolean;
}

/**
 * How many bytes, from the first non-ASCII one, we look at before choosing. Windows-1252 text almost
 * never happens to be valid UTF-8 (æ, ø, å are single bytes ≥ 0x80 followed by ASCII), so a window
 * this size is plenty, and it bounds memory.
 */
const SNIFF_BYTES = 64 * 1024;

/**
 * Windows-1252 bytes 0x80–0x9F (€, „, smart quotes, …). Node 20's TextDecoder("windows-1252")
 * decodes these as Latin-1 control characters, so we map them ourselves.
 */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const C1_CONTROLS = /[\u0080-\u009f]/g;

/** Decodes Windows-1252 bytes (stateless: every byte is one character). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return latin1.replace(C1_CONTROLS, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return i;
  return -1;
}

function isUtf8(window: Uint8Array, atEnd: boolean): boolean {
  try {
    // stream: a sequence cut off by the window's end is not evidence against UTF-8.
    new TextDecoder("utf-8", { fatal: true }).decode(window, { stream: !atEnd });
    return true;
  } catch {
    return false;
  }
}

/** A decoder that turns the rest of the file into text once the encoding is chosen. */
function decoderFor(encoding: CsvEncoding): (bytes: Uint8Array, last: boolean) => string {
  if (encoding === "windows-1252") return (bytes) => decodeWindows1252(bytes);
  // ignoreBOM: decodeText strips the real BOM; this decoder may start mid-file, at a U+FEFF in a cell.
  const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  return (bytes, last) => utf8.decode(bytes, { stream: !last });
}

/**
 * Turns a byte stream into text, choosing the encoding on the way: a UTF-8 BOM decides at once;
 * otherwise ASCII passes through undecided (it reads the same either way) until the first non-ASCII
 * byte, where up to SNIFF_BYTES are tested for UTF-8 validity. Invalid ⇒ Windows-1252. A file that
 * turns invalid after being judged UTF-8 is rejected rather than silently mangled.
 */
export async function* decodeText(
  source: AsyncIterable<Uint8Array | string>,
  info: EncodingInfo,
  forced?: CsvEncoding,
): AsyncGenerator<string> {
  let decode = forced ? decoderFor(forced) : undefined;
  if (forced) info.encoding = forced;
  // Bytes held back: the first three (BOM check), or the sniffing window. Kept as a list so
  // tiny chunks don't make us copy the window over and over.
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let bomChecked = false;
  let sniffing = false;
  let offset = 0; // bytes decoded so far, for error messages

  const hold = (bytes: Uint8Array) => {
    pending.push(bytes);
    pendingLength += bytes.length;
  };
  const take = (): Uint8Array => {
    const bytes = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    pending = [];
    pendingLength = 0;
    return bytes;
  };
  const ascii = (bytes: Uint8Array): string => {
    offset += bytes.length;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  };
  const decodeOrFail = (bytes: Uint8Array, last: boolean): string => {
    try {
      return decode!(bytes, last);
    } catch {
      throw new CsvError("encoding_invalid", { byte: offset });
    } finally {
      offset += bytes.length;
    }
  };

  // Returns the text that can be released now; holds back what must wait for more bytes.
  const release = (atEnd: boolean): string => {
    if (!bomChecked) {
      if (pendingLength < 3 && !atEnd) return "";
      bomChecked = true;
      const head = take();
      if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
        throw new CsvError("encoding_utf16");
      }
      const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
      if (bom) {
        info.bom = true;
        offset = 3;
        if (!forced) info.encoding = "utf-8";
        decode ??= decoderFor("utf-8");
      }
      hold(bom ? head.subarray(3) : head);
    }
    if (decode) return decodeOrFail(take(), atEnd);
    if (!sniffing) {
      const bytes = take();
      const start = firstNonAscii(bytes);
      if (start === -1) return ascii(bytes);
      sniffing = true;
      hold(bytes.subarray(start));
      return ascii(bytes.subarray(0, start)) + release(atEnd);
    }
    if (pendingLength < SNIFF_BYTES && !atEnd) return "";
    const window = take();
    const encoding: CsvEncoding = isUtf8(window, atEnd) ? "utf-8" : "windows-1252";
    info.encoding = encoding;
    decode = decoderFor(encoding);
    return decodeOrFail(window, atEnd);
  };

  for await (const chunk of source) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    hold(bytes);
    const text = release(false);
    if (text) yield text;
  }
  const rest = release(true);
  if (rest) yield rest;
}
