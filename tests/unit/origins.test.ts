// Origin validation for a site's embed allow-list: exactly scheme://host[:port], canonicalised.
import { describe, expect, it } from "vitest";
import { parseOrigin } from "../../src/domain/origins.ts";
import { ZCreateSite } from "../../src/http/embed-schemas.ts";

describe("parseOrigin", () => {
  it.each([
    ["https://blog.example.com", "https://blog.example.com"],
    ["https://blog.example.com/", "https://blog.example.com"],
    ["HTTPS://Blog.Example.COM", "https://blog.example.com"],
    ["http://localhost:8080", "http://localhost:8080"],
    ["https://example.com:443", "https://example.com"],
    ["http://example.com:80", "http://example.com"],
    ["https://example.com:8443", "https://example.com:8443"],
    ["http://127.0.0.1:3000", "http://127.0.0.1:3000"],
    ["http://[::1]:3000", "http://[::1]:3000"],
    ["https://bücher.example", "https://xn--bcher-kva.example"],
    ["  https://padded.example  ", "https://padded.example"],
  ])("accepts %s as %s", (input, origin) => {
    expect(parseOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each([
    ["https://example.com/blog", /no path/],
    ["https://example.com/?x=1", /no path/],
    ["https://example.com#top", /no path|scheme/],
    ["https://*.example.com", /Wildcards/],
    ["*", /Wildcards/],
    ["ftp://example.com", /scheme/],
    ["javascript:alert(1)", /scheme/],
    ["example.com", /scheme/],
    ["//example.com", /scheme/],
    ["https://user:pw@example.com", /scheme/],
    ["https://", /scheme/],
    ["null", /scheme/],
    ["https://exa mple.com", /scheme/],
    ["https://example.com:99999", /not a valid/],
  ])("refuses %s", (input, reason) => {
    const res = parseOrigin(input);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.reason).toMatch(reason);
  });
});

describe("ZCreateSite", () => {
  it("canonicalises and de-duplicates the origins", () => {
    const parsed = ZCreateSite.parse({
      name: " Blog ",
      allowedOrigins: ["https://A.example", "https://a.example/", "http://a.example"],
    });
    expect(parsed).toEqual({ name: "Blog", allowedOrigins: ["https://a.example", "http://a.example"] });
  });

  it("names the bad origin's position", () => {
    const res = ZCreateSite.safeParse({
      name: "Blog",
      allowedOrigins: ["https://ok.example", "https://bad.example/path"],
    });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.path).toEqual(["allowedOrigins", 1]);
  });
});
