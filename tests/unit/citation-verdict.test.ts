// The citation verdict (pure): which findings hold a comment, per the site's settings, and how
// check results are read — a definite failure holds, "unreachable" never does.
import { describe, expect, it } from "vitest";
import { analyzeCitations } from "../../src/citations/analyze-citations.ts";
import { DEFAULT_CITATION_SETTINGS, type CitationSettings } from "../../src/citations/citation-settings.ts";
import { loadConfig } from "../../src/config/config.ts";
import { resolveSettings, ZSiteSettingsPatch } from "../../src/config/site-settings.ts";
import { replaceCitationFlags, type KnownCheck } from "../../src/citations/citation-verdict.ts";
import { describeSources } from "../../src/citations/describe-sources.ts";
import { parseCitations } from "../../src/citations/parse-citations.ts";

const KGB_QUOTE =
  "“At the age of 16, Kaspersky entered a five-year program with The Technical Faculty of the KGB Higher School,[15] " +
  "which prepared intelligence officers for the Russian military and KGB.[7][8]”";
const PETE = `Submarine Matters wrote about it [A] which indicated in part:

“Cyber defenders may be a little nervous.”

Eugene Kaspersky is recorded on Wikipedia as [B]:

${KGB_QUOTE}

[A] http://gentleseas.blogspot.com.au/2016/12/intelligence-vulnerabilities-of.html

[B] https://en.wikipedia.org/wiki/Eugene_Kaspersky#Early_life`;

const A = "http://gentleseas.blogspot.com.au/2016/12/intelligence-vulnerabilities-of.html";
const B = "https://en.wikipedia.org/wiki/Eugene_Kaspersky";

function verdict(
  source: string,
  opts: { settings?: Partial<CitationSettings>; checks?: Record<string, Partial<KnownCheck>> } = {},
) {
  const checks = new Map(
    Object.entries(opts.checks ?? {}).map(([k, v]) => [
      k,
      { state: "ok", httpStatus: 200, finalDomain: null, error: null, ...v },
    ]),
  );
  return analyzeCitations({ source, settings: { ...DEFAULT_CITATION_SETTINGS, ...opts.settings }, checks }).verdict;
}
const codes = (v: { flags: { code: string }[] }) => v.flags.map((f) => f.code);

describe("sources", () => {
  it("lists Pete's references in citation order with labels, keyed without the fragment", () => {
    const sources = describeSources(parseCitations(PETE));
    expect(sources).toEqual([
      { url: A, key: A, label: "A", text: null },
      { url: `${B}#Early_life`, key: B, label: "B", text: null },
    ]);
  });

  it("puts cited references first, then uncited ones, then plain links; drops non-web links", () => {
    const source =
      "First [2], then [1]. See [the report](https://x.test/r) and mailto:me@x.test\n\n" +
      "[1] https://one.test Title one\n[2] https://two.test\n[3] https://three.test";
    expect(describeSources(parseCitations(source)).map((s) => [s.label, s.key, s.text])).toEqual([
      ["2", "https://two.test/", null],
      ["1", "https://one.test/", "Title one"],
      ["3", "https://three.test/", null],
      [null, "https://x.test/r", "the report"],
    ]);
  });

  it('takes no title from a citation marker written as a Markdown reference link ("[A]" with "[A]: url")', () => {
    const source =
      "As the report says [A], and [the summary](https://two.test) agrees.\n\n[A]: https://one.test/report";
    expect(describeSources(parseCitations(source)).map((s) => [s.label, s.key, s.text])).toEqual([
      ["A", "https://one.test/report", null],
      [null, "https://two.test/", "the summary"],
    ]);
  });
});

