// Settings that guard production: NODE_ENV is read case-insensitively and unknown values are refused,
// so "PRODUCTION" or "prod" cannot slip a test-only setting past the check.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";

describe("NODE_ENV", () => {
  it("refuses LINK_CHECK_ALLOW_LOOPBACK in production however it is spelled", () => {
    for (const NODE_ENV of ["production", "PRODUCTION", "Production", " production "])
      expect(() => loadConfig({ LINK_CHECK_ALLOW_LOOPBACK: "true", NODE_ENV }), NODE_ENV).toThrow(
        /LINK_CHECK_ALLOW_LOOPBACK/,
      );
  });

  it("refuses values it does not know, and reads the known ones lower-cased", () => {
    for (const NODE_ENV of ["prod", "staging", "produktion"])
      expect(() => loadConfig({ NODE_ENV }), NODE_ENV).toThrow(/NODE_ENV/);
    expect(loadConfig({ NODE_ENV: "Production" }).NODE_ENV).toBe("production");
    expect(loadConfig({ NODE_ENV: "TEST", LINK_CHECK_ALLOW_LOOPBACK: "true" }).LINK_CHECK_ALLOW_LOOPBACK).toBe(true);
    expect(loadConfig({}).NODE_ENV).toBe("development");
    expect(loadConfig({ NODE_ENV: "" }).NODE_ENV).toBe("development");
  });
});
