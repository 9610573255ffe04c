// The thread cache on its own: a fake loader, an injected clock, events handed to forget().
import { describe, expect, it } from "vitest";
import { DEFAULT_SITE_SETTINGS } from "../../src/config/site-settings.ts";
import { afterCommit } from "../../src/after-commit.ts";
import { createThreadCache } from "../../src/comments/thread-cache.ts";
import type { CachedThread, LinkChecker, Mailer, Publisher, ThreadCache } from "../../src/deps.ts";

/** A page of `cached` that shows these comments and holds `bytes`. */
const pageOf = (cache: ThreadCache, threadId: string, cached: CachedThread, commentIds: string[], bytes = 10) =>
  cache.page(threadId, cached, "page", async () => ({ value: commentIds, commentIds, bytes }));

const governed = {
  id: "t",
  siteId: "s",
  closed: false,
  articleId: null,
  articleSlug: null,
  startedAt: new Date(0),
  settings: DEFAULT_SITE_SETTINGS,
};

function setup(ttlMs = 2000, maxBytes?: number) {
  let clock = 0;
  let version = 0;
  const loads: string[] = [];
  const gates: (() => void)[] = [];
  let gated = false;
  const cache = createThreadCache({
    ttlMs,
    maxBytes,
    now: () => clock,
    load: async (threadId) => {
      loads.push(threadId);
      const v = ++version;
      if (gated) await new Promise<void>((resolve) => gates.push(resolve));
      return { seq: v, governed, closed: false };
    },
  });
  return {
    cache,
    loads,
    gates,
    advance: (ms: number) => {
      clock += ms;
    },
    gate: (on: boolean) => {
      gated = on;
    },
  };
}

