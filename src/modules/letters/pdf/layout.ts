import type { TFunction } from "i18next";
import { formatDate } from "../../../platform/dates.ts";
import type { LetterDocument } from "../letter-document.ts";
import { type FontName, textWidth, toWinAnsi } from "./winansi.ts";

/**
 * Where everything goes on the letter's pages, as plain data: an A4 page for a C5/C4 window
 * envelope, laid out after DIN 5008 (what Danish letters follow). Everything is in points with y
 * measured down from the top of the page, and every text is already WinAnsi (see winansi.ts).
 */
const mm = (v: number): number => (v * 72) / 25.4;

/** A4 in points, exactly as pdfkit's "A4" page size. */
const a4 = { width: 595.28, height: 841.89 };

const margin = { left: mm(20), right: a4.width - mm(20), top: mm(20), bottom: a4.height - mm(25) };
/** The envelope window: the recipient's name and address must stay inside it. */
const addressWindow = { x: mm(20), y: mm(45), width: mm(85), height: mm(40) };
/** The right-hand column beside the window: letterhead above, date and reference level with it. */
const column = { left: mm(115), right: margin.right };
const subjectTop = mm(100);
/** A payment slip (FI-kort) fills the foot of A4: keep the bottom 100 mm of page 1 clear for it. */
const slipTop = a4.height - mm(100);
const footerBaseline = a4.height - mm(12);

export const styles = {
  sender: { font: "Helvetica-Bold", size: 11, leading: 13, grey: false },
  senderLine: { font: "Helvetica", size: 9, leading: 11, grey: false },
  recipient: { font: "Helvetica", size: 11, leading: 13.5, grey: false },
  facts: { font: "Helvetica", size: 9, leading: 12, grey: false },
  subject: { font: "Helvetica-Bold", size: 12, leading: 15, grey: false },
  body: { font: "Helvetica", size: 11, leading: 14, grey: false },
  note: { font: "Helvetica", size: 8, leading: 10, grey: true },
} as const satisfies Record<string, { font: FontName; size: number; leading: number; grey: boolean }>;
export type StyleName = keyof typeof styles;

/** One line of text; y is its baseline. */
export interface Run {
  text: string;
  x: number;
  y: number;
  style: StyleName;
}
export interface PageLayout {
  runs: Run[];
  /** Thin horizontal rules, as [x1, x2, y]. */
  rules: [number, number, number][];
}

const width = (text: string, style: StyleName): number =>
  textWidth(text, styles[style].font, styles[style].size);
/** Baseline of a line whose capitals start at `top` (Helvetica's ascender is 718/1000). */
const baselineBelow = (top: number, style: StyleName): number => top + styles[style].size * 0.718;

