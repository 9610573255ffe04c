// Every parser the post path runs on untrusted text is linear: markdown-it with our rules (render:
// comment-markdown + markdown-parser) and the links and citations read from its tokens in the same parse
// (comment text: what render-body runs, render/comment-citations.ts + citations/parse-citations.ts). For hostile bodies of every shape:
// (1) parsing costs a bounded multiple of plain prose of the same length, and (2) 16 times the input
// costs about 16 times as much (n^1.5 would be 64, quadratic 256). Ratios measured in one run, on
// this process's CPU time (the machine is shared: wall time would count other processes), fastest of
// interleaved repeats; never an absolute time. Figures: `npx tsx bench/parse-adversarial.ts`.
import { describe, expect, it } from "vitest";
import { renderCommentText } from "../../src/comments/render-comment-text.ts";
import { renderCommentBody } from "../../src/render/comment-markdown.ts";
import { adversarialBodies, plainText } from "../support/adversarial-text.ts";

const N = 80_000; // eight times the default COMMENT_MAX_LENGTH
const PARSERS = {
  render: (body: string) => renderCommentBody(body),
  // Bodies alternate in every run, so parse-citations.ts's last-parse cache never answers here.
  commentText: (body: string) => renderCommentText(body),
};

/** Least CPU time (ms) of `runs` interleaved calls of `parse` on each body. */
function cheapest(parse: (body: string) => unknown, bodies: string[], runs = 5): number[] {
  const best = bodies.map(() => Infinity);
  for (let r = 0; r < runs; r++) {
    bodies.forEach((body, k) => {
      const start = process.cpuUsage();
      parse(body);
      const used = process.cpuUsage(start);
      best[k] = Math.min(best[k]!, (used.user + used.system) / 1000);
    });
  }
  return best;
}

describe("parsing untrusted comment text is linear", () => {
  const large = adversarialBodies(N);
  const small = adversarialBodies(N / 16);
  const plain = plainText(N);
  for (const parse of Object.values(PARSERS)) parse(plain); // warm up

  // Plain prose is the cheapest text there is (the renderer copies it in one regex step per paragraph);
  // markup-dense text costs more per character (a tag every two characters, then sanitize-html), never
  // hundreds of times more. Measured after the fix: render ≤ ~80×; the citations, read from the same
  // tokens, add little to it (the hand-written citation parser they replace was bounded at 40×).
  const bound = { render: 150, commentText: 150 };
  for (const name of Object.keys(large)) {
    for (const [parser, parse] of Object.entries(PARSERS) as [keyof typeof PARSERS, (b: string) => unknown][]) {
      it(`${parser}, ${name}: a bounded multiple of plain text, and ×16 input ≈ ×16 cost`, () => {
        const [adversarial, prose, sixteenth] = cheapest(parse, [large[name]!, plain, small[name]!]);
        expect(adversarial! / Math.max(prose!, 0.5), `${adversarial} ms vs ${prose} ms`).toBeLessThan(bound[parser]);
        // Tiny timings are mostly noise: growth is judged above 8 ms.
        if (adversarial! > 8)
          expect(adversarial! / Math.max(sixteenth!, 0.5), `${adversarial} vs ${sixteenth} ms`).toBeLessThan(40);
      });
    }
  }
});
