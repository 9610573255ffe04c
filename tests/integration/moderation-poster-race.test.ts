// The per-poster limits under concurrency (SQLite and PostgreSQL): the flood and duplicate phases
// run before the insert, so simultaneous posts by one poster all pass them; the re-check inside the
// insert transaction (src/comments/recheck-poster-limits.ts) must let exactly one through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostingApp, type PostingApp } from "../support/posting-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("per-poster limits under concurrent posts on %s", (provider) => {
  let t: PostingApp;

  beforeAll(async () => {
    t = await startPostingApp(provider);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (ip: string, email: string, body: string) => t.post(ip, email, body);
  const stored = (where: object) => t.deps.db.comment.count({ where });

  it("lets one of 10 simultaneous posts by the same email through; the rest get 429 with Retry-After", async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(`198.51.100.${i + 1}`, "rae@example.org", `burst by email ${i}`)),
    );
    const codes = answers.map((a) => a.status).sort();
    expect(codes.filter((c) => c === 201 || c === 202)).toHaveLength(1);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(9);
    for (const r of refused) {
      expect(r.body.error.code).toBe("RATE_LIMITED");
      expect(r.headers["retry-after"]).toBe("15");
    }
    expect(await stored({ authorEmail: "rae@example.org" })).toBe(1);
  });

  it("lets exactly floodPerAddress (5) of 10 simultaneous posts from one address under 10 emails through", async () => {
    t.clock.advance(60_000);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post("203.0.113.50", `alias${i}@example.org`, `burst by address ${i}`)),
    );
    expect(answers.filter((a) => a.status < 300)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(5);
    expect(await stored({ bodySource: { startsWith: "burst by address" } })).toBe(5);
  });

  it("stores one of 10 simultaneous identical comments when only the duplicate check applies", async () => {
    t.clock.advance(60_000);
    await t.deps.db.site.updateMany({
      data: { settings: { mode: "post-moderate", floodSeconds: 0, duplicateWindowMinutes: 10 } },
    });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post("192.0.2.9", "dee@example.org", "Exactly the same words.")),
    );
    expect(answers.filter((a) => a.status < 300)).toHaveLength(1);
    const refused = answers.filter((a) => a.status >= 300);
    expect(refused.map((r) => r.body.error.code)).toEqual(Array(9).fill("DUPLICATE_COMMENT"));
    expect(await stored({ bodySource: "Exactly the same words." })).toBe(1);
    // Different words from the same poster are still welcome.
    await post("192.0.2.9", "dee@example.org", "Something else entirely.").expect(201);
  });

  // Flood off, duplicate on: posts lock their text, not their address (moderation/poster-lock.ts postKeys).
  it("stores one of 10 simultaneous identical comments from one address under 10 emails, and every different one", async () => {
    t.clock.advance(60_000);
    const same = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post("192.0.2.77", `office${i}@example.org`, "Same words, one network.")),
    );
    expect(same.filter((a) => a.status < 300)).toHaveLength(1);
    expect(same.filter((a) => a.status >= 300).map((r) => r.body.error.code)).toEqual(
      Array(9).fill("DUPLICATE_COMMENT"),
    );
    expect(await stored({ bodySource: "Same words, one network." })).toBe(1);
    // Different texts from that address, at once and under one email: all welcome (no flood rule).
    const different = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post("192.0.2.77", "office0@example.org", `Own words, number ${i}.`)),
    );
    expect(different.map((a) => a.status)).toEqual(Array(10).fill(201));
  });

  it("keeps the thread's published count equal to what was stored", async () => {
    const thread = await t.deps.db.thread.findUniqueOrThrow({ where: { id: t.threadId } });
    expect(thread.publishedCount).toBe(await stored({ threadId: t.threadId, status: "published" }));
  });
});
