import { describe, expect, it } from "vitest";
import { newReceipt, normaliseReceipt, openEnvelope, sealBallot, shuffle } from "./envelope.ts";
import { buildRoll, canonicalRoll, isAdult, rollCounts, rollHash } from "./roll.ts";

const member = (householdId: string, personId: string, role: string, birthDate: string | null) => ({
  householdId,
  personId,
  role,
  birthDate,
});

describe("who is an adult", () => {
  it("counts from the 18th birthday itself, by birth date", () => {
    expect(isAdult({ role: "adult", birthDate: "2008-12-01" }, "2026-11-30")).toBe(false);
    expect(isAdult({ role: "adult", birthDate: "2008-12-01" }, "2026-12-01")).toBe(true);
    expect(isAdult({ role: "tenant", birthDate: "2010-02-28" }, "2026-12-01")).toBe(false);
  });

  it("falls back to the household role without a birth date", () => {
    expect(isAdult({ role: "tenant", birthDate: null }, "2026-12-01")).toBe(true);
    expect(isAdult({ role: "co_tenant", birthDate: null }, "2026-12-01")).toBe(true);
    expect(isAdult({ role: "adult", birthDate: null }, "2026-12-01")).toBe(true);
    expect(isAdult({ role: "child", birthDate: null }, "2026-12-01")).toBe(false);
  });
});

describe("the roll", () => {
  const members = [
    member("h1", "a", "tenant", "1970-01-01"),
    member("h1", "b", "co_tenant", null),
    member("h1", "c", "adult", "1999-01-01"),
    member("h2", "d", "tenant", "1980-01-01"),
    member("h2", "e", "child", "2015-01-01"),
    member("h3", "f", "child", "2012-01-01"),
    // A person in two households counts once, in the first given.
    member("h4", "g", "tenant", "1960-01-01"),
    member("h1", "g", "adult", "1960-01-01"),
  ];

  it("gives each adult one ballot and a sole adult both, when the setting says so", () => {
    const roll = buildRoll(members, "2026-12-01", true);
    const of = (p: string) => roll.filter((e) => e.personId === p).map((e) => e.seq);
    expect(of("a")).toEqual([1]);
    expect(of("b")).toEqual([1]);
    expect(of("c")).toEqual([1]);
    expect(of("d")).toEqual([1, 2]);
    expect(of("e")).toEqual([]);
    expect(of("f")).toEqual([]);
    expect(of("g")).toEqual([1, 2]);
    expect(rollCounts(roll)).toEqual({ households: 3, people: 5, ballots: 6 });
    const without = buildRoll(members, "2026-12-01", false);
    expect(without.filter((e) => e.personId === "d").map((e) => e.seq)).toEqual([1]);
    expect(rollCounts(without)).toEqual({ households: 3, people: 5, ballots: 4 });
  });

  it("has a canonical text and hash that do not depend on row order", () => {
    const roll = buildRoll(members, "2026-12-01", true);
    const text = canonicalRoll("v1", true, roll);
    expect(text.split("\n")).toEqual([
      "almen-vote-roll/v1 vote=v1 sole_adult_casts_both=true",
      "h1:a=1,b=1,c=1",
      "h2:d=2",
      "h4:g=2",
    ]);
    expect(rollHash(canonicalRoll("v1", true, [...roll].reverse()))).toBe(rollHash(text));
    expect(rollHash(text)).toMatch(/^[0-9a-f]{64}$/);
    expect(rollHash(canonicalRoll("v1", false, roll))).not.toBe(rollHash(text));
    expect(rollHash(canonicalRoll("v2", true, roll))).not.toBe(rollHash(text));
  });
});

describe("envelopes and receipts", () => {
  const key = Buffer.alloc(32, 7);

  it("seals a ballot to one vote; every envelope has the same length whatever the choice", () => {
    const receipt = newReceipt();
    const sealed = (["yes", "no", "blank"] as const).map((c) => sealBallot(key, "vote-1", c, receipt));
    expect(new Set(sealed.map((s) => s.length)).size).toBe(1);
    expect(openEnvelope(key, "vote-1", sealed[2]!)).toEqual({ choice: "blank", receipt });
    expect(openEnvelope(key, "vote-2", sealed[0]!)).toBeNull();
    expect(openEnvelope(Buffer.alloc(32, 8), "vote-1", sealed[0]!)).toBeNull();
    const tampered = `${sealed[1]!.slice(0, -2)}${sealed[1]!.endsWith("A") ? "B" : "A"}A`;
    expect(openEnvelope(key, "vote-1", tampered)).toBeNull();
  });

  it("makes receipt codes of 80 random bits and reads them back as people type them", () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newReceipt()));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const code = [...codes][0]!;
    expect(normaliseReceipt(code.toLowerCase().replace(/-/g, " "))).toBe(code);
    expect(normaliseReceipt("0O1I-L000-0000-0000")).toBe("0011-1000-0000-0000");
    expect(normaliseReceipt("too-short")).toBeNull();
    expect(normaliseReceipt("UUUU-0000-0000-0000")).toBeNull();
  });

  it("shuffles into every order", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) seen.add(shuffle([1, 2, 3]).join(""));
    expect(seen.size).toBe(6);
  });
});
