// domain/recent-results.ts: a pure function's latest results, kept for a bounded number of inputs.
import { describe, expect, it } from "vitest";
import { rememberRecent } from "../../src/domain/recent-results.ts";

describe("rememberRecent", () => {
  it("computes an input once while it is kept, null results included", () => {
    const calls: string[] = [];
    const f = rememberRecent(
      4,
      (a: string, b: string) => `${a}\n${b}`,
      (a: string, b: string) => (calls.push(a + b), a === "x" ? null : a + b),
    );
    expect([f("a", "b"), f("a", "b"), f("x", "y"), f("x", "y"), f("ab", "")]).toEqual(["ab", "ab", null, null, "ab"]);
    expect(calls).toEqual(["ab", "xy", "ab"]); // ("a","b") and ("ab","") are different inputs
  });

  it("keeps at most max inputs, forgetting the oldest", () => {
    let computed = 0;
    const f = rememberRecent(
      2,
      (n: number) => n,
      (n: number) => (computed++, n * 2),
    );
    f(1);
    f(2);
    f(3); // 1 is forgotten
    expect(computed).toBe(3);
    expect(f(3)).toBe(6);
    expect(f(2)).toBe(4);
    expect(computed).toBe(3);
    expect(f(1)).toBe(2);
    expect(computed).toBe(4);
  });
});
