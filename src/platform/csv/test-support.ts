/** Helpers for the CSV tests: byte streams cut anywhere, Windows-1252 encoding, collecting output. */
import { Readable } from "node:stream";
import { decodeWindows1252 } from "./decode.ts";
import { type CsvInput, type CsvReader, type CsvRow, readCsv } from "./read.ts";

const cp1252 = new Map<string, number>();
for (let b = 0; b < 256; b++) cp1252.set(decodeWindows1252(Uint8Array.of(b)), b);

/** Characters that Windows-1252 can encode (what Excel's plain "CSV" format can hold). */
export const in1252 = (c: string): boolean => cp1252.has(c);

export function encode1252(text: string): Buffer {
  return Buffer.from(
    [...text].map((c) => {
      const b = cp1252.get(c);
      if (b === undefined) throw new Error(`Not in Windows-1252: ${c}`);
      return b;
    }),
  );
}

/** A byte stream delivering `bytes` in chunks of `size` (1 splits every multi-byte character). */
export function chunked(bytes: Uint8Array, size: number): Readable {
  function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield Buffer.from(bytes.subarray(i, i + size));
  }
  return Readable.from(chunks(), { objectMode: false });
}

export async function collect(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

export async function readAll(input: CsvInput): Promise<{ reader: CsvReader; rows: CsvRow[] }> {
  const reader = await readCsv(input);
  const rows: CsvRow[] = [];
  for await (const row of reader) rows.push(row);
  return { reader, rows };
}

/** The values of the good rows, for comparing with what was written. */
export const valuesOf = (rows: CsvRow[]): Record<string, string>[] =>
  rows.map((row) => (row.ok ? row.values : { error: `line ${row.line}` }));
