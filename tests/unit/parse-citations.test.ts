import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCitations, type CitationReport } from "../../src/citations/parse-citations.ts";

const labels = (r: CitationReport) => r.markers.map((m) => m.label);
const problems = (r: CitationReport) => r.problems.map((p) => `${p.severity} ${p.code} ${p.label}`);
const refs = (r: CitationReport) => r.references.map((x) => [x.label, x.url]);
const hrefs = (r: CitationReport) => r.links.map((l) => l.href);
const resolved = (r: CitationReport) => r.markers.map((m) => `${m.label}->${m.resolvedTo ?? "none"}`);

describe("Pete's comment (seed article)", () => {
  const article = JSON.parse(
    readFileSync(
      new URL("/work/shared/seed-articles/israel-behind-discovery-of-kaspersky-spy-links.json", import.meta.url),
      "utf8",
    ),
  ) as { comments: { bodyText: string }[] };
  const report = parseCitations(article.comments[0]!.bodyText);

  it("resolves [A] and [B] to the URLs at the end", () => {
    expect(report.citations).toEqual([
      {
        label: "A",
        url: "http://gentleseas.blogspot.com.au/2016/12/intelligence-vulnerabilities-of.html",
        markerCount: 1,
      },
      { label: "B", url: "https://en.wikipedia.org/wiki/Eugene_Kaspersky#Early_life", markerCount: 1 },
    ]);
    expect(report.references.map((r) => [r.label, r.style, r.line])).toEqual([
      ["A", "bracket", 9],
      ["B", "bracket", 11],
    ]);
  });

  it("reports Wikipedia's own markers as quoted, informational, and nothing as an error", () => {
    expect(report.problems.every((p) => p.severity === "info")).toBe(true);
    expect(problems(report)).toEqual(["15", "7", "8", "4", "6", "2", "10"].map((l) => `info quoted-marker ${l}`));
    expect(report.markers.filter((m) => m.inQuotation)).toHaveLength(10);
  });

  it("does not read the numbered paragraphs '1.' and '2.' as references", () => {
    expect(report.references.map((r) => r.label)).not.toContain("2");
    expect(report.markers.find((m) => m.label === "2")?.resolvedTo).toBeNull();
    expect(report.links).toHaveLength(2);
  });
});

describe("footnotes", () => {
  it("resolves [^1] to a [^1]: definition", () => {
    const r = parseCitations("Water boils at 100 °C.[^1]\n\n[^1]: https://example.org/boiling");
    expect(r.citations).toEqual([{ label: "^1", url: "https://example.org/boiling", markerCount: 1 }]);
    expect(r.references[0]?.style).toBe("colon");
    expect(r.problems).toEqual([]);
  });

  it("accepts named footnotes", () => {
    const r = parseCitations("See the ruling[^court-2019].\n\n[^court-2019]: https://example.org/ruling");
    expect(resolved(r)).toEqual(["^court-2019->^court-2019"]);
  });

  it("keeps [^1] and [1] apart", () => {
    const r = parseCitations("Claim.[^1]\n\n[1] https://example.org/a");
    expect(problems(r)).toEqual(["error unresolved-marker ^1", "warning uncited-reference 1"]);
  });
});

