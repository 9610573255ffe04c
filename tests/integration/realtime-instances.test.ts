// Two full Parley instances on port 0 sharing one PostgreSQL database and one Redis, as behind a
// load balancer: what happens on one reaches readers and moderators connected to the other, and
// both instances draw from one sequence per room. Skipped (with a message) without PG and Redis.
import crypto from "node:crypto";
import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { QueueChanged, ThreadEvent } from "../../src/realtime/events.ts";
import { signInAs } from "../support/moderators.ts";
import { decide, startLiveApp, type LiveApp } from "../support/realtime-app.ts";
import { barrier, connectClient, joinModerators, joinThread, waitForEvent, type TestClient } from "../support/sockets.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";

const PG = process.env.PARLEY_TEST_PG;
const REDIS = process.env.PARLEY_TEST_REDIS;
if (!PG || !REDIS) console.warn("\n⚠️  realtime-instances: PostgreSQL and Redis are both needed; the two-instance test is SKIPPED.\n");

const clients: TestClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

describe.skipIf(!PG || !REDIS)("two instances on PostgreSQL + Redis", () => {
  let db: TestDatabase;
  let a: LiveApp;
  let b: LiveApp;
  let threadId: string;

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    // A channel prefix of its own, so parallel runs on the same Redis never hear each other.
    const env = { REDIS_URL: REDIS!, REDIS_CHANNEL_PREFIX: `parley-test-${crypto.randomBytes(4).toString("hex")}`, HOLD_ALL_COMMENTS: "true" };
    a = await startLiveApp("postgres", { env, database: db });
    b = await startLiveApp("postgres", { env, database: db });
    threadId = (await request(a.app).get("/api/articles")).body[0].threadId;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  const connect = async (app: LiveApp, cookie?: string) => {
    const c = await connectClient(app.url, { cookie });
    clients.push(c);
    return c;
  };

  it("a comment posted to A reaches a moderator, its author and (once approved) a reader, all connected to B", async () => {
    const mod = await signInAs(b, "moderator", "Bea");
    const [reader, moderator, author] = await Promise.all([connect(b), connect(b, mod.cookie), connect(b)]);
    await joinThread(reader, threadId);
    await expect(joinModerators(moderator)).resolves.toMatchObject({ ok: true });

    const posted = await request(a.app).post(`/api/threads/${threadId}/comments`).send({ authorName: "Pat", authorEmail: "pat@example.org", body: "Across instances." }).expect(202);
    const id = posted.body.comment.id;
    const entered = await waitForEvent<QueueChanged>(moderator, "queue:changed", (e) => e.commentId === id);
    expect(entered).toMatchObject({ to: "pending", item: { authorEmail: "pat@example.org" } });

    await joinThread(author, threadId, [posted.body.editToken]);
    await a.deps.db.comment.update({ where: { id }, data: { bodyHtml: "<p>Across instances, edited.</p>", editedAt: new Date() } });
    a.deps.publisher.publish({ type: "comment:edited", commentId: id, from: "pending" });
    await expect(waitForEvent(author, "comment:pending-own")).resolves.toMatchObject({ comment: { id, status: "pending" } });
    await a.deps.publisher.flush();
    await barrier(reader, threadId);
    expect(reader.received).toEqual([]);

    await decide(a, mod, id, "approve"); // Bea signed in on B; her session works on A too
    const shown = await waitForEvent<ThreadEvent>(reader, "comment:created");
    expect(shown).toMatchObject({ comment: { id, bodyHtml: "<p>Across instances, edited.</p>" } });
    await expect(waitForEvent<QueueChanged>(moderator, "queue:changed", (e) => e.action === "approve")).resolves.toMatchObject({ by: { name: "Bea" }, to: "published" });
  });

  it("both instances publishing at once hand out one gap-free sequence per room", async () => {
    const reader = await connect(b);
    const start = await joinThread(reader, threadId);
    if (!start.ok) throw new Error("join failed");
    const rows = await a.deps.db.comment.findMany({ where: { threadId }, select: { id: true } });
    // Edits of published comments from both instances at once: each yields exactly one thread event.
    await a.deps.db.comment.updateMany({ where: { threadId }, data: { status: "published" } });
    const burst = Array.from({ length: 12 }, (_, i) => rows[i % rows.length]!.id);
    burst.forEach((commentId, i) => (i % 2 ? a : b).deps.publisher.publish({ type: "comment:edited", commentId, from: "published" }));
    await Promise.all([a.deps.publisher.flush(), b.deps.publisher.flush()]);

    await waitForEvent(reader, "comment:updated", (e: ThreadEvent) => e.seq === start.seq + burst.length);
    const seqs = reader.received.map((r) => (r.payload as { seq: number }).seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: burst.length }, (_, i) => start.seq + i + 1));
    const log = await request(b.app).get(`/api/threads/${threadId}/events?since=${start.seq}`).expect(200);
    expect(log.body.events.map((e: ThreadEvent) => e.seq)).toEqual(seqs);
  });
});
