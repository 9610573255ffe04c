// Live updates for embedding pages: a socket from a site's allowed origin follows that site's threads
// (and gets the catch-up endpoint through CORS); a socket from any other page is refused the room.
import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";
import { registerTestSite } from "../support/sites.ts";
import { connectClient, joinThread, waitForEvent, type TestClient } from "../support/sockets.ts";

const BLOG = "https://blog.example.com";
const clients: TestClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

describe("live updates for embedding pages", () => {
  let t: LiveApp;
  let threadId: string;
  let hostedThread: string;
  beforeAll(async () => {
    t = await startLiveApp("sqlite");
    const site = await registerTestSite(t, [BLOG]);
    threadId = (await request(t.app).get("/api/embed/threads").query({ site: site.id, page: "live" }).expect(200)).body
      .thread.id;
    hostedThread = (await request(t.app).get("/api/articles").expect(200)).body[0].threadId;
  });
  afterAll(async () => t?.close());

  const connect = async (origin?: string) => {
    const c = await connectClient(t.url, { origin });
    clients.push(c);
    return c;
  };

  it("an allowed origin joins its site's thread and receives new comments", async () => {
    const socket = await connect(BLOG);
    const ack = await joinThread(socket, threadId);
    expect(ack).toEqual({ ok: true, seq: expect.any(Number) });
    const posted = await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .set("Origin", BLOG)
      .send({ authorName: "Ada", authorEmail: "ada@example.org", body: "Live on the blog." })
      .expect(201);
    const created = await waitForEvent<{ comment: { id: string } }>(socket, "comment:created");
    expect(created.comment.id).toBe(posted.body.comment.id);

    const since = (ack as { seq: number }).seq;
    const catchUp = await request(t.app)
      .get(`/api/threads/${threadId}/events`)
      .query({ since })
      .set("Origin", BLOG)
      .expect(200);
    expect(catchUp.headers["access-control-allow-origin"]).toBe(BLOG);
    expect(catchUp.body.events.map((e: { type: string }) => e.type)).toEqual(["comment:created", "thread:count"]);
  });

  it("another origin is refused the room, for embedded and hosted threads alike, and hears nothing", async () => {
    const stranger = await connect("https://evil.example");
    for (const id of [threadId, hostedThread]) {
      expect(await joinThread(stranger, id)).toEqual({
        ok: false,
        error: { code: "ORIGIN_NOT_ALLOWED", message: expect.any(String) },
      });
    }
    const member = await connect(BLOG);
    await joinThread(member, threadId);
    await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ authorName: "Bo", authorEmail: "bo@example.org", body: "Not for strangers." })
      .expect(201);
    await waitForEvent(member, "thread:count");
    await joinThread(stranger, threadId); // an ack arrives after anything emitted to this socket before it
    expect(stranger.received.map((r) => r.type)).toEqual([]);
    await request(t.app)
      .get(`/api/threads/${threadId}/events`)
      .query({ since: 0 })
      .set("Origin", "https://evil.example")
      .expect(403);
  });

  it("Parley's own pages and non-browser clients still join any thread", async () => {
    const own = await connect(t.url);
    expect(await joinThread(own, hostedThread)).toMatchObject({ ok: true });
    const bare = await connect();
    expect(await joinThread(bare, threadId)).toMatchObject({ ok: true });
  });
});
