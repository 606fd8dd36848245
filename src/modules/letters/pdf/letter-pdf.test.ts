import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { translator } from "../../../platform/i18n/index.ts";
import type { LetterDocument } from "../letter-document.ts";
import { layoutLetter, styles, wrap } from "./layout.ts";
import { renderLetterPdf, renderPrintBatch } from "./letter-pdf.ts";
import { textWidth, toWinAnsi } from "./winansi.ts";

const paragraph =
  "Vi skal udskifte vandrørene i opgang 3, og vandet vil derfor være lukket fra kl. 8 til kl. 15. " +
  "Vi beklager ulejligheden og takker for jeres tålmodighed.";
const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1}. ${paragraph}`).join("\n\n");

const letter = (over: Partial<LetterDocument> = {}): LetterDocument => ({
  letterId: "0192f3a4-0000-7000-8000-000000000001",
  reference: "B-7K3F-92QA",
  language: "da",
  date: "2026-11-27",
  sender: {
    name: "Boligselskabet Æblehaven",
    addressLines: ["Æblevej 12, st.", "2700 Brønshøj"],
    cvr: "12345678",
  },
  recipient: { name: "Søren Østergaard", addressLines: ["Ågade 7, 2. th.", "2200 København N"] },
  subject: "Varsel om lukning af vandet i opgang 3",
  body: `Kære beboer\n\n${paragraph}\n\nMed venlig hilsen\nDriftskontoret`,
  paymentSlip: false,
  ...over,
});

/** Page objects, not the /Pages tree node. */
const pageCount = (pdf: Buffer): number => pdf.toString("latin1").match(/\/Type \/Page(?!s)/g)?.length ?? 0;

/**
 * The text of each page, one line per string drawn. Page contents are deflated (pdfkit always
 * compresses) and come in page order; text is drawn as hex strings of WinAnsi bytes, which
 * Latin-1 decodes for the letters tested here.
 */
function pageTexts(pdf: Buffer): string[] {
  const file = pdf.toString("latin1");
  const texts: string[] = [];
  for (const [, dict, data] of file.matchAll(/<<([^<>]*)>>\nstream\n([\s\S]*?)\nendstream/g)) {
    if (!dict!.includes("/FlateDecode")) continue;
    const content = inflateSync(Buffer.from(data!, "latin1")).toString("latin1");
    const strings = [...content.matchAll(/<([0-9a-fA-F]*)>/g)];
    texts.push(strings.map(([, hex]) => Buffer.from(hex!, "hex").toString("latin1")).join("\n"));
  }
  return texts;
}

/** A document-information entry: pdfkit writes each value as its own object, Unicode as UTF-16BE. */
function info(pdf: Buffer, key: string): string | undefined {
  const file = pdf.toString("latin1");
  const ref = file.match(new RegExp(`/${key} (\\d+) 0 R`))?.[1];
  const literal = file.match(new RegExp(`\\n${ref} 0 obj\\n\\((.*)\\)\\nendobj`))?.[1];
  if (literal === undefined) return undefined;
  if (!literal.startsWith("\u00fe\u00ff")) return literal;
  return Buffer.from(literal.slice(2), "latin1").swap16().toString("utf16le");
}

describe("renderLetterPdf", () => {
  it("renders a short Danish letter on one A4 page with every part of the letter", async () => {
    const pdf = await renderLetterPdf(letter());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/MediaBox [0 0 595.28 841.89]");
    expect(pageCount(pdf)).toBe(1);
    const [text] = pageTexts(pdf);
    const lines = text!.split("\n");
    for (const line of [
      "Boligselskabet Æblehaven",
      "Æblevej 12, st.",
      "2700 Brønshøj",
      "CVR-nr. 12345678",
      "Søren Østergaard",
      "Ågade 7, 2. th.",
      "2200 København N",
      "Dato: 27. november 2026",
      "Vores reference: B-7K3F-92QA",
      "Varsel om lukning af vandet i opgang 3",
      "Kære beboer",
      "Med venlig hilsen",
      "Driftskontoret",
      "Side 1 af 1",
    ]) {
      expect(lines).toContain(line);
    }
    expect(text).toContain("tålmodighed.");
  });

  it("writes an English letter's labels in English", async () => {
    const [text] = pageTexts(await renderLetterPdf(letter({ language: "en" })));
    expect(text).toContain("Page 1 of 1");
    expect(text).toContain("Date: 27 November 2026");
    expect(text).toContain("Our reference: B-7K3F-92QA");
    expect(text).toContain("CVR no. 12345678");
  });

  it("sets the metadata from the letter and renders the same document to the same bytes", async () => {
    const doc = letter({ subject: "Påkrav om betaling", language: "en" });
    const pdf = await renderLetterPdf(doc);
    expect(info(pdf, "Title")).toBe("Påkrav om betaling");
    expect(info(pdf, "Author")).toBe("Boligselskabet Æblehaven");
    expect(info(pdf, "Creator")).toBe("almen");
    expect(info(pdf, "CreationDate")).toBe("D:20261127000000Z");
    expect(info(pdf, "ModDate")).toBe("D:20261127000000Z");
    expect(pdf.toString("latin1")).toContain("/Lang (en)");
    expect((await renderLetterPdf(doc)).equals(pdf)).toBe(true);
  });

  it("flows a long body onto further pages, numbered within the letter", async () => {
    const pdf = await renderLetterPdf(letter({ body: paragraphs(40) }));
    const pages = pageTexts(pdf);
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    expect(pages).toHaveLength(pageCount(pdf));
    pages.forEach((text, i) => {
      expect(text).toContain(`Side ${i + 1} af ${pages.length}`);
    });
    expect(pages[0]).toContain("Søren Østergaard");
    expect(pages.at(-1)).toContain("40. Vi skal udskifte");
    for (let i = 1; i <= 40; i++) expect(pages.join("\n")).toContain(`${i}. Vi skal udskifte`);
  });

  it("keeps the foot of page 1 free for a payment slip, continuing the body on page 2", async () => {
    const medium = { body: paragraphs(7) };
    expect(pageCount(await renderLetterPdf(letter(medium)))).toBe(1);
    const pdf = await renderLetterPdf(letter({ ...medium, paymentSlip: true }));
    expect(pageCount(pdf)).toBe(2);
    const [first, second] = pageTexts(pdf);
    expect(first).toContain("Plads til indbetalingskort");
    expect(first).toContain("Side 1 af 2");
    expect(second).toContain("7. Vi skal udskifte");
    expect(second).toContain("Side 2 af 2");
    expect(second).not.toContain("Plads til indbetalingskort");
  });

  it("replaces characters the built-in fonts lack with ? instead of failing", async () => {
    const doc = letter({
      subject: "Łódź 🎉 påkrav",
      recipient: { name: "Jan Kowalski-Łukasz", addressLines: ["Ågade 7", "2200 København N"] },
    });
    const [text] = pageTexts(await renderLetterPdf(doc));
    expect(text).toContain("?ód? ? påkrav");
    expect(text).toContain("Jan Kowalski-?ukasz");
  });
});

describe("renderPrintBatch", () => {
  const named = (name: string, body = paragraph) =>
    letter({ recipient: { name, addressLines: ["Ågade 7", "2200 København N"] }, body });
  const twoPages = named("Bent Hansen", paragraphs(20));

  it("starts every letter on an odd page, padding with blank unnumbered backs", async () => {
    expect(pageCount(await renderLetterPdf(twoPages))).toBe(2);
    const pdf = await renderPrintBatch([named("Anna Holm"), twoPages, named("Carl Berg")]);
    // Anna 1, blank back 2, Bent 3–4, Carl 5: no padding after the last letter.
    expect(pageCount(pdf)).toBe(5);
    const pages = pageTexts(pdf);
    expect(pages).toHaveLength(5);
    expect(pages[0]).toContain("Anna Holm");
    expect(pages[0]).toContain("Side 1 af 1");
    expect(pages[1]).toBe("");
    expect(pages[2]).toContain("Bent Hansen");
    expect(pages[2]).toContain("Side 1 af 2");
    expect(pages[3]).toContain("Side 2 af 2");
    expect(pages[4]).toContain("Carl Berg");
    expect(pages[4]).toContain("Side 1 af 1");
  });

  it("pads after each odd-length letter and not after even-length ones", async () => {
    expect(pageCount(await renderPrintBatch([named("A"), named("B"), named("C")]))).toBe(5);
    expect(pageCount(await renderPrintBatch([twoPages, twoPages, named("C")]))).toBe(5);
    expect(pageCount(await renderPrintBatch([named("A")]))).toBe(1);
  });

  it("draws each letter exactly as its own PDF", async () => {
    const alone = pageTexts(await renderLetterPdf(twoPages));
    const batch = pageTexts(await renderPrintBatch([named("Anna Holm"), twoPages]));
    expect(batch.slice(2)).toEqual(alone);
  });

  it("refuses an empty batch", async () => {
    await expect(renderPrintBatch([])).rejects.toThrow(RangeError);
  });
});

describe("letter layout", () => {
  const mm = (pt: number) => (pt * 25.4) / 72;

  it("puts the recipient in the envelope window and the subject at 100 mm", () => {
    const doc = letter({
      recipient: {
        name: "Søren Østergaard",
        addressLines: Array.from({ length: 12 }, (_, i) => `Linje ${i}`),
      },
    });
    const [first] = layoutLetter(doc, translator("da"));
    const recipient = first!.runs.filter((r) => r.style === "recipient");
    expect(recipient[0]!.text).toBe("Søren Østergaard");
    expect(recipient.length).toBeLessThan(13); // as many lines as the window holds
    for (const run of recipient) {
      expect(mm(run.x)).toBeCloseTo(20, 5);
      expect(mm(run.y)).toBeGreaterThan(45);
      expect(mm(run.y)).toBeLessThan(85);
    }
    const subject = first!.runs.find((r) => r.style === "subject")!;
    expect(mm(subject.y)).toBeGreaterThan(100);
    expect(mm(subject.y)).toBeLessThan(105);
  });

  it("wraps lines within the width, breaking words too long for a line", () => {
    const max = 200;
    const lines = wrap(`${paragraph} https://example.dk/${"x".repeat(120)}`, "body", max);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(textWidth(line, styles.body.font, styles.body.size)).toBeLessThanOrEqual(max);
    }
    expect(lines.join("")).toContain("x".repeat(30));
  });
});

describe("toWinAnsi", () => {
  it("keeps what WinAnsi holds and replaces the rest with ? per character", () => {
    expect(toWinAnsi("æøå ÆØÅ é ü – € “citat”")).toBe("æøå ÆØÅ é ü – € “citat”");
    expect(toWinAnsi("Łódź 🎉")).toBe("?ód? ?");
    expect(toWinAnsi("e\u0301")).toBe("é"); // NFC first: a combining accent joins its letter
    expect(toWinAnsi("❤️ ok")).toBe("? ok"); // the emoji selector is invisible, not a second ?
    expect(toWinAnsi("bolig\u00adselskab −5\u202fkr.\tx")).toBe("boligselskab -5\u00a0kr. x");
    expect(toWinAnsi("bolig\u00adselskab")).toBe("boligselskab"); // a soft hyphen alone, too
  });
});
