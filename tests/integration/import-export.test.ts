// Importing real-world-shaped WordPress and Disqus exports (tests/fixtures/import/) into a real database,
// twice, and exporting again: counts, parents, statuses, dates, names, thread counts, problems, and the
// Parley export's round trip through an empty database.
import fs from "node:fs";
import path from "node:path";
import pino from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import { type Deps } from "../../src/deps.ts";
import { hashIp } from "../../src/domain/ip-hash.ts";
import { exportParley } from "../../src/import/export-parley.ts";
import { exportWxr } from "../../src/import/export-wxr.ts";
import { runImport, type RunImportOptions } from "../../src/import/run-import.ts";
import { ensureDefaultSite } from "../../src/sites/ensure-default-site.ts";
import { registerTestSite } from "../support/sites.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { createTestDatabase, testProviders } from "../support/test-db.ts";
import { closeDeps, createDeps } from "../../src/compose.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/import");
const fixture = (name: string) => ({
  chunks: fs.createReadStream(path.join(FIXTURES, name), { highWaterMark: 1024 }),
  totalBytes: fs.statSync(path.join(FIXTURES, name)).size,
});
const importFile = (deps: Deps, name: string, opts: Partial<RunImportOptions> & Pick<RunImportOptions, "format">) =>
  runImport(deps, fixture(name), { siteId: "default", ...opts });

async function collect(gen: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const s of gen) out += s;
  return out;
}

