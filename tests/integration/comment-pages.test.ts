// Paged threads as WordPress pages them (issue #13): `commentsPerPage` top-level comments per page with
// all their replies, numbered from the oldest, the article's address showing the newest page, links
// that work without JavaScript, permalinks that find a comment's page, and the thread API paged by
// `limit` + `cursor` like the widget's.
import request from "supertest";
import { followRefusedForm } from "../support/refused-form.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeClock } from "../support/fake-clock.ts";
import { createTestApp, RELAXED_SITE_SETTINGS, type TestApp } from "../support/test-app.ts";
import { updateArticleSettings } from "../../src/sites/update-article-settings.ts";

const SLUG = "israel-secret-service-pressure-on-kaspersky";
const ARTICLE = `/articles/${SLUG}`;
const PUBLIC_URL = "https://comments.example.org";

describe("comment pages", () => {
  let t: TestApp;
  let threadId: string;
  const clock = fakeClock(new Date("2030-03-01T12:00:00Z"));
  /** name → comment id. Pages of 3: [t1 (r1), t2 (r2 ← r2b), t3] [t4, t5, t6 (r6)] [t7]. */
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(
      "sqlite",
      { PUBLIC_URL },
      { clock },
      { siteSettings: { ...RELAXED_SITE_SETTINGS, commentsPerPage: 3 } },
    );
    threadId = (await request(t.app).get("/api/articles").expect(200)).body.find(
      (a: { slug: string }) => a.slug === SLUG,
    ).threadId;
    const post = async (name: string, parent?: string) => {
      clock.advance(60_000);
      const res = await request(t.app)
        .post(`/api/threads/${threadId}/comments`)
        .send({
          authorName: `Author ${name}`,
          authorEmail: `${name}@example.org`,
          body: `Comment ${name} here.`,
          ...(parent ? { parentId: id[parent] } : {}),
        })
        .expect(201);
      id[name] = res.body.comment.id;
    };
    await post("t1");
    await post("t2");
    await post("t3");
    await post("t4");
    await post("r2", "t2"); // a late reply stays on its conversation's page
    await post("r2b", "r2");
    await post("t5");
    await post("t6");
    await post("r6", "t6");
    await post("t7");
    await post("r1", "t1");
  });
  afterAll(async () => t?.close());

  const shown = (html: string) =>
    [...html.matchAll(/<p>Comment (\w+) here\.<\/p>/g)].map((m) => m[1]).sort((a, b) => (a! < b! ? -1 : 1));

  describe("on the article page, without JavaScript", () => {
    it("shows the newest page at the article's address, counting every response", async () => {
      const res = await request(t.app).get(ARTICLE).expect(200);
      expect(shown(res.text)).toEqual(["t7"]);
      expect(res.text).toContain("11 Responses to");
      expect(res.text).toContain(`<link rel="canonical" href="${PUBLIC_URL}${ARTICLE}">`);
      expect(res.text).toContain('data-page="3" data-page-count="3" data-newest="1"');
      expect(res.text).toContain("Page 3 of 3");
      expect(res.text).toContain(`href="${ARTICLE}/comment-page-2/#comments" rel="prev"`);
      expect(res.text).not.toContain('rel="next"');
    });

    it("shows older pages at /comment-page-N/, each conversation whole, with links both ways", async () => {
      const first = await request(t.app).get(`${ARTICLE}/comment-page-1/`).expect(200);
      expect(shown(first.text)).toEqual(["r1", "r2", "r2b", "t1", "t2", "t3"]);
      expect(first.text).toContain("11 Responses to");
      expect(first.text).toContain("Page 1 of 3");
      expect(first.text).toContain(`<link rel="canonical" href="${PUBLIC_URL}${ARTICLE}/comment-page-1/">`);
      expect(first.text).toContain("– Comments page 1 · Parley</title>");
      expect(first.text).not.toContain('rel="prev"');
      expect(first.text).toContain(`href="${ARTICLE}/comment-page-2/#comments" rel="next"`);
      expect(first.text).toContain('data-newest="0"');
      // Reply links stay on the page they are on.
      expect(first.text).toContain(`href="${ARTICLE}/comment-page-1/?replytocom=${id.t2}#respond"`);

      const second = await request(t.app).get(`${ARTICLE}/comment-page-2`).expect(200);
      expect(shown(second.text)).toEqual(["r6", "t4", "t5", "t6"]);
      expect(second.text).toContain(`href="${ARTICLE}/comment-page-1/#comments" rel="prev"`);
      // The newest page is the article itself, not a second address for it.
      expect(second.text).toContain(`href="${ARTICLE}#comments" rel="next"`);
    });

    it("opens the reply form on the page of the comment replied to", async () => {
      const res = await request(t.app).get(`${ARTICLE}/comment-page-1/?replytocom=${id.t2}`).expect(200);
      expect(res.text).toContain("Reply to Author t2");
      expect(res.text).toContain(`name="parentId" id="parentId" value="${id.t2}"`);
    });

    it("sends pages that no longer exist to the newest, and refuses ones that never can", async () => {
      const gone = await request(t.app).get(`${ARTICLE}/comment-page-9/`).expect(302);
      expect(gone.headers.location).toBe(`${ARTICLE}#comments`);
      for (const bad of ["comment-page-0", "comment-page-x", "comment-page-1e3", "comment-page--1"])
        await request(t.app).get(`${ARTICLE}/${bad}/`).set("Accept", "text/html").expect(404);
      await request(t.app).get("/articles/no-such-article/comment-page-1/").set("Accept", "text/html").expect(404);
    });

    it("redirects WordPress's ?cpage=N to the page's address", async () => {
      const res = await request(t.app).get(`${ARTICLE}?cpage=2`).expect(301);
      expect(res.headers.location).toBe(`${ARTICLE}/comment-page-2/`);
      await request(t.app).get(`${ARTICLE}?cpage=zero`).set("Accept", "text/html").expect(422);
    });

    it("resolves a comment's permalink to its page and anchor", async () => {
      const reply = await request(t.app).get(`${ARTICLE}/comments/${id.r2b}`).expect(302);
      expect(reply.headers.location).toBe(`${ARTICLE}/comment-page-1/#comment-${id.r2b}`);
      const middle = await request(t.app).get(`${ARTICLE}/comments/${id.t5}`).expect(302);
      expect(middle.headers.location).toBe(`${ARTICLE}/comment-page-2/#comment-${id.t5}`);
      const newest = await request(t.app).get(`${ARTICLE}/comments/${id.t7}`).expect(302);
      expect(newest.headers.location).toBe(`${ARTICLE}#comment-${id.t7}`);
      // A comment the page does not show (unknown, or no longer published) lands on the thread.
      const unknown = await request(t.app).get(`${ARTICLE}/comments/cabcdefghijklmnopqrstuvwx`).expect(302);
      expect(unknown.headers.location).toBe(`${ARTICLE}#comments`);
      await request(t.app).get(`${ARTICLE}/comments/not%20an%20id`).set("Accept", "text/html").expect(404);
    });

    it("after a form post, lands on the page that shows the new comment", async () => {
      clock.advance(60_000);
      const reply = await request(t.app)
        .post(`${ARTICLE}/comments`)
        .type("form")
        .send({ authorName: "Form", authorEmail: "form@example.org", body: "Comment f1 here.", parentId: id.t4 })
        .expect(303);
      expect(reply.headers.location).toMatch(new RegExp(`^${ARTICLE}/comment-page-2/#comment-\\w+$`));
      const page = await request(t.app).get(reply.headers.location!.split("#")[0]!).expect(200);
      expect(shown(page.text)).toContain("f1");

      // A refused reply goes back to the form on the page of the comment it answers, with the message.
      const refused = await followRefusedForm(
        t.app,
        await request(t.app)
          .post(`${ARTICLE}/comments`)
          .type("form")
          .send({ authorName: "Form", authorEmail: "form@example.org", body: "", parentId: id.t1 }),
      );
      expect(refused.text).toContain("Page 1 of 3");
      expect(refused.text).toContain("Please write a comment.");
    });

    it("takes an article's own commentsPerPage over the site's", async () => {
      await updateArticleSettings(t.deps, SLUG, { commentsPerPage: 5 });
      const res = await request(t.app).get(ARTICLE).expect(200);
      expect(res.text).toContain("Page 2 of 2");
      expect(shown(res.text)).toEqual(["r6", "t6", "t7"]);
      await updateArticleSettings(t.deps, SLUG, { commentsPerPage: null });
      expect((await request(t.app).get(ARTICLE).expect(200)).text).toContain("Page 3 of 3");
    });
  });

  describe("through the thread API", () => {
    const list = (query: Record<string, string> = {}) =>
      request(t.app).get(`/api/threads/${threadId}/comments`).query(query).set("Accept", "application/json");
    const names = (body: { comments: { bodyHtml: string }[] }) =>
      body.comments.map((c) => /Comment (\w+) here/.exec(c.bodyHtml)![1]);

    it("answers page 1 in the old shape, paged by the thread's commentsPerPage, and follows the cursor", async () => {
      const first = await list().expect(200);
      expect(Object.keys(first.body)).toEqual(["thread", "comments", "nextCursor", "remainingTopLevel"]);
      expect(first.body.thread).toMatchObject({ id: threadId, commentCount: 12, articleSlug: SLUG });
      expect(names(first.body)).toEqual(["t1", "r1", "t2", "r2", "r2b", "t3"]);
      expect(first.body.remainingTopLevel).toBe(4);

      const second = await list({ cursor: first.body.nextCursor }).expect(200);
      expect(names(second.body)).toEqual(["t4", "f1", "t5", "t6", "r6"]);
      const third = await list({ cursor: second.body.nextCursor }).expect(200);
      expect(names(third.body)).toEqual(["t7"]);
      expect(third.body).toMatchObject({ nextCursor: null, remainingTopLevel: 0 });
    });

    it("takes limit and sort like the widget's API", async () => {
      const res = await list({ limit: "2", sort: "newest" }).expect(200);
      expect(names(res.body)).toEqual(["t7", "t6", "r6"]);
      const next = await list({ limit: "2", sort: "newest", cursor: res.body.nextCursor }).expect(200);
      expect(names(next.body)).toEqual(["t5", "t4", "f1"]);
    });

    it("refuses a bad limit, sort or cursor with a 422 naming it", async () => {
      for (const [query, field] of [
        [{ limit: "0" }, "limit"],
        [{ limit: "501" }, "limit"],
        [{ sort: "best" }, "sort"],
        [{ cursor: "not-a-cursor" }, "cursor"],
      ] as const) {
        const res = await list(query).expect(422);
        expect(res.body.error).toMatchObject({ code: "VALIDATION", field });
      }
    });

    it("answers 304 to a reader who holds the page's ETag, first page or later", async () => {
      const first = await list().expect(200);
      await list().set("If-None-Match", first.headers.etag!).expect(304);
      const later = await list({ cursor: first.body.nextCursor }).expect(200);
      expect(later.headers.etag).not.toBe(first.headers.etag);
      await list({ cursor: first.body.nextCursor }).set("If-None-Match", later.headers.etag!).expect(304);
      // Another page size is another answer.
      const small = await list({ limit: "1" }).set("If-None-Match", first.headers.etag!).expect(200);
      expect(names(small.body)).toEqual(["t1", "r1"]);
    });
  });
});
