// Plain text skips markdown-it and sanitize-html (render/comment-markdown.ts plainTextHtml): its HTML, links
// and citations must be exactly what the full parse gives. Random text from the plain alphabet and its
// near misses, compared both ways.
import { describe, expect, it } from "vitest";
import { parseCommentMarkdown, plainTextHtml, renderParsedComment } from "../../src/render/comment-markdown.ts";
import { readComment } from "../../src/citations/parse-citations.ts";

const full = (source: string) => {
  const parsed = parseCommentMarkdown(source, { plainText: false });
  return { html: renderParsedComment(parsed), found: parsed.found };
};
const NOTHING_FOUND = { links: [], markers: [], references: [] };

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]! };
}

const LETTERS = [..."abcxyzABCXYZéßøŁЖжλΩ中文ひक", "e\u0301", "\u093f", "\u0e31"];
const PUNCTUATION = [..." ,.;:!?'\"()%#-’‘“”–—…"];
// Outside the plain alphabet, or plain characters where Markdown reads them (line starts, URLs, quotes).
const NEAR_MISSES = [
  "\n",
  "\n\n",
  "\n \n",
  "  ",
  "\t",
  "1. ",
  "1) ",
  "- ",
  "* ",
  "+ ",
  "> ",
  "# ",
  "    ",
  "http://a.example",
  "https:",
  "mailto:a@b.example",
  "a@b.example",
  "www.example.com",
  "--",
  "...",
  "(c)",
  '"',
  "“",
  "”",
  "&amp;",
  "&",
  "<b>",
  "*x*",
  "_x_",
  "`x`",
  "[A]",
  "[1]: https://x.example",
  "\\",
  "~~x~~",
  "===",
  "---",
  "\r\n",
  "\u00a0",
  "😀",
  "é",
  "e\u0301",
];

function text(r: ReturnType<typeof random>, nearMisses: boolean): string {
  let out = "";
  const parts = 1 + Math.floor(r.next() * 30);
  for (let i = 0; i < parts; i++) {
    const roll = r.next();
    if (nearMisses && roll < 0.08) out += r.pick(NEAR_MISSES);
    else if (roll < 0.55) out += r.pick(LETTERS).repeat(1 + Math.floor(r.next() * 3));
    else if (roll < 0.7) out += String(Math.floor(r.next() * 1000));
    else if (roll < 0.9) out += r.pick(PUNCTUATION);
    else out += r.pick(["\n", "\n\n", "\n\n\n", " "]);
  }
  return out;
}

describe("plain comment text", () => {
  it("renders as the full parse does, on random plain text and near misses", () => {
    let plain = 0;
    for (let seed = 1; seed <= 20_000; seed++) {
      const r = random(seed);
      const source = text(r, seed % 2 === 0);
      const fast = plainTextHtml(source);
      if (fast === null) continue;
      plain++;
      const slow = full(source);
      expect({ seed, source, html: fast, found: NOTHING_FOUND }).toEqual({ seed, source, ...slow });
    }
    expect(plain).toBeGreaterThan(3_000); // the comparison ran on many texts, not a few
  });

  it("takes ordinary comments and the load test's text, and leaves Markdown and links to the parser", () => {
    const taken = [
      "Load test comment #123.k2x9ab: lorem ipsum dolor sit amet, consectetur adipiscing elit.",
      "I don't agree (at all): the figures are from 2019, not 2024!\n\nSee page 12, paragraph 3 - it's 40% lower.",
      "Très bien. Спасибо за статью",
      'She said “it’s fine” — and “done”… He said "no" (twice) – that’s all.',
      "नमस्ते दुनिया, किताब अच्छी है",
    ];
    for (const source of taken) {
      expect(plainTextHtml(source)).not.toBeNull();
      expect(plainTextHtml(source)).toBe(full(source).html);
      expect(readComment(source).report).toEqual({ ...NOTHING_FOUND, citations: [], problems: [] });
    }
    const left = [
      "see https://example.com",
      "1. first",
      "*really*",
      "a & b",
      '"quoted"',
      "[A]",
      "trailing \nspace",
      " leading",
      "mail me: a@b.example",
      '"the whole paragraph quoted"',
      "“quoted”",
      "😀 emoji first",
    ];
    for (const source of left) expect(plainTextHtml(source)).toBeNull();
  });

  it("gives the same citation report either way", () => {
    const source = "Plain words: nothing to cite here.\nSecond line";
    const parsed = parseCommentMarkdown(source);
    expect(parsed.plainHtml).toBeDefined();
    expect(parsed.found).toEqual(full(source).found);
  });
});
