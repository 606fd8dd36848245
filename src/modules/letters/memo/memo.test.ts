import fc from "fast-check";
import { v7 } from "uuid";
import { describe, expect, it } from "vitest";
import { buildMemo, type MemoInput, truncate } from "./memo.ts";

const PDF = Buffer.from("%PDF-1.4 test");
const CPR = "0102031234";

const input = (overrides: Partial<MemoInput> = {}): MemoInput => ({
  messageUuid: "3f1c2b9a-8d4e-4f6a-9b2c-1d2e3f4a5b6c",
  messageId: "01956a3b-7c8d-7e9f-8a0b-1c2d3e4f5a6b",
  label: "Varsel om huslejestigning",
  notification: "Du har fået post fra Boligselskabet Test",
  mandatory: false,
  legalNotification: false,
  sender: { cvr: "12345674", label: "Boligselskabet Test" },
  recipient: { id: "010203-1234", idType: "CPR", label: "Jens Hansen" },
  createdAt: new Date("2025-03-01T09:30:15.123Z"),
  document: { filename: "brev-1001.pdf", language: "da", title: "Varsel om huslejestigning", pdf: PDF },
  ...overrides,
});

/** A just-enough XML reader for our own output: elements, text and the five predefined entities. */
interface El {
  name: string;
  text: string;
  children: El[];
}

const unescapeXml = (s: string) =>
  s
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");

function parse(xml: string): El {
  const root: El = { name: "#document", text: "", children: [] };
  const stack = [root];
  for (const m of xml.matchAll(/<\?[^>]*\?>|<(\/?)([\w:]+)[^>]*>|([^<]+)/g)) {
    const [, close, name, text] = m;
    const top = stack[stack.length - 1]!;
    if (text !== undefined) top.text += unescapeXml(text);
    else if (name === undefined) continue;
    else if (close) {
      expect(top.name).toBe(name);
      stack.pop();
    } else {
      const el: El = { name, text: "", children: [] };
      top.children.push(el);
      stack.push(el);
    }
  }
  expect(stack).toHaveLength(1);
  return root.children[0]!;
}

/** The element at a path of local names below memo:Message, e.g. "MessageHeader/Sender/label". */
function at(xml: string, path: string): El | undefined {
  let el: El | undefined = parse(xml);
  for (const step of path.split("/")) el = el?.children.find((c) => c.name === `memo:${step}`);
  return el;
}
/** XML 1.0's Char production. */
const isXmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  cp >= 0x10000;
const codePoints = (s: string | undefined) => [...(s ?? "")].length;
const textAt = (xml: string, path: string) => at(xml, path)?.text;
const childNames = (xml: string, path: string) =>
  at(xml, path)?.children.map((c) => c.name.replace("memo:", ""));