async function commentsOf(deps: Deps, threadId: string) {
  return deps.db.comment.findMany({ where: { threadId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

describe.each(testProviders())("import and export on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(provider);
  });
  afterAll(async () => t?.close());

  it("imports a WXR 1.2 file as hosted articles: threads, parents, statuses, dates, names, counts", async () => {
    const summary = await importFile(t.deps, "wordpress-1.2.xml", { format: "wordpress", as: "articles" });
    expect(summary.threads).toEqual({ read: 3, created: 3, existing: 0 });
    expect(summary.comments).toMatchObject({ read: 11, written: 10, alreadyImported: 0 });
    expect(summary.comments.byStatus).toEqual({ published: 7, pending: 1, spam: 1, deleted: 1 });
    expect(summary.pingbacks).toEqual({ imported: 2, skipped: 0 });
    expect(summary.problems.listed.map((p) => [p.code, p.id])).toEqual([
      ["bad-date", "1010"],
      ["skipped-post-type", "120"],
      ["orphan-reply", "1009"],
    ]);

    const article = await t.deps.db.article.findUniqueOrThrow({
      where: { slug: "cafe-society" },
      include: { thread: true },
    });
    expect(article).toMatchObject({ title: "Café society & the “long” lunch", category: "Travel", authorName: "anne" });
    expect(article.publishedAt?.toISOString()).toBe("2019-03-04T09:30:00.000Z");
    expect(article.bodyHtml).toContain("<p>We sat for three hours.</p>");
    expect(article.bodyHtml).toContain('rel="nofollow ugc noopener"');
    expect(article.bodyHtml).not.toContain("target=");
    const thread = article.thread!;
    const rows = await commentsOf(t.deps, thread.id);
    const byKey = new Map(rows.map((r) => [r.importKey, r]));
    const jj = byKey.get("wordpress:1001")!;
    expect(jj).toMatchObject({
      authorName: "Jean «JJ» Dupont",
      authorEmail: "jj@example.fr",
      authorUrl: "https://jj.example.fr/",
      ipHash: hashIp(t.deps.config.IP_HASH_SECRET, "203.0.113.7"),
      status: "published",
      depth: 1,
      parentId: null,
    });
    expect(jj.createdAt.toISOString()).toBe("2019-03-04T10:00:00.000Z");
    expect(jj.bodyHtml).toBe(
      "<p>First line of a long thought.<br />\nSecond line, same paragraph.</p>\n" +
        '<p>A new paragraph with <strong>bold</strong> and  a <a href="https://jj.example.fr/post" rel="nofollow ugc noopener">link</a>.</p>',
    );
    expect(jj.bodySource).toContain("<script>alert(1)</script>"); // the source is kept, never shown
    expect(JSON.stringify(rows)).not.toContain("203.0.113.7");
    expect(byKey.get("wordpress:1002")).toMatchObject({ parentId: jj.id, depth: 2 });
    expect(byKey.get("wordpress:1003")).toMatchObject({ parentId: byKey.get("wordpress:1002")!.id, depth: 3 });
    expect(byKey.get("wordpress:1003")!.createdAt.toISOString()).toBe("2019-03-04T11:30:00.000Z");
    expect(byKey.get("wordpress:1005")).toMatchObject({ parentId: byKey.get("wordpress:1004")!.id, depth: 2 });
    expect(byKey.get("wordpress:1004")).toMatchObject({ status: "pending", authorUrl: null });
    expect(byKey.get("wordpress:1006")).toMatchObject({ kind: "pingback", status: "published" });
    expect(byKey.get("wordpress:1007")!.status).toBe("spam");
    expect(byKey.get("wordpress:1008")!.status).toBe("deleted");
    expect(byKey.has("wordpress:1009")).toBe(false);
    expect(await t.deps.db.commentLink.findMany({ where: { commentId: jj.id } })).toEqual([
      { commentId: jj.id, url: "https://jj.example.fr/post", label: null, notChecked: false },
    ]);
    // Counts: exactly the published rows, and the last one's date.
    expect(thread.publishedCount).toBe(rows.filter((r) => r.status === "published").length);
    expect(thread.publishedCount).toBe(5);
    expect(thread.lastCommentAt?.toISOString()).toBe("2019-03-05T07:00:00.000Z");
    // A post without comments is still an article; the page is closed as on WordPress.
    expect(await t.deps.db.article.findUnique({ where: { slug: "quiet" } })).not.toBeNull();
    const about = await t.deps.db.article.findUniqueOrThrow({ where: { slug: "about" }, include: { thread: true } });
    expect(about.thread).toMatchObject({ closed: true, publishedCount: 2 });
    // The article page shows the imported discussion.
    const page = await request(t.app).get("/articles/cafe-society").expect(200);
    expect(page.text).toContain("Jean «JJ» Dupont");
    expect(page.text).toContain("Thanks Jean!");
    expect(page.text).not.toContain("Buy now");
    expect(page.text).not.toContain("&amp;laquo;");
  });

  it("adds nothing when the same file is imported again", async () => {
    const before = await t.deps.db.comment.count();
    const threadsBefore = await t.deps.db.thread.count();
    const summary = await importFile(t.deps, "wordpress-1.2.xml", { format: "wordpress", as: "articles" });
    expect(summary.comments).toMatchObject({ written: 0, alreadyImported: 10 });
    expect(summary.threads).toMatchObject({ created: 0, existing: 3 });
    expect(await t.deps.db.comment.count()).toBe(before);
    expect(await t.deps.db.thread.count()).toBe(threadsBefore);
  });

  it("imports a WXR 1.0 file as embedded pages keyed by their URL (?p=N kept), skipping pingbacks when asked", async () => {
    const site = await registerTestSite(t, ["http://old.example"]);
    const summary = await importFile(t.deps, "wordpress-1.0.xml", {
      format: "wordpress",
      siteId: site.id,
      as: "pages",
      pingbacks: "skip",
    });
    expect(summary.pingbacks).toEqual({ imported: 0, skipped: 1 });
    const thread = await t.deps.db.thread.findUniqueOrThrow({
      where: { siteId_pageKey: { siteId: site.id, pageKey: "http://old.example/?p=1" } },
    });
    expect(thread.articleId).toBeNull();
    const rows = await commentsOf(t.deps, thread.id);
    expect(rows.map((r) => [r.importKey, r.depth, r.status])).toEqual([
      ["wordpress:1", 1, "published"],
      ["wordpress:2", 2, "published"],
      ["wordpress:3", 3, "pending"],
    ]);
    expect(rows[1]).toMatchObject({ authorName: "Zoë &amp; Friends", authorEmail: "zoe@example.com" });
    expect(rows[1]!.bodyHtml).toBe("<p>Line one<br />\nline two</p>\n<p>- not a list in WordPress, just text</p>");
    // The widget finds it at that URL.
    const res = await request(t.app)
      .get("/api/embed/threads")
      .query({ site: site.id, page: "http://old.example/?p=1" })
      .set("Origin", "http://old.example")
      .expect(200);
    expect(res.body.comments.map((c: { authorName: string }) => c.authorName)).toEqual([
      "Mr WordPress",
      "Zoë &amp; Friends",
    ]);
  });

  it("imports a Disqus export: both thread forms, deleted and spam posts, problems listed; twice adds nothing", async () => {
    const site = await registerTestSite(t, ["https://blog.example"]);
    const summary = await importFile(t.deps, "disqus.xml", { format: "disqus", siteId: site.id });
    expect(summary.as).toBe("pages");
    expect(summary.comments).toMatchObject({ written: 7, byStatus: { published: 5, deleted: 1, spam: 1 } });
    expect(summary.problems.listed.map((p) => [p.code, p.id])).toEqual([
      ["missing-id", null],
      ["bad-date", "9006"],
      ["unknown-thread", "9009"],
      ["deleted-thread", "5003"],
      ["orphan-reply", "9007"],
    ]);
    const threads = await t.deps.db.thread.findMany({ where: { siteId: site.id }, orderBy: { importKey: "asc" } });
    expect(threads.map((th) => [th.importKey, th.pageKey, th.publishedCount, th.closed])).toEqual([
      ["disqus:5001", "https://blog.example/2019/03/cafe-society/", 3, false],
      ["disqus:5002", "about-page", 1, true],
      ["disqus:5004", "https://blog.example/?p=140", 1, false],
    ]);
    const cafe = await commentsOf(t.deps, threads[0]!.id);
    const byKey = new Map(cafe.map((r) => [r.importKey, r]));
    expect(byKey.get("disqus:9001")).toMatchObject({
      authorName: "Sam «the reader»",
      authorEmail: "sam@example.com",
      depth: 1,
    });
    expect(byKey.get("disqus:9002")).toMatchObject({ parentId: byKey.get("disqus:9001")!.id, depth: 2 });
    expect(byKey.get("disqus:9003")).toMatchObject({ parentId: byKey.get("disqus:9002")!.id, depth: 3 });
    expect(byKey.get("disqus:9003")!.bodyHtml).toBe("<p>Me too,\non two lines.</p>");
    expect(byKey.get("disqus:9004")!.status).toBe("deleted");
    expect(byKey.get("disqus:9005")!.status).toBe("spam");
    const again = await importFile(t.deps, "disqus.xml", { format: "disqus", siteId: site.id });
    expect(again.comments).toMatchObject({ written: 0, alreadyImported: 7 });
    expect(await t.deps.db.thread.count({ where: { siteId: site.id } })).toBe(3);
  });

  it("refuses a file that is not an export (or not the asked one) and writes nothing; a dry run writes nothing", async () => {
    const before = { comments: await t.deps.db.comment.count(), threads: await t.deps.db.thread.count() };
    await expect(importFile(t.deps, "disqus.xml", { format: "wordpress" })).rejects.toThrow(/not a WordPress export/);
    await expect(
      runImport(t.deps, { chunks: [Buffer.from("%PDF-1.4 binary")] }, { format: "disqus", siteId: "default" }),
    ).rejects.toThrow(/not an XML export/);
    await expect(
      runImport(t.deps, { chunks: [Buffer.from("<html></html>")] }, { format: "parley", siteId: "default" }),
    ).rejects.toThrow(/not a Parley export/);
    const site = await registerTestSite(t, ["https://dry.example"]);
    const dry = await importFile(t.deps, "disqus.xml", { format: "disqus", siteId: site.id, dryRun: true });
    expect(dry.comments.written).toBe(7);
    expect(dry.threads.created).toBe(3);
    expect({ comments: await t.deps.db.comment.count(), threads: await t.deps.db.thread.count() }).toEqual(before);
  });

  it("writes no thread half-way when the XML breaks inside it", async () => {
    const site = await registerTestSite(t, ["https://blog.example"]);
    const summary = await importFile(t.deps, "broken.xml", { format: "wordpress", siteId: site.id, as: "pages" });
    expect(summary.problems.listed.map((p) => [p.code, p.id, p.line])).toEqual([
      ["broken-xml", null, 38],
      ["broken-xml", "2", 21],
    ]);
    const threads = await t.deps.db.thread.findMany({ where: { siteId: site.id } });
    expect(threads.map((th) => th.pageKey)).toEqual(["https://blog.example/survives/"]);
  });

  it("exports Parley JSON that re-imports into an empty database and exports again identically", async () => {
    // Native comments too: an edited one (two revisions, a cited source) and one held with flags.
    const article = await t.deps.db.article.findUniqueOrThrow({
      where: { slug: "cafe-society" },
      include: { thread: true },
    });
    const posted = await request(t.app)
      .post(`/api/threads/${article.thread!.id}/comments`)
      .send({
        authorName: "Ann",
        authorEmail: "ann@example.com",
        body: "Long lunches are good [A].\n\n[A] https://example.org/lunch",
      })
      .expect(201);
    await request(t.app)
      .patch(`/api/comments/${posted.body.comment.id}`)
      .send({
        editToken: posted.body.editToken,
        body: "Long lunches are very good [A].\n\n[A] https://example.org/lunch",
      })
      .expect(200);
    await t.deps.db.site.update({
      where: { id: "default" },
      data: {
        settings: { mode: "post-moderate", floodSeconds: 0, duplicateWindowMinutes: 0, suspectWords: ["kettle"] },
      },
    });
    await request(t.app)
      .post(`/api/threads/${article.thread!.id}/comments`)
      .send({ authorName: "Bo", authorEmail: "bo@example.com", body: "Buy my kettle" })
      .expect(202);

    const first = await collect(exportParley(t.deps, "default"));
    const lines = first
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: "header", format: "parley-export", version: 1 });
    expect(lines.filter((l) => l.type === "comment").length).toBe(
      await t.deps.db.comment.count({ where: { thread: { siteId: "default" } } }),
    );
    const c = lines.find((l) => l.importKey === "wordpress:1001");
    expect(c).toMatchObject({
      status: "published",
      revisions: [{ revision: 1 }],
      links: [{ url: "https://jj.example.fr/post" }],
    });

    const db = await createTestDatabase(provider);
    const deps = await createDeps(
      loadConfig({ LOG_LEVEL: "silent", LINK_CHECK_ENABLED: "false", DATABASE_URL: db.url }),
      { log: pino({ level: "silent" }) },
    );
    try {
      await ensureDefaultSite(deps);
      const summary = await runImport(deps, { chunks: [Buffer.from(first)] }, { format: "parley", siteId: "default" });
      expect(summary.problems.total).toBe(0);
      const second = await collect(exportParley(deps, "default"));
      expect(second).toBe(first);
      const again = await runImport(deps, { chunks: [Buffer.from(first)] }, { format: "parley", siteId: "default" });
      expect(again.comments.written).toBe(0);
      const counts = await deps.db.thread.findMany({
        select: { id: true, publishedCount: true },
        orderBy: { id: "asc" },
      });
      const original = await t.deps.db.thread.findMany({
        where: { siteId: "default" },
        select: { id: true, publishedCount: true },
        orderBy: { id: "asc" },
      });
      expect(counts).toEqual(original);
    } finally {
      await closeDeps(deps);
      await db.drop();
    }
  });

  it("exports WXR that the WordPress reader reads back", async () => {
    const wxr = await collect(exportWxr(t.deps, "default"));
    expect(wxr).toContain("<wp:wxr_version>1.2</wp:wxr_version>");
    const site = await registerTestSite(t, ["https://back.example"]);
    const summary = await runImport(
      t.deps,
      { chunks: [Buffer.from(wxr)] },
      { format: "wordpress", siteId: site.id, as: "pages" },
    );
    expect(summary.problems.total).toBe(0);
    const published = await t.deps.db.comment.count({ where: { thread: { siteId: "default" }, status: "published" } });
    const back = await t.deps.db.comment.count({ where: { thread: { siteId: site.id }, status: "published" } });
    expect(back).toBe(published);
  });
});
