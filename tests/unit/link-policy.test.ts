import { describe, expect, it } from "vitest";
import {
  countLinks,
  DEFAULT_LINK_POLICY,
  evaluateLinks,
  normalizeUrl,
  urlCacheKey,
  type LinkPolicy,
  type LinkToCheck,
} from "../../src/citations/link-policy.ts";
import { parseCitations } from "../../src/citations/parse-citations.ts";

const codes = (links: LinkToCheck[], policy: Partial<LinkPolicy> = {}) =>
  evaluateLinks(links, policy).map((f) => `${f.code} ${f.href}`);
const check = (href: string, policy: Partial<LinkPolicy> = {}) => evaluateLinks([{ href }], policy).map((f) => f.code);

describe("evaluateLinks", () => {
  it("passes an ordinary https link under the default policy", () => {
    expect(DEFAULT_LINK_POLICY).toEqual({
      allowedSchemes: ["http", "https"],
      allowDomains: [],
      denyDomains: [],
      maxLinks: 2,
    });
    expect(evaluateLinks([{ href: "https://en.wikipedia.org/wiki/Foo_(bar)" }])).toEqual([]);
  });

  it("flags schemes outside the allowed list", () => {
    expect(evaluateLinks([{ href: "javascript:alert(1)", line: 7 }])).toEqual([
      {
        code: "scheme-not-allowed",
        href: "javascript:alert(1)",
        line: 7,
        detail: "javascript: links are not allowed",
        params: { scheme: "javascript" },
      },
    ]);
    expect(check("ftp://files.example.org/x")).toEqual(["scheme-not-allowed"]);
    expect(check("ftp://files.example.org/x", { allowedSchemes: ["HTTPS", "ftp:"] })).toEqual([]);
    expect(check("http://example.org/", { allowedSchemes: ["https"] })).toEqual(["scheme-not-allowed"]);
  });

  it("flags a relative or malformed link as invalid and stops there", () => {
    expect(check("/relative/path")).toEqual(["invalid-url"]);
    expect(check("http://[::1")).toEqual(["invalid-url"]);
  });

  it("flags denied domains and their subdomains, not look-alike suffixes", () => {
    const policy = { denyDomains: ["Evil.com", "*.spam.example."] };
    expect(
      codes(
        [
          { href: "https://evil.com/a" },
          { href: "https://a.b.evil.com/" },
          { href: "https://notevil.com/" },
          { href: "https://x.spam.example/" },
        ],
        policy,
      ),
    ).toEqual([
      "domain-denied https://evil.com/a",
      "domain-denied https://a.b.evil.com/",
      "domain-denied https://x.spam.example/",
    ]);
    expect(evaluateLinks([{ href: "https://a.evil.com" }], policy)[0]?.detail).toBe(
      "evil.com is on this site's deny list",
    );
  });

  it("flags domains outside a non-empty allow list, subdomains allowed", () => {
    const policy = { allowDomains: ["wikipedia.org", "example.org"] };
    expect(
      codes(
        [{ href: "https://en.wikipedia.org/wiki/X" }, { href: "https://example.org" }, { href: "https://other.net/" }],
        policy,
      ),
    ).toEqual(["domain-not-allowed https://other.net/"]);
  });

  it("flags URL shorteners, including their www. form", () => {
    for (const href of [
      "https://bit.ly/3abc",
      "https://t.co/xyz",
      "http://tinyurl.com/y",
      "https://www.bit.ly/q",
      "https://lnkd.in/e",
    ]) {
      expect(check(href)).toEqual(["url-shortener"]);
    }
    expect(check("https://bitly.example.org/")).toEqual([]);
  });

  it("flags IPv4 in every spelling and IPv6 literals", () => {
    const spellings = [
      "http://127.0.0.1/",
      "http://2130706433/",
      "http://0177.0.0.1/",
      "http://0x7f.1/",
      "http://127.1/",
      "http://[::1]/",
      "https://[2001:db8::1]:8443/",
    ];
    for (const href of spellings) expect(check(href)).toEqual(["ip-literal-host"]);
    expect(evaluateLinks([{ href: "http://0x7f.1/" }])[0]?.detail).toBe(
      "The link points at the address 127.0.0.1, not a domain name",
    );
    // Hosts of other schemes are not normalised by the URL parser; ipaddr.js reads them.
    expect(check("foo://0x7f.1/")).toEqual(["scheme-not-allowed", "ip-literal-host"]);
    expect(check("https://1.2.3.4.example.com/")).toEqual([]);
  });

  it("flags punycode hosts whether written as xn-- or in Unicode", () => {
    expect(check("https://xn--80ak6aa92e.com/")).toEqual(["punycode-host"]);
    expect(evaluateLinks([{ href: "https://münchen.de/" }])).toEqual([
      {
        code: "punycode-host",
        href: "https://münchen.de/",
        line: null,
        detail: "The host is an internationalised name: münchen.de (xn--mnchen-3ya.de)",
        params: { unicode: "münchen.de", host: "xn--mnchen-3ya.de" },
      },
    ]);
  });

  it("flags a hostname label mixing Latin with Cyrillic or Greek", () => {
    expect(check("https://pаypal.com/")).toEqual(["punycode-host", "mixed-script-host"]); // Cyrillic а
    expect(evaluateLinks([{ href: "https://pаypal.com/" }])[1]?.detail).toBe(
      '"pаypal" mixes Latin and Cyrillic letters',
    );
    expect(check("https://gοogle.com/")).toEqual(["punycode-host", "mixed-script-host"]); // Greek ο
  });

  it("does not flag single-script or normal Japanese/Latin mixes as mixed", () => {
    expect(check("https://пример.рф/")).toEqual(["punycode-host"]);
    expect(check("https://日本語.jp/")).toEqual(["punycode-host"]);
    expect(check("https://sonyストア.jp/")).toEqual(["punycode-host"]);
  });

  it("flags masked links whose text names another host", () => {
    const links = [
      { href: "https://evil.example/login", text: "https://paypal.com/login", kind: "markdown" as const },
      { href: "https://evil.example/", text: "paypal.com" },
      { href: "https://evil.example/", text: "www.paypal.com" },
      { href: "javascript:steal()", text: "https://bank.com" },
    ];
    expect(
      evaluateLinks(links)
        .filter((f) => f.code === "masked-link")
        .map((f) => f.detail),
    ).toEqual([
      "The text shows paypal.com but the link goes to evil.example",
      "The text shows paypal.com but the link goes to evil.example",
      "The text shows www.paypal.com but the link goes to evil.example",
      "The text shows bank.com but the link goes to javascript:steal()",
    ]);
  });

  it("does not flag link text that names the same site, a subdomain of it, or no domain at all", () => {
    const links = [
      { href: "https://www.example.com/a", text: "example.com" },
      { href: "https://docs.example.com/a", text: "example.com" },
      { href: "https://example.com/", text: "https://EXAMPLE.com" },
      { href: "https://nodejs.org/", text: "Node.js" },
      { href: "https://example.com/", text: "this article" },
      { href: "https://example.com/", text: "[A]" },
      { href: "https://example.com/", text: "https://example.com/" },
    ];
    expect(evaluateLinks(links)).toEqual([]);
  });

  it("flags text naming a subdomain when the link goes to the parent domain", () => {
    expect(codes([{ href: "https://example.com/", text: "docs.example.com" }])).toEqual([
      "masked-link https://example.com/",
    ]);
  });

  it("reports several independent flags for one link", () => {
    const policy = { allowDomains: ["example.org"], denyDomains: ["bit.ly"] };
    expect(check("http://bit.ly/x", policy)).toEqual(["domain-denied", "domain-not-allowed", "url-shortener"]);
  });

  it("takes ParsedLinks from parseCitations directly", () => {
    const report = parseCitations("See [paypal.com](https://evil.example/) and https://bit.ly/x.");
    expect(evaluateLinks(report.links).map((f) => [f.code, f.href, f.line])).toEqual([
      ["masked-link", "https://evil.example/", 1],
      ["url-shortener", "https://bit.ly/x", 1],
    ]);
  });
});

