// Live updates for readers with real socket.io clients on port 0: who receives what, in which order,
// and how a client catches up after a gap (connection state recovery, then the event log).
import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ThreadEvent } from "../../src/realtime/events.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { decide, startLiveApp, type LiveApp } from "../support/realtime-app.ts";
import { testProviders } from "../support/test-db.ts";
import { barrier, connectClient, eventsOf, joinThread, waitForEvent, type TestClient } from "../support/sockets.ts";

const reader = { authorName: "Ada Reader", authorEmail: "ada@example.org", body: "Live, in *place*." };
const clients: TestClient[] = [];
const connect = async (url: string) => {
  const c = await connectClient(url);
  clients.push(c);
  return c;
};
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

async function threads(t: LiveApp): Promise<[string, string]> {
  const res = await request(t.app).get("/api/articles").expect(200);
  return [res.body[0].threadId, res.body[1].threadId];
}

describe("readers of a thread", () => {
  let t: LiveApp;
  let threadA: string;
  let threadB: string;
  beforeAll(async () => {
    t = await startLiveApp("sqlite");
    [threadA, threadB] = await threads(t);
  });
  afterAll(async () => t?.close());

  it("both readers of the thread see a new comment as its public shape, readers of another thread nothing", async () => {
    const [one, two, elsewhere] = await Promise.all([connect(t.url), connect(t.url), connect(t.url)]);
    const [ackOne, ackTwo] = await Promise.all([
      joinThread(one, threadA),
      joinThread(two, threadA),
      joinThread(elsewhere, threadB),
    ]);
    expect(ackOne).toEqual({ ok: true, seq: expect.any(Number) });
    expect(ackTwo).toEqual(ackOne);

    const countBefore = (await request(t.app).get(`/api/threads/${threadA}/comments`)).body.thread.commentCount;
    const posted = await request(t.app).post(`/api/threads/${threadA}/comments`).send(reader).expect(201);
    const id = posted.body.comment.id;
    // The create answer is the author's own view (source, edit window); readers get the public shape.
    const { own: _own, bodySource: _source, editableUntil: _until, ...publicShape } = posted.body.comment;
    for (const c of [one, two]) {
      const created = await waitForEvent<ThreadEvent>(
        c,
        "comment:created",
        (e) => "comment" in e && e.comment.id === id,
      );
      expect(created).toEqual({
        type: "comment:created",
        seq: (ackOne as { seq: number }).seq + 1,
        threadId: threadA,
        comment: publicShape,
      });
      const count = await waitForEvent<ThreadEvent>(c, "thread:count");
      expect(count).toEqual({ type: "thread:count", seq: created.seq + 1, threadId: threadA, count: countBefore + 1 });
      expect(JSON.stringify(c.received)).not.toMatch(/ada@example\.org|authorEmail|ipHash|flags|editToken/);
    }
    await barrier(elsewhere, threadB);
    expect(elsewhere.received).toEqual([]);
  });

  it("refuses an unknown thread and a malformed join with an error ack", async () => {
    const c = await connect(t.url);
    await expect(joinThread(c, "no-such-thread")).resolves.toMatchObject({
      ok: false,
      error: { code: "THREAD_NOT_FOUND" },
    });
    const bad = await c.timeout(5000).emitWithAck("thread:join", { threadId: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    const acks = [];
    for (let i = 0; i < 30; i++) acks.push(await joinThread(c, threadA));
    expect(acks.filter((a) => a.ok).length).toBe(28); // 30 joins a minute, two used above
    expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
  });

  it("carries the log's position on the page, so the page's client starts from where the page was read", async () => {
    const seq = (await request(t.app).get(`/api/threads/${threadA}/events?since=0`).expect(200)).body.seq;
    const slug = (await request(t.app).get("/api/articles")).body.find(
      (a: { threadId: string }) => a.threadId === threadA,
    ).slug;
    const page = await request(t.app).get(`/articles/${slug}`).expect(200);
    expect(page.text).toContain(`data-seq="${seq}"`);
  });
});

describe("unpublished comments", () => {
  let t: LiveApp;
  let threadA: string;
  let mod: SignedIn;
  beforeAll(async () => {
    t = await startLiveApp("sqlite", {
      siteSettings: { mode: "pre-moderate-all", floodSeconds: 0, duplicateWindowMinutes: 0 },
    });
    [threadA] = await threads(t);
    mod = await signInAs(t, "moderator");
  });
  afterAll(async () => t?.close());

  it("reach only the author's sockets (by edit token) until approved, then every reader", async () => {
    const [readerSocket, authorTab, stranger] = await Promise.all([connect(t.url), connect(t.url), connect(t.url)]);
    await Promise.all([
      joinThread(readerSocket, threadA),
      joinThread(stranger, threadA, ["a-token-that-is-not-the-authors"]),
    ]);

    const held = await request(t.app).post(`/api/threads/${threadA}/comments`).send(reader).expect(202);
    const { comment, editToken } = held.body;
    await joinThread(authorTab, threadA, [editToken]); // a second tab of the author, opened after posting
    await t.deps.db.comment.update({ where: { id: comment.id }, data: { bodyHtml: "<p>edited while pending</p>" } });
    t.deps.publisher.publish({ type: "comment:edited", commentId: comment.id, from: "pending" });

    const own = await waitForEvent<{ comment: { id: string; status: string; bodyHtml: string } }>(
      authorTab,
      "comment:pending-own",
    );
    expect(own.comment).toMatchObject({ id: comment.id, status: "pending", bodyHtml: "<p>edited while pending</p>" });
    await t.deps.publisher.flush();
    await Promise.all([barrier(readerSocket, threadA), barrier(stranger, threadA)]);
    expect(readerSocket.received).toEqual([]);
    expect(stranger.received).toEqual([]);

    await decide(t, mod, comment.id, "approve");
    const shown = await waitForEvent<ThreadEvent>(readerSocket, "comment:created");
    expect(shown).toMatchObject({
      comment: { id: comment.id, status: "published", bodyHtml: "<p>edited while pending</p>" },
    });
    await expect(waitForEvent(readerSocket, "thread:count")).resolves.toMatchObject({ count: 2 });
  });
});

describe("catching up after a gap", () => {
  let t: LiveApp;
  let threadA: string;
  let mod: SignedIn;
  beforeAll(async () => {
    t = await startLiveApp("sqlite");
    [threadA] = await threads(t);
    mod = await signInAs(t, "moderator");
  });
  afterAll(async () => t?.close());
  const post = (body: string) =>
    request(t.app)
      .post(`/api/threads/${threadA}/comments`)
      .send({ ...reader, body })
      .expect(201);

  it("resumes a short gap with the missed events (connection state recovery)", async () => {
    const c = await connect(t.url);
    await joinThread(c, threadA);
    const before = await post("seen live"); // recovery resumes from the last packet received
    await waitForEvent(c, "thread:count", () =>
      c.received.some((r) => (r.payload as { comment?: { id: string } }).comment?.id === before.body.comment.id),
    );
    c.io.engine.close(); // the network drops; the client reconnects by itself
    const missed = await post("sent while you were in a tunnel");
    await waitForEvent(
      c,
      "comment:created",
      (e: ThreadEvent) => "comment" in e && e.comment.id === missed.body.comment.id,
    );
    expect(c.recovered).toBe(true);
  });

  it("returns exactly the events after the client's last sequence, removals without content", async () => {
    const c = await connect(t.url);
    await joinThread(c, threadA);
    const seen = await post("seen live");
    const last = (
      await waitForEvent<ThreadEvent>(
        c,
        "thread:count",
        (e) =>
          e.seq > 0 &&
          c.received.some((r) => (r.payload as { comment?: { id: string } }).comment?.id === seen.body.comment.id),
      )
    ).seq;
    c.disconnect();

    const kept = await post("missed, still there");
    const gone = await post("missed, then removed");
    await decide(t, mod, gone.body.comment.id, "reject");
    await t.deps.publisher.flush();

    const res = await request(t.app).get(`/api/threads/${threadA}/events?since=${last}`).expect(200);
    expect(res.body).toMatchObject({ hasMore: false, truncated: false, seq: last + 6 });
    expect(
      res.body.events.map((e: ThreadEvent) => [
        e.seq,
        e.type,
        "comment" in e ? e.comment.id : "commentId" in e ? e.commentId : "count" in e ? e.count : e.closed,
      ]),
    ).toEqual([
      [last + 1, "comment:created", kept.body.comment.id],
      [last + 2, "thread:count", expect.any(Number)],
      [last + 3, "comment:removed", gone.body.comment.id], // created, but removed since: never replayed with its content
      [last + 4, "thread:count", expect.any(Number)],
      [last + 5, "comment:removed", gone.body.comment.id],
      [last + 6, "thread:count", expect.any(Number)],
    ]);
    expect(JSON.stringify(res.body)).not.toContain("then removed");
    expect(
      (
        await request(t.app)
          .get(`/api/threads/${threadA}/events?since=${last + 6}`)
          .expect(200)
      ).body.events,
    ).toEqual([]);

    const back = await connect(t.url);
    await expect(joinThread(back, threadA)).resolves.toEqual({ ok: true, seq: last + 6 });
  });

  it("tells a client that is further behind than the log reaches to reload", async () => {
    await t.deps.db.realtimeEvent.deleteMany({ where: { room: `thread:${threadA}`, seq: { lte: 2 } } });
    const res = await request(t.app).get(`/api/threads/${threadA}/events?since=1`).expect(200);
    expect(res.body).toMatchObject({ events: [], truncated: true });
    const ahead = await request(t.app).get(`/api/threads/${threadA}/events?since=99999`).expect(200);
    expect(ahead.body.truncated).toBe(true);
  });

  it("refuses a bad cursor and an unknown thread", async () => {
    await request(t.app).get(`/api/threads/${threadA}/events?since=-1`).expect(422);
    await request(t.app).get(`/api/threads/${threadA}/events?since=abc`).expect(422);
    await request(t.app).get(`/api/threads/nope/events?since=0`).expect(404);
  });
});

describe.each(testProviders())("a thread closed and reopened by an admin, on %s", (provider) => {
  let t: LiveApp;
  let admin: SignedIn;
  let article: { slug: string; threadId: string };
  beforeAll(async () => {
    t = await startLiveApp(provider);
    admin = await signInAs(t, "admin");
    article = (await request(t.app).get("/api/articles").expect(200)).body[0];
  });
  afterAll(async () => t?.close());

  const setClosed = (patch: Record<string, unknown>) =>
    request(t.app)
      .put(`/api/admin/articles/${article.slug}/settings`)
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send(patch)
      .expect(200);

  it("tells the thread's readers (thread:state, sequenced) only when `closed` changed, and catch-up replays it", async () => {
    const [readerSocket, elsewhere] = await Promise.all([connect(t.url), connect(t.url)]);
    const ack = await joinThread(readerSocket, article.threadId);
    if (!ack.ok) throw new Error("join refused");
    const other = (await request(t.app).get("/api/articles")).body.find(
      (a: { threadId: string }) => a.threadId !== article.threadId,
    );
    await joinThread(elsewhere, other.threadId);

    await setClosed({ closed: true });
    const closed = await waitForEvent<ThreadEvent>(readerSocket, "thread:state");
    expect(closed).toEqual({ type: "thread:state", seq: ack.seq + 1, threadId: article.threadId, closed: true });
    await request(t.app).post(`/api/threads/${article.threadId}/comments`).send(reader).expect(403);

    // Closing a closed thread, or changing only an override, tells nobody anything.
    await setClosed({ closed: true });
    await setClosed({ reportThreshold: 4 });
    await t.deps.publisher.flush();
    await barrier(readerSocket, article.threadId);
    expect(eventsOf(readerSocket, "thread:state")).toHaveLength(1);

    await setClosed({ closed: false, reportThreshold: null });
    const opened = await waitForEvent<ThreadEvent>(readerSocket, "thread:state", (e) => e.seq > closed.seq);
    expect(opened).toEqual({ type: "thread:state", seq: ack.seq + 2, threadId: article.threadId, closed: false });
    await request(t.app).post(`/api/threads/${article.threadId}/comments`).send(reader).expect(201);

    const caughtUp = await request(t.app).get(`/api/threads/${article.threadId}/events?since=${ack.seq}`).expect(200);
    expect(caughtUp.body.events.slice(0, 2)).toEqual([closed, opened]);
    await barrier(elsewhere, other.threadId);
    expect(eventsOf(elsewhere, "thread:state")).toEqual([]);
  });
});

describe("an instance shutting down", () => {
  it("closes the transports so readers reconnect (to another instance), instead of telling them to stay away", async () => {
    const t = await startLiveApp("sqlite");
    try {
      const c = await connect(t.url);
      const reason = new Promise<string>((resolve) => c.once("disconnect", resolve));
      await t.realtime.close();
      await expect(reason).resolves.toBe("transport close");
      expect(c.active).toBe(true); // socket.io-client keeps trying; "io server disconnect" would stop it
    } finally {
      await t.close();
    }
  });
});
