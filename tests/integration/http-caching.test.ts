// ETags, 304s and the in-process thread cache through HTTP: readers revalidate cheaply, and nobody
// sees a stale thread after a write on this instance, or for longer than the TTL after a write on another.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { type Deps } from "../../src/deps.ts";
import { createThreadCache } from "../../src/comments/thread-cache.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";
import { afterCommit } from "../../src/after-commit.ts";
import { loadThread } from "../../src/comments/load-thread.ts";

const SLUG = "israel-secret-service-pressure-on-kaspersky";
const reader = { authorName: "Cache Reader", authorEmail: "cache@example.org" };

describe.each(testProviders())("HTTP caching on %s", (provider) => {
  let t: TestApp;
  let threadId: string;
  beforeAll(async () => {
    t = await createTestApp(provider, { THREAD_CACHE_TTL_MS: "60000" });
    threadId = (await request(t.app).get("/api/articles")).body.find((a: { slug: string }) => a.slug === SLUG).threadId;
  });
  afterAll(async () => t?.close());

  const api = () => `/api/threads/${threadId}/comments`;
  const post = (body: string) =>
    request(t.app)
      .post(api())
      .send({ ...reader, body })
      .expect(201);

  it("answers the thread with an ETag and 304 when the reader has it", async () => {
    const first = await request(t.app).get(api()).expect(200).expect("Cache-Control", "no-cache");
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request(t.app).get(api()).set("If-None-Match", etag).expect(304);
    expect(again.text).toBe("");
    await request(t.app).get(api()).set("If-None-Match", '"something-else"').expect(200);
  });

  it("shows a new comment at once and changes the ETag, despite a long TTL", async () => {
    const before = await request(t.app).get(api()).expect(200);
    const created = await post("Fresh after a write.");
    const after = await request(t.app)
      .get(api())
      .set("If-None-Match", before.headers.etag as string)
      .expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.comments.map((c: { id: string }) => c.id)).toContain(created.body.comment.id);
    expect(after.body.thread.commentCount).toBe(before.body.thread.commentCount + 1);
  });

  it("drops the cached thread on any event for it (e.g. a moderation change)", async () => {
    const { body } = await request(t.app).get(api()).expect(200);
    const victim = body.comments.at(-1).id;
    await t.deps.db.comment.update({ where: { id: victim }, data: { status: "spam" } });
    await t.deps.db.thread.update({ where: { id: threadId }, data: { publishedCount: { decrement: 1 } } });
    expect((await request(t.app).get(api())).body.comments.map((c: { id: string }) => c.id)).toContain(victim); // cached, no event yet
    afterCommit(t.deps, {
      publish: [
        { type: "comment:status-changed", commentId: victim, from: "published", to: "spam", action: "spam", by: null },
      ],
    });
    expect((await request(t.app).get(api())).body.comments.map((c: { id: string }) => c.id)).not.toContain(victim);
  });

  it("answers the article page with an ETag and 304, and a new comment changes it", async () => {
    const page = `/articles/${SLUG}`;
    const first = await request(t.app).get(page).expect(200).expect("Cache-Control", "private, no-cache");
    const etag = first.headers.etag as string;
    await request(t.app).get(page).set("If-None-Match", etag).expect(304);
    const created = await post("Seen on the page at once.");
    const after = await request(t.app).get(page).set("If-None-Match", etag).expect(200);
    expect(after.text).toContain(`id="comment-${created.body.comment.id}"`);
  });

  it("never serves one reader's saved details to another", async () => {
    const page = `/articles/${SLUG}`;
    const agent = request.agent(t.app);
    await agent
      .post(`${page}/comments`)
      .type("form")
      .send({ ...reader, body: "Remember me.", remember: "1" })
      .expect(303);
    const mine = await agent.get(page).expect(200);
    expect(mine.text).toContain('value="cache@example.org"');
    const anonymous = await request(t.app).get(page).expect(200);
    expect(anonymous.text).not.toContain("cache@example.org");
    expect(anonymous.headers.etag).not.toBe(mine.headers.etag);
    await request(t.app)
      .get(page)
      .set("If-None-Match", mine.headers.etag as string)
      .expect(200);
  });

  it("a second instance on the same database sees the write within its TTL", async () => {
    // Another process has its own cache, and never hears of this instance's events.
    const otherDeps: Deps = {
      ...t.deps,
      threadCache: createThreadCache({ ttlMs: 300, load: (id) => loadThread(otherDeps, id) }),
    };
    const other = createApp(otherDeps);
    await request(other).get(api()).expect(200); // warm the other instance's cache
    const created = await post("Written on instance one.");
    const started = Date.now();
    let seen = false;
    while (!seen && Date.now() - started < 5000) {
      seen = (await request(other).get(api())).body.comments.some(
        (c: { id: string }) => c.id === created.body.comment.id,
      );
    }
    expect(seen).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
