import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CsvEncoding, CsvRow } from "./read.ts";
import { chunked, collect, encode1252, in1252, readAll } from "./test-support.ts";
import { writeCsv } from "./write.ts";

// Header names as people write them; separators in header names are covered by the unit tests,
// since a header alone cannot always tell which character separates.
const headerName = fc
  .string({ unit: fc.constantFrom(..."abzÆØÅæøåé019 ._-"), minLength: 1, maxLength: 12 })
  .map((name) => name.trim())
  .filter((name) => name !== "");

// Everything that makes CSV hard: both separators, quotes, all three line breaks, whitespace that
// unquoted cells lose (tab, no-break space), formulas, and characters beyond one byte.
const cellUnits = [...'aZ1.-=;," \t\u00a0æøåÆØÅé€“', "\n", "\r\n", "\r", "😀", "ő", "Ω", "\ufeff"];
const cell = (encoding: CsvEncoding) =>
  fc.string({
    unit: fc.constantFrom(...cellUnits.filter((c) => encoding === "utf-8" || in1252(c))),
    maxLength: 12,
  });

const dialect = fc.record({
  separator: fc.constantFrom<";" | ",">(";", ","),
  encoding: fc.constantFrom<CsvEncoding>("utf-8", "windows-1252"),
  bom: fc.boolean(),
  chunkSize: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 64 }), fc.integer({ min: 65, max: 8192 })),
});

const scenario = dialect.chain((d) =>
  fc.uniqueArray(headerName, { minLength: 1, maxLength: 8 }).chain((header) =>
    fc.record({
      d: fc.constant(d),
      header: fc.constant(header),
      rows: fc.array(fc.array(cell(d.encoding), { minLength: header.length, maxLength: header.length }), {
        maxLength: 50,
      }),
    }),
  ),
);

const validUtf8 = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

const breaks = (cells: string[]) => cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

/** What readCsv should give back: every row but the blank ones, at its physical line. */
function expected(header: string[], rows: string[][]): CsvRow[] {
  let line = 2;
  const out: CsvRow[] = [];
  for (const cells of rows) {
    if (cells.some((c) => c !== "")) {
      out.push({ ok: true, line, values: Object.fromEntries(header.map((name, i) => [name, cells[i]])) });
    }
    line += 1 + breaks(cells);
  }
  return out;
}

describe("writeCsv → readCsv", () => {
  it("reads back any table in any accepted dialect, cut into any chunks", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ d, header, rows }) => {
        const utf8 = d.encoding === "utf-8";
        const records = rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
        const written = await collect(
          writeCsv(records, header, { separator: d.separator, bom: d.bom && utf8 }),
        );
        const text = written.toString("utf8");
        const file = utf8 ? written : encode1252(text);
        // Windows-1252 bytes that also form valid UTF-8 (e.g. "Ø" + no-break space = U+0620) are one
        // file with two readings; the reader then chooses UTF-8 (a unit test pins that down).
        fc.pre(utf8 || !/[^\p{ASCII}]/u.test(text) || !validUtf8(file));

        const { reader, rows: read } = await readAll(chunked(file, d.chunkSize));

        expect(reader.header).toEqual(header);
        expect(read).toEqual(expected(header, rows));
        expect(reader.dialect.bom).toBe(d.bom && utf8);
        // A one-column file has no separator to find, and it reads the same either way.
        if (header.length > 1) expect(reader.dialect.separator).toBe(d.separator);
        // Pure ASCII is both encodings at once; it is reported as UTF-8.
        const ascii = !/[^\p{ASCII}]/u.test(text.replace(/^\ufeff/, ""));
        expect(reader.dialect.encoding).toBe(ascii ? "utf-8" : d.encoding);
      }),
      { numRuns: 200 },
    );
  });
});
