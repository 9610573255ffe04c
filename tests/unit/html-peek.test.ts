// The HTML reader the link fetcher runs on hostile bodies: what it finds, and that crafted input at the
// fetcher's byte cap cannot make it backtrack (the regexes it replaced took 7–18 s on these).
import { describe, expect, it } from "vitest";
import {
  ANCHOR_MAX_CHARS,
  ANCHORS_MAX,
  ANCHORS_MAX_TOTAL_CHARS,
  extractTitle,
  readHtml,
} from "../../src/citations/html-peek.ts";

const CAP = 512 * 1024;
const fill = (unit: string, prefix = "", suffix = "") =>
  prefix + unit.repeat(Math.floor((CAP - prefix.length - suffix.length) / unit.length)) + suffix;

describe("readHtml: title", () => {
  it("reads the first <title>, decoded, collapsed and capped", () => {
    expect(
      readHtml("<html><head><TITLE lang=en>\n Tom &amp; Jerry &#8211; &#x1F600; </TITLE ><title>Second</title>").title,
    ).toBe("Tom & Jerry – 😀");
    expect(readHtml(`<title>${"é".repeat(400)}</title>`).title).toBe("é".repeat(300));
    expect(readHtml("<title>   </title><title>later</title>").title).toBe("later");
  });

  it("ignores a title that is cut off, commented out or inside a script", () => {
    expect(readHtml("<title>Half a tit").title).toBeUndefined();
    expect(readHtml("<!-- <title>Old</title> --><title>New</title>").title).toBe("New");
    expect(readHtml(`<script>var t = "<title>Fake</title>";</script><title>Real</title>`).title).toBe("Real");
    expect(readHtml(`<p data-x="<title>Fake</title>"><title>Real</title>`).title).toBe("Real");
    expect(extractTitle("<titles>No</titles>")).toBeUndefined();
  });

  it("keeps markup-looking text inside the title as text", () => {
    expect(readHtml("<title>a <b>bold</b> claim</title>").title).toBe("a <b>bold</b> claim");
  });
});

describe("readHtml: anchors", () => {
  it("collects every element id and <a name>, decoded, once each", () => {
    const html = `<h2 class=x id="section-2">Two</h2><a name='legacy'></a><div ID=plain>
      <p id="caf&eacute;"></p><p id="a&amp;b"></p><p id="section-2"></p><meta name="viewport"><input name=q><p data-id="fake">`;
    const { anchors } = readHtml(html);
    expect(anchors).toEqual({ ids: ["section-2", "legacy", "plain", "caf&eacute;", "a&b"], complete: true });
  });

  it("skips ids in comments, scripts and attribute values; an unclosed tag ends the list", () => {
    const html = `<!-- <p id="c"> --><script>x = '<p id="s">'</script><p title='id="t"' id=real><p id="cut`;
    expect(readHtml(html).anchors).toEqual({ ids: ["real"], complete: true });
  });

  it("is never complete for a truncated body, nor when ids were dropped", () => {
    expect(readHtml(`<p id=a>`, { truncated: true }).anchors).toEqual({ ids: ["a"], complete: false });
    const many = Array.from({ length: ANCHORS_MAX + 5 }, (_, i) => `<p id=n${i}>`).join("");
    const capped = readHtml(many).anchors;
    expect(capped.ids).toHaveLength(ANCHORS_MAX);
    expect(capped.complete).toBe(false);
    const long = readHtml(`<p id=short><p id="${"x".repeat(ANCHOR_MAX_CHARS + 1)}">`).anchors;
    expect(long).toEqual({ ids: ["short"], complete: false });
    const wordy = Array.from({ length: 400 }, (_, i) => `<p id="${String(i).padStart(150, "w")}">`).join("");
    const budget = readHtml(wordy).anchors;
    expect(budget.complete).toBe(false);
    expect(budget.ids.join("").length).toBeLessThanOrEqual(ANCHORS_MAX_TOTAL_CHARS);
    expect(budget.ids.length).toBe(Math.floor(ANCHORS_MAX_TOTAL_CHARS / 150));
  });
});

describe("readHtml on crafted bodies at the 512 KiB cap", () => {
  const crafted: [string, string, { title?: string; ids: string[] }][] = [
    ["unclosed <title> repeated", fill("<title>"), { ids: [] }],
    ["<title without '>' repeated", fill("<title"), { ids: [] }],
    ["<title></title without '>' repeated", fill("<title></title"), { ids: [] }],
    [
      "<title> with 512K of text, closed",
      fill("a", "<title>", "</title><p id=end>"),
      { title: "a".repeat(300), ids: ["end"] },
    ],
    ["unclosed <a repeated", fill("<a "), { ids: [] }],
    ["<a name= repeated", fill("<a name="), { ids: ["<a"] }],
    ['a tag full of id=" runs', fill(' id="', "<p"), { ids: [" id="] }],
    ["a tag full of spaces", fill(" ", "<p id"), { ids: [] }],
    ["a tag full of '='", fill("=", "<p "), { ids: [] }],
    ["quotes", fill(`"'`, "<p "), { ids: [] }],
    ["unclosed comments", fill("<!--"), { ids: [] }],
    ["unclosed scripts", fill("<script>"), { ids: [] }],
    ["entity-like runs in a title", fill("&#x1", "<title>", "</title>"), { title: "\u0001".repeat(300), ids: [] }],
    ["many real ids", fill("<i id=z>", "<title>T</title>"), { title: "T", ids: ["z"] }],
  ];
  for (const [name, html, expected] of crafted) {
    it(`${name}: right answer, quickly`, () => {
      expect(html.length).toBeGreaterThan(CAP - 20);
      const started = performance.now();
      const facts = readHtml(html, { truncated: true });
      const ms = performance.now() - started;
      expect(facts.title).toBe(expected.title);
      expect(facts.anchors).toEqual({ ids: expected.ids, complete: false });
      expect(ms).toBeLessThan(2000); // safety net only: linear scanning takes tens of milliseconds here
    });
  }
});
