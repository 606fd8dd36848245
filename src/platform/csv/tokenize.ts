import { CsvError } from "./errors.ts";
import type { Separator } from "./sniff.ts";

/**
 * The CSV grammar readCsv accepts, as a tokenizer fed text in pieces of any size.
 *
 * - Records end at CRLF, LF or CR outside quotes; fields are split at the separator.
 * - A quote opens a quoted field only as the field's first character after leading whitespace;
 *   inside, `""` is a quote and separators and line breaks are text. Elsewhere a quote is just a
 *   character (`24" skærm`).
 * - Unquoted fields lose their leading and trailing whitespace (JavaScript's trim set); around a
 *   quoted field whitespace is skipped, and anything else after its closing quote is malformed.
 * - Each record carries the physical line it starts on: line breaks inside quoted fields count as
 *   lines, the way an editor numbers them (CRLF is one). Blank records (Excel's `;;;`, empty lines)
 *   are skipped, their lines still counted.
 *
 * This is the grammar csv-parse read with `relax_quotes` and `trim`, which readCsv used until the
 * applications import showed it at 8 µs a record, more than the import's own checks of a row. This
 * tokenizer reads a piece with `charCodeAt` and `indexOf`, and cuts each cell once: reading the
 * scale data's people file went from 0.7–1.1 s to 0.23–0.32 s per 100,000 rows
 * (`npm run bench -- csv.read`). DESIGN.md allows this: one reader, its hot path measured.
 */

/** A record and the physical line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** No real row comes near this; a file with a stray quote soon does. */
const MAX_RECORD_CHARS = 1024 * 1024;

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** JavaScript's whitespace (what String.prototype.trim removes), CR and LF aside, which end records. */
function isBlank(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return (
    c === 32 ||
    c === 9 ||
    c === 11 ||
    c === 12 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Line breaks in a quoted field's text: CRLF, CR and LF each count once. */
function breaksIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR) {
      n++;
      if (text.charCodeAt(i + 1) === LF && i + 1 < to) i++;
    }
  }
  return n;
}

/** What `record` returns when the text ends before the record does. */
const INCOMPLETE = -1;

export class CsvTokenizer {
  /** Text of a record not yet ended, carried over to the next piece. */
  private rest = "";
  private nextLine = 1;
  private readonly separator: number;

  constructor(separator: Separator) {
    this.separator = separator.charCodeAt(0);
  }

  /** Adds to `out` the records that end in `text` (appended to what was left over). */
  push(text: string, out: CsvRecord[]): void {
    this.scan(this.rest === "" ? text : this.rest + text, false, out);
  }

  /**
   * The last record, once the text has ended. Both throw CsvError for what cannot be read past (a
   * quote never closed, text after a closing quote, a record over MAX_RECORD_CHARS), after adding
   * to `out` the records before it.
   */
  end(out: CsvRecord[]): void {
    this.scan(this.rest, true, out);
  }

  private scan(text: string, final: boolean, out: CsvRecord[]): void {
    let at = 0;
    while (at < text.length) {
      const end = this.record(text, at, final, out);
      if (end === INCOMPLETE) break;
      at = end;
    }
    this.rest = at === 0 ? text : text.slice(at);
    if (this.rest.length > MAX_RECORD_CHARS) throw new CsvError("record_too_large", { line: this.nextLine });
  }

  /** Reads the record starting at `start`: the position after it, or INCOMPLETE. */
  private record(text: string, start: number, final: boolean, out: CsvRecord[]): number {
    const n = text.length;
    const sep = this.separator;
    const cells: string[] = [];
    let breaks = 0;
    let i = start;
    for (;;) {
      while (i < n && isBlank(text.charCodeAt(i))) i++;
      let c = text.charCodeAt(i);
      if (c === QUOTE) {
        // A quoted field: runs of text between quotes, `""` standing for one quote.
        const open = i;
        let value = "";
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close === -1 || (close === n - 1 && !final)) {
            if (!final) return INCOMPLETE;
            throw new CsvError(n - start > MAX_RECORD_CHARS ? "record_too_large" : "malformed", {
              line: this.nextLine,
            });
          }
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        breaks += breaksIn(text, open + 1, i - 1);
        cells.push(value);
        while (i < n && isBlank(text.charCodeAt(i))) i++;
        c = text.charCodeAt(i);
        if (i < n && c !== sep && c !== CR && c !== LF)
          throw new CsvError("malformed", { line: this.nextLine });
      } else {
        const from = i;
        while (i < n) {
          c = text.charCodeAt(i);
          if (c === sep || c === CR || c === LF) break;
          i++;
        }
        let to = i;
        while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
        cells.push(text.slice(from, to));
      }
      if (i >= n) {
        if (!final) return INCOMPLETE;
        break;
      }
      if (c === sep) {
        i++;
        continue;
      }
      // CR LF, LF or CR: a CR at the end of the text may be the first half of a CRLF.
      if (c === CR) {
        if (i + 1 >= n && !final) return INCOMPLETE;
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else i++;
      break;
    }
    if (i - start > MAX_RECORD_CHARS) throw new CsvError("record_too_large", { line: this.nextLine });
    if (cells.some((cell) => cell !== "")) out.push({ line: this.nextLine, cells });
    this.nextLine += 1 + breaks;
    return i;
  }
}