describe("quotations", () => {
  it("treats Wikipedia markers in a > block quote as quoted markers", () => {
    const r = parseCitations("> He graduated in 1987[15] with a degree.[7][8]\n\nInteresting.");
    expect(labels(r)).toEqual(["15", "7", "8"]);
    expect(r.markers.every((m) => m.inQuotation)).toBe(true);
    expect(r.problems.map((p) => p.message)).toEqual([
      "[15] is inside a quotation and has no source here; it is probably the quoted text's own footnote",
      "[7] is inside a quotation and has no source here; it is probably the quoted text's own footnote",
      "[8] is inside a quotation and has no source here; it is probably the quoted text's own footnote",
    ]);
  });

  it("treats a paragraph wrapped in curly quotes as a quotation", () => {
    const r = parseCitations("“The KGB school,[15] which trained officers.”");
    expect(r.markers[0]).toMatchObject({ label: "15", inQuotation: true });
  });

  it("treats a paragraph wrapped in straight quotes as a quotation", () => {
    const r = parseCitations('"Prices rose 4%[3] last year."');
    expect(problems(r)).toEqual(["info quoted-marker 3"]);
  });

  it("leaves a marker after the closing quote outside the quotation", () => {
    const r = parseCitations("“Cyber defenders may be nervous.” [A]\n\n[A] https://example.org/a");
    expect(r.markers[0]).toMatchObject({ label: "A", inQuotation: false, resolvedTo: "A" });
  });

  it("does not treat a sentence containing a short quote as a quotation", () => {
    const r = parseCitations("He called it “a disaster [9]” and left.");
    expect(problems(r)).toEqual(["error unresolved-marker 9"]);
  });

  it("quotes only the > lines, not a reply on the next line", () => {
    const r = parseCitations("> quoted [1]\nmy reply [2]");
    expect(r.markers.map((m) => m.inQuotation)).toEqual([true, false]);
  });

  it("resolves a quoted marker when the commenter defines it", () => {
    const r = parseCitations("> As the report says [A].\n\n[A] https://example.org/report");
    expect(r.markers[0]).toMatchObject({ inQuotation: true, resolvedTo: "A" });
    expect(r.problems).toEqual([]);
  });

  it("reads a reference list inside a block quote, marked as quoted", () => {
    const r = parseCitations("> Fact.[1]\n>\n> [1] https://example.org/fact");
    expect(r.references[0]).toMatchObject({ label: "1", url: "https://example.org/fact", inQuotation: true });
    expect(resolved(r)).toEqual(["1->1"]);
  });

  it("marks links inside quotations", () => {
    const r = parseCitations("> see https://example.org/q\n\nand https://example.org/r");
    expect(r.links.map((l) => [l.href, l.inQuotation])).toEqual([
      ["https://example.org/q", true],
      ["https://example.org/r", false],
    ]);
  });
});

describe("what is not a marker", () => {
  it("finds [A] inside [[A]]", () => {
    const r = parseCitations("Disputed [[A]].\n\n[A] https://example.org/a");
    expect(r.markers.map((m) => [m.label, m.line])).toEqual([["A", 1]]);
  });

  it("ignores brackets in code spans", () => {
    const r = parseCitations("Use `arr[1]` and ``a ` [B]`` here.");
    expect(r.markers).toEqual([]);
  });

  it("ignores fenced code, including reference-shaped lines", () => {
    const r = parseCitations(
      "Claim [A].\n\n```\nx = y[A]\n[A] https://example.org/in-code\n```\n\n[A] https://example.org/real",
    );
    expect(refs(r)).toEqual([["A", "https://example.org/real"]]);
    expect(hrefs(r)).toEqual(["https://example.org/real"]);
    expect(labels(r)).toEqual(["A"]);
  });

  it("treats an unclosed fence as code to the end", () => {
    const r = parseCitations("Text [1]\n\n~~~\n[2] https://example.org/x");
    expect(labels(r)).toEqual(["1"]);
    expect(r.links).toEqual([]);
  });

  it("does not treat Markdown link text as a marker", () => {
    const r = parseCitations("See [[A]](https://example.org/a) and [B](https://example.org/b).");
    expect(r.markers).toEqual([]);
    expect(r.links.map((l) => [l.kind, l.text, l.href])).toEqual([
      ["markdown", "[A]", "https://example.org/a"],
      ["markdown", "B", "https://example.org/b"],
    ]);
  });

  it("ignores task-list checkboxes", () => {
    const r = parseCitations("- [x] done\n- [ ] todo\n* [X] also done");
    expect(r.markers).toEqual([]);
  });

  it("ignores escaped brackets", () => {
    expect(parseCitations("Literally \\[A\\] here").markers).toEqual([]);
  });

  it("ignores bracketed words and phrases: [sic], [Lab], [see above]", () => {
    const r = parseCitations("“Kaspersky [Lab] said it [sic] twice” [see above]");
    expect(r.markers).toEqual([]);
  });

  it("counts a three-letter label when a reference defines it", () => {
    const r = parseCitations("As [Lab] states.\n\n[Lab] https://example.org/lab");
    expect(resolved(r)).toEqual(["Lab->Lab"]);
  });

  it("finds the marker in a reference-style link [text][A]", () => {
    const r = parseCitations("The [original report][A] says so.\n\n[A]: https://example.org/a");
    expect(resolved(r)).toEqual(["A->A"]);
  });
});

