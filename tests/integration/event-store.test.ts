// The per-room event log on a real database: concurrent appends (as from several instances) never
// share or skip a sequence number, even for a room that does not exist yet; reading pages through
// it; pruning makes a client that is too far behind reload. A posted comment's events are stored in
// its own transaction: in the log when the post is answered, whatever becomes of the sending.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendRoomEvents, pruneRoomEvents, readRoomEventsSince } from "../../src/store/room-events.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("realtime event log on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(provider);
  });
  afterAll(async () => t?.close());

  it("gives concurrent appends to a new room distinct, gap-free sequences", async () => {
    const room = `thread:concurrent-${provider}`;
    const now = new Date();
    const batches = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        appendRoomEvents(
          t.deps.db,
          provider,
          [
            { room, event: { type: "comment:created", commentId: `c${i}` } },
            { room, event: { type: "thread:count", count: i } },
          ],
          now,
        ),
      ),
    );
    const seqs = batches
      .flat()
      .map((e) => e.seq)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    for (const batch of batches) expect(batch[1]!.seq).toBe(batch[0]!.seq + 1); // one publish's events stay together
  });

  it("stores a post's events with the comment: in the log when it is answered, even if never sent", async () => {
    const threadId = (await request(t.app).get("/api/articles")).body[0].threadId;
    const room = `thread:${threadId}`;
    const before = await readRoomEventsSince(t.deps.db, room, 0, 1000);
    const { deliver, publish } = t.deps.publisher;
    t.deps.publisher.deliver = () => {}; // as if the process died right after the commit
    t.deps.publisher.publish = () => {};
    try {
      const posted = await request(t.app)
        .post(`/api/threads/${threadId}/comments`)
        .send({ authorName: "Lou", authorEmail: "lou@example.org", body: "Logged with the comment." })
        .expect(201);
      const id = posted.body.comment.id;
      const after = await readRoomEventsSince(t.deps.db, room, before.seq, 1000);
      expect(after.events.map((e) => e.event)).toEqual([
        { type: "comment:created", commentId: id },
        { type: "thread:count", count: expect.any(Number) },
      ]);
      const queue = await t.deps.db.realtimeEvent.findMany({ where: { room: "moderators", type: "queue:changed" } });
      expect(queue.map((e) => e.payload)).toContainEqual(
        expect.objectContaining({ commentId: id, from: null, to: "published", action: "created" }),
      );
    } finally {
      Object.assign(t.deps.publisher, { deliver, publish });
    }
  });

  it("numbers several rooms in one append, each gap-free, whichever order they come in", async () => {
    const [a, b] = [`thread:multi-a-${provider}`, `moderators-multi-${provider}`];
    const batches = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        appendRoomEvents(
          t.deps.db,
          provider,
          (i % 2 ? [a, b, a] : [b, a, b]).map((room) => ({ room, event: { type: "thread:count" as const, count: i } })),
          new Date(),
        ),
      ),
    );
    const seqsOf = (room: string) =>
      batches
        .flat()
        .filter((e) => e.room === room)
        .map((e) => e.seq)
        .sort((x, y) => x - y);
    expect(seqsOf(a)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(seqsOf(b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (const [i, batch] of batches.entries()) {
      const twice = batch.filter((e) => e.room === (i % 2 ? a : b));
      expect(twice[1]!.seq).toBe(twice[0]!.seq + 1); // a room's events of one append stay together, in order
    }
  });

  it("reads in pages, and reports what was pruned as truncated", async () => {
    const room = `thread:paged-${provider}`;
    const old = new Date("2020-01-01T00:00:00Z");
    await appendRoomEvents(
      t.deps.db,
      provider,
      Array.from({ length: 5 }, (_, i) => ({ room, event: { type: "thread:count" as const, count: i } })),
      old,
    );
    await appendRoomEvents(t.deps.db, provider, [{ room, event: { type: "thread:count", count: 5 } }], new Date());

    const first = await readRoomEventsSince(t.deps.db, room, 0, 4);
    expect(first).toMatchObject({ seq: 6, hasMore: true, truncated: false });
    expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    const rest = await readRoomEventsSince(t.deps.db, room, 4, 4);
    expect(rest.events.map((e) => e.event)).toEqual([
      { type: "thread:count", count: 4 },
      { type: "thread:count", count: 5 },
    ]);
    expect(rest.hasMore).toBe(false);

    expect(await pruneRoomEvents(t.deps.db, new Date("2021-01-01T00:00:00Z"))).toBeGreaterThanOrEqual(5);
    await expect(readRoomEventsSince(t.deps.db, room, 2, 10)).resolves.toMatchObject({ events: [], truncated: true });
    await expect(readRoomEventsSince(t.deps.db, room, 5, 10)).resolves.toMatchObject({
      truncated: false,
      events: [{ seq: 6 }],
    });
  });

  it("numbers on from the room's sequence when all its events were pruned", async () => {
    const room = `thread:pruned-${provider}`;
    const old = new Date("2020-01-01T00:00:00Z");
    const three = Array.from({ length: 3 }, (_, i) => ({ room, event: { type: "thread:count" as const, count: i } }));
    await appendRoomEvents(t.deps.db, provider, three, old);
    await pruneRoomEvents(t.deps.db, new Date("2021-01-01T00:00:00Z"));
    const [next] = await appendRoomEvents(t.deps.db, provider, [three[0]!], new Date());
    expect(next!.seq).toBe(4);
    await expect(readRoomEventsSince(t.deps.db, room, 3, 10)).resolves.toMatchObject({ seq: 4, events: [{ seq: 4 }] });
  });
});
