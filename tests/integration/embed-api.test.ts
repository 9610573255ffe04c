// The embed widget's API and its CORS gate, on SQLite and (when reachable) PostgreSQL: threads made
// on first use (once, even when raced), comments paged, counts batched, and cross-origin callers
// answered only from the site's allowed origins, on the widget's routes and the comment routes alike.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateEmbedThread } from "../../src/sites/find-or-create-embed-thread.ts";
import { fakeClock } from "../support/fake-clock.ts";
import { registerTestSite } from "../support/sites.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const BLOG = "https://blog.example.com";
const OTHER = "https://evil.example";
const reader = { authorName: "Ada", authorEmail: "ada@example.org", body: "Embedded hello." };

describe.each(testProviders())("embed API on %s", (provider) => {
  let t: TestApp;
  let siteId: string;
  let hostedThread: string;

  beforeAll(async () => {
    t = await createTestApp(provider);
    siteId = (await registerTestSite(t, [BLOG, "http://localhost:4000"])).id;
    hostedThread = (await request(t.app).get("/api/articles").expect(200)).body[0].threadId;
  });
  afterAll(async () => t?.close());

  const embedThread = (query: Record<string, string>, origin?: string) => {
    const req = request(t.app)
      .get("/api/embed/threads")
      .query({ site: siteId, ...query });
    return origin ? req.set("Origin", origin) : req;
  };
  const threadRows = (pageKey: string) => t.deps.db.thread.count({ where: { siteId, pageKey } });

  describe("threads on first use", () => {
    it("creates the page's thread on the first request and returns the same one afterwards", async () => {
      const page = `${BLOG}/posts/first`;
      const first = await embedThread({ page, title: "First post", url: `${page}#comments` }, BLOG).expect(200);
      expect(first.body).toMatchObject({
        thread: { title: "First post", url: page, closed: false, commentCount: 0 },
        comments: [],
        nextCursor: null,
        remainingTopLevel: 0,
        limits: { maxDepth: 5, maxLength: 10_000, editWindowMinutes: 10 },
        seq: 0,
      });
      const again = await embedThread({ page, title: "Renamed by someone" }, BLOG).expect(200);
      expect(again.body.thread).toMatchObject({ id: first.body.thread.id, title: "First post" });
      expect(await threadRows(page)).toBe(1);
    });

    it("creates exactly one thread when many first visits race", async () => {
      const page = `${BLOG}/posts/popular`;
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => embedThread({ page, title: "Popular" }, BLOG)),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
      expect(new Set(answers.map((r) => r.body.thread.id)).size).toBe(1);
      expect(await threadRows(page)).toBe(1);
    });

    it("keeps the page URL only when it is on one of the site's origins", async () => {
      const res = await embedThread({ page: "ext-1", url: "https://elsewhere.example/phish" }).expect(200);
      expect(res.body.thread).toMatchObject({ url: null, title: "ext-1" });
    });

    it("refuses an unknown site, a malformed site id and a bad page id, creating nothing", async () => {
      const before = await t.deps.db.thread.count();
      expect(
        (await request(t.app).get("/api/embed/threads").query({ site: "nope", page: "x" }).expect(404)).body.error.code,
      ).toBe("SITE_NOT_FOUND");
      expect(
        (await request(t.app).get("/api/embed/threads").query({ site: "<script>", page: "x" }).expect(422)).body.error
          .field,
      ).toBe("site");
      expect((await embedThread({ page: "x".repeat(501) }).expect(422)).body.error.field).toBe("page");
      expect((await embedThread({ page: "a\u0000b" }).expect(422)).body.error.field).toBe("page");
      expect((await embedThread({ page: "ok", cursor: "bogus" }).expect(422)).body.error.field).toBe("cursor");
      expect(await t.deps.db.thread.count()).toBe(before + 1); // only the valid "ok" page (its cursor was refused after)
    });
  });

  describe("comments through the widget's API", () => {
    it("tells the widget when the thread is closed and what the site's limits are", async () => {
      const thread = await findOrCreateEmbedThread(t.deps, { siteId, pageKey: "limits" }); // not read (nor cached) yet
      await t.deps.db.site.update({
        where: { id: siteId },
        data: {
          settings: {
            mode: "post-moderate",
            floodSeconds: 0,
            duplicateWindowMinutes: 0,
            maxLength: 500,
            editWindowMinutes: 5,
          },
        },
      });
      await t.deps.db.thread.update({ where: { id: thread.id }, data: { closed: true } });
      try {
        const res = await embedThread({ page: "limits" }).expect(200);
        expect(res.body).toMatchObject({ thread: { closed: true }, limits: { maxLength: 500, editWindowMinutes: 5 } });
      } finally {
        await t.deps.db.site.update({
          where: { id: siteId },
          data: { settings: { mode: "post-moderate", floodSeconds: 0, duplicateWindowMinutes: 0 } },
        });
      }
    });

    it("pages conversations oldest or newest first, replies with their parents", async () => {
      const { body } = await embedThread({ page: "paged" }).expect(200);
      const threadId = body.thread.id;
      const post = (extra: object) =>
        request(t.app)
          .post(`/api/threads/${threadId}/comments`)
          .set("Origin", BLOG)
          .send({ ...reader, ...extra })
          .expect(201);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await post({ body: `root ${i}` })).body.comment.id);
      const reply = (await post({ body: "reply to root 0", parentId: ids[0] })).body.comment.id;

      const oldest = await embedThread({ page: "paged", limit: "2" }, BLOG).expect(200);
      expect(oldest.body.comments.map((c: { id: string }) => c.id)).toEqual([ids[0], reply, ids[1]]);
      expect(oldest.body).toMatchObject({ remainingTopLevel: 1, thread: { commentCount: 4 } });
      const rest = await embedThread({ page: "paged", limit: "2", cursor: oldest.body.nextCursor }, BLOG).expect(200);
      expect(rest.body.comments.map((c: { id: string }) => c.id)).toEqual([ids[2]]);

      const newest = await embedThread({ page: "paged", sort: "newest", limit: "10" }, BLOG).expect(200);
      expect(newest.body.comments.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[1], ids[0], reply]);
      expect(JSON.stringify(newest.body)).not.toMatch(/authorEmail|ipHash|editToken/);
    });
  });

  describe("CORS", () => {
    it("echoes an allowed origin exactly, varies on Origin and sends no credentials header", async () => {
      const res = await embedThread({ page: "cors" }, BLOG).expect(200);
      expect(res.headers["access-control-allow-origin"]).toBe(BLOG);
      expect(res.headers.vary).toMatch(/Origin/);
      expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
      const other = await embedThread({ page: "cors" }, "http://localhost:4000").expect(200);
      expect(other.headers["access-control-allow-origin"]).toBe("http://localhost:4000");
    });

    it("refuses any other origin with a readable 403 ORIGIN_NOT_ALLOWED, before creating anything", async () => {
      for (const origin of [OTHER, "https://blog.example.com.evil.example", "http://blog.example.com", "null"]) {
        const res = await embedThread({ page: "never-created" }, origin).expect(403);
        expect(res.body.error).toMatchObject({ code: "ORIGIN_NOT_ALLOWED", message: expect.stringContaining(origin) });
        expect(res.headers["access-control-allow-origin"]).toBe(origin); // so the widget can show why
        expect(res.headers.vary).toMatch(/Origin/);
      }
      expect(await threadRows("never-created")).toBe(0);
    });

    it("answers preflights for allowed origins and refuses the others", async () => {
      const ok = await request(t.app)
        .options("/api/embed/threads")
        .query({ site: siteId })
        .set("Origin", BLOG)
        .set("Access-Control-Request-Method", "GET")
        .set("Access-Control-Request-Headers", "x-parley-edit-tokens")
        .expect(204);
      expect(ok.headers).toMatchObject({ "access-control-allow-origin": BLOG, "access-control-max-age": "600" });
      expect(ok.headers["access-control-allow-headers"]).toMatch(/X-Parley-Edit-Tokens/);

      const { body } = await embedThread({ page: "preflight" }).expect(200);
      const path = `/api/threads/${body.thread.id}/comments`;
      const post = await request(t.app)
        .options(path)
        .set("Origin", BLOG)
        .set("Access-Control-Request-Method", "POST")
        .set("Access-Control-Request-Headers", "content-type")
        .expect(204);
      expect(post.headers["access-control-allow-methods"]).toMatch(/POST/);
      const refused = await request(t.app)
        .options(path)
        .set("Origin", OTHER)
        .set("Access-Control-Request-Method", "POST")
        .expect(403);
      expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
    });

    it("guards the comment routes by the thread's site: allowed origin posts, others get 403 and nothing is stored", async () => {
      const { body } = await embedThread({ page: "guarded" }).expect(200);
      const path = `/api/threads/${body.thread.id}/comments`;
      const posted = await request(t.app).post(path).set("Origin", BLOG).send(reader).expect(201);
      expect(posted.headers["access-control-allow-origin"]).toBe(BLOG);

      const before = await t.deps.db.comment.count();
      const refused = await request(t.app).post(path).set("Origin", OTHER).send(reader).expect(403);
      expect(refused.body.error.code).toBe("ORIGIN_NOT_ALLOWED");
      await request(t.app).get(path).set("Origin", OTHER).expect(403);
      expect(await t.deps.db.comment.count()).toBe(before);
    });

    it("keeps the hosted article pages working same-origin, and refuses them to other sites", async () => {
      const path = `/api/threads/${hostedThread}/comments`;
      const self = await request(t.app)
        .post(path)
        .set("Host", "parley.test")
        .set("Origin", "http://parley.test")
        .send(reader)
        .expect(201);
      expect(self.headers["access-control-allow-origin"]).toBeUndefined();
      await request(t.app).post(path).send(reader).expect(201); // no Origin: not a browser, CORS does not apply
      expect((await request(t.app).post(path).set("Origin", BLOG).send(reader).expect(403)).body.error.code).toBe(
        "ORIGIN_NOT_ALLOWED",
      );
    });

    it("lets an unknown thread answer its own 404, readably", async () => {
      const res = await request(t.app).get("/api/threads/nope/comments").set("Origin", OTHER).expect(404);
      expect(res.body.error.code).toBe("THREAD_NOT_FOUND");
    });
  });

  describe("comment counts", () => {
    it("counts several pages in one request, without creating threads", async () => {
      const { body } = await embedThread({ page: `${BLOG}/a,b` }).expect(200);
      await request(t.app).post(`/api/threads/${body.thread.id}/comments`).send(reader).expect(201);
      const threadsBefore = await t.deps.db.thread.count();
      const res = await request(t.app)
        .get("/api/embed/counts")
        .set("Origin", BLOG)
        .query(`site=${siteId}&page=${encodeURIComponent(`${BLOG}/a,b`)}&page=paged&page=unseen`)
        .expect(200);
      expect(res.body).toEqual({ counts: { [`${BLOG}/a,b`]: 1, paged: 4, unseen: 0 } });
      expect(res.headers["access-control-allow-origin"]).toBe(BLOG);
      const short = await request(t.app)
        .get("/api/embed/counts")
        .query({ site: siteId, pages: "paged,unseen,__proto__" })
        .expect(200);
      expect(short.body.counts).toEqual({ paged: 4, unseen: 0, ["__proto__"]: 0 });
      expect(await t.deps.db.thread.count()).toBe(threadsBefore);
    });

    it("refuses other origins, no pages, too many pages and unknown sites", async () => {
      await request(t.app)
        .get("/api/embed/counts")
        .query({ site: siteId, pages: "a" })
        .set("Origin", OTHER)
        .expect(403);
      expect((await request(t.app).get("/api/embed/counts").query({ site: siteId }).expect(422)).body.error.field).toBe(
        "pages",
      );
      const many = Array.from({ length: 101 }, (_, i) => `p${i}`).join(",");
      await request(t.app).get("/api/embed/counts").query({ site: siteId, pages: many }).expect(422);
      await request(t.app).get("/api/embed/counts").query({ site: "missing", pages: "a" }).expect(404);
    });
  });

  describe("the widget's scripts and demo page", () => {
    it("serves embed.js for use on other origins", async () => {
      const { buildWidget } = await import("../../scripts/build-widget.ts");
      await buildWidget();
      const res = await request(t.app).get("/embed.js").expect(200);
      expect(res.headers["content-type"]).toMatch(/javascript/);
      expect(res.headers["cross-origin-resource-policy"]).toBe("cross-origin");
      expect(res.headers["access-control-allow-origin"]).toBe("*");
      await request(t.app).get("/embed-live.js").expect(200);
      await request(t.app).get("/count.js").expect(200);
    });

    it("serves the demo host page with the tag in use", async () => {
      const res = await request(t.app).get("/embed-demo").expect(200);
      expect(res.text).toContain('<script src="/embed.js" data-parley-site="default"');
      expect(res.text).toContain("&lt;script src=");
    });
  });
});

