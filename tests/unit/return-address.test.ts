import { describe, expect, it } from "vitest";
import { isAppError } from "../../src/domain/errors.ts";
import { checkReturnAddress } from "../../src/identity/return-address.ts";

const own = "https://parley.example";
const refused = (raw: string, sites: string[] = []) => {
  try {
    checkReturnAddress(raw, own, sites);
    return false;
  } catch (err) {
    return isAppError(err) && err.code === "RETURN_NOT_ALLOWED";
  }
};

describe("sign-in return addresses", () => {
  it("accepts paths here and pages of allowed site origins", () => {
    expect(checkReturnAddress("/articles/x#respond", own)).toBe("/articles/x#respond");
    expect(checkReturnAddress(undefined, own)).toBe("/");
    expect(checkReturnAddress("https://parley.example/a?b=1#c", own)).toBe("/a?b=1#c");
    expect(checkReturnAddress("https://blog.example/post", own, ["https://blog.example"])).toBe(
      "https://blog.example/post",
    );
  });

  it("refuses every other place (no open redirect)", () => {
    for (const raw of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "data:text/html,hi",
      "https://parley.example.evil.example/",
      "https://user@parley.example/",
      "/ok\nLocation: https://evil.example",
      "https://blog.example/post",
    ])
      expect(refused(raw), raw).toBe(true);
  });
});
