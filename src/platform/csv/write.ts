import { pipeline, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { formatDecimal } from "./values.ts";

export { formatDecimal, formatOre } from "./values.ts";

export type CsvCell = string | number | null | undefined;
export type CsvRecord = Record<string, CsvCell>;

export interface WriteCsvOptions {
  /** Default ";", which Danish Excel splits into columns when the file is opened. */
  separator?: ";" | ",";
  /** Default true: without it Excel reads UTF-8 as Windows-1252 and æøå come out garbled. */
  bom?: boolean;
  /** How numbers are written; default: decimal comma with ";", decimal point with ",". */
  decimalComma?: boolean;
  /**
   * Prefix cells starting with = + - @ tab or CR with ' so Excel won't run them as formulas. Off by
   * default because it changes the data (readCsv does not undo it, and "-5" becomes "'-5"); turn it
   * on for exports meant only for people, of text that outsiders (tenants, applicants) typed.
   */
  escapeFormulas?: boolean;
}

/**
 * Streams rows as CSV text (UTF-8) with a header of `columns`, in that order; keys not in `columns`
 * are left out, missing ones and null are empty cells. Lines end in CRLF. Cells are quoted only where
 * needed — separator, quote, line break — and also when they start or end with whitespace, since
 * readCsv trims unquoted cells. Numbers go through formatDecimal, so readCsv + parseDecimal read them
 * back exactly; for øre amounts and dates pass strings from formatOre and formatDate.
 */
export function writeCsv(
  rows: AsyncIterable<CsvRecord> | Iterable<CsvRecord>,
  columns: readonly string[],
  options: WriteCsvOptions = {},
): Readable {
  const separator = options.separator ?? ";";
  const decimalComma = options.decimalComma ?? separator === ";";
  const stringifier = stringify({
    header: true,
    columns: [...columns],
    delimiter: separator,
    bom: options.bom ?? true,
    record_delimiter: "\r\n",
    quote_record_delimiter: true, // also quote a lone CR or LF, which readCsv takes as line breaks
    quoted_match: /^\s|\s$/,
    escape_formulas: options.escapeFormulas ?? false,
    cast: { number: (n) => formatDecimal(n, { decimalComma }) },
  });
  // Errors from `rows` reach the reader through the stringifier, which pipeline destroys with them.
  pipeline(Readable.from(rows), stringifier, () => {});
  return stringifier;
}
