/**
 * Digital Post messages in MeMo 1.1 (Digitaliseringsstyrelsen's "MeddelelsesModel").
 *
 * Element names, order and namespaces follow the published MeMo 1.1 examples
 * (MeMo_Minimum_Example.xml, MeMo_Full_Example.xml on digitaliser.dk) and the official Java
 * memo-lib model (dk.digst.digital.post.memolib): everything we use, Sender and Recipient
 * children included, is in the memo namespace; the grd/gln/kle... namespaces are only for
 * structured data (CPRdata, Address...) that we do not send.
 */
import { isValidCvr } from "../../masterdata/index.ts";

export interface MemoInput {
  /** UUID v4: the MeMo 1.1 schema pins messageUUID to version 4. */
  messageUuid: string;
  /** Our letter id (a UUIDv7). */
  messageId: string;
  label: string;
  notification?: string;
  mandatory: boolean;
  legalNotification: boolean;
  sender: { cvr: string; label: string };
  /** CPR: 10 digits, a dash allowed in input. CVR: 8 digits. */
  recipient: { id: string; idType: "CPR" | "CVR"; label?: string };
  createdAt: Date;
  document: { filename: string; language: "da" | "en"; title: string; pdf: Buffer };
}

const MEMO_NS = "https://DigitalPost.dk/MeMo-1";
/**
 * postType was added in MeMo 1.1 to tell business post from authority post (MYNDIGHEDSPOST)
 * for senders that are not in the authorities' contact structure. A housing organisation is a
 * private body (DOMAIN.md), not an authority, so its letters are business post.
 */
const POST_TYPE = "VIRKSOMHEDSPOST";
const LIMITS = { label: 256, notification: 150, text: 256 } as const;

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const UUID_ANY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CPR_INPUT = /^\d{6}-?\d{4}$/;
const CPR_LIKE = /\d{6}[- ]?\d{4}/g;
const CPR_MASK = "XXXXXX-XXXX";
/** Everything outside XML 1.0's Char production, lone surrogates included. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const graphemes = new Intl.Segmenter("da", { granularity: "grapheme" });
const codePoints = (s: string): number => [...s].length;

export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/**
 * The recipient's own CPR number, however it is spaced or punctuated ("010203/1234",
 * "01.02.03--12 34"), so it cannot slip past the generic CPR pattern.
 */
function ownCprPattern(cpr: string): RegExp {
  return new RegExp([...cpr].join("[^\\p{L}\\p{N}]{0,2}"), "gu");
}

/** Masks CPR-like numbers (DOMAIN.md: never in a Digital Post label or notification). */
export function redactCpr(text: string, recipientCpr?: string): string {
  const own = recipientCpr ? text.replace(ownCprPattern(recipientCpr), CPR_MASK) : text;
  return own.replace(CPR_LIKE, CPR_MASK);
}

/**
 * Free text that leaves the building, on one line. Order matters: illegal characters and
 * whitespace go first, because removing them could join two digit groups into a CPR number.
 * NFKC (not just NFC) folds full-width digits and dashes ("０１０２０３－１２３４") into ASCII,
 * so the CPR patterns see them too.
 */
function cleanText(text: string, recipientCpr?: string): string {
  const single = text.normalize("NFKC").replace(NOT_XML_CHAR, "").replace(/\s+/g, " ").trim();
  return redactCpr(single, recipientCpr);
}

/**
 * At most `max` characters (code points, which is what XSD maxLength counts), cut between
 * graphemes so an "å" written as a + ring or a family emoji is never split; "…" marks the cut.
 */
export function truncate(text: string, max: number): string {
  if (codePoints(text) <= max) return text;
  let out = "";
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const n = codePoints(segment);
    if (used + n > max - 1) break;
    out += segment;
    used += n;
  }
  return `${out}…`;
}

