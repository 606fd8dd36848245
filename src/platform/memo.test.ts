import { describe, expect, it } from "vitest";
import { memoByText } from "./memo.ts";

describe("memoByText", () => {
  it("works a text out once, undefined included, and forgets everything past its limit", () => {
    const calls: string[] = [];
    const length = memoByText((text) => {
      calls.push(text);
      return text === "" ? undefined : text.length;
    }, 2);
    expect([length("ab"), length("ab"), length(""), length("")]).toEqual([2, 2, undefined, undefined]);
    expect(calls).toEqual(["ab", ""]);
    length("abc"); // a third text: the two before are forgotten
    expect(length("ab")).toBe(2);
    expect(calls).toEqual(["ab", "", "abc", "ab"]);
  });
});