describe("links", () => {
  it("keeps balanced parentheses in a bare URL", () => {
    expect(hrefs(parseCitations("See https://en.wikipedia.org/wiki/Foo_(bar) now"))).toEqual([
      "https://en.wikipedia.org/wiki/Foo_(bar)",
    ]);
  });

  it("drops the closing parenthesis of the sentence around a URL", () => {
    expect(hrefs(parseCitations("(see https://en.wikipedia.org/wiki/Foo_(bar))."))).toEqual([
      "https://en.wikipedia.org/wiki/Foo_(bar)",
    ]);
  });

  it("keeps parentheses in a Markdown link destination", () => {
    const r = parseCitations("[Foo](https://en.wikipedia.org/wiki/Foo_(bar))");
    expect(r.links).toEqual([
      {
        kind: "markdown",
        text: "Foo",
        href: "https://en.wikipedia.org/wiki/Foo_(bar)",
        line: 1,
        inQuotation: false,
      },
    ]);
  });

  it("drops a Markdown link title", () => {
    expect(hrefs(parseCitations('[x](https://example.org/a "The title")'))).toEqual(["https://example.org/a"]);
  });

  it("trims trailing punctuation", () => {
    const r = parseCitations("Read https://x.org/a. Then https://y.org/b, and https://z.org/c!");
    expect(hrefs(r)).toEqual(["https://x.org/a", "https://y.org/b", "https://z.org/c"]);
  });

  it("stops at quotes around URLs", () => {
    const r = parseCitations("\"https://x.org/a\" or “https://y.org/b” or 'https://z.org/c'");
    expect(hrefs(r)).toEqual(["https://x.org/a", "https://y.org/b", "https://z.org/c"]);
  });

  // www. without a scheme stays text (README "Comment text"): only what the comment links is a link.
  it("reads autolinks, e-mail autolinks and bare URLs, not www. text", () => {
    const r = parseCitations("<https://x.org/a?b=c> and www.example.com/page, <me@x.org> or https://y.org/b.");
    expect(r.links.map((l) => [l.kind, l.text, l.href])).toEqual([
      ["autolink", "https://x.org/a?b=c", "https://x.org/a?b=c"],
      ["autolink", "me@x.org", "mailto:me@x.org"],
      ["bare", "https://y.org/b", "https://y.org/b"],
    ]);
  });

  it("does not also report a URL used as link text", () => {
    const r = parseCitations("[https://paypal.com](https://evil.example)");
    expect(r.links.map((l) => [l.text, l.href])).toEqual([["https://paypal.com", "https://evil.example"]]);
  });

  it("records the line, through code spans and link destinations that cross lines", () => {
    const r = parseCitations("one\ntwo\n\nthree https://example.org/x");
    expect(r.links[0]).toMatchObject({ line: 4 });
    const crossing = parseCitations("a `co\nde` [A]\n[x](\nhttps://example.org/y) [B]\nlast https://example.org/z");
    expect(crossing.markers.map((m) => [m.label, m.line])).toEqual([
      ["A", 2],
      ["B", 4],
    ]);
    expect(crossing.links.map((l) => l.line)).toEqual([3, 5]);
  });

  it("ends a URL at a CRLF line break", () => {
    const r = parseCitations("Claim [A]\r\n\r\n[A] https://example.org/x\r\n");
    expect(r.citations).toEqual([{ label: "A", url: "https://example.org/x", markerCount: 1 }]);
  });
});

