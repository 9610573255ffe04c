// The HTTP contract of the foundation, run against SQLite and (when reachable) PostgreSQL.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const PETE_SLUG = "israel-behind-discovery-of-kaspersky-spy-links";
const NEWS_SLUG = "israel-secret-service-pressure-on-kaspersky";
const reader = { authorName: "Ada Reader", authorEmail: "ada@example.org", body: "A thoughtful comment." };

describe.each(testProviders())("comments API on %s", (provider) => {
  let t: TestApp;
  let peteThread: string;
  let newsThread: string;

  beforeAll(async () => {
    t = await createTestApp(provider);
    const articles = await request(t.app).get("/api/articles").expect(200);
    peteThread = articles.body.find((a: { slug: string }) => a.slug === PETE_SLUG).threadId;
    newsThread = articles.body.find((a: { slug: string }) => a.slug === NEWS_SLUG).threadId;
  });
  afterAll(async () => t?.close());

  const post = (threadId: string, body: unknown) =>
    request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send(body as object);
  const commentRows = () => t.deps.db.comment.count();

  it("answers the health check", async () => {
    const res = await request(t.app).get("/healthz").expect(200);
    expect(res.body).toEqual({ status: "ok", database: provider });
  });

  it("lists the two demo articles with their threads and counts", async () => {
    const res = await request(t.app).get("/api/articles").expect(200);
    expect(res.body).toHaveLength(2);
    const pete = res.body.find((a: { slug: string }) => a.slug === PETE_SLUG);
    expect(pete).toMatchObject({
      title: expect.stringContaining("Israel reportedly behind"),
      commentCount: 1,
      threadId: expect.any(String),
    });
    expect(Object.keys(pete).sort()).toEqual(["commentCount", "slug", "threadId", "title"]);
  });

  it("imports the demo articles only once", async () => {
    const { importSeedArticles } = await import("../../src/sites/import-seed-articles.ts");
    expect(await importSeedArticles(t.deps)).toEqual([]);
    expect(await t.deps.db.article.count()).toBe(2);
    expect(await t.deps.db.comment.count({ where: { thread: { id: peteThread } } })).toBeGreaterThanOrEqual(1);
  });

  it("returns Pete's approved comment rendered, without his email", async () => {
    const res = await request(t.app).get(`/api/threads/${peteThread}/comments`).expect(200);
    expect(res.body.thread).toMatchObject({ id: peteThread, commentCount: 1, articleSlug: PETE_SLUG });
    const pete = res.body.comments[0];
    expect(pete).toMatchObject({ authorName: "Pete", parentId: null, status: "published", depth: 1 });
    expect(pete.bodyHtml).toContain("<blockquote>");
    // His [A] / [B] reference lines are shown once, as his sources, not also as text in the body.
    expect(pete.bodyHtml).toContain("Us” [A] which");
    expect(pete.bodyHtml).not.toContain("gentleseas.blogspot.com.au");
    expect(pete.references.map((r: { label: string; url: string }) => [r.label, r.url])).toEqual([
      ["A", "http://gentleseas.blogspot.com.au/2016/12/intelligence-vulnerabilities-of.html"],
      ["B", "https://en.wikipedia.org/wiki/Eugene_Kaspersky#Early_life"],
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/authorEmail|ipHash|@seed\.invalid|editToken/);
  });

  it("publishes a comment (201) and a reply, threaded, and counts them", async () => {
    const created = await post(newsThread, { ...reader, authorUrl: "https://ada.example.org" }).expect(201);
    expect(created.body.comment).toMatchObject({
      status: "published",
      authorName: "Ada Reader",
      authorUrl: "https://ada.example.org",
      depth: 1,
      parentId: null,
    });
    expect(created.body.editToken).toMatch(/^[\w-]{20,}$/);
    expect(created.body.comment).not.toHaveProperty("authorEmail");

    const reply = await post(newsThread, {
      ...reader,
      authorName: "Bob",
      body: "I *agree*.",
      parentId: created.body.comment.id,
    }).expect(201);
    expect(reply.body.comment).toMatchObject({ parentId: created.body.comment.id, depth: 2 });
    expect(reply.body.comment.bodyHtml).toContain("<em>agree</em>");

    const list = await request(t.app).get(`/api/threads/${newsThread}/comments`).expect(200);
    expect(list.body.comments.map((c: { id: string }) => c.id)).toEqual([
      created.body.comment.id,
      reply.body.comment.id,
    ]);
    expect(list.body.thread.commentCount).toBe(2);
    const articles = await request(t.app).get("/api/articles").expect(200);
    expect(articles.body.find((a: { slug: string }) => a.slug === NEWS_SLUG).commentCount).toBe(2);
  });

  it("attaches replies below the depth limit to the deepest allowed level", async () => {
    let parentId: string | undefined;
    const ids: string[] = [];
    for (let depth = 1; depth <= 5; depth++) {
      const res = await post(peteThread, { ...reader, body: `level ${depth}`, parentId }).expect(201);
      expect(res.body.comment.depth).toBe(depth);
      parentId = res.body.comment.id;
      ids.push(parentId!);
    }
    const deeper = await post(peteThread, { ...reader, body: "too deep", parentId }).expect(201);
    expect(deeper.body.comment).toMatchObject({ depth: 5, parentId: ids[3] });
  });

  it("reads a website typed without its scheme (ada.example.org/blog) as https://", async () => {
    const res = await post(peteThread, {
      ...reader,
      authorEmail: "bare@example.org",
      body: "Bare website.",
      authorUrl: " ada.example.org/blog ",
    });
    expect(res.status).toBeLessThan(300);
    expect(res.body.comment.authorUrl).toBe("https://ada.example.org/blog");
  });

  it("drops unknown fields instead of storing them", async () => {
    const res = await post(newsThread, {
      ...reader,
      body: "sneaky",
      status: "spam",
      id: "chosen-id",
      ipHash: "x",
      createdAt: "2001-01-01T00:00:00Z",
      depth: 9,
    }).expect(201);
    expect(res.body.comment.id).not.toBe("chosen-id");
    const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id: res.body.comment.id } });
    expect(row).toMatchObject({ status: "published", depth: 1 });
    expect(row.ipHash).not.toBe("x");
    expect(row.createdAt.getUTCFullYear()).toBeGreaterThan(2001);
  });

  it("stores the source text and the poster's email, lower-cased, for moderators", async () => {
    const res = await post(newsThread, { ...reader, authorEmail: "Ada@Example.ORG", body: "**bold** move" }).expect(
      201,
    );
    const row = await t.deps.db.comment.findUniqueOrThrow({
      where: { id: res.body.comment.id },
      include: { revisions: true },
    });
    expect(row).toMatchObject({ bodySource: "**bold** move", authorEmail: "ada@example.org", revision: 1 });
    expect(row.bodyHtml).toBe("<p><strong>bold</strong> move</p>");
    expect(row.revisions).toHaveLength(0); // the row is revision 1 until an edit (store/revisions.ts)
    expect(row.ipHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it("escapes hostile HTML in the body", async () => {
    const res = await post(newsThread, {
      ...reader,
      body: "<script>alert(1)</script><img src=x onerror=alert(1)><xmp><script>x</script></xmp> [x](javascript:alert(1))",
    }).expect(202); // held: a javascript: link is an unsafe link
    const html = res.body.comment.bodyHtml;
    expect(html).not.toMatch(/<script|<img|<xmp|href="javascript/i);
    expect(html).toContain("&lt;script&gt;");
  });

  describe("refuses bad input with a clear error and changes nothing", () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["missing name", { ...reader, authorName: "" }, "authorName"],
      ["name too long", { ...reader, authorName: "n".repeat(81) }, "authorName"],
      ["missing email", { ...reader, authorEmail: undefined }, "authorEmail"],
      ["bad email", { ...reader, authorEmail: "not-an-email" }, "authorEmail"],
      ["javascript: website", { ...reader, authorUrl: "javascript:alert(1)" }, "authorUrl"],
      ["ftp website", { ...reader, authorUrl: "ftp://example.org" }, "authorUrl"],
      ["website with credentials", { ...reader, authorUrl: "https://user:pw@example.org" }, "authorUrl"],
      ["empty body", { ...reader, body: "   " }, "body"],
      ["body too long", { ...reader, body: "x".repeat(10_001) }, "body"],
      ["body of the wrong type", { ...reader, body: 42 }, "body"],
      ["parent that does not exist", { ...reader, parentId: "nope" }, "parentId"],
    ];
    it.each(cases)("%s → 422 naming the field", async (_name, body, field) => {
      const before = await commentRows();
      const res = await post(newsThread, body).expect(422);
      expect(res.body.error).toMatchObject({ code: "VALIDATION", field, message: expect.any(String) });
      expect(await commentRows()).toBe(before);
    });

    it("an empty form → 422 naming every field, the first one on screen first", async () => {
      const res = await post(newsThread, {
        body: "",
        authorName: "",
        authorEmail: "nope",
        authorUrl: "mailto:x@example.org",
      }).expect(422);
      expect(res.body.error.field).toBe("body");
      expect(Object.keys(res.body.error.fields)).toEqual(["body", "authorName", "authorEmail", "authorUrl"]);
      expect(res.body.error.fields.authorEmail).toBe("Please enter a valid email address.");
    });

    it("a parent from another thread → 422", async () => {
      const other = await post(peteThread, reader).expect(201);
      const res = await post(newsThread, { ...reader, parentId: other.body.comment.id }).expect(422);
      expect(res.body.error.field).toBe("parentId");
    });

    it("unknown thread → 404", async () => {
      const res = await post("no-such-thread", reader).expect(404);
      expect(res.body.error.code).toBe("THREAD_NOT_FOUND");
      await request(t.app).get("/api/threads/no-such-thread/comments").expect(404);
    });

    it("body too large → 413", async () => {
      const before = await commentRows();
      const res = await post(newsThread, { ...reader, body: "x".repeat(70 * 1024) }).expect(413);
      expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(await commentRows()).toBe(before);
    });

    it("wrong content type → 415", async () => {
      const res = await request(t.app)
        .post(`/api/threads/${newsThread}/comments`)
        .set("Content-Type", "text/plain")
        .send("hello")
        .expect(415);
      expect(res.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      await request(t.app).post(`/api/threads/${newsThread}/comments`).type("form").send(reader).expect(415);
    });

    it("malformed JSON → 400", async () => {
      const res = await request(t.app)
        .post(`/api/threads/${newsThread}/comments`)
        .set("Content-Type", "application/json")
        .send('{"authorName": ')
        .expect(400);
      expect(res.body.error.code).toBe("MALFORMED_BODY");
    });

    it("a JSON array or string instead of an object → 422", async () => {
      await request(t.app)
        .post(`/api/threads/${newsThread}/comments`)
        .set("Content-Type", "application/json")
        .send("[1,2]")
        .expect((r) => expect([400, 422]).toContain(r.status));
    });
  });

  it("unknown routes answer a JSON 404", async () => {
    const res = await request(t.app).get("/api/nothing-here").expect(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });
});

describe("holding every comment (HOLD_ALL_COMMENTS=true)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("sqlite", { HOLD_ALL_COMMENTS: "true" });
  });
  afterAll(async () => t?.close());

  it("answers 202 with the pending status and keeps it out of the thread", async () => {
    const [article] = (await request(t.app).get("/api/articles")).body;
    const res = await request(t.app).post(`/api/threads/${article.threadId}/comments`).send(reader).expect(202);
    expect(res.body.comment.status).toBe("pending");
    const list = await request(t.app).get(`/api/threads/${article.threadId}/comments`).expect(200);
    expect(list.body.comments.map((c: { id: string }) => c.id)).not.toContain(res.body.comment.id);
    expect(list.body.thread.commentCount).toBe(article.commentCount);
  });
});
