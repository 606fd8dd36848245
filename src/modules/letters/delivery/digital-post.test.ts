import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DigitalPostMessage, directoryTransport } from "./digital-post.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "almen-digital-post-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const letterId = "01956a3b-7c8d-7e9f-8a0b-1c2d3e4f5a6b";
const message = (xml = "<memo:Message>æøå</memo:Message>\n"): DigitalPostMessage => ({
  letterId,
  messageUuid: "3f1c2b9a-8d4e-4f6a-9b2c-1d2e3f4a5b6c",
  xml,
});

describe("directoryTransport", () => {
  it("drops the exact xml as <letterId>.xml and leaves nothing in .partial", async () => {
    const dir = join(root, "outbox", "digital-post"); // created on demand
    await directoryTransport(dir).deliver(message());
    expect(await readdir(dir)).toEqual([".partial", `${letterId}.xml`]);
    expect(await readFile(join(dir, `${letterId}.xml`), "utf8")).toBe(message().xml);
    expect(await readdir(join(dir, ".partial"))).toEqual([]);
  });

  it("delivering twice leaves one file with the first content", async () => {
    const transport = directoryTransport(root);
    await transport.deliver(message("<first/>"));
    await transport.deliver(message("<second/>"));
    expect((await readdir(root)).filter((f) => f.endsWith(".xml"))).toEqual([`${letterId}.xml`]);
    expect(await readFile(join(root, `${letterId}.xml`), "utf8")).toBe("<first/>");
    expect(await readdir(join(root, ".partial"))).toEqual([]);
  });

  it("concurrent deliveries of one letter leave exactly one complete file", async () => {
    const xml = `<memo:Message>${"x".repeat(1_000_000)}</memo:Message>`;
    const transport = directoryTransport(root);
    await Promise.all(Array.from({ length: 5 }, () => transport.deliver(message(xml))));
    expect((await readdir(root)).filter((f) => f.endsWith(".xml"))).toEqual([`${letterId}.xml`]);
    expect(await readFile(join(root, `${letterId}.xml`), "utf8")).toBe(xml);
    expect(await readdir(join(root, ".partial"))).toEqual([]);
  });

  it("different letters get different files", async () => {
    const transport = directoryTransport(root);
    const other = "01956a3b-7c8d-7e9f-8a0b-000000000002";
    await transport.deliver(message());
    await transport.deliver({ ...message("<other/>"), letterId: other });
    expect((await readdir(root)).filter((f) => f.endsWith(".xml")).sort()).toEqual(
      [`${letterId}.xml`, `${other}.xml`].sort(),
    );
  });

  it.each([
    ["a CPR number", "0102031234"],
    ["a path", "../escape"],
    ["empty", ""],
  ])("refuses a letter id that is %s", async (_, id) => {
    await expect(directoryTransport(root).deliver({ ...message(), letterId: id })).rejects.toThrow(/UUID/);
    expect(await readdir(root)).toEqual([]);
  });
});