describe("verdict", () => {
  it("does not hold Pete: his own citations resolve and Wikipedia's markers are quoted", () => {
    expect(verdict(PETE)).toEqual({ flags: [], fromChecks: [], notes: [], unchecked: [A, B] });
  });

  it("never holds for unreachable links, and holds for broken or refused ones", () => {
    expect(
      codes(
        verdict(PETE, {
          checks: { [A]: { state: "unreachable", httpStatus: null, error: "dns-failure" }, [B]: { state: "ok" } },
        }),
      ),
    ).toEqual([]);
    const broken = verdict(PETE, {
      checks: {
        [A]: { state: "broken", httpStatus: 404 },
        [B]: { state: "refused", httpStatus: null, error: "forbidden-address" },
      },
    });
    expect(broken.flags).toEqual([
      {
        code: "link-broken",
        detail: `[A] ${A} answered 404`,
        detailCode: "answered",
        detailParams: { source: `[A] ${A}`, status: 404 },
      },
      {
        code: "link-broken",
        detail: `[B] ${B}#Early_life was not fetched (forbidden-address)`,
        detailCode: "not-fetched",
        detailParams: { source: `[B] ${B}#Early_life`, error: "forbidden-address" },
      },
    ]);
    expect(broken.fromChecks).toEqual(broken.flags);
    expect(
      codes(
        verdict(PETE, { settings: { holdBrokenLinks: false }, checks: { [A]: { state: "broken", httpStatus: 500 } } }),
      ),
    ).toEqual([]);
  });

  it("holds a link that redirects into a denied domain, or out of the allow list", () => {
    const redirect = { [A]: { state: "redirected", finalDomain: "casino.test" } };
    expect(verdict(PETE, { settings: { linkDenyDomains: ["casino.test"] }, checks: redirect }).fromChecks).toEqual([
      {
        code: "link-denied-domain",
        detail: `[A] ${A} redirects to casino.test`,
        detailCode: "redirects-to",
        detailParams: { source: `[A] ${A}`, domain: "casino.test" },
      },
    ]);
    const allowOnly = { linkAllowDomains: ["blogspot.com.au", "wikipedia.org"] };
    expect(codes(verdict(PETE, { settings: allowOnly }))).toEqual([]);
    expect(codes(verdict(PETE, { settings: allowOnly, checks: redirect }))).toEqual(["link-denied-domain"]);
  });

  it("holds unresolved citations unless the site turns it off", () => {
    expect(verdict("As [C] proves.").flags).toEqual([
      {
        code: "citation-unresolved",
        detail: "[C] has no source",
        detailCode: "unresolved-marker",
        detailParams: { label: "C" },
      },
    ]);
    expect(verdict("As [C] proves.", { settings: { holdUnresolvedCitations: false } })).toMatchObject({
      flags: [],
      notes: [{ code: "citation-unresolved" }],
    });
    expect(codes(verdict("[A] and [A]\n\n[A] https://a.test\n[A] https://b.test"))).toEqual(["citation-unresolved"]);
  });

  it("holds unsafe links always, and shorteners / IDN hosts per setting", () => {
    expect(codes(verdict("http://192.168.1.1/x"))).toEqual(["link-unsafe"]);
    expect(codes(verdict("[https://bank.test](https://evil.test)"))).toEqual(["link-unsafe"]);
    expect(codes(verdict("<mailto:me@files.test>"))).toEqual(["link-unsafe"]); // a scheme the site does not allow
    expect(codes(verdict("ftp://files.test/x [here](javascript:alert(1)) [y](/y)"))).toEqual([]); // text, not links
    expect(codes(verdict("https://bit.ly/abc"))).toEqual(["link-unsafe"]);
    expect(verdict("https://bit.ly/abc", { settings: { holdUrlShorteners: false } })).toMatchObject({
      flags: [],
      notes: [{ code: "url-shortener" }],
    });
    expect(codes(verdict("https://xn--mnchen-3ya.de/"))).toEqual([]);
    expect(codes(verdict("https://xn--mnchen-3ya.de/", { settings: { holdPunycodeHosts: true } }))).toEqual([
      "link-unsafe",
    ]);
    expect(codes(verdict("https://аpple.com/"))).toEqual(["link-unsafe"]); // Cyrillic "а"
    expect(codes(verdict("https://evil.test/", { settings: { linkDenyDomains: ["evil.test"] } }))).toEqual([
      "link-denied-domain",
    ]);
  });

  it("holds for unchecked links only when the site asks to wait for checks", () => {
    expect(codes(verdict(PETE))).toEqual([]);
    expect(verdict(PETE, { settings: { holdUntilLinksChecked: true } }).flags).toEqual([
      {
        code: "links-unchecked",
        detail: "2 links are not checked yet",
        detailCode: "not-checked",
        detailParams: { n: 2 },
      },
    ]);
    expect(codes(verdict(PETE, { settings: { holdUntilLinksChecked: true }, checks: { [A]: {}, [B]: {} } }))).toEqual(
      [],
    );
  });

  it("caps repeated reasons so forty dead links make five lines, not forty", () => {
    const source = Array.from({ length: 40 }, (_, i) => `https://dead.test/${i}`).join("\n\n");
    const checks = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`https://dead.test/${i}`, { state: "broken", httpStatus: 404 }]),
    );
    expect(verdict(source, { checks }).flags).toHaveLength(5);
  });

  it("replaces only its own flags when re-evaluated", () => {
    const existing = [
      { code: "links-unchecked", detail: "1 link" },
      { code: "suspect-words", detail: "casino" },
    ];
    expect(replaceCitationFlags(existing, [{ code: "link-broken", detail: "x" }])).toEqual([
      { code: "suspect-words", detail: "casino" },
      { code: "link-broken", detail: "x" },
    ]);
  });
});

describe("settings", () => {
  it("are site settings: article overrides over the site's, bad stored values ignored, unknown patch keys refused", () => {
    const s = resolveSettings(
      { holdUntilLinksChecked: true, linkDenyDomains: ["Spam.TEST"], holdBrokenLinks: "yes" },
      { holdUntilLinksChecked: false, linkCheckBlockingMs: 50 },
    );
    expect(s).toMatchObject({ ...DEFAULT_CITATION_SETTINGS, linkDenyDomains: ["spam.test"] });
    expect(ZSiteSettingsPatch.safeParse({ holdPunycodeHosts: true }).success).toBe(true);
    expect(ZSiteSettingsPatch.safeParse({ linkAllowedSchemes: [] }).success).toBe(false);
  });

  it("refuses the test-only loopback switch in production", () => {
    expect(loadConfig({ LINK_CHECK_ALLOW_LOOPBACK: "true" }).LINK_CHECK_ALLOW_LOOPBACK).toBe(true);
    expect(() => loadConfig({ LINK_CHECK_ALLOW_LOOPBACK: "true", NODE_ENV: "production" })).toThrow(
      /LINK_CHECK_ALLOW_LOOPBACK: is a test-only setting/,
    );
    expect(loadConfig({ NODE_ENV: "production" })).toMatchObject({
      LINK_CHECK_ALLOW_LOOPBACK: false,
      LINK_CHECK_ENABLED: true,
    });
  });
});