describe("reference list formats", () => {
  const cite = (list: string) => parseCitations(`Claim [A] and [B].\n\n${list}`);
  const both = [
    ["A", "https://a.example/1"],
    ["B", "https://b.example/2"],
  ];

  it("[A] url", () => expect(refs(cite("[A] https://a.example/1\n[B] https://b.example/2"))).toEqual(both));
  it("[A]: url", () => expect(refs(cite("[A]: https://a.example/1\n[B]: https://b.example/2"))).toEqual(both));
  it("A. url", () => expect(refs(cite("A. https://a.example/1\nB. https://b.example/2"))).toEqual(both));
  it("A) url", () => expect(refs(cite("A) https://a.example/1\nB) https://b.example/2"))).toEqual(both));
  it("[A]: <url>", () => expect(refs(cite("[A]: <https://a.example/1>\n[B]: <https://b.example/2>"))).toEqual(both));

  it("1. url beside [1] markers", () => {
    const r = parseCitations("First [1], second [2].\n\nSources:\n1. https://a.example/1\n2. https://b.example/2");
    expect(r.citations.map((c) => [c.label, c.url])).toEqual([
      ["1", "https://a.example/1"],
      ["2", "https://b.example/2"],
    ]);
    expect(r.references.map((x) => x.style)).toEqual(["list", "list"]);
  });

  it("reads titles before and after the URL", () => {
    const r = cite(
      "[A] Intelligence Vulnerabilities - https://a.example/1\n[B] https://b.example/2 “Eugene Kaspersky”\n[C]: https://c.example/3 - Wikipedia",
    );
    expect(r.references.map((x) => [x.label, x.title])).toEqual([
      ["A", "Intelligence Vulnerabilities"],
      ["B", "Eugene Kaspersky"],
      ["C", "Wikipedia"],
    ]);
  });

  it("takes the title from a Markdown link in the definition", () => {
    const r = cite("[A]: [The report](https://a.example/1)\n[B] https://b.example/2");
    expect(r.references[0]).toMatchObject({ label: "A", url: "https://a.example/1", title: "The report" });
  });

  it("does not read a numbered paragraph without a URL as a definition", () => {
    const r = parseCitations("1. The decision was made.\n\n“Quoted text.[1]”");
    expect(r.references).toEqual([]);
    expect(problems(r)).toEqual(["info quoted-marker 1"]);
  });

  it("does not read a numbered sentence that mentions a URL mid-way as a definition", () => {
    const r = parseCitations("1. Read https://example.org/x because it matters.");
    expect(r.references).toEqual([]);
    expect(r.links).toHaveLength(1);
  });

  it("does not read an abbreviation as a list label", () => {
    expect(parseCitations("Mr. Smith's site: https://example.org/smith").references).toEqual([]);
  });

  it("reads a [A] at line start without a URL as a marker", () => {
    const r = parseCitations("[A] says the opposite.\n\n[A] https://example.org/a");
    expect(r.markers.map((m) => [m.label, m.line, m.resolvedTo])).toEqual([["A", 1, "A"]]);
    expect(r.references.map((x) => x.line)).toEqual([3]);
  });
});

describe("resolution and problems", () => {
  it("resolves a mid-sentence marker and counts repeats", () => {
    const r = parseCitations("As shown [A], and again [A], it holds.\n\n[A] https://example.org/a");
    expect(r.citations).toEqual([{ label: "A", url: "https://example.org/a", markerCount: 2 }]);
  });

  it("resolves a run [7][8] to two references", () => {
    const r = parseCitations("Trained officers.[7][8]\n\n[7] https://example.org/7\n[8] https://example.org/8");
    expect(r.markers.map((m) => [m.label, m.line])).toEqual([
      ["7", 1],
      ["8", 1],
    ]);
    expect(r.problems).toEqual([]);
  });

  it("reports an unresolved marker outside quotes as an error", () => {
    const r = parseCitations("Claim [A] and [C].\n\n[A] https://example.org/a");
    expect(r.problems).toEqual([
      {
        code: "unresolved-marker",
        severity: "error",
        label: "C",
        message: "[C] has no source",
        line: 1,
      },
    ]);
  });

  it("reports each unresolved label once", () => {
    expect(problems(parseCitations("x [7][8] y [7]"))).toEqual([
      "error unresolved-marker 7",
      "error unresolved-marker 8",
    ]);
  });

  it("reports an uncited reference as a warning", () => {
    const r = parseCitations("Claim [A].\n\n[A] https://example.org/a\n[C] https://example.org/c");
    expect(r.problems.map((p) => [p.code, p.severity, p.message, p.line])).toEqual([
      ["uncited-reference", "warning", "[C] is listed but never cited", 4],
    ]);
  });

  it("reports a label defined twice with different URLs as an error and uses the first", () => {
    const r = parseCitations("Claim [A].\n\n[A] https://example.org/one\n[A] https://example.org/two");
    expect(r.problems.map((p) => [p.code, p.severity, p.message, p.line])).toEqual([
      ["duplicate-reference", "error", "[A] is listed twice with different sources", 4],
    ]);
    expect(r.citations[0]?.url).toBe("https://example.org/one");
  });

  it("reports a label defined twice with the same URL as a warning", () => {
    const r = parseCitations("Claim [A].\n\n[A] https://Example.org/one\n[A]: https://example.org/one");
    expect(problems(r)).toEqual(["warning duplicate-reference A"]);
  });

  it("matches lowercase labels, and [a] to [A] when only [A] is defined", () => {
    expect(resolved(parseCitations("x [a]\n\n[a] https://example.org/a"))).toEqual(["a->a"]);
    expect(resolved(parseCitations("x [a]\n\n[A] https://example.org/a"))).toEqual(["a->A"]);
  });

  it("keeps [a] and [A] apart when both are defined", () => {
    const r = parseCitations("x [a] y [A]\n\n[a] https://example.org/lower\n[A] https://example.org/upper");
    expect(r.citations.map((c) => [c.label, c.url])).toEqual([
      ["a", "https://example.org/lower"],
      ["A", "https://example.org/upper"],
    ]);
    expect(r.problems).toEqual([]);
  });

  it("sorts problems by position", () => {
    const r = parseCitations("> q [9]\n\nx [Z]\n\n[Q] https://example.org/q");
    expect(r.problems.map((p) => p.code)).toEqual(["quoted-marker", "unresolved-marker", "uncited-reference"]);
  });
});

