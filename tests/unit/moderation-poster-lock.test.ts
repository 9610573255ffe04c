// The poster lock's keys and numbers: one key per identity (email lower-cased, IP hash), scoped to the
// site, and a stable 64-bit number per key, so every process locks the same keys in the same order.
import { describe, expect, it } from "vitest";
import { posterKeys } from "../../src/moderation/poster-lock.ts";
import { lockNumber } from "../../src/store/poster-locks.ts";

describe("poster lock keys", () => {
  it("names the poster by email (lower-cased) and by IP hash, per site", () => {
    expect(posterKeys("site1", { email: "Ann@Example.org", ipHash: "abc" })).toEqual([
      "poster:site1:email:ann@example.org",
      "poster:site1:ip:abc",
    ]);
    expect(posterKeys("site2", { email: "ann@example.org" })).toEqual(["poster:site2:email:ann@example.org"]);
    expect(posterKeys("site1", {})).toEqual([]);
  });

  it("turns a key into the same signed 64-bit number every time, different per key", () => {
    const a = lockNumber("poster:site1:email:ann@example.org");
    expect(lockNumber("poster:site1:email:ann@example.org")).toBe(a);
    expect(lockNumber("poster:site2:email:ann@example.org")).not.toBe(a);
    expect(a >= -(2n ** 63n) && a < 2n ** 63n).toBe(true);
  });
});
