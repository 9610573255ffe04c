// The thread cache on its own: a fake loader, an injected clock, events handed to forget().
import { describe, expect, it } from "vitest";
import { DEFAULT_SITE_SETTINGS } from "../../src/config/site-settings.ts";
import { afterCommit } from "../../src/after-commit.ts";
import { createThreadCache } from "../../src/comments/thread-cache.ts";
import type { ThreadListing } from "../../src/domain/public-comment.ts";
import type { LinkChecker, Mailer, Publisher } from "../../src/deps.ts";

function listing(threadId: string, version: number, bodyBytes = 10): ThreadListing {
  return {
    thread: { id: threadId, title: `v${version}`, url: null, closed: false, commentCount: version, articleSlug: null },
    comments: [
      {
        id: `c${version}`,
        threadId,
        parentId: null,
        depth: 1,
        authorName: "A",
        authorUrl: null,
        byModerator: false,
        bodyHtml: "x".repeat(bodyBytes),
        status: "published",
        createdAt: "2024-01-01T00:00:00.000Z",
        editedAt: null,
        references: [],
        verified: null,
      },
    ],
  };
}

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
      return { seq: v, governed, listing: listing(threadId, v, threadId.startsWith("big") ? 600 : 10) };
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
  it("serves a thread from memory until the TTL passes, with a stable ETag", async () => {
    const s = setup(2000);
    const a = await s.cache.get("t1");
    const b = await s.cache.get("t1");
    expect(b).toBe(a);
    expect(a.etag).toMatch(/^"[\w-]{27}"$/);
    expect(JSON.parse(a.json)).toEqual(a.listing);
    s.advance(2001);
    // Expired less than a TTL ago: still served while it loads again in the background.
    expect(await s.cache.get("t1")).toBe(a);
    expect(s.loads).toEqual(["t1", "t1"]);
    await new Promise((r) => setImmediate(r));
    const c = await s.cache.get("t1");
    expect(c.etag).not.toBe(a.etag);
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

  it("reads only the version when it says nothing changed, and the whole listing when it does", async () => {
    let seq = 1;
    let clock = 0;
    let loads = 0;
    let versions = 0;
    const cache = createThreadCache({
      ttlMs: 1000,
      now: () => clock,
      load: async (id) => {
        loads++;
        return { seq, governed, listing: listing(id, seq) };
      },
      version: async () => {
        versions++;
        return { seq, governed, closed: false };
      },
    });
    const a = await cache.get("t1");
    clock += 2500; // past the grace period: a foreground reload
    expect(await cache.get("t1")).toBe(a);
    expect([loads, versions]).toEqual([1, 1]);
    seq = 2; // a change another instance made: its event was numbered in the thread's room
    clock += 2500;
    const b = await cache.get("t1");
    expect(b.seq).toBe(2);
    expect([loads, versions]).toEqual([2, 2]);
    // However unchanged the version, the listing is read in full at least every 30 s.
    for (let i = 0; i < 12; i++) {
      clock += 2500;
      await cache.get("t1");
    }
    expect(loads).toBe(3);
  });

  it("keeps the expired value, with what was made from it, when the reload says the same", async () => {
    let version = 1;
    let clock = 0;
    const cache = createThreadCache({
      ttlMs: 1000,
      now: () => clock,
      load: async (id) => ({ seq: version, governed, listing: listing(id, version) }),
    });
    const a = await cache.get("t1");
    a.derived.set("page", "rendered once");
    clock += 2500; // past the grace period: a foreground load, which finds nothing new
    expect(await cache.get("t1")).toBe(a);
    version = 2;
    clock += 2500;
    const b = await cache.get("t1");
    expect(b).not.toBe(a);
    expect(b.derived.size).toBe(0);
  });

  it("drops the thread an event names, or holds the comment of, and only that thread", async () => {
    const s = setup();
    await s.cache.get("t1");
    await s.cache.get("t2");
    s.cache.forget({ type: "comment:created", threadId: "t1", commentId: "new" });
    await s.cache.get("t1");
    await s.cache.get("t2");
    expect(s.loads).toEqual(["t1", "t2", "t1"]);
    s.cache.forget({ type: "comment:reported", commentId: "c2" }); // t2's comment (version 2)
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
    expect((await before).listing.thread.title).toBe("v1");
    expect((await after).listing.thread.title).toBe("v2");
    s.gate(false);
    expect((await s.cache.get("t1")).listing.thread.title).toBe("v2");
    expect(s.loads).toHaveLength(2);
  });

  it("does not cache a failed load", async () => {
    let calls = 0;
    const cache = createThreadCache({
      ttlMs: 2000,
      load: async (id) => {
        if (++calls === 1) throw new Error("db down");
        return { seq: 0, governed, listing: listing(id, calls) };
      },
    });
    await expect(cache.get("t1")).rejects.toThrow("db down");
    expect((await cache.get("t1")).listing.thread.title).toBe("v2");
  });

  it("with TTL 0 loads every time", async () => {
    const s = setup(0);
    await s.cache.get("t1");
    await s.cache.get("t1");
    expect(s.loads).toEqual(["t1", "t1"]);
  });

  it("evicts the oldest threads past its byte budget", async () => {
    const size = JSON.stringify(listing("big1", 1, 600)).length;
    const s = setup(60_000, Math.floor(size * 2.5));
    await s.cache.get("big1");
    await s.cache.get("big2");
    await s.cache.get("big1");
    expect(s.loads).toEqual(["big1", "big2"]);
    await s.cache.get("big3"); // over budget: big1 is the oldest entry
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