describe("buildMemo", () => {
  it("has the MeMo 1.1 root: memo prefix, namespace and versions", () => {
    const xml = buildMemo(input());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml).toContain(
      '<memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.1" memoSchVersion="1.1.0">',
    );
    expect(parse(xml).name).toBe("memo:Message");
    expect(parse(xml).children.map((c) => c.name)).toEqual(["memo:MessageHeader", "memo:MessageBody"]);
  });

  it("writes the header and body children in schema order", () => {
    const xml = buildMemo(input());
    expect(childNames(xml, "MessageHeader")).toEqual([
      "messageType",
      "messageUUID",
      "messageID",
      "label",
      "notification",
      "mandatory",
      "legalNotification",
      "postType",
      "Sender",
      "Recipient",
    ]);
    expect(childNames(xml, "MessageHeader/Sender")).toEqual(["senderID", "idType", "label"]);
    expect(childNames(xml, "MessageHeader/Recipient")).toEqual(["recipientID", "idType", "label"]);
    expect(childNames(xml, "MessageBody")).toEqual(["createdDateTime", "MainDocument"]);
    expect(childNames(xml, "MessageBody/MainDocument")).toEqual(["label", "File"]);
    expect(childNames(xml, "MessageBody/MainDocument/File")).toEqual([
      "encodingFormat",
      "filename",
      "language",
      "content",
    ]);
  });

  it("leaves optional elements out rather than writing them empty", () => {
    const xml = buildMemo(input({ notification: undefined, recipient: { id: CPR, idType: "CPR" } }));
    expect(childNames(xml, "MessageHeader")).not.toContain("notification");
    expect(childNames(xml, "MessageHeader/Recipient")).toEqual(["recipientID", "idType"]);
  });

  it("fills in the fixed values and the flags", () => {
    const xml = buildMemo(input({ mandatory: true, legalNotification: true }));
    expect(textAt(xml, "MessageHeader/messageType")).toBe("DIGITALPOST");
    expect(textAt(xml, "MessageHeader/postType")).toBe("VIRKSOMHEDSPOST");
    expect(textAt(xml, "MessageHeader/mandatory")).toBe("true");
    expect(textAt(xml, "MessageHeader/legalNotification")).toBe("true");
    expect(textAt(xml, "MessageHeader/Sender/idType")).toBe("CVR");
    expect(textAt(xml, "MessageBody/MainDocument/File/encodingFormat")).toBe("application/pdf");
  });

  it("accepts only a UUID v4 as messageUUID", () => {
    expect(() => buildMemo(input({ messageUuid: v7() }))).toThrow(/UUID v4/);
    expect(() => buildMemo(input({ messageUuid: "not-a-uuid" }))).toThrow(/UUID v4/);
    const upper = "3F1C2B9A-8D4E-4F6A-9B2C-1D2E3F4A5B6C";
    expect(textAt(buildMemo(input({ messageUuid: upper })), "MessageHeader/messageUUID")).toBe(upper);
  });

  it("writes createdDateTime in UTC with a Z", () => {
    const xml = buildMemo(input({ createdAt: new Date("2025-06-30T23:15:00+02:00") }));
    expect(textAt(xml, "MessageBody/createdDateTime")).toBe("2025-06-30T21:15:00Z");
    expect(() => buildMemo(input({ createdAt: new Date("nonsense") }))).toThrow(/createdAt/);
  });

  it.each([
    ["12345675", "fails modulus 11"],
    ["1234567", "7 digits"],
    ["123456740", "9 digits"],
    ["1234567a", "a letter"],
    ["12 34 56 74", "spaces"],
  ])("rejects sender CVR %j (%s)", (cvr) => {
    expect(() => buildMemo(input({ sender: { cvr, label: "X" } }))).toThrow(/sender CVR/);
  });

  it("writes the recipient CPR as 10 digits without the dash", () => {
    expect(textAt(buildMemo(input()), "MessageHeader/Recipient/recipientID")).toBe(CPR);
    expect(textAt(buildMemo(input()), "MessageHeader/Recipient/idType")).toBe("CPR");
  });

  it.each([
    ["CPR", "01020312345"],
    ["CPR", "010203_1234"],
    ["CPR", "12345674"],
    ["CVR", CPR],
    ["CVR", "12345675"],
  ] as const)("rejects a recipient %s of the wrong shape (%j) without echoing it", (idType, id) => {
    const attempt = () => buildMemo(input({ recipient: { id, idType } }));
    expect(attempt).toThrow(/recipient/);
    expect(attempt).not.toThrow(id);
  });

  it("addresses a company by CVR", () => {
    const xml = buildMemo(input({ recipient: { id: "10000009", idType: "CVR" } }));
    expect(textAt(xml, "MessageHeader/Recipient/recipientID")).toBe("10000009");
    expect(textAt(xml, "MessageHeader/Recipient/idType")).toBe("CVR");
  });

  it("carries the PDF as base64 that decodes to the same bytes", () => {
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80, 0x7f, 0x0a]);
    const xml = buildMemo(input({ document: { ...input().document, pdf } }));
    const content = textAt(xml, "MessageBody/MainDocument/File/content") ?? "";
    expect(Buffer.from(content, "base64").equals(pdf)).toBe(true);
    expect(() => buildMemo(input({ document: { ...input().document, pdf: Buffer.alloc(0) } }))).toThrow(
      /PDF/,
    );
  });

  it("escapes markup and drops characters XML 1.0 cannot carry", () => {
    const label = `Leje & "gebyr" <2025> 'ny'\u0001\u0008\uFFFE\uD800 slut`;
    const xml = buildMemo(input({ label, sender: { cvr: "12345674", label: "A&B <Bolig>" } }));
    expect(xml).toContain("Leje &amp; &quot;gebyr&quot; &lt;2025&gt; &apos;ny&apos; slut");
    expect(textAt(xml, "MessageHeader/label")).toBe(`Leje & "gebyr" <2025> 'ny' slut`);
    expect(textAt(xml, "MessageHeader/Sender/label")).toBe("A&B <Bolig>");
    expect([...xml].filter((c) => !isXmlChar(c.codePointAt(0)!))).toEqual([]);
  });

  describe("length limits count characters, not bytes", () => {
    it.each([
      ["æøå", "æøåÆØÅ".repeat(60)],
      ["emoji", "😀🏠".repeat(200)],
      ["ZWJ families", "👨‍👩‍👧".repeat(100)],
    ])("label with %s: at most 256, cut on a whole character, ending in …", (_, label) => {
      const out = textAt(buildMemo(input({ label })), "MessageHeader/label") ?? "";
      expect(codePoints(out)).toBeLessThanOrEqual(256);
      expect(out.endsWith("…")).toBe(true);
      expect(label.startsWith(out.slice(0, -1))).toBe(true);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half surrogate pair
      if (label.startsWith("👨")) expect(out.slice(0, -1).endsWith("👧")).toBe(true);
    });

    it("a label of exactly 256 Danish letters is kept whole; 257 is cut to 256", () => {
      const exact = "ø".repeat(256);
      expect(textAt(buildMemo(input({ label: exact })), "MessageHeader/label")).toBe(exact);
      const cut = textAt(buildMemo(input({ label: `${exact}ø` })), "MessageHeader/label");
      expect(cut).toBe(`${"ø".repeat(255)}…`);
      expect(Buffer.byteLength(cut ?? "")).toBeGreaterThan(256); // bytes would have cut far earlier
    });

    it("notification at most 150", () => {
      const notification = "Påmindelse om bestyrelsesmøde 🗓️ i afdelingen. ".repeat(10);
      const out = textAt(buildMemo(input({ notification })), "MessageHeader/notification");
      expect(codePoints(out)).toBeLessThanOrEqual(150);
      expect(out?.endsWith("…")).toBe(true);
    });

    it("truncate never exceeds the limit", () => {
      fc.assert(
        fc.property(
          fc.string({ unit: "grapheme", maxLength: 400 }),
          fc.integer({ min: 1, max: 300 }),
          (s, n) => {
            const out = truncate(s, n);
            expect(codePoints(out)).toBeLessThanOrEqual(Math.max(n, 1));
            if (codePoints(s) <= n) expect(out).toBe(s);
          },
        ),
      );
    });
  });

  it("masks CPR numbers in label, notification, title and filename", () => {
    const xml = buildMemo(
      input({
        label: "Vedr. 311299-4321 og 0102031234",
        notification: "Lejer 010203 1234",
        document: {
          ...input().document,
          title: "Sag ３１１２９９－４３２１",
          filename: "brev 2212121234.pdf",
        },
      }),
    );
    expect(textAt(xml, "MessageHeader/label")).toBe("Vedr. XXXXXX-XXXX og XXXXXX-XXXX");
    expect(textAt(xml, "MessageHeader/notification")).toBe("Lejer XXXXXX-XXXX");
    expect(textAt(xml, "MessageBody/MainDocument/label")).toBe("Sag XXXXXX-XXXX");
    expect(textAt(xml, "MessageBody/MainDocument/File/filename")).toBe("brev XXXXXX-XXXX.pdf");
  });

  it("masks the recipient's own CPR however it is written, and before truncation", () => {
    const xml = buildMemo(
      input({
        label: `${"a".repeat(250)} 01.02.03/12 34`,
        recipient: { id: CPR, idType: "CPR", label: `Jens ${CPR}` },
      }),
    );
    expect(xml.split(CPR)).toHaveLength(2); // only in recipientID
    expect(textAt(xml, "MessageHeader/label")).toBe(`${"a".repeat(250)} XXXX…`);
  });

  it("matches the full message for a fixed input", () => {
    expect(buildMemo(input())).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.1" memoSchVersion="1.1.0">
        <memo:MessageHeader>
          <memo:messageType>DIGITALPOST</memo:messageType>
          <memo:messageUUID>3f1c2b9a-8d4e-4f6a-9b2c-1d2e3f4a5b6c</memo:messageUUID>
          <memo:messageID>01956a3b-7c8d-7e9f-8a0b-1c2d3e4f5a6b</memo:messageID>
          <memo:label>Varsel om huslejestigning</memo:label>
          <memo:notification>Du har fået post fra Boligselskabet Test</memo:notification>
          <memo:mandatory>false</memo:mandatory>
          <memo:legalNotification>false</memo:legalNotification>
          <memo:postType>VIRKSOMHEDSPOST</memo:postType>
          <memo:Sender>
            <memo:senderID>12345674</memo:senderID>
            <memo:idType>CVR</memo:idType>
            <memo:label>Boligselskabet Test</memo:label>
          </memo:Sender>
          <memo:Recipient>
            <memo:recipientID>0102031234</memo:recipientID>
            <memo:idType>CPR</memo:idType>
            <memo:label>Jens Hansen</memo:label>
          </memo:Recipient>
        </memo:MessageHeader>
        <memo:MessageBody>
          <memo:createdDateTime>2025-03-01T09:30:15Z</memo:createdDateTime>
          <memo:MainDocument>
            <memo:label>Varsel om huslejestigning</memo:label>
            <memo:File>
              <memo:encodingFormat>application/pdf</memo:encodingFormat>
              <memo:filename>brev-1001.pdf</memo:filename>
              <memo:language>da</memo:language>
              <memo:content>JVBERi0xLjQgdGVzdA==</memo:content>
            </memo:File>
          </memo:MainDocument>
        </memo:MessageBody>
      </memo:Message>
      "
    `);
  });

  it("never puts a CPR-like number or the recipient's CPR in the free text (property)", () => {
    const cprLike = fc
      .tuple(
        fc.stringMatching(/^\d{6}$/),
        fc.constantFrom("", "-", " ", "\u00A0", "\n", "\u0000"),
        fc.stringMatching(/^\d{4}$/),
      )
      .map(([a, sep, b]) => `${a}${sep}${b}`);
    const ownCpr = fc.constantFrom(
      CPR,
      "010203-1234",
      "010203 1234",
      "01 02 03 12 34",
      "010203/1234",
      "0102-03-1234",
      "０１０２０３－１２３４",
    );
    const piece = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.string({ unit: "binary", maxLength: 10 }),
      fc.stringMatching(/^\d{1,12}$/),
      fc.constantFrom(" ", "-", "\t", "\u0001", "\uFFFF", "æøå", "😀", "&<>\"'"),
      cprLike,
      ownCpr,
    );
    const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(""));
    const forbidden = /\d{6}[- ]?\d{4}/;

    fc.assert(
      fc.property(text, text, text, (subject, notification, file) => {
        const xml = buildMemo(
          input({
            label: `${subject}!`,
            notification,
            recipient: { id: "010203-1234", idType: "CPR", label: subject },
            document: { ...input().document, title: subject, filename: `${file}.pdf` },
          }),
        );
        for (const path of [
          "MessageHeader/label",
          "MessageHeader/notification",
          "MessageHeader/Recipient/label",
          "MessageBody/MainDocument/label",
          "MessageBody/MainDocument/File/filename",
        ]) {
          const value = textAt(xml, path) ?? "";
          expect(value).not.toMatch(forbidden);
          expect(value).not.toContain(CPR);
        }
        expect(codePoints(textAt(xml, "MessageHeader/label"))).toBeLessThanOrEqual(256);
        expect(codePoints(textAt(xml, "MessageHeader/notification"))).toBeLessThanOrEqual(150);
        expect(xml.split(CPR)).toHaveLength(2);
      }),
      { numRuns: 300 },
    );
  });
});
