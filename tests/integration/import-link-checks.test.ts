// Links in imported comments are checked in the background like any other (the sweep picks up links
// never checked, a small batch at a time), and a broken one never holds an imported comment unless
// the site says link checks may (linkChecksMayHoldImported).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../src/import/run-import.ts";
import { registerTestSite } from "../support/sites.ts";
import { startFakeWeb, manualClock, type FakeWeb } from "../support/fake-web.ts";
import { createTestApp, RELAXED_SITE_SETTINGS, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const wxr = (dead: string, post: number) => `<?xml version="1.0"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<item><title>Linked</title><link>https://linked.example/${post}/</link><wp:post_id>${post}</wp:post_id>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>${post}1</wp:comment_id><wp:comment_author>Cited</wp:comment_author>
<wp:comment_date_gmt>2020-01-01 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Source: <a href="${dead}">here</a>]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item></channel></rss>`;

describe.each(testProviders())("link checks of imported comments on %s", (provider) => {
  let t: TestApp;
  let web: FakeWeb;
  const clock = manualClock();
  beforeAll(async () => {
    web = await startFakeWeb(clock.now);
    t = await createTestApp(provider, {}, { linkFetcher: web.fetcher, clock });
  });
  afterAll(async () => {
    await t?.close();
    await web?.close();
  });

  it("checks the links, shows them broken, and leaves the comment published", async () => {
    web.page("/gone", { status: 404, title: "Gone" });
    const site = await registerTestSite(t, ["https://linked.example"]);
    await runImport(
      t.deps,
      { chunks: [wxr(web.url("dead.test", "/gone"), 1)] },
      { format: "wordpress", siteId: site.id, as: "pages" },
    );
    const comment = await t.deps.db.comment.findFirstOrThrow({ where: { importKey: "wordpress:11" } });
    expect(await t.deps.linkChecker.sweep()).toBeGreaterThanOrEqual(1);
    await t.deps.linkChecker.idle();
    expect(web.hits("/gone")).toBe(1);
    const check = await t.deps.db.linkCheck.findUniqueOrThrow({ where: { url: web.url("dead.test", "/gone") } });
    expect(check.state).toBe("broken");
    expect((await t.deps.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe("published");
  });

  it("holds an imported comment with a broken link only when the site allows it", async () => {
    web.page("/gone2", { status: 404, title: "Gone" });
    const site = await registerTestSite(t, ["https://linked.example"], {
      ...RELAXED_SITE_SETTINGS,
      linkChecksMayHoldImported: true,
    });
    await runImport(
      t.deps,
      { chunks: [wxr(web.url("dead.test", "/gone2"), 2)] },
      { format: "wordpress", siteId: site.id, as: "pages" },
    );
    await t.deps.linkChecker.sweep();
    await t.deps.linkChecker.idle();
    expect((await t.deps.db.comment.findFirstOrThrow({ where: { importKey: "wordpress:21" } })).status).toBe("held");
  });
});