/** The recipient id as MeMo wants it (CPR: 10 digits, no dash). Errors never echo the id. */
function recipientId(id: string, idType: "CPR" | "CVR"): string {
  const trimmed = id.trim();
  if (idType === "CPR") {
    if (!CPR_INPUT.test(trimmed)) throw new Error("MeMo: recipient CPR number must be 10 digits");
    return trimmed.replace("-", "");
  }
  if (!isValidCvr(trimmed)) throw new Error("MeMo: recipient CVR number is not a valid CVR number");
  return trimmed;
}

function validate(input: MemoInput): void {
  if (!UUID_V4.test(input.messageUuid)) throw new Error("MeMo: messageUuid must be a UUID v4");
  if (!UUID_ANY.test(input.messageId)) throw new Error("MeMo: messageId must be a UUID");
  if (!isValidCvr(input.sender.cvr)) throw new Error("MeMo: sender CVR must be 8 digits with a valid check");
  if (Number.isNaN(input.createdAt.getTime())) throw new Error("MeMo: createdAt is not a valid date");
  if (input.document.pdf.length === 0) throw new Error("MeMo: the document PDF is empty");
}

/** xs:dateTime in UTC; the schema wants the Z suffix, milliseconds add nothing. */
const utc = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");

interface XmlNode {
  name: string;
  text?: string;
  children?: (XmlNode | undefined)[];
}

const leaf = (name: string, text: string | undefined): XmlNode | undefined =>
  text === undefined || text === "" ? undefined : { name, text };
const node = (name: string, children: (XmlNode | undefined)[]): XmlNode => ({ name, children });

function render(n: XmlNode, indent: string): string {
  const tag = `memo:${n.name}`;
  if (!n.children) return `${indent}<${tag}>${escapeXml(n.text ?? "")}</${tag}>`;
  const inner = n.children.filter((c): c is XmlNode => c !== undefined).map((c) => render(c, `${indent}  `));
  return [`${indent}<${tag}>`, ...inner, `${indent}</${tag}>`].join("\n");
}

export function buildMemo(input: MemoInput): string {
  validate(input);
  const rid = recipientId(input.recipient.id, input.recipient.idType);
  const cpr = input.recipient.idType === "CPR" ? rid : undefined;
  const text = (value: string | undefined, max: number) =>
    value === undefined ? undefined : truncate(cleanText(value, cpr), max);

  // Required by the schema: better an error here than a rejected message at the gateway.
  const required = (value: string, max: number, what: string): string => {
    const out = text(value, max);
    if (!out) throw new Error(`MeMo: ${what} is empty`);
    return out;
  };
  const label = required(input.label, LIMITS.label, "label");
  const senderLabel = required(input.sender.label, LIMITS.text, "sender label");
  const filename = required(input.document.filename, LIMITS.text, "document filename");

  const header = node("MessageHeader", [
    leaf("messageType", "DIGITALPOST"),
    leaf("messageUUID", input.messageUuid),
    leaf("messageID", input.messageId),
    leaf("label", label),
    leaf("notification", text(input.notification, LIMITS.notification)),
    leaf("mandatory", String(input.mandatory)),
    leaf("legalNotification", String(input.legalNotification)),
    leaf("postType", POST_TYPE),
    node("Sender", [leaf("senderID", input.sender.cvr), leaf("idType", "CVR"), leaf("label", senderLabel)]),
    node("Recipient", [
      leaf("recipientID", rid),
      leaf("idType", input.recipient.idType),
      leaf("label", text(input.recipient.label, LIMITS.text)),
    ]),
  ]);
  const body = node("MessageBody", [
    leaf("createdDateTime", utc(input.createdAt)),
    node("MainDocument", [
      leaf("label", text(input.document.title, LIMITS.text)),
      node("File", [
        leaf("encodingFormat", "application/pdf"),
        leaf("filename", filename),
        leaf("language", input.document.language),
        leaf("content", input.document.pdf.toString("base64")),
      ]),
    ]),
  ]);
  const root = `<memo:Message xmlns:memo="${escapeXml(MEMO_NS)}" memoVersion="1.1" memoSchVersion="1.1.0">`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    root,
    render(header, "  "),
    render(body, "  "),
    "</memo:Message>",
    "",
  ].join("\n");
}
