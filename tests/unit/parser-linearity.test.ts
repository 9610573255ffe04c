// Every parser the post path runs on untrusted text is linear: markdown-it with our rules (render:
// comment-markdown + markdown-parser) and the links and citations read from its tokens in the same parse
// (comment text: what render-body runs, render/comment-citations.ts + citations/parse-citations.ts). For hostile bodies of every shape:
// (1) parsing costs a bounded multiple of plain prose of the same length, and (2) 16 times the input
// costs about 16 times as much (n^1.5 would be 64, quadratic 256). Cost is counted, not timed (a timed
// version failed on a loaded machine): the JavaScript blocks run, the characters given to regular
// expressions, and the characters string built-ins (indexOf, includes, slice, ...) scan or copy
// (tests/support/count-work.ts). Times: `npx tsx bench/parse-adversarial.ts`.
import { afterAll, describe, expect, it } from "vitest";
import { renderCommentText } from "../../src/comments/render-comment-text.ts";
import { parseCommentMarkdown, renderCommentBody, renderParsedComment } from "../../src/render/comment-markdown.ts";
import { adversarialBodies, plainText } from "../support/adversarial-text.ts";
import { workCounter, type Work } from "../support/count-work.ts";

const N = 80_000; // eight times the default COMMENT_MAX_LENGTH
const PARSERS = {
  render: (body: string) => renderCommentBody(body),
  // Each body is parsed once and differs from the one before, so parse-citations.ts's last-parse cache never answers.
  commentText: (body: string) => renderCommentText(body),
};
// Measured: at most 15.7 times plain text's blocks, 7.7 times its regex characters and 17.9 times its string
// built-ins' characters (URLs with parens: linkify's windows), and a growth of 15.2–17.4.
const TIMES_PLAIN = 30;
const GROWTH = 24;

describe("parsing untrusted comment text is linear", () => {
  const counter = workCounter();
  afterAll(() => counter.close());
  const large = adversarialBodies(N);
  const small = adversarialBodies(N / 16);
  const plain = plainText(N);
  // Plain prose skips the parse (comment-markdown.ts plainTextHtml): the yardstick is its full parse.
  const parsedProse = counter.count(() => renderParsedComment(parseCommentMarkdown(plain, { plainText: false })));
  const prose = Object.fromEntries(Object.keys(PARSERS).map((parser) => [parser, parsedProse])) as Record<
    keyof typeof PARSERS,
    Work
  >;

  for (const name of Object.keys(large)) {
    for (const [parser, parse] of Object.entries(PARSERS) as [keyof typeof PARSERS, (b: string) => unknown][]) {
      it(`${parser}, ${name}: a bounded multiple of plain text, and ×16 input ≈ ×16 work`, () => {
        const sixteenth = counter.count(() => parse(small[name]!));
        const adversarial = counter.count(() => parse(large[name]!));
        for (const measure of ["blocks", "regexChars", "stringChars"] as const) {
          const figures = `${measure}: ${adversarial[measure]} (plain ${prose[parser][measure]}, a sixteenth ${sixteenth[measure]})`;
          expect(adversarial[measure] / Math.max(prose[parser][measure], 1), figures).toBeLessThan(TIMES_PLAIN);
          expect(adversarial[measure] / Math.max(sixteenth[measure], 1), figures).toBeLessThan(GROWTH);
        }
      });
    }
  }

  // The plain-text check itself, on prose and on near misses that fail late (a line's last character, the
  // last line): linear too, and never more than the parse it saves.
  const nearMisses = {
    prose: (n: number) => plainText(n),
    "prose, then a star": (n: number) => plainText(n - 1) + "*",
    "lines ending in a space": (n: number) => "word word \n".repeat(Math.ceil(n / 11)).slice(0, n),
    "newlines, then a bracket": (n: number) => "a" + "\n".repeat(n - 2) + "[",
  };
  for (const [name, make] of Object.entries(nearMisses)) {
    it(`the plain-text check, ${name}: ×16 input ≈ ×16 work, within the parse's`, () => {
      const small = counter.count(() => renderCommentText(make(N / 16)));
      const large = counter.count(() => renderCommentText(make(N)));
      for (const measure of ["blocks", "regexChars", "stringChars"] as const) {
        const figures = `${measure}: ${large[measure]} (a sixteenth ${small[measure]}, parsed prose ${parsedProse[measure]})`;
        expect(large[measure] / Math.max(small[measure], 1), figures).toBeLessThan(GROWTH);
        expect(large[measure] / Math.max(parsedProse[measure], 1), figures).toBeLessThan(TIMES_PLAIN);
      }
    });
  }
});
