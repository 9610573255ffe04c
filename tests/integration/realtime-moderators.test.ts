// The moderators room over real sockets: only a moderator's session (from the handshake cookie,
// on our own origin) gets in; moderators see queue movements with who made them; a session that
// ends loses its socket; the catch-up log is for moderators only.
import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { QueueChanged } from "../../src/realtime/events.ts";
import { loadQueueItems } from "../../src/moderation/queue-items.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { directReaderSession } from "../support/reader-sign-in.ts";
import { decide, startLiveApp, type LiveApp } from "../support/realtime-app.ts";
import {
  barrier,
  connectClient,
  joinModerators,
  joinThread,
  waitForEvent,
  type TestClient,
} from "../support/sockets.ts";

const clients: TestClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

describe("the moderators room", () => {
  let t: LiveApp;
  let threadId: string;
  let mod: SignedIn;
  let alice: SignedIn;
  const connect = async (opts: { cookie?: string; origin?: string; headers?: Record<string, string> } = {}) => {
    const c = await connectClient(t.url, opts);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startLiveApp("sqlite", {
      siteSettings: { mode: "pre-moderate-all", floodSeconds: 0, duplicateWindowMinutes: 0 },
      sessionRecheckMs: 100,
    });
    threadId = (await request(t.app).get("/api/articles")).body[0].threadId;
    mod = await signInAs(t, "moderator", "Mo Derator");
    alice = await signInAs(t, "admin", "Alice");
  });
  afterAll(async () => t?.close());

  it("lets a moderator in and refuses readers, forged cookies and other origins", async () => {
    const moderator = await connect({ cookie: mod.cookie, origin: t.url });
    await expect(joinModerators(moderator)).resolves.toEqual({ ok: true, seq: expect.any(Number) });

    const refused = { ok: false, error: { code: "UNAUTHENTICATED", message: expect.any(String) } };
    const reader = await connect();
    await expect(joinModerators(reader)).resolves.toEqual(refused);
    const forged = await connect({ cookie: "parley_session=forged-token-forged-token-forged-token-00" });
    await expect(joinModerators(forged)).resolves.toEqual(refused);
    const crossSite = await connect({ cookie: mod.cookie, origin: "https://evil.example" });
    await expect(joinModerators(crossSite)).resolves.toEqual(refused);
    // A signed-in reader's session is a reader's, in every room: the thread room is open to them as to
    // anyone, the moderators room is not.
    const signedIn = await directReaderSession(t);
    const readerSocket = await connect({ cookie: signedIn.cookie, origin: t.url });
    await expect(joinModerators(readerSocket)).resolves.toEqual(refused);
    await expect(joinThread(readerSocket, threadId)).resolves.toMatchObject({ ok: true });
    const widget = await directReaderSession(t, { siteId: "default" });
    const widgetSocket = await connect({ headers: { "X-Parley-Reader-Token": widget.token } });
    await expect(joinModerators(widgetSocket)).resolves.toEqual(refused);
    await expect(joinThread(widgetSocket, threadId)).resolves.toMatchObject({ ok: true });

    await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ authorName: "Pat", authorEmail: "pat@example.org", body: "Hold me." })
      .expect(202);
    await waitForEvent(moderator, "queue:counts");
    await t.deps.publisher.flush();
    for (const c of [reader, forged, crossSite, readerSocket, widgetSocket]) await barrier(c, threadId);
    for (const c of [reader, forged, crossSite, readerSocket, widgetSocket])
      expect(c.received.filter((r) => r.type.startsWith("queue:"))).toEqual([]);
  });

  it("shows a new comment entering its queue, the counts, and who decided on it", async () => {
    const moderator = await connect({ cookie: mod.cookie });
    await joinModerators(moderator);
    const posted = await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ authorName: "Pat", authorEmail: "pat@example.org", body: "Check *me*." })
      .expect(202);
    const id = posted.body.comment.id;

    const entered = await waitForEvent<QueueChanged>(moderator, "queue:changed", (e) => e.commentId === id);
    expect(entered).toMatchObject({ from: null, to: "pending", action: "created", by: null, threadId });
    expect(entered.item).toMatchObject({
      id,
      status: "pending",
      authorEmail: "pat@example.org",
      bodyHtml: "<p>Check <em>me</em>.</p>",
      authorHistory: { total: 2 },
    });
    const counts = await waitForEvent<{ seq: number; counts: Record<string, number> }>(
      moderator,
      "queue:counts",
      (e) => e.seq === entered.seq + 1,
    );
    expect(counts.counts.pending).toBe(await t.deps.db.comment.count({ where: { status: "pending" } }));

    // Alice approves it from her console.
    await decide(t, alice, id, "approve");
    const decided = await waitForEvent<QueueChanged>(
      moderator,
      "queue:changed",
      (e) => e.commentId === id && e.action === "approve",
    );
    expect(decided).toMatchObject({
      from: "pending",
      to: "published",
      by: { id: alice.id, name: "Alice" },
      item: { status: "published" },
    });
  });

  it("sends a new reply's queue card exactly as the queue reads it (thread, article, parent, history)", async () => {
    const moderator = await connect({ cookie: mod.cookie });
    await joinModerators(moderator);
    const post = (body: object) => request(t.app).post(`/api/threads/${threadId}/comments`).send(body).expect(202);
    const parent = (await post({ authorName: "Pat", authorEmail: "pat@example.org", body: "A parent." })).body.comment;
    await decide(t, alice, parent.id, "approve");
    const reply = (
      await post({ authorName: "Quin", authorEmail: "quin@example.org", body: "A *reply*.", parentId: parent.id })
    ).body.comment;
    const live = await waitForEvent<QueueChanged>(moderator, "queue:changed", (e) => e.commentId === reply.id);
    const read = (await loadQueueItems(t.deps, [reply.id])).get(reply.id);
    expect(live.item).toEqual(JSON.parse(JSON.stringify(read)));
    expect(live.item).toMatchObject({ parent: { id: parent.id, authorName: "Pat" }, thread: { id: threadId } });
  });

  it("sends a signed-in reader's queue card exactly as the queue reads it (the account from the posting read)", async () => {
    const moderator = await connect({ cookie: mod.cookie });
    await joinModerators(moderator);
    const signedIn = await directReaderSession(t);
    const posted = await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .set("Cookie", signedIn.cookie)
      .set("X-Parley-Reader-CSRF", signedIn.csrfToken)
      .send({ body: "Signed in, *held*." })
      .expect(202);
    const id = posted.body.comment.id;
    const live = await waitForEvent<QueueChanged>(moderator, "queue:changed", (e) => e.commentId === id);
    const read = (await loadQueueItems(t.deps, [id])).get(id);
    expect(live.item).toEqual(JSON.parse(JSON.stringify(read)));
    expect(JSON.stringify(read)).toContain("oidc"); // the account is on the card
  });

  it("catches a moderator up over HTTP, and nobody else", async () => {
    const res = await request(t.app).get("/api/moderation/events?since=0").set("Cookie", mod.cookie).expect(200);
    expect(res.body.truncated).toBe(false);
    expect(res.body.events.map((e: { seq: number }) => e.seq)).toEqual(
      Array.from({ length: res.body.seq }, (_, i) => i + 1),
    );
    expect(res.body.events.some((e: QueueChanged) => e.type === "queue:changed" && e.by?.name === "Alice")).toBe(true);
    await request(t.app).get("/api/moderation/events?since=0").expect(401);
  });

  it("drops the socket of a session that ended", async () => {
    const other = await signInAs(t, "moderator");
    const moderator = await connect({ cookie: other.cookie });
    await joinModerators(moderator);
    const gone = new Promise<string>((resolve) => moderator.once("disconnect", resolve));
    await request(t.app)
      .post("/api/auth/logout")
      .set("Cookie", other.cookie)
      .set("X-CSRF-Token", other.csrfToken)
      .expect(204);
    await expect(gone).resolves.toBe("io server disconnect");
  });
});