/** Greedy word wrap; a word wider than the line (a long URL) is broken between characters. */
export function wrap(line: string, style: StyleName, maxWidth: number): string[] {
  const lines: string[] = [];
  const space = width(" ", style);
  let current = "";
  let used = 0;
  for (const word of line.split(" ").filter(Boolean)) {
    const wordWidth = width(word, style);
    if (current && used + space + wordWidth <= maxWidth) {
      current += ` ${word}`;
      used += space + wordWidth;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    used = wordWidth;
    while (used > maxWidth && current.length > 1) {
      let cut = current.length - 1;
      while (cut > 1 && width(current.slice(0, cut), style) > maxWidth) cut--;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
      used = width(current, style);
    }
  }
  lines.push(current);
  return lines;
}

interface FlowLine {
  text: string;
  style: StyleName;
  /** Extra space above the line, dropped at the top of a page. */
  gap: number;
}

/** Paragraphs are split on blank lines; a single newline inside one stays a line break. */
export function bodyLines(body: string): FlowLine[] {
  const paragraphs = body
    .replace(/\r\n?/g, "\n")
    .trim()
    .split(/\n[ \t]*\n\s*/);
  return paragraphs.flatMap((paragraph, p) =>
    paragraph.split("\n").flatMap((hardLine, h) =>
      wrap(toWinAnsi(hardLine), "body", margin.right - margin.left).map((text, w) => ({
        text,
        style: "body" as const,
        gap: p > 0 && h === 0 && w === 0 ? 7 : 0,
      })),
    ),
  );
}

/** Places the flowing lines (subject, body) on as many pages as they need. */
function paginate(lines: FlowLine[], paymentSlip: boolean): PageLayout[] {
  const pages: PageLayout[] = [{ runs: [], rules: [] }];
  let bottom = paymentSlip ? slipTop - mm(12) : margin.bottom;
  let y = baselineBelow(subjectTop, "subject");
  let atTop = true;
  for (const line of lines) {
    if (!atTop) y += line.gap;
    if (y > bottom) {
      pages.push({ runs: [], rules: [] });
      bottom = margin.bottom;
      y = baselineBelow(margin.top, "body");
    }
    pages.at(-1)!.runs.push({ text: line.text, x: margin.left, y, style: line.style });
    y += styles[line.style].leading;
    atTop = false;
  }
  return pages;
}

/**
 * A fixed block of lines from a first baseline, wrapped to its box and cut to `maxLines` so it
 * never runs into its neighbours; right-aligned blocks end at `x`.
 */
function block(lines: [string, StyleName][], x: number, y: number, box: Box, right = false): Run[] {
  const wrapped = lines.flatMap(([raw, style]) =>
    wrap(toWinAnsi(raw), style, box.width).map((text) => ({ text, style })),
  );
  return wrapped.slice(0, box.maxLines).map(({ text, style }) => {
    const run = { text, x: right ? x - width(text, style) : x, y, style };
    y += styles[style].leading;
    return run;
  });
}
interface Box {
  width: number;
  maxLines: number;
}

const columnBox = (maxLines: number): Box => ({ width: column.right - column.left, maxLines });
/** The first baseline in the window, which the date and reference share. */
const windowBaseline = baselineBelow(addressWindow.y + mm(2), "recipient");

/**
 * The organisation at the top right, ending above the window's level: a name of up to two lines,
 * a DAR address (at most three lines) and the CVR number.
 */
function letterhead(sender: LetterDocument["sender"], t: TFunction): Run[] {
  const name = wrap(toWinAnsi(sender.name), "sender", columnBox(2).width).slice(0, 2);
  const lines: [string, StyleName][] = [
    ...name.map((line): [string, StyleName] => [line, "sender"]),
    ...sender.addressLines.slice(0, 3).map((line): [string, StyleName] => [line, "senderLine"]),
  ];
  if (sender.cvr) lines.push([`${t("letters.pdf.cvr")} ${sender.cvr}`, "senderLine"]);
  return block(lines, column.right, baselineBelow(mm(15), "sender"), columnBox(6), true);
}

/** Name and address inside the envelope window, with as many lines as the window holds. */
function recipientBlock(recipient: LetterDocument["recipient"]): Run[] {
  const descent = styles.recipient.size * 0.207;
  const room = addressWindow.y + addressWindow.height - descent - windowBaseline;
  const maxLines = Math.floor(room / styles.recipient.leading) + 1;
  const lines = [recipient.name, ...recipient.addressLines].map((line): [string, StyleName] => [
    line,
    "recipient",
  ]);
  return block(lines, addressWindow.x, windowBaseline, { width: addressWindow.width, maxLines });
}

/** Date and reference at the right, level with the window, as Danish letters place them. */
function facts(doc: LetterDocument, t: TFunction): Run[] {
  const lines: [string, StyleName][] = [
    [`${t("letters.pdf.date")}: ${formatDate(doc.date, doc.language)}`, "facts"],
    [`${t("letters.pdf.reference")}: ${doc.reference}`, "facts"],
  ];
  return block(lines, column.right, windowBaseline, columnBox(4), true);
}

/** "Side 1 af 2" at the foot; above the payment slip's area when page 1 keeps one free. */
function footer(text: string, aboveSlip: boolean): Run {
  const y = aboveSlip ? slipTop - mm(5) : footerBaseline;
  return { text, x: margin.right - width(text, "note"), y, style: "note" };
}

/** The whole letter, page by page, with page numbers counted within the letter. */
export function layoutLetter(doc: LetterDocument, t: TFunction): PageLayout[] {
  const subject = wrap(toWinAnsi(doc.subject), "subject", margin.right - margin.left);
  const flow = subject.map((text): FlowLine => ({ text, style: "subject", gap: 0 }));
  const body = bodyLines(doc.body);
  if (body[0]) body[0].gap = 9; // a blank line's worth between subject and body
  const pages = paginate([...flow, ...body], doc.paymentSlip);
  const first = pages[0]!;
  first.runs.push(...letterhead(doc.sender, t), ...recipientBlock(doc.recipient), ...facts(doc, t));
  if (doc.paymentSlip) {
    first.rules.push([margin.left, margin.right, slipTop]);
    const note = toWinAnsi(String(t("letters.pdf.payment_slip")));
    first.runs.push({ text: note, x: margin.left, y: slipTop + mm(4), style: "note" });
  }
  pages.forEach((page, i) => {
    const text = toWinAnsi(String(t("letters.pdf.page", { page: i + 1, pages: pages.length })));
    page.runs.push(footer(text, i === 0 && doc.paymentSlip));
  });
  return pages;
}
