import PDFDocument from "pdfkit";

/**
 * Text in the PDF's built-in fonts. Helvetica without an embedded font file can show only the
 * WinAnsi (Windows-1252) characters, one byte each; everything is measured and encoded here so
 * the letter layout never goes through pdfkit's per-call text machinery (see letter-pdf.ts).
 */
export type FontName = "Helvetica" | "Helvetica-Bold";

/** Windows-1252 bytes 0x80–0x9F in order; "\0" marks the five unused ones. */
const cp1252High = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";

/** Every encodable UTF-16 code and its byte; printable ASCII and Latin-1 map to themselves. */
const encodable = new Map<number, number>();
for (let code = 0x20; code <= 0xff; code++) if (code < 0x7f || code >= 0xa0) encodable.set(code, code);
for (let i = 0; i < cp1252High.length; i++) {
  if (cp1252High[i] !== "\0") encodable.set(cp1252High.charCodeAt(i), 0x80 + i);
}

const maxCode = Math.max(...encodable.keys()) + 1;
const hexByCode: string[] = new Array(maxCode).fill("");
for (const [code, byte] of encodable) hexByCode[code] = byte.toString(16).padStart(2, "0");

// Look-alikes WinAnsi lacks but Intl formatting and word processors produce.
const substitutes: Record<string, string> = {
  "\u2010": "-",
  "\u2011": "-",
  "\u2212": "-",
  "\u2007": "\u00a0",
  "\u202f": "\u00a0",
};
const invisible = /[\p{Cf}\p{Variation_Selector}]/gu; // soft hyphens, zero-width joiners, emoji selectors
// Latin-1 text but the soft hyphen (which WinAnsi would draw) is already NFC and drawable: the
// common case, returned as it is.
const plain = /^[\x20-\x7e\xa0-\xac\xae-\xff]*$/;

/** NFC text with every character the fonts cannot show replaced by "?" (one per code point). */
export function toWinAnsi(text: string): string {
  if (plain.test(text)) return text;
  let out = "";
  for (const char of text.normalize("NFC").replace(invisible, "")) {
    const code = char.codePointAt(0)!;
    if (encodable.has(code)) out += char;
    else out += substitutes[char] ?? (/\s/.test(char) ? " " : "?");
  }
  return out;
}

/** Glyph widths (per 1000 units of font size) by UTF-16 code, read once from pdfkit's AFM data. */
function widthTable(font: FontName): Float64Array {
  const probe = new PDFDocument({ autoFirstPage: false, font }).fontSize(1000);
  const table = new Float64Array(maxCode);
  for (const code of encodable.keys()) table[code] = probe.widthOfString(String.fromCharCode(code));
  return table;
}

const widths: Record<FontName, Float64Array> = {
  Helvetica: widthTable("Helvetica"),
  "Helvetica-Bold": widthTable("Helvetica-Bold"),
};

/** Width in points of WinAnsi text (from toWinAnsi); no kerning, as it is drawn. */
export function textWidth(text: string, font: FontName, size: number): number {
  const table = widths[font];
  let units = 0;
  for (let i = 0; i < text.length; i++) units += table[text.charCodeAt(i)] ?? 0;
  return (units * size) / 1000;
}

/** WinAnsi text (from toWinAnsi) as a PDF hex string body. */
export function toHex(text: string): string {
  let hex = "";
  for (let i = 0; i < text.length; i++) hex += hexByCode[text.charCodeAt(i)] || "3f";
  return hex;
}
