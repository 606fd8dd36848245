export type Separator = ";" | ",";

/** How many records of the sample we compare with the header. */
const SAMPLE_RECORDS = 50;

interface Counts {
  ";": number;
  ",": number;
}

/**
 * Counts the separators outside quotes in each record of the sample. A quote only opens a quoted
 * field at the start of a field (as tokenize.ts reads it), so `12" skærm` doesn't
 * throw the count off. The last record is dropped unless the sample is the whole file: it may be cut.
 */
function countPerRecord(sample: string, complete: boolean): Counts[] {
  const records: Counts[] = [];
  let counts: Counts = { ";": 0, ",": 0 };
  let blank = true;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < sample.length && records.length <= SAMPLE_RECORDS; i++) {
    const c = sample[i];
    if (inQuotes) {
      if (c === '"' && sample[i + 1] === '"') i++;
      else if (c === '"') inQuotes = fieldStart = false;
      continue;
    }
    if (c === "\r" || c === "\n") {
      if (!blank) records.push(counts);
      counts = { ";": 0, ",": 0 };
      blank = true;
      fieldStart = true;
      continue;
    }
    blank = false;
    if (c === ";" || c === ",") {
      counts[c]++;
      fieldStart = true;
    } else if (c === '"' && fieldStart) {
      inQuotes = true;
    } else if (c !== " " && c !== "\t") {
      fieldStart = false;
    }
  }
  if (complete && !blank) records.push(counts);
  return records;
}

/**
 * Chooses the separator from the start of the file:
 * 1. one that the header has and every sampled row has as often (the row has as many columns);
 *    if both qualify, ";" (Danish Excel's choice);
 * 2. else the one the header has more of (rows with wrong column counts are the user's to fix);
 * 3. a one-column file has no separator in its header: since the real separator is always quoted,
 *    an unquoted ";" in the rows means ",", an unquoted "," means ";"; otherwise ";" (it can't matter).
 */
export function detectSeparator(sample: string, complete: boolean): Separator {
  const [header, ...rows] = countPerRecord(sample, complete);
  if (!header) return ";";
  const fits = (s: Separator) => header[s] > 0 && rows.every((r) => r[s] === header[s]);
  if (fits(";")) return ";";
  if (fits(",")) return ",";
  if (header[";"] + header[","] > 0) return header[","] > header[";"] ? "," : ";";
  if (rows.some((r) => r[";"] > 0)) return ",";
  return ";";
}