describe("new embedded threads per address per hour", () => {
  let t: TestApp;
  let siteId: string;
  const clock = fakeClock(new Date("2030-01-01T12:00:00Z"));

  beforeAll(async () => {
    t = await createTestApp("sqlite", { TRUST_PROXY_HOPS: "1", RATE_LIMIT_EMBED_THREADS_PER_HOUR: "2" }, { clock });
    siteId = (await registerTestSite(t, [BLOG])).id;
  });
  afterAll(async () => t?.close());

  const visit = (page: string, ip: string) =>
    request(t.app)
      .get("/api/embed/threads")
      .query({ site: siteId, page })
      .set("Origin", BLOG)
      .set("X-Forwarded-For", ip);

  it("refuses a third new page id from one address with 429 + Retry-After, creating nothing; existing threads and other addresses still work", async () => {
    await visit("p/1", "203.0.113.7").expect(200);
    await visit("p/2", "203.0.113.7").expect(200);
    await visit("p/1", "203.0.113.7").expect(200); // reading an existing thread spends nothing
    const before = await t.deps.db.thread.count({ where: { siteId } });

    const refused = await visit("p/3", "203.0.113.7").expect(429);
    // In words a reader can act on: shown as it is by the widget.
    expect(refused.body.error).toMatchObject({
      code: "RATE_LIMITED",
      message: "Too many new discussions from your network; try again in 60 minutes.",
    });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(3000);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(3600);
    expect(refused.headers["access-control-allow-origin"]).toBe(BLOG); // the widget can read the refusal
    expect(await t.deps.db.thread.count({ where: { siteId } })).toBe(before);
    await visit("p/2", "203.0.113.7").expect(200);
    await visit("p/3", "198.51.100.9").expect(200); // another reader may open it

    clock.advance(3600_000 + 1000);
    await visit("p/4", "203.0.113.7").expect(200); // an hour later, a new allowance
  });
});
