// Imported pingbacks and trackbacks, shown or not by the site's setting (showPingbacks, default: shown):
// the article page ("N Responses to …"), the thread API, the widget's thread and counts, and the index
// honour it, and the threads' counts (publishedCount, pingbackCount) stay exact through the import and a
// moderator's decisions on a pingback, whichever way the setting is. SQLite and PostgreSQL.
import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../src/import/run-import.ts";
import { publishedCounts } from "../../src/store/imports.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { registerTestSite } from "../support/sites.ts";
import { createTestApp, RELAXED_SITE_SETTINGS, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const WXR = path.resolve(import.meta.dirname, "../fixtures/import/wordpress-1.2.xml");
const PINGBACK_TEXT = "a lovely piece on long lunches";
const wxr = () => ({ chunks: fs.createReadStream(WXR) });

describe.each(testProviders())("pingbacks shown or hidden on %s", (provider) => {
  let t: TestApp;
  let admin: SignedIn;
  let threadId: string;
  beforeAll(async () => {
    t = await createTestApp(provider);
    admin = await signInAs(t, "admin");
    await runImport(t.deps, wxr(), { format: "wordpress", siteId: "default", as: "articles" });
    threadId = (await t.deps.db.thread.findFirstOrThrow({ where: { pageKey: "cafe-society" } })).id;
  });
  afterAll(async () => t?.close());

  const settings = (patch: object) =>
    request(t.app)
      .put("/api/admin/settings")
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send(patch)
      .expect(200);
  const act = async (id: string, action: string) => {
    const { revision } = await t.deps.db.comment.findUniqueOrThrow({ where: { id } });
    await request(t.app)
      .post(`/api/moderation/comments/${id}/actions`)
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send({ action, revision })
      .expect(200);
  };
  const listing = async () => (await request(t.app).get(`/api/threads/${threadId}/comments`).expect(200)).body;
  const page = async () => (await request(t.app).get("/articles/cafe-society").expect(200)).text;
  const indexCount = async () =>
    ((await request(t.app).get("/api/articles").expect(200)).body as { slug: string; commentCount: number }[]).find(
      (a) => a.slug === "cafe-society",
    )!.commentCount;
  const counts = async () => {
    const row = await t.deps.db.thread.findUniqueOrThrow({ where: { id: threadId } });
    return { published: row.publishedCount, pingbacks: row.pingbackCount };
  };
  const expectExact = async () => {
    const c = await publishedCounts(t.deps.db);
    expect(c.threadsSay).toBe(c.comments);
    expect(c.threadsSayPingbacks).toBe(c.pingbacks);
  };
  const pingbackId = async () =>
    (await t.deps.db.comment.findFirstOrThrow({ where: { threadId, importKey: "wordpress:1006" } })).id;

  it("counts the imported pingbacks apart, and shows them by default", async () => {
    // cafe-society: four published comments and one published pingback (1006).
    expect(await counts()).toEqual({ published: 5, pingbacks: 1 });
    const about = await t.deps.db.thread.findFirstOrThrow({ where: { pageKey: "about" } });
    expect([about.publishedCount, about.pingbackCount]).toEqual([2, 1]); // a comment and a trackback
    await expectExact();

    const body = await listing();
    expect(body.thread.commentCount).toBe(5);
    expect(body.comments.map((c: { bodyHtml: string }) => c.bodyHtml).join()).toContain(PINGBACK_TEXT);
    const html = await page();
    expect(html).toContain("5 Responses to");
    expect(html).toContain(PINGBACK_TEXT);
    expect(await indexCount()).toBe(5);
  });

  it("hides them everywhere when the site says so, and counts stay exact through a moderator's decisions", async () => {
    await settings({ showPingbacks: false });
    const body = await listing();
    expect(body.thread.commentCount).toBe(4);
    // 1005 replies to the pending 1004, which stays as a "removed" placeholder.
    expect(body.comments.filter((c: { status: string }) => c.status === "published")).toHaveLength(4);
    expect(JSON.stringify(body.comments)).not.toContain(PINGBACK_TEXT);
    const html = await page();
    expect(html).toContain("4 Responses to");
    expect(html).not.toContain(PINGBACK_TEXT);
    expect(await indexCount()).toBe(4);

    // Marked spam while hidden: the stored counts drop by one each, what readers see does not move.
    const id = await pingbackId();
    await act(id, "spam");
    expect(await counts()).toEqual({ published: 4, pingbacks: 0 });
    expect((await listing()).thread.commentCount).toBe(4);
    await expectExact();
    await act(id, "restore");
    expect(await counts()).toEqual({ published: 5, pingbacks: 1 });
    expect((await listing()).thread.commentCount).toBe(4);
    await expectExact();

    // Shown again: back in the thread and the count.
    await settings({ showPingbacks: true });
    expect((await listing()).thread.commentCount).toBe(5);
    expect(await page()).toContain("5 Responses to");
  });

  it("a running import re-counts exactly: a second run changes nothing", async () => {
    const before = await counts();
    const again = await runImport(t.deps, wxr(), { format: "wordpress", siteId: "default", as: "articles" });
    expect(again.comments.written).toBe(0);
    expect(await counts()).toEqual(before);
    await expectExact();
  });

  it("the widget's thread and the page counts of an embedding site that hides them", async () => {
    const site = await registerTestSite(t, ["https://blog.example"], {
      ...RELAXED_SITE_SETTINGS,
      showPingbacks: false,
    });
    await runImport(t.deps, wxr(), { format: "wordpress", siteId: site.id, as: "pages" });
    const about = await t.deps.db.thread.findFirstOrThrow({ where: { siteId: site.id, importKey: "wordpress:7" } });
    expect([about.publishedCount, about.pingbackCount]).toEqual([2, 1]);
    const embed = await request(t.app)
      .get("/api/embed/threads")
      .query({ site: site.id, page: about.pageKey })
      .expect(200);
    expect(embed.body.thread.commentCount).toBe(1);
    expect(embed.body.comments.map((c: { status: string }) => c.status)).toEqual(["published"]);
    const res = await request(t.app).get("/api/embed/counts").query({ site: site.id, page: about.pageKey }).expect(200);
    expect(res.body.counts).toEqual({ [about.pageKey]: 1 });
    await expectExact();
  });
});
