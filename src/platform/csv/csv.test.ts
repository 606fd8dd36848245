import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CsvError } from "./errors.ts";
import { readCsv } from "./read.ts";
import { chunked, collect, encode1252, readAll, valuesOf } from "./test-support.ts";
import { writeCsv } from "./write.ts";

const bytes = (text: string) => Buffer.from(text, "utf8");

async function failure(input: Buffer): Promise<CsvError> {
  try {
    await readAll(input);
  } catch (err) {
    if (err instanceof CsvError) return err;
    throw err;
  }
  throw new Error("expected a CsvError");
}

describe("readCsv", () => {
  it("reads quoted fields with separators, quotes and line breaks, CRLF", async () => {
    const { reader, rows } = await readAll(
      bytes('Navn;Note\r\n"Hansen; Jens";"sagde ""hej"""\r\n"Ib";"to\r\nlinjer"\r\n'),
    );
    expect(reader.dialect).toEqual({ separator: ";", encoding: "utf-8", bom: false });
    expect(reader.header).toEqual(["Navn", "Note"]);
    expect(valuesOf(rows)).toEqual([
      { Navn: "Hansen; Jens", Note: 'sagde "hej"' },
      { Navn: "Ib", Note: "to\r\nlinjer" },
    ]);
  });

  it("reads comma-separated LF files with trailing empty lines", async () => {
    const { reader, rows } = await readAll(bytes('a,b\n1,"2,5"\n3,4\n\n'));
    expect(reader.dialect.separator).toBe(",");
    expect(valuesOf(rows)).toEqual([
      { a: "1", b: "2,5" },
      { a: "3", b: "4" },
    ]);
  });

  it("strips a UTF-8 BOM and reports it", async () => {
    const { reader, rows } = await readAll(bytes("\ufeffLejemål;Beløb\r\n1-2;5.432,50\r\n"));
    expect(reader.dialect).toEqual({ separator: ";", encoding: "utf-8", bom: true });
    expect(valuesOf(rows)).toEqual([{ Lejemål: "1-2", Beløb: "5.432,50" }]);
  });

  it("detects Windows-1252, including € and smart quotes", async () => {
    const text = "Navn;By\r\nÆble Øster;Århus é\r\n“Citat” €;æøå\r\n";
    const { reader, rows } = await readAll(encode1252(text));
    expect(reader.dialect).toEqual({ separator: ";", encoding: "windows-1252", bom: false });
    expect(valuesOf(rows)).toEqual([
      { Navn: "Æble Øster", By: "Århus é" },
      { Navn: "“Citat” €", By: "æøå" },
    ]);
  });

  it("handles chunks that split multi-byte characters (1-byte chunks)", async () => {
    const text = "navn;tegn\nÆblegården;€ 😀\nø;å\n";
    const utf8 = await readAll(chunked(bytes(text), 1));
    expect(utf8.reader.dialect.encoding).toBe("utf-8");
    expect(valuesOf(utf8.rows)).toEqual([
      { navn: "Æblegården", tegn: "€ 😀" },
      { navn: "ø", tegn: "å" },
    ]);
    const cp = await readAll(chunked(encode1252("navn;by\nø;Å\n"), 1));
    expect(cp.reader.dialect.encoding).toBe("windows-1252");
    expect(valuesOf(cp.rows)).toEqual([{ navn: "ø", by: "Å" }]);
  });

  it("reports rows with the wrong number of cells by line, and reads on", async () => {
    const { rows } = await readAll(bytes("a;b\n1;2\n3\n4;5;6\n7;8\n"));
    expect(rows).toEqual([
      { ok: true, line: 2, values: { a: "1", b: "2" } },
      { ok: false, line: 3, error: { code: "column_count", expected: 2, actual: 1 }, cells: ["3"] },
      { ok: false, line: 4, error: { code: "column_count", expected: 2, actual: 3 }, cells: ["4", "5", "6"] },
      { ok: true, line: 5, values: { a: "7", b: "8" } },
    ]);
  });

  it("numbers lines physically across multi-line fields and skipped blank rows", async () => {
    const text = 'a;b\r\n"x\r\ny\r\nz";1\r\n\r\n;\r\n"p\nq";2\r\nlast;3';
    const { rows } = await readAll(bytes(text));
    expect(rows.map((r) => r.line)).toEqual([2, 7, 9]);
  });

  it("trims unquoted cells and header names, keeps quoted cells as they are", async () => {
    const { reader, rows } = await readAll(bytes(' Navn ; "By " \n  Ib  ;"  Ry "\n'));
    expect(reader.header).toEqual(["Navn", "By"]);
    expect(valuesOf(rows)).toEqual([{ Navn: "Ib", By: "  Ry " }]);
  });

  it("chooses the separator from the header, ignoring quoted ones", async () => {
    const semi = await readAll(bytes("Navn;Beløb, kr.;Dato\nIb;1,5;1-1-2026\n"));
    expect(semi.reader.dialect.separator).toBe(";");
    const comma = await readAll(bytes('"a;b",c\n"1;2",3\n'));
    expect(comma.reader.dialect.separator).toBe(",");
    expect(valuesOf(comma.rows)).toEqual([{ "a;b": "1;2", c: "3" }]);
    const oneColumn = await readAll(bytes("Navn\nHansen; Jens\n"));
    expect(oneColumn.reader.dialect.separator).toBe(",");
    expect(valuesOf(oneColumn.rows)).toEqual([{ Navn: "Hansen; Jens" }]);
  });

  it("takes a quote inside an unquoted cell as a character", async () => {
    const { rows } = await readAll(bytes('vare;pris\n24" skærm;100\n'));
    expect(valuesOf(rows)).toEqual([{ vare: '24" skærm', pris: "100" }]);
  });

  it("reads Windows-1252 bytes that are also valid UTF-8 as UTF-8, unless told otherwise", async () => {
    // "Ø" + no-break space in Windows-1252 is D8 A0: the UTF-8 for U+0620. Only the user can tell.
    const file = encode1252('navn\n"Ø\u00a0"\n');
    expect(valuesOf((await readAll(file)).rows)).toEqual([{ navn: "\u0620" }]);
    const forced = await readCsv(file, { encoding: "windows-1252" });
    const rows = [];
    for await (const row of forced) rows.push(row);
    expect(valuesOf(rows)).toEqual([{ navn: "Ø\u00a0" }]);
  });

  it("honours a forced encoding and separator", async () => {
    const reader = await readCsv(bytes("a,b;c\n1,2;3\n"), { separator: ",", encoding: "windows-1252" });
    expect(reader.dialect).toEqual({ separator: ",", encoding: "windows-1252", bom: false });
    expect(reader.header).toEqual(["a", "b;c"]);
    await reader.close();
  });

  it("rejects files it cannot read as a whole, with a reason", async () => {
    expect((await failure(bytes(""))).reason).toBe("empty");
    expect((await failure(bytes("\n;;\n"))).reason).toBe("empty");
    expect((await failure(bytes("a;b;a\n"))).params).toEqual({ name: "a" });
    expect((await failure(bytes("a;;b\n"))).params).toEqual({ column: 2 });
    expect((await failure(Buffer.from([0xff, 0xfe, 0x61, 0]))).reason).toBe("encoding_utf16");
    const broken = await failure(bytes('a;b\n1;2\n"x\ny"z;3\n4;5\n'));
    expect([broken.reason, broken.params]).toEqual(["malformed", { line: 3 }]);
    const unclosed = await failure(bytes('a;b\n1;2\n"open;3\n4;5\n'));
    expect([unclosed.reason, unclosed.params]).toEqual(["malformed", { line: 3 }]);
    const runaway = await failure(bytes(`a;b\n1;"2\n${"x;y\n".repeat(300_000)}`));
    expect([runaway.reason, runaway.params]).toEqual(["record_too_large", { line: 2 }]);
  });

  it("reads the rows before a broken record, then stops with its line", async () => {
    const reader = await readCsv(bytes('a;b\n1;2\n\n"x"y;3\n4;5\n'));
    const rows: unknown[] = [];
    let error: unknown;
    try {
      for await (const row of reader) rows.push(row);
    } catch (err) {
      error = err;
    }
    expect(rows).toEqual([{ ok: true, line: 2, values: { a: "1", b: "2" } }]);
    expect(error).toBeInstanceOf(CsvError);
    expect([(error as CsvError).reason, (error as CsvError).params]).toEqual(["malformed", { line: 4 }]);
  });

  it("skips whitespace around a quoted cell, ends a record at a lone CR, reads a last line without a break", async () => {
    const { rows } = await readAll(bytes('a;b\r\n  "x; y" \t;  "" \r\n"z"\r;w'));
    expect(rows).toEqual([
      { ok: true, line: 2, values: { a: "x; y", b: "" } },
      { ok: false, line: 3, error: { code: "column_count", expected: 2, actual: 1 }, cells: ["z"] },
      { ok: true, line: 4, values: { a: "", b: "w" } },
    ]);
  });

  it("decides the encoding at the first non-ASCII byte, however late", async () => {
    const file = encode1252(`id;navn\n${"1;Ib\n".repeat(30_000)}2;Søren\n`);
    const reader = await readCsv(chunked(file, 16 * 1024));
    expect(reader.dialect.encoding).toBe("utf-8"); // so far only ASCII, which is valid UTF-8
    let last: unknown;
    for await (const row of reader) last = row;
    expect(last).toEqual({ ok: true, line: 30_002, values: { id: "2", navn: "Søren" } });
    expect(reader.dialect.encoding).toBe("windows-1252");
  });

  it("rejects a file that turns invalid after it was judged UTF-8", async () => {
    const start = bytes(`navn\nø\n${`${"x".repeat(999)}\n`.repeat(120)}`);
    const file = Buffer.concat([start, encode1252("å\n")]);
    let error: unknown;
    try {
      await readAll(chunked(file, 16 * 1024));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).reason).toBe("encoding_invalid");
    // Reported as the start of the chunk that held the bad byte.
    expect((error as CsvError).params?.byte).toBe(Math.floor(start.length / 16384) * 16384);
  });

  it("reads a file by path, and releases it when not read to the end", async () => {
    const dir = await mkdtemp(join(tmpdir(), "almen-csv-"));
    try {
      const path = join(dir, "data.csv");
      await writeFile(path, encode1252("id;navn\n1;Søren\n2;Åse\n"));
      const { rows } = await readAll(path);
      expect(valuesOf(rows)).toEqual([
        { id: "1", navn: "Søren" },
        { id: "2", navn: "Åse" },
      ]);
      for await (const row of await readCsv(path)) {
        expect(row.line).toBe(2);
        break;
      }
      await (await readCsv(path)).close();
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("streams a 200k-row file", async () => {
    function* lines() {
      yield Buffer.from("id;navn;beløb\r\n");
      for (let i = 1; i <= 200_000; i += 1000) {
        let block = "";
        for (let j = i; j < i + 1000; j++) block += `${j};"Åse ""${j}""";${j},50\r\n`;
        yield Buffer.from(block);
      }
    }
    let count = 0;
    let last: unknown;
    for await (const row of await readCsv(Readable.from(lines()))) {
      count++;
      last = row;
    }
    expect(count).toBe(200_000);
    expect(last).toEqual({
      ok: true,
      line: 200_001,
      values: { id: "200000", navn: 'Åse "200000"', beløb: "200000,50" },
    });
  });
});

describe("writeCsv", () => {
  it("writes what Danish Excel opens: BOM, semicolons, CRLF, decimal comma, quoting only if needed", async () => {
    const rows = [
      { navn: "Ib", beløb: 1234.5, note: null },
      { navn: " Åse ", beløb: -0.25, note: 'a;b "c"\nd' },
    ];
    const text = (await collect(writeCsv(rows, ["navn", "beløb", "note"]))).toString("utf8");
    expect(text).toBe('\ufeffnavn;beløb;note\r\nIb;1234,5;\r\n" Åse ";-0,25;"a;b ""c""\nd"\r\n');
  });

  it("writes comma-separated files with decimal points, from async rows, without BOM", async () => {
    async function* rows() {
      yield { a: 1.5, b: "x,y" };
      yield { a: 2 };
    }
    const text = (await collect(writeCsv(rows(), ["a", "b"], { separator: ",", bom: false }))).toString();
    expect(text).toBe('a,b\r\n1.5,"x,y"\r\n2,\r\n');
  });

  it("can defuse formulas for exports meant only for people", async () => {
    const out = writeCsv([{ a: "=HYPERLINK(1)" }], ["a"], { bom: false, escapeFormulas: true });
    expect((await collect(out)).toString()).toBe("a\r\n'=HYPERLINK(1)\r\n");
  });

  it("passes an error from the rows on to the reader of the stream", async () => {
    function* rows() {
      yield { a: "1" };
      throw new Error("database gone");
    }
    await expect(collect(writeCsv(rows(), ["a"]))).rejects.toThrow("database gone");
  });
});
