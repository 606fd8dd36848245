import { AppError } from "../errors.ts";

/**
 * Why a whole file cannot be read. Problems in single rows are not errors but rows
 * (see CsvRow), so an import can list them all with their line numbers.
 */
export type CsvErrorReason =
  | "empty" // no header line
  | "encoding_utf16" // Excel's "Unicode text"; we ask for "CSV UTF-8" instead
  | "encoding_invalid" // judged UTF-8 from its start, but invalid further on (params.byte)
  | "header_empty" // a column without a name (params.column, 1-based)
  | "header_duplicate" // two columns with the same trimmed name (params.name)
  | "malformed" // broken quoting that cannot be read past (params.line: where that record starts)
  | "record_too_large"; // a record over 1 MiB, nearly always a quote never closed (params.line)

/** A validation error (HTTP 400) whose message key is `csv.errors.<reason>`. */
export class CsvError extends AppError {
  constructor(
    readonly reason: CsvErrorReason,
    params?: Record<string, string | number>,
  ) {
    super("validation", `csv.errors.${reason}`, undefined, params);
  }
}