describe("report shape and robustness", () => {
  it("returns empty lists for empty input", () => {
    expect(parseCitations("")).toEqual({ links: [], markers: [], references: [], citations: [], problems: [] });
  });

  it("survives a JSON round trip unchanged", () => {
    const r = parseCitations("> q [9]\n\nClaim [A] https://example.org/x\n\n[A] https://example.org/a");
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("parses 20k-character hostile inputs quickly", () => {
    const inputs = [
      "[".repeat(20_000),
      "[]".repeat(10_000),
      "[a](b".repeat(4_000),
      "`a".repeat(10_000),
      "https://x.org/" + ")".repeat(20_000),
    ];
    const started = performance.now();
    for (const input of inputs) parseCitations(input);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(parseCitations("[x]".repeat(7_000)).markers).toHaveLength(7_000);
  });
});

describe("read from markdown-it's tokens (the parse the body is rendered from)", () => {
  it("takes no link or marker from code spans, fenced or indented code", () => {
    const r = parseCitations(
      "Real [A] https://example.org/real `https://example.org/span [B]`\n\n```\nhttps://example.org/fenced [C]\n```\n\n    https://example.org/indented [D]\n\n[A] https://example.org/a",
    );
    expect(hrefs(r)).toEqual(["https://example.org/real", "https://example.org/a"]);
    expect(labels(r)).toEqual(["A"]);
    expect(r.problems).toEqual([]);
  });

  it("reads markers and reference lines in nested quotes and lists, with their lines", () => {
    const r = parseCitations(
      "> - quoted item [1]\n>   > deeper [2]\n\n- Claim [A]\n  - nested [B]\n    [B] https://example.org/b\n\n[A] https://example.org/a",
    );
    expect(r.markers.map((m) => [m.label, m.line, m.inQuotation, m.resolvedTo])).toEqual([
      ["1", 1, true, null],
      ["2", 2, true, null],
      ["A", 4, false, "A"],
      ["B", 5, false, "B"],
    ]);
    expect(r.references.map((x) => [x.label, x.line, x.style])).toEqual([
      ["B", 6, "bracket"],
      ["A", 8, "bracket"],
    ]);
    expect(problems(r)).toEqual(["info quoted-marker 1", "info quoted-marker 2"]);
  });

  it("reads Markdown definitions ([A]: url) markdown-it takes out of the text: titles, case, duplicates, quotes", () => {
    const r = parseCitations(
      'Claim [A], [a] and [C].\n\n[A]: https://example.org/a "The A report"\n[a]: https://example.org/lower\n[A]: https://example.org/again\n\n> [C]: <https://example.org/c>',
    );
    expect(r.references.map((x) => [x.label, x.url, x.title, x.style, x.line, x.inQuotation])).toEqual([
      ["A", "https://example.org/a", "The A report", "colon", 3, false],
      ["a", "https://example.org/lower", null, "colon", 4, false],
      ["A", "https://example.org/again", null, "colon", 5, false],
      ["C", "https://example.org/c", null, "colon", 7, true],
    ]);
    expect(resolved(r)).toEqual(["A->A", "a->a", "C->C"]);
    expect(problems(r)).toEqual(["error duplicate-reference A"]);
    // The markers are links to their definitions as rendered (markdown-it folds case: [a] to the first [A]:).
    expect(hrefs(r)).toEqual(["https://example.org/a", "https://example.org/a", "https://example.org/c"]);
  });

  it("reads autolinks, e-mail autolinks and bare URLs, with what they show", () => {
    const r = parseCitations("<https://x.org/a> <mailto:me@x.org> <you@x.org> https://y.org/b and www.z.org");
    expect(r.links.map((l) => [l.kind, l.href])).toEqual([
      ["autolink", "https://x.org/a"],
      ["autolink", "mailto:me@x.org"],
      ["autolink", "mailto:you@x.org"],
      ["bare", "https://y.org/b"],
    ]);
  });

  it("takes no marker from an escape or an entity", () => {
    expect(parseCitations("\\[A] and &#91;B&#93; and [C\\]").markers).toEqual([]);
  });
});