describe("thread cache", () => {
  it("serves a thread from memory until the TTL passes", async () => {
    const s = setup(2000);
    const a = await s.cache.get("t1");
    const b = await s.cache.get("t1");
    expect(b).toBe(a);
    s.advance(2001);
    // Expired less than a TTL ago: still served while it loads again in the background.
    expect(await s.cache.get("t1")).toBe(a);
    expect(s.loads).toEqual(["t1", "t1"]);
    await new Promise((r) => setImmediate(r));
    const c = await s.cache.get("t1");
    expect(c).not.toBe(a);
    expect(c.seq).toBe(2);
    expect(s.loads).toEqual(["t1", "t1"]);
  });

  it("loads in the foreground once an entry expired more than a TTL ago", async () => {
    const s = setup(2000);
    const a = await s.cache.get("t1");
    s.advance(4001);
    const b = await s.cache.get("t1");
    expect(b).not.toBe(a);
    expect(b.seq).toBe(2);
  });

  it("reads only the version when it says nothing changed (its pages kept), and afresh when it does", async () => {
    let seq = 1;
    let clock = 0;
    let loads = 0;
    let versions = 0;
    const cache = createThreadCache({
      ttlMs: 1000,
      now: () => clock,
      load: async () => {
        loads++;
        return { seq, governed, closed: false };
      },
      version: async () => {
        versions++;
        return { seq, governed, closed: false };
      },
    });
    const a = await cache.get("t1");
    expect(await pageOf(cache, "t1", a, ["c1"])).toEqual(["c1"]);
    clock += 2500; // past the grace period: a foreground reload
    expect(await cache.get("t1")).toBe(a);
    expect(a.derived.size).toBe(1);
    expect([loads, versions]).toEqual([1, 1]);
    seq = 2; // a change another instance made: its event was numbered in the thread's room
    clock += 2500;
    const b = await cache.get("t1");
    expect(b.seq).toBe(2);
    expect([loads, versions]).toEqual([2, 2]);
    expect(b.derived.size).toBe(0);
    // However unchanged the version, it is read afresh (its pages again) at least every 30 s.
    for (let i = 0; i < 12; i++) {
      clock += 2500;
      await cache.get("t1");
    }
    expect(loads).toBe(3);
  });

  it("reads a page once per version, and not again after a failed read", async () => {
    const s = setup();
    const a = await s.cache.get("t1");
    let reads = 0;
    const load = async () => {
      if (++reads === 1) throw new Error("db down");
      return { value: reads, commentIds: ["c1"], bytes: 10 };
    };
    await expect(s.cache.page("t1", a, "p1", load)).rejects.toThrow("db down");
    expect(await s.cache.page("t1", a, "p1", load)).toBe(2);
    expect(await s.cache.page("t1", a, "p1", load)).toBe(2);
    s.cache.forget({ type: "comment:reported", commentId: "c1" }); // a comment the page shows
    const b = await s.cache.get("t1");
    expect(b).not.toBe(a);
    expect(await s.cache.page("t1", b, "p1", load)).toBe(3);
  });

  it("drops the thread an event names, or holds the comment of, and only that thread", async () => {
    const s = setup();
    await s.cache.get("t1");
    await pageOf(s.cache, "t2", await s.cache.get("t2"), ["c2"]);
    s.cache.forget({ type: "comment:created", threadId: "t1", commentId: "new" });
    await s.cache.get("t1");
    await s.cache.get("t2");
    expect(s.loads).toEqual(["t1", "t2", "t1"]);
    s.cache.forget({ type: "comment:reported", commentId: "c2" }); // on t2's page
    await s.cache.get("t1");
    await s.cache.get("t2");
    expect(s.loads).toEqual(["t1", "t2", "t1", "t2"]);
  });

  it("clears everything for an event about a comment no cached thread shows", async () => {
    const s = setup();
    await s.cache.get("t1");
    await s.cache.get("t2");
    s.cache.forget({
      type: "comment:status-changed",
      commentId: "pending-one",
      from: "pending",
      to: "published",
      action: "approve",
      by: null,
    });
    await s.cache.get("t1");
    await s.cache.get("t2");
    expect(s.loads).toEqual(["t1", "t2", "t1", "t2"]);
  });

  it("hears every published event before the publisher queues it", async () => {
    const s = setup();
    const seen: string[] = [];
    const inner: Publisher = {
      publish: (e) => void seen.push(e.type),
      deliver: () => {},
      attach: () => () => {},
      flush: async () => {},
      close: async () => {},
    };
    const parts = { publisher: inner, threadCache: s.cache, linkChecker: {} as LinkChecker, mailer: {} as Mailer };
    const before = await s.cache.get("t1");
    afterCommit(parts, { publish: [{ type: "comment:created", threadId: "t1", commentId: "x" }] });
    expect(seen).toEqual(["comment:created"]);
    expect(await s.cache.get("t1")).not.toBe(before);
  });

  it("shares one load between concurrent misses", async () => {
    const s = setup();
    s.gate(true);
    const pending = Promise.all([s.cache.get("t1"), s.cache.get("t1"), s.cache.get("t1")]);
    await vi_waitFor(() => s.gates.length === 1);
    s.gates.shift()!();
    const [a, b, c] = await pending;
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(s.loads).toEqual(["t1"]);
  });

  it("does not keep a load that was running when the thread changed", async () => {
    const s = setup();
    s.gate(true);
    const before = s.cache.get("t1");
    await vi_waitFor(() => s.gates.length === 1);
    s.cache.forget({ type: "comment:created", threadId: "t1", commentId: "x" });
    const after = s.cache.get("t1"); // must not join the stale load
    await vi_waitFor(() => s.gates.length === 2);
    s.gates.shift()!();
    s.gates.shift()!();
    expect((await before).seq).toBe(1);
    expect((await after).seq).toBe(2);
    s.gate(false);
    expect((await s.cache.get("t1")).seq).toBe(2);
    expect(s.loads).toHaveLength(2);
  });

  it("does not cache a failed load", async () => {
    let calls = 0;
    const cache = createThreadCache({
      ttlMs: 2000,
      load: async () => {
        if (++calls === 1) throw new Error("db down");
        return { seq: calls, governed, closed: false };
      },
    });
    await expect(cache.get("t1")).rejects.toThrow("db down");
    expect((await cache.get("t1")).seq).toBe(2);
  });

  it("with TTL 0 loads every time", async () => {
    const s = setup(0);
    await s.cache.get("t1");
    await s.cache.get("t1");
    expect(s.loads).toEqual(["t1", "t1"]);
  });

  it("evicts the oldest threads past its byte budget", async () => {
    const s = setup(60_000, 1500);
    const fill = async (id: string) => pageOf(s.cache, id, await s.cache.get(id), [`${id}c`], 600);
    await fill("big1");
    await fill("big2");
    await s.cache.get("big1");
    expect(s.loads).toEqual(["big1", "big2"]);
    await fill("big3"); // over budget: big1 is the oldest entry
    await s.cache.get("big3");
    await s.cache.get("big2");
    expect(s.loads).toEqual(["big1", "big2", "big3"]);
    await s.cache.get("big1");
    expect(s.loads).toEqual(["big1", "big2", "big3", "big1"]);
  });
});

async function vi_waitFor(cond: () => boolean) {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setImmediate(r));
  expect(cond()).toBe(true);
}
