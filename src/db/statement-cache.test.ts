import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { StatementCache } from "./statement-cache.ts";

let raw: SQLite.Database;
afterEach(() => {
  if (raw.open) raw.close();
});

describe("SQLite statement cache", () => {
  it("prepares each SQL text once, and a fresh statement while the cached one is iterating", () => {
    raw = new SQLite(":memory:");
    const cache = new StatementCache(raw);
    cache.prepare("create table t (n integer)").run([]);
    const insert = cache.prepare("insert into t (n) values (?)");
    for (const n of [1, 2, 3]) cache.prepare("insert into t (n) values (?)").run([n]);
    expect(cache.prepare("insert into t (n) values (?)")).toBe(insert);
    const select = cache.prepare("select n from t order by n");
    const iterator = select.iterate([]);
    expect(iterator.next().value).toEqual({ n: 1 });
    const other = cache.prepare("select n from t order by n");
    expect(other).not.toBe(select);
    expect(other.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    iterator.return?.();
    expect(cache.prepare("select n from t order by n")).toBe(select);
  });

  it("keeps at most the given number of statements, dropping the least recently used", () => {
    raw = new SQLite(":memory:");
    const cache = new StatementCache(raw, 2);
    const one = cache.prepare("select 1");
    cache.prepare("select 2");
    expect(cache.prepare("select 1")).toBe(one);
    cache.prepare("select 3");
    expect(cache.size).toBe(2);
    expect(cache.prepare("select 1")).toBe(one);
    cache.close();
    expect(raw.open).toBe(false);
  });

  it("keeps at most the given length of SQL text, and never a text longer than all of it", () => {
    raw = new SQLite(":memory:");
    const cache = new StatementCache(raw, 100, 40);
    const text = (n: number) => `select ${n} as ${"x".repeat(5)}`; // 17 characters
    const one = cache.prepare(text(1));
    const two = cache.prepare(text(2));
    expect(cache.size).toBe(2);
    expect(cache.prepare(text(1))).toBe(one);
    cache.prepare(text(3)); // 51 characters in all: the least recently used (2) goes
    expect(cache.size).toBe(2);
    expect(cache.prepare(text(1))).toBe(one);
    expect(cache.prepare(text(2))).not.toBe(two);
    const long = `select 1 as ${"y".repeat(40)}`;
    expect(cache.prepare(long)).not.toBe(cache.prepare(long));
    expect(cache.size).toBe(2);
  });
});
