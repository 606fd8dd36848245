import PDFDocument from "pdfkit";
import { translator } from "../../../platform/i18n/index.ts";
import type { LetterDocument } from "../letter-document.ts";
import { layoutLetter, type PageLayout, styles } from "./layout.ts";
import { type FontName, toHex } from "./winansi.ts";

/**
 * Letters as PDF. pdfkit builds the file (objects, pages, compression, metadata); the page
 * content is written here as PDF operators from the layout in layout.ts. pdfkit's text() parses
 * the font metrics anew in every document (~0.5 ms per font) and measures every string several
 * times with kerning (~50 µs a line), which alone would cost more than the outbox's 2 ms a
 * letter; drawing pre-measured WinAnsi lines ourselves costs a few µs a line.
 */
type Pdf = PDFKit.PDFDocument;

const resourceNames: Record<FontName, string> = { Helvetica: "F1", "Helvetica-Bold": "F2" };
const num = (v: number): string => String(Math.round(v * 100) / 100);

/** The two standard fonts, one dictionary each per file, shared by all its pages. */
const fontDictionaries = new WeakMap<Pdf, Record<string, PDFKit.PDFKitReference>>();
function fontsOf(pdf: Pdf): Record<string, PDFKit.PDFKitReference> {
  let fonts = fontDictionaries.get(pdf);
  if (!fonts) {
    fonts = {};
    for (const [font, name] of Object.entries(resourceNames)) {
      const ref = pdf.ref({ Type: "Font", Subtype: "Type1", BaseFont: font, Encoding: "WinAnsiEncoding" });
      ref.finalize(); // written out now, as end() would (whose typing wants a chunk)
      fonts[name] = ref;
    }
    fontDictionaries.set(pdf, fonts);
  }
  return fonts;
}

/**
 * One page's content stream. pdfkit has flipped the page so y runs down from the top; the text
 * matrix flips each line back upright, so layout coordinates are used as they are.
 */
function pageContent(page: PageLayout): string {
  const ops = ["q"];
  for (const [x1, x2, y] of page.rules)
    ops.push(`0.75 G 0.5 w ${num(x1)} ${num(y)} m ${num(x2)} ${num(y)} l S`);
  ops.push("BT");
  let font = "";
  let grey: boolean | null = null;
  for (const run of page.runs) {
    const style = styles[run.style];
    const tf = `/${resourceNames[style.font]} ${style.size} Tf`;
    if (tf !== font) ops.push(tf);
    if (style.grey !== grey) ops.push(style.grey ? "0.4 g" : "0 g");
    font = tf;
    grey = style.grey;
    ops.push(`1 0 0 -1 ${num(run.x)} ${num(run.y)} Tm <${toHex(run.text)}> Tj`);
  }
  ops.push("ET", "Q");
  return ops.join("\n");
}

/**
 * Draws one letter on new pages at the end of `pdf` and answers how many it took. The stored PDF
 * and the print batch both go through here, so a printed letter is the letter on file.
 */
export function drawLetter(pdf: Pdf, doc: LetterDocument): number {
  const pages = layoutLetter(doc, translator(doc.language));
  const fonts = fontsOf(pdf);
  for (const page of pages) {
    pdf.addPage();
    Object.assign(pdf.page.fonts, fonts);
    pdf.addContent(pageContent(page));
  }
  return pages.length;
}

/** Midnight UTC of the letter's date: a fixed timestamp makes re-rendering byte-identical. */
function dateOf(isoDate: string): Date {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

function newPdf(lang: string, info: PDFKit.DocumentInfo): Pdf {
  // font: "" keeps pdfkit from loading Helvetica's metrics for text() calls this module never makes.
  return new PDFDocument({
    size: "A4",
    autoFirstPage: false,
    font: "",
    pdfVersion: "1.4",
    lang,
    displayTitle: true,
    info,
  });
}

/**
 * Ends the file and returns its bytes. pdfkit writes everything synchronously inside end(), so
 * the whole file is normally waiting in the stream already; reading it at once spares a round of
 * 'data' events per letter. Should a pdfkit version ever finish later, the events take over.
 */
function finish(pdf: Pdf): Promise<Buffer> {
  pdf.end();
  const head = (pdf.read() as Buffer | null) ?? Buffer.alloc(0);
  if (head.subarray(-6).toString("latin1") === "%%EOF\n") return Promise.resolve(head);
  return new Promise((resolve, reject) => {
    const chunks = [head];
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
}

/** One letter as an A4 PDF, as stored and sent. */
export function renderLetterPdf(doc: LetterDocument): Promise<Buffer> {
  const date = dateOf(doc.date);
  const pdf = newPdf(doc.language, {
    Title: doc.subject,
    Author: doc.sender.name,
    Creator: "almen",
    CreationDate: date,
    ModDate: date,
  });
  drawLetter(pdf, doc);
  return finish(pdf);
}

/**
 * Paper letters for printing duplex in one file: each letter starts on the front of a new sheet
 * (an odd page), so its address faces the envelope window; an odd-length letter gets a blank back.
 */
export function renderPrintBatch(docs: LetterDocument[]): Promise<Buffer> {
  if (docs.length === 0) return Promise.reject(new RangeError("A print batch needs at least one letter"));
  const dates = docs.map((d) => d.date).sort(); // ISO dates sort as text
  const latest = dateOf(dates.at(-1)!);
  const pdf = newPdf("da", { Creator: "almen", CreationDate: latest, ModDate: latest });
  let pages = 0;
  for (const doc of docs) {
    if (pages % 2 === 1) {
      pdf.addPage(); // blank back of the previous letter's last sheet: no page number
      pages++;
    }
    pages += drawLetter(pdf, doc);
  }
  return finish(pdf);
}
