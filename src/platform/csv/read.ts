import { createReadStream } from "node:fs";
import { pipeline, Readable } from "node:stream";
import { CsvError as ParseError, Parser } from "csv-parse";
import { type CsvEncoding, decodeText, type EncodingInfo } from "./decode.ts";
import { CsvError } from "./errors.ts";
import { detectSeparator, type Separator } from "./sniff.ts";

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
/** No real row comes near this; a file with a stray quote soon does. */
const MAX_RECORD_BYTES = 1024 * 1024;

interface Parsed {
  line: number;
  cells: string[];
}

function toSource(input: CsvInput): AsyncIterable<Uint8Array | string> {
  if (typeof input === "string") return createReadStream(input);
  if (input instanceof Uint8Array) return Readable.from([input], { objectMode: false });
  return input;
}

const BREAK = /\r\n|\r|\n/g;

/** Line breaks inside quoted fields, counted the way an editor numbers lines (CRLF is one). */
function breaksIn(cells: string[]): number {
  let n = 0;
  for (const cell of cells) {
    if (cell.includes("\n") || cell.includes("\r")) n += cell.match(BREAK)?.length ?? 0;
  }
  return n;
}

/**
 * csv-parse that numbers records as it emits them. It counts here, synchronously, rather than in the
 * consumer, so the line is exact when a parse error discards records still buffered in the stream;
 * and not in on_record, which costs csv-parse a context object per record (twice the parse time).
 * Blank rows are dropped here too, after being counted.
 */
class NumberingParser extends Parser {
  /** Where the record csv-parse is working on starts. */
  nextLine = 1;

  override push(cells: string[] | null): boolean {
    if (cells === null) return super.push(null);
    const line = this.nextLine;
    this.nextLine += 1 + breaksIn(cells);
    if (cells.every((cell) => cell === "")) return true;
    return super.push({ line, cells } satisfies Parsed);
  }
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
function rowsFor(header: readonly string[]): (record: Parsed) => CsvRow {
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

  const parser = new NumberingParser({
    delimiter: separator,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true, // reported per row by rowsFor instead of failing the file
    relax_quotes: true, // a quote inside an unquoted field (`12" skærm`) is just a character
    trim: true,
    // An unclosed quote would otherwise make the rest of the file one field, all held in memory.
    max_record_size: MAX_RECORD_BYTES,
  });
  async function* all(): AsyncGenerator<string> {
    if (sample) yield sample;
    yield* text;
  }
  // Errors reach us through the parser, which pipeline destroys with them.
  pipeline(Readable.from(all()), parser, () => {});
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<Parsed>;
  const close = async () => {
    await records.return?.();
  };
  const next = async (): Promise<IteratorResult<Parsed>> => {
    try {
      return await records.next();
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      const reason = err.code === "CSV_MAX_RECORD_SIZE" ? "record_too_large" : "malformed";
      throw new CsvError(reason, { line: parser.nextLine });
    }
  };

  let header: string[];
  try {
    const first = await next();
    if (first.done) throw new CsvError("empty");
    header = first.value.cells.map((name) => name.trim());
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
        for (let r = await next(); !r.done; r = await next()) yield toRow(r.value);
      } finally {
        await close();
      }
    },
  };
}
