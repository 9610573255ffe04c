// The poster lock's keys and numbers: one key per identity (email lower-cased, IP hash), scoped to the
// site, a new comment's text while the duplicate rule is on, and a stable 64-bit number per key, so
// every process locks the same keys in the same order.
import { describe, expect, it } from "vitest";
import { bodyHashOf } from "../../src/domain/body-hash.ts";
import { postKeys, posterKeys } from "../../src/moderation/poster-lock.ts";
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

  it("locks a new comment's email, its address only for the flood rule, its text for the duplicate rule", () => {
    const post = { email: "Ann@Example.org", ipHash: "abc", bodyHash: bodyHashOf("Same  words") };
    const email = "poster:s:email:ann@example.org";
    const text = `body:s:${bodyHashOf("Same words")}`;
    expect(postKeys("s", post, { floodSeconds: 0, duplicateWindowMinutes: 0 })).toEqual([email]);
    expect(postKeys("s", post, { floodSeconds: 0, duplicateWindowMinutes: 60 })).toEqual([email, text]);
    expect(postKeys("s", post, { floodSeconds: 15, duplicateWindowMinutes: 0 })).toEqual([email, "poster:s:ip:abc"]);
    expect(postKeys("s", post, { floodSeconds: 15, duplicateWindowMinutes: 60 })).toEqual([
      email,
      "poster:s:ip:abc",
      text,
    ]);
  });

  it("turns a key into the same signed 64-bit number every time, different per key", () => {
    const a = lockNumber("poster:site1:email:ann@example.org");
    expect(lockNumber("poster:site1:email:ann@example.org")).toBe(a);
    expect(lockNumber("poster:site2:email:ann@example.org")).not.toBe(a);
    expect(a >= -(2n ** 63n) && a < 2n ** 63n).toBe(true);
  });
});
