// The thread listing read in one query: published comments in order, and removed ancestors of
// published replies kept as placeholders (nothing else of theirs leaks).
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("thread listing on %s", (provider) => {
  let t: TestApp;
  let threadId: string;
  beforeAll(async () => {
    t = await createTestApp(provider, { THREAD_CACHE_TTL_MS: "0" });
    threadId = (await request(t.app).get("/api/articles")).body.find(
      (a: { commentCount: number }) => a.commentCount === 0,
    ).threadId;
  });
  afterAll(async () => t?.close());

  const post = async (body: string, parentId?: string) =>
    (
      await request(t.app)
        .post(`/api/threads/${threadId}/comments`)
        .send({ authorName: "Lister", authorEmail: "l@example.org", body, parentId })
        .expect(201)
    ).body.comment.id as string;

  it("keeps removed ancestors of published replies as placeholders, and drops removed leaves", async () => {
    const root = await post("root");
    const middle = await post("middle", root);
    const leaf = await post("leaf", middle);
    const lonely = await post("lonely, will be spam");
    await t.deps.db.comment.updateMany({ where: { id: { in: [root, middle, lonely] } }, data: { status: "spam" } });

    const { body } = await request(t.app).get(`/api/threads/${threadId}/comments`).expect(200);
    expect(body.comments.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [root, "removed"],
      [middle, "removed"],
      [leaf, "published"],
    ]);
    const placeholder = body.comments[1];
    expect(placeholder).toMatchObject({ parentId: root, depth: 2, authorName: "", bodyHtml: "", authorUrl: null });
    expect(JSON.stringify(body)).not.toMatch(/middle|root|lonely/);
    expect(JSON.stringify(body).match(/Lister/g)).toHaveLength(1);
    expect(body.comments[2]).toMatchObject({
      authorName: "Lister",
      bodyHtml: "<p>leaf</p>",
      parentId: middle,
      depth: 3,
    });
  });

  it("answers an empty list for a thread without comments, and 404 for an unknown thread", async () => {
    const articles = (await request(t.app).get("/api/articles")).body as { threadId: string }[];
    const other = articles.find((a) => a.threadId !== threadId)!;
    await t.deps.db.comment.updateMany({ where: { threadId: other.threadId }, data: { status: "rejected" } });
    const { body } = await request(t.app).get(`/api/threads/${other.threadId}/comments`).expect(200);
    expect(body.comments).toEqual([]);
    expect(body.thread).toMatchObject({ id: other.threadId, closed: false, articleSlug: expect.any(String) });
    await request(t.app).get("/api/threads/nope/comments").expect(404);
  });

  it("reports a thread closed by hand, and one auto-closed by age, as closed", async () => {
    const articles = (await request(t.app).get("/api/articles")).body as { threadId: string; slug: string }[];
    const { threadId: id, slug } = articles.find((a) => a.threadId !== threadId)!;
    const closedOf = async () =>
      (await request(t.app).get(`/api/threads/${id}/comments`).expect(200)).body.thread.closed;
    expect(await closedOf()).toBe(false);
    await t.deps.db.thread.update({ where: { id }, data: { closed: true } });
    expect(await closedOf()).toBe(true);
    await t.deps.db.thread.update({ where: { id }, data: { closed: false } });
    // The demo articles were published years ago: a 30-day auto-close has shut them (nothing stored on the thread).
    const article = await t.deps.db.article.update({ where: { slug }, data: { settings: { autoCloseAfterDays: 30 } } });
    expect(await closedOf()).toBe(true);
    await t.deps.db.article.update({ where: { id: article.id }, data: { settings: {} } });
    expect(await closedOf()).toBe(false);
  });
});
