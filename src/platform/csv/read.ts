import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { type CsvEncoding, decodeText, type EncodingInfo } from "./decode.ts";
import { CsvError } from "./errors.ts";
import { detectSeparator, type Separator } from "./sniff.ts";
import { type CsvRecord, CsvTokenizer } from "./tokenize.ts";

export type { CsvEncoding } from "./decode.ts";
export type { Separator } from "./sniff.ts";

export interface Dialect {
  separator: Separator;
  encoding: CsvEncoding;
  /** A UTF-8 byte order mark opened the file (it is never part of the first header name). */
  bom: boolean;
}

/** A row that does not fit the header: listed to the user by line, never a crash. */
export interface CsvRowError {
  code: "column_count";
  expected: number;
  actual: number;
}

/**
 * One record. `line` is the 1-based physical line where it starts (the header is line 1 unless blank
 * lines precede it); a quoted field with line breaks makes the next record start further down.
 */
export type CsvRow =
  | { ok: true; line: number; values: Record<string, string> }
  | { ok: false; line: number; error: CsvRowError; cells: string[] };

export interface CsvReader extends AsyncIterable<CsvRow> {
  /**
   * What was detected. `encoding` is final once a non-ASCII byte has been seen — nearly always within
   * the first 64 KiB, which readCsv reads before returning — and certainly after iterating; until
   * then the file was pure ASCII, which is valid UTF-8.
   */
  readonly dialect: Dialect;
  /** Column names, trimmed, non-empty and unique; the keys of every row's values. */
  readonly header: readonly string[];
  /** Releases the file when the rows will not be read to the end (breaking out of for-await does it too). */
  close(): Promise<void>;
}

export interface ReadCsvOptions {
  /** Skip detection, e.g. when the user told us. */
  encoding?: CsvEncoding;
  separator?: Separator;
}

/** A file path, the whole file, or a stream of its bytes. */
export type CsvInput = string | Uint8Array | AsyncIterable<Uint8Array | string> | Readable;

/** How much text is read to choose the separator; bounds memory for any file size. */
const SAMPLE_CHARS = 64 * 1024;
function toSource(input: CsvInput): AsyncIterable<Uint8Array | string> {
  if (typeof input === "string") return createReadStream(input);
  if (input instanceof Uint8Array) return Readable.from([input], { objectMode: false });
  return input;
}

function checkHeader(names: string[]): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === "") throw new CsvError("header_empty", { column: i + 1 });
    if (seen.has(name)) throw new CsvError("header_duplicate", { name });
    seen.add(name);
  });
}

/** Turns parsed records into rows keyed by the header. */
function rowsFor(header: readonly string[]): (record: CsvRecord) => CsvRow {
  // Assigning in a loop is several times faster than Object.fromEntries, which only a column named
  // "__proto__" needs (assignment would set the prototype instead of adding a key).
  const assignable = !header.includes("__proto__");
  return ({ line, cells }) => {
    if (cells.length !== header.length) {
      const error: CsvRowError = { code: "column_count", expected: header.length, actual: cells.length };
      return { ok: false, line, error, cells };
    }
    if (!assignable) {
      return { ok: true, line, values: Object.fromEntries(header.map((n, i) => [n, cells[i]])) };
    }
    const values: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) values[header[i]] = cells[i];
    return { ok: true, line, values };
  };
}

/**
 * Opens a CSV file as Danish users have them: UTF-8 (with or without BOM) or Windows-1252, ";" or ","
 * between fields, CRLF or LF, quoted fields with separators, quotes and line breaks inside.
 *
 * Resolves once the header is read; iterate the result (once) for the rows, with memory bounded by
 * the stream's buffers whatever the file size. Cells are trimmed unless quoted: `  a ;" b "` reads
 * as "a" and " b " (writeCsv quotes such cells, so export → import keeps them). Rows whose cells are
 * all empty — Excel's `;;;` for blank rows, and empty lines — are skipped but keep their line numbers.
 *
 * Throws CsvError for what makes the whole file unreadable (see CsvErrorReason), including broken
 * quoting met while iterating; a row with the wrong number of cells is yielded as `ok: false`.
 */
export async function readCsv(input: CsvInput, options: ReadCsvOptions = {}): Promise<CsvReader> {
  const info: EncodingInfo = { encoding: "utf-8", bom: false };
  const text = decodeText(toSource(input), info, options.encoding);
  let sample = "";
  let complete = false;
  while (sample.length < SAMPLE_CHARS && !complete) {
    const next = await text.next();
    if (next.done) complete = true;
    else sample += next.value;
  }
  const separator = options.separator ?? detectSeparator(sample, complete);

  const tokenizer = new CsvTokenizer(separator);
  /**
   * The records the tokenizer finds in one piece of text, as a batch. Its error is thrown after the
   * records before it, so the import still checks and reports every row up to a broken one.
   */
  function* parsed(feed: (out: CsvRecord[]) => void): Generator<CsvRecord[]> {
    const out: CsvRecord[] = [];
    let failure: unknown;
    try {
      feed(out);
    } catch (err) {
      failure = err;
    }
    if (out.length) yield out;
    if (failure) throw failure;
  }
  async function* batches(): AsyncGenerator<CsvRecord[]> {
    if (sample) yield* parsed((out) => tokenizer.push(sample, out));
    for await (const piece of text) yield* parsed((out) => tokenizer.push(piece, out));
    yield* parsed((out) => tokenizer.end(out));
  }
  const source = batches();
  let current: CsvRecord[] = [];
  let index = 0;
  const close = async () => {
    await source.return(undefined);
    await text.return(undefined);
  };
  const next = async (): Promise<CsvRecord | undefined> => {
    while (index === current.length) {
      const batch = await source.next();
      if (batch.done) return undefined;
      current = batch.value;
      index = 0;
    }
    return current[index++];
  };

  let header: string[];
  try {
    const first = await next();
    if (!first) throw new CsvError("empty");
    header = first.cells.map((name) => name.trim());
    checkHeader(header);
  } catch (err) {
    await close();
    throw err;
  }

  return {
    get dialect(): Dialect {
      return { separator, encoding: info.encoding, bom: info.bom };
    },
    header,
    close,
    async *[Symbol.asyncIterator]() {
      const toRow = rowsFor(header);
      try {
        for (let r = await next(); r; r = await next()) yield toRow(r);
      } finally {
        await close();
      }
    },
  };
}