describe("countLinks", () => {
  it("counts distinct destinations, ignoring fragments, case and default ports", () => {
    expect(
      countLinks([{ href: "https://A.com/#x" }, { href: "https://a.com/#y" }, { href: "https://a.com:443/" }]),
    ).toBe(1);
    expect(countLinks([{ href: "https://a.com/" }, { href: "https://b.com/" }, { href: "not a url" }])).toBe(3);
  });
});

describe("normalizeUrl and urlCacheKey", () => {
  it("lower-cases the host, drops the default port, resolves dot segments, keeps the fragment", () => {
    expect(normalizeUrl("HTTP://Example.COM:80/a/../b?q=1#Sec")).toBe("http://example.com/b?q=1#Sec");
    expect(normalizeUrl("https://example.com:8443/")).toBe("https://example.com:8443/");
  });

  it("drops an empty query or fragment and a trailing dot on the host", () => {
    expect(normalizeUrl("https://example.com./p?#")).toBe("https://example.com/p");
  });

  it("turns IP spellings and IDNs into their canonical host", () => {
    expect(normalizeUrl("http://0x7f.1/")).toBe("http://127.0.0.1/");
    expect(normalizeUrl("https://münchen.de/")).toBe("https://xn--mnchen-3ya.de/");
  });

  it("keys the cache without the fragment", () => {
    expect(urlCacheKey("https://en.wikipedia.org/wiki/Eugene_Kaspersky#Early_life")).toBe(
      "https://en.wikipedia.org/wiki/Eugene_Kaspersky",
    );
    expect(urlCacheKey("https://Example.com:443/p#a")).toBe(urlCacheKey("https://example.com/p#b"));
  });

  it("returns null for what does not parse", () => {
    expect(normalizeUrl("/relative")).toBeNull();
    expect(urlCacheKey("http://")).toBeNull();
  });
});
