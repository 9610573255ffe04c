// Two full Parley instances on port 0 sharing one PostgreSQL database and one Redis, as behind a
// load balancer: what happens on one reaches readers and moderators connected to the other, and
// both instances draw from one sequence per room, and a reader that drops off one instance resumes
// on the other (connection state recovery through the Redis streams adapter). Skipped (with a
// message) without PG and Redis; on CI (CI=true) their absence fails the run instead.
import crypto from "node:crypto";
import { createClient } from "redis";
import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { QueueChanged, ThreadEvent } from "../../src/realtime/events.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { DEFAULT_SITE_ID } from "../../src/sites/ensure-default-site.ts";
import { decide, startLiveApp, type LiveApp } from "../support/realtime-app.ts";
import {
  barrier,
  connectClient,
  joinModerators,
  joinThread,
  waitForEvent,
  type TestClient,
} from "../support/sockets.ts";
import { RELAXED_SITE_SETTINGS } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";

const PG = process.env.PARLEY_TEST_PG;
const REDIS = process.env.PARLEY_TEST_REDIS;
if (!PG || !REDIS) {
  if (process.env.CI === "true") throw new Error("realtime-instances: PostgreSQL and Redis are required on CI");
  console.warn("\n⚠️  realtime-instances: PostgreSQL and Redis are both needed; the two-instance test is SKIPPED.\n");
}

type Instances = {
  db: TestDatabase;
  a: LiveApp;
  b: LiveApp;
  threadId: string;
  redis: ReturnType<typeof createClient>;
  prefix: string;
};

/** Two instances on one fresh PostgreSQL database and one Redis, with a key prefix of their own
 *  (stream, channels, session keys), so parallel runs on one Redis never meet. */
async function startInstances(siteSettings?: object): Promise<Instances> {
  const prefix = `parley-test-${crypto.randomBytes(4).toString("hex")}`;
  const db = await createTestDatabase("postgres");
  const env = { REDIS_URL: REDIS!, REDIS_CHANNEL_PREFIX: prefix, HOLD_ALL_COMMENTS: "true" };
  const a = await startLiveApp("postgres", { env, database: db });
  const b = await startLiveApp("postgres", { env, database: db });
  if (siteSettings) await a.deps.db.site.update({ where: { id: DEFAULT_SITE_ID }, data: { settings: siteSettings } });
  const threadId = (await request(a.app).get("/api/articles")).body[0].threadId;
  const redis = createClient({ url: REDIS! });
  await redis.connect();
  return { db, a, b, threadId, redis, prefix };
}

async function stopInstances({ a, b, db, redis, prefix }: Instances) {
  await a.close();
  await b.close();
  await db.drop();
  for (const key of await redis.keys(`${prefix}*`)) await redis.del(key);
  await redis.close();
}

const clients: TestClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

describe.skipIf(!PG || !REDIS)("two instances on PostgreSQL + Redis", () => {
  let a: LiveApp;
  let b: LiveApp;
  let threadId: string;
  let pair: Instances;
  beforeAll(async () => ({ a, b, threadId } = pair = await startInstances()));
  afterAll(async () => pair && (await stopInstances(pair)));

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

    const posted = await request(a.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ authorName: "Pat", authorEmail: "pat@example.org", body: "Across instances." })
      .expect(202);
    const id = posted.body.comment.id;
    const entered = await waitForEvent<QueueChanged>(moderator, "queue:changed", (e) => e.commentId === id);
    expect(entered).toMatchObject({ to: "pending", item: { authorEmail: "pat@example.org" } });

    await joinThread(author, threadId, [posted.body.editToken]);
    await a.deps.db.comment.update({
      where: { id },
      data: { bodyHtml: "<p>Across instances, edited.</p>", editedAt: new Date() },
    });
    a.deps.publisher.publish({ type: "comment:edited", commentId: id, from: "pending" });
    await expect(waitForEvent(author, "comment:pending-own")).resolves.toMatchObject({
      comment: { id, status: "pending" },
    });
    await a.deps.publisher.flush();
    await barrier(reader, threadId);
    expect(reader.received).toEqual([]);

    await decide(a, mod, id, "approve"); // Bea signed in on B; her session works on A too
    const shown = await waitForEvent<ThreadEvent>(reader, "comment:created");
    expect(shown).toMatchObject({ comment: { id, bodyHtml: "<p>Across instances, edited.</p>" } });
    await expect(
      waitForEvent<QueueChanged>(moderator, "queue:changed", (e) => e.action === "approve"),
    ).resolves.toMatchObject({ by: { name: "Bea" }, to: "published" });
  });

  it("both instances publishing at once hand out one gap-free sequence per room", async () => {
    const reader = await connect(b);
    const start = await joinThread(reader, threadId);
    if (!start.ok) throw new Error("join failed");
    const rows = await a.deps.db.comment.findMany({ where: { threadId }, select: { id: true } });
    // Edits of published comments from both instances at once: each yields exactly one thread event.
    await a.deps.db.comment.updateMany({ where: { threadId }, data: { status: "published" } });
    const burst = Array.from({ length: 12 }, (_, i) => rows[i % rows.length]!.id);
    burst.forEach((commentId, i) =>
      (i % 2 ? a : b).deps.publisher.publish({ type: "comment:edited", commentId, from: "published" }),
    );
    await Promise.all([a.deps.publisher.flush(), b.deps.publisher.flush()]);

    await waitForEvent(reader, "comment:updated", (e: ThreadEvent) => e.seq === start.seq + burst.length);
    const seqs = reader.received.map((r) => (r.payload as { seq: number }).seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: burst.length }, (_, i) => start.seq + i + 1));
    const log = await request(b.app).get(`/api/threads/${threadId}/events?since=${start.seq}`).expect(200);
    expect(log.body.events.map((e: ThreadEvent) => e.seq)).toEqual(seqs);
  });
});

