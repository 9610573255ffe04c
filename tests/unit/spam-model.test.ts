// The spam model's pure parts: features, the naive Bayes score, the reasons in words, the lesson
// rule, and the spam-score phase on hand-built contexts.
import { describe, expect, it } from "vitest";
import { spamScore } from "../../src/comments/phases/spam-score.ts";
import { describeSpamReasons } from "../../src/spam/describe-features.ts";
import { lessonOf } from "../../src/spam/learn-from-decision.ts";
import { EMPTY_MODEL, learnInMemory, scoreFeatures, type TokenCounts } from "../../src/spam/naive-bayes.ts";
import { extractSpamFeatures, type SpamInput } from "../../src/spam/spam-features.ts";
import { testContext } from "../support/pipeline-context.ts";

const input = (body: string, over: Partial<SpamInput> = {}): SpamInput => ({
  body,
  author: { name: "Ada Reader", email: "ada@example.org", url: null },
  signals: { links: [], citedLinks: [], citationFlags: [] },
  ...over,
});

function trained(spam: SpamInput[], ham: SpamInput[]) {
  const model = { ...EMPTY_MODEL, version: 1, tokens: new Map<string, TokenCounts>() };
  for (const s of spam) learnInMemory(model, extractSpamFeatures(s).keys(), "spam");
  for (const h of ham) learnInMemory(model, extractSpamFeatures(h).keys(), "ham");
  return model;
}

const casino = (i: number) =>
  input(`Casino bonus ${i}: free spins at the casino https://spin${i % 3}.example/`, {
    author: { name: `Casino King ${i}`, email: `win${1000 + i}@bulk.example`, url: null },
    signals: { links: [`https://spin${i % 3}.example/`], citedLinks: [], citationFlags: [] },
  });
const reader = (i: number) =>
  input(`I think the article's evidence on point ${i} is thin; the source says otherwise.`, {
    author: { name: ["Ada Moss", "Ben Ng", "Chloe Reyes"][i % 3]!, email: `reader${i}@example.org`, url: null },
  });

describe("spam features", () => {
  it("names words, word pairs, letter pieces, link domains, author shape and counts", () => {
    const f = extractSpamFeatures(
      input("Cheap casino casino! See https://www.Spin.example/x", {
        author: { name: "Top Deals 2024", email: "promo12345@bulk.example", url: "https://deals.example" },
        signals: {
          links: ["https://www.Spin.example/x", "https://cited.example/a"],
          citedLinks: ["https://cited.example/a"],
          citationFlags: ["link-broken"],
          postedAfterMs: 3000,
        },
      }),
    );
    expect(f.get("w:casino")).toBe(2);
    expect(f.has("b:cheap casino")).toBe(true);
    expect(f.has("c:casi")).toBe(true);
    expect(f.has("w:https")).toBe(false); // URLs are not words
    expect(f.has("d:spin.example")).toBe(true);
    expect(f.has("links:≤2")).toBe(true);
    expect(f.has("uncited:≤1")).toBe(true);
    expect(f.has("cite:link-broken")).toBe(true);
    expect(f.has("a:deals.example")).toBe(true);
    expect(f.has("n:digits")).toBe(true);
    expect(f.has("e:digits")).toBe(true);
    expect(f.has("e:bulk.example")).toBe(true);
    expect(f.has("speed:≤5")).toBe(true);
  });
});

describe("the naive Bayes score", () => {
  const model = trained(
    Array.from({ length: 30 }, (_, i) => casino(i)),
    Array.from({ length: 30 }, (_, i) => reader(i)),
  );

  it("separates what it learned, and says why in words", () => {
    const spam = scoreFeatures(model, extractSpamFeatures(casino(99)));
    const ham = scoreFeatures(model, extractSpamFeatures(reader(99)));
    expect(spam.score).toBeGreaterThan(0.9);
    expect(ham.score).toBeLessThan(0.1);
    expect(spam.decisions).toBe(60);
    const reasons = describeSpamReasons(spam.towardsSpam);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.length).toBeLessThanOrEqual(6);
  });

  it("knows nothing before training: unseen features are skipped, the score is neutral", () => {
    expect(scoreFeatures(EMPTY_MODEL, extractSpamFeatures(casino(1))).score).toBe(0.5);
  });

  it("groups links to domains never seen in approved comments", () => {
    const reasons = describeSpamReasons([
      { feature: "d:a.example", count: 1, weight: 3, spam: 5, ham: 0 },
      { feature: "d:b.example", count: 1, weight: 3, spam: 4, ham: 0 },
      { feature: "w:casino", count: 2, weight: 2, spam: 9, ham: 0 },
    ]);
    expect(reasons).toEqual([
      "2 links to domains never seen in approved comments here (a.example, b.example)",
      "‘casino’ ×2",
    ]);
  });
});

describe("what a decision teaches", () => {
  const m = { moderatorId: "m1", from: "held" as const };
  it("approve and restore to published teach ham; spam teaches spam; reject only with a spam reason", () => {
    expect(lessonOf({ ...m, to: "published", action: "approve" })).toBe("ham");
    expect(lessonOf({ ...m, to: "published", action: "restore" })).toBe("ham");
    expect(lessonOf({ ...m, to: "spam", action: "spam" })).toBe("spam");
    expect(lessonOf({ ...m, to: "rejected", action: "reject", reason: "Spam (link farm)" })).toBe("spam");
    expect(lessonOf({ ...m, to: "rejected", action: "reject", reason: "Off-topic" })).toBeNull();
    expect(lessonOf({ ...m, to: "deleted", action: "delete" })).toBeNull();
    expect(lessonOf({ ...m, from: "spam", to: "held", action: "restore" })).toBe("forget");
  });
  it("system moves and authors teach nothing", () => {
    expect(lessonOf({ from: "published", to: "held", action: "link-check", moderatorId: null })).toBeNull();
    expect(lessonOf({ from: "published", to: "spam", action: "spam", moderatorId: null })).toBeNull();
  });
});

describe("the spam-score phase", () => {
  const model = trained(
    Array.from({ length: 30 }, (_, i) => casino(i)),
    Array.from({ length: 30 }, (_, i) => reader(i)),
  );
  const spamCtx = (settings = {}) =>
    testContext({
      spamModel: model,
      body: casino(7).body,
      author: casino(7).author,
      metadata: { links: ["https://spin1.example/"] },
      settings,
    });

  it("below spamMinDecisions only records the score", async () => {
    const out = await spamScore.run(spamCtx({ spamMinDecisions: 100 }));
    expect(out).toMatchObject({ metadata: { spam: { acting: false, decisions: 60 } } });
    expect(out && "flags" in out).toBe(false);
  });
  it("at spamHoldScore flags spam-score with the reasons; at spamRejectScore marks spam", async () => {
    const held = await spamScore.run(spamCtx({ spamMinDecisions: 20 }));
    expect(held).toMatchObject({ flags: [{ code: "spam-score" }], metadata: { spam: { acting: true } } });
    expect(held && "status" in held).toBe(false);
    const marked = await spamScore.run(spamCtx({ spamMinDecisions: 20, spamRejectScore: 0.95 }));
    expect(marked).toMatchObject({ status: "spam", flags: [{ code: "spam-score" }] });
  });
  it("a ham-like comment passes", async () => {
    const out = await spamScore.run(
      testContext({
        spamModel: model,
        body: reader(5).body,
        author: reader(5).author,
        settings: { spamMinDecisions: 20 },
      }),
    );
    expect(out && "flags" in out).toBe(false);
  });
});
