// The post path's parsers (render: markdown-it with our rules; comment text: what render-body runs, the
// one parse that yields the HTML, links and citations) on hostile bodies of every shape, against plain prose of the same
// length, at 5,000 and 80,000 characters: CPU ms (fastest of 5), the ratio to plain text, and the
// growth for 16 times the input (linear = 16). Run: npx tsx bench/parse-adversarial.ts
import { renderCommentText } from "../src/comments/render-comment-text.ts";
import { renderCommentBody } from "../src/render/comment-markdown.ts";
import { adversarialBodies, plainText } from "../tests/support/adversarial-text.ts";

const cpu = (f: () => void) => {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = process.cpuUsage();
    f();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
};
// parse-citations.ts keeps the last body parsed: an empty one in between makes each repeat parse again.
const parsers = {
  render: renderCommentBody,
  text: (body: string) => [renderCommentText(""), renderCommentText(body)],
};
const [SMALL, LARGE] = [5_000, 80_000];
const small = adversarialBodies(SMALL);
const large = adversarialBodies(LARGE);
const plain = plainText(LARGE);
console.log(
  `shape                            | parser    | ${SMALL / 1000}k ms | ${LARGE / 1000}k ms | × plain | growth ×16`,
);
for (const [parser, parse] of Object.entries(parsers)) {
  const prose = cpu(() => parse(plain));
  console.log(
    `plain prose                      | ${parser.padEnd(9)} |         | ${prose.toFixed(1).padStart(7)} |         |`,
  );
  for (const name of Object.keys(large)) {
    const a = cpu(() => parse(small[name]!));
    const b = cpu(() => parse(large[name]!));
    console.log(
      `${name.padEnd(32)} | ${parser.padEnd(9)} | ${a.toFixed(1).padStart(7)} | ${b.toFixed(1).padStart(7)} | ` +
        `${(b / prose).toFixed(1).padStart(7)} | ${(b / a).toFixed(1).padStart(6)}`,
    );
  }
}