describe.skipIf(!PG || !REDIS)("a reader moving from instance A to instance B", () => {
  let a: LiveApp;
  let b: LiveApp;
  let threadId: string;
  let redis: Instances["redis"];
  let prefix: string;
  let pair: Instances;
  // One poster, several comments in a few seconds (the instances share this database, so set it there).
  beforeAll(async () => ({ a, b, threadId, redis, prefix } = pair = await startInstances(RELAXED_SITE_SETTINGS)));
  afterAll(async () => pair && (await stopInstances(pair)));

  /** Posts a comment on A and approves it there: readers of the thread get comment:created. */
  async function publishComment(mod: SignedIn, body: string): Promise<string> {
    const posted = await request(a.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ authorName: "Pat", authorEmail: "pat@example.org", body })
      .expect(202);
    await decide(a, mod, posted.body.comment.id, "approve");
    await a.deps.publisher.flush();
    return posted.body.comment.id;
  }

  /** Drops the reader's connection to A (as a flaky network would) and waits until A stored its session in Redis. */
  async function dropFromA(reader: TestClient): Promise<string> {
    const pid = (reader as unknown as { _pid?: string })._pid;
    if (!pid) throw new Error("connection state recovery is off: the server gave no session id");
    const id = reader.id!;
    reader.io.reconnection(false); // the test decides when (and where) it comes back
    reader.io.engine.close();
    await until(
      async () => !a.realtime.io.of("/").sockets.has(id) && (await redis.exists(`${prefix}:session:${pid}`)) === 1,
    );
    return pid;
  }

  /** Reconnects through the same manager, now to B: what a load balancer does with the next connection. */
  async function reconnectTo(reader: TestClient, app: LiveApp) {
    (reader.io as unknown as { uri: string }).uri = app.url; // the manager builds the next transport from it
    const connected = new Promise<void>((resolve) => reader.once("connect", () => resolve()));
    reader.connect();
    await connected;
  }

  it("a short gap resumes on B with the missed event, exactly once, without a new join", async () => {
    const mod = await signInAs(a, "moderator", "Mo");
    const reader = await connectClient(a.url, {});
    clients.push(reader);
    const start = await joinThread(reader, threadId);
    if (!start.ok) throw new Error("join failed");
    // One event before the gap: it carries the stream offset the client resumes from.
    const before = await publishComment(mod, "Before the tunnel.");
    await waitForEvent<ThreadEvent>(
      reader,
      "comment:created",
      (e) => e.type === "comment:created" && e.comment.id === before,
    );

    await dropFromA(reader);
    const missed = await publishComment(mod, "Posted while the reader was in the tunnel.");
    await reconnectTo(reader, b);

    expect(reader.recovered).toBe(true);
    expect(b.realtime.io.of("/").sockets.has(reader.id!)).toBe(true);
    const shown = await waitForEvent<ThreadEvent>(
      reader,
      "comment:created",
      (e) => e.type === "comment:created" && e.comment.id === missed,
    );
    expect(shown).toMatchObject({ threadId, comment: { bodyHtml: expect.stringContaining("in the tunnel") } });
    // Still in the thread's room on B (no join sent): the next event arrives live.
    const after = await publishComment(mod, "After the tunnel.");
    await waitForEvent<ThreadEvent>(
      reader,
      "comment:created",
      (e) => e.type === "comment:created" && e.comment.id === after,
    );

    const created = reader.received
      .filter((r) => r.type === "comment:created")
      .map((r) => (r.payload as { comment: { id: string } }).comment.id);
    expect(created).toEqual([before, missed, after]);
    const seqs = reader.received.map((r) => (r.payload as { seq: number }).seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => start.seq + i + 1)); // each event once, in order
  });

  it("a gap too long to resume (session gone) joins B afresh and catches up from the event log", async () => {
    const mod = await signInAs(a, "moderator", "Mo");
    const reader = await connectClient(a.url, {});
    clients.push(reader);
    await joinThread(reader, threadId);
    const before = await publishComment(mod, "Before the long gap.");
    const created = await waitForEvent<ThreadEvent>(
      reader,
      "comment:created",
      (e) => e.type === "comment:created" && e.comment.id === before,
    );
    const seen = await waitForEvent<ThreadEvent>(reader, "thread:count", (e) => e.seq > created.seq); // the last event before the gap

    const pid = await dropFromA(reader);
    await redis.del(`${prefix}:session:${pid}`); // as after maxDisconnectionDuration
    const missed = await publishComment(mod, "Posted during the long gap.");
    await reconnectTo(reader, b);

    expect(reader.recovered).toBe(false);
    const joined = await joinThread(reader, threadId);
    if (!joined.ok) throw new Error("join failed");
    expect(joined.seq).toBeGreaterThan(seen.seq);
    const log = await request(b.app).get(`/api/threads/${threadId}/events?since=${seen.seq}`).expect(200);
    expect(log.body.events.map((e: ThreadEvent) => e.type)).toEqual(["comment:created", "thread:count"]);
    expect(log.body.events[0]).toMatchObject({ seq: seen.seq + 1, comment: { id: missed } });
    expect(log.body).toMatchObject({ seq: joined.seq, truncated: false, hasMore: false });
  });
});

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
