// Citations on the article page in real Chromium: the Sources list under a comment (checked marks in
// words, a broken link said as such), live hints under the comment box while typing, and a comment
// posted with JavaScript on showing its sources at once. Links go to a fake web on 127.0.0.1.
import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { startFakeWeb, type FakeWeb } from "../support/fake-web.ts";
import { listen } from "../support/listen.ts";
import { signInAs } from "../support/moderators.ts";
import { createTestApp, RELAXED_SITE_SETTINGS, type TestApp } from "../support/test-app.ts";

const NEWS = "/articles/israel-secret-service-pressure-on-kaspersky";

describe.skipIf(!chromiumAvailable())("citations on the article page in Chromium", () => {
  let t: TestApp;
  let web: FakeWeb;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let threadId: string;

  beforeAll(async () => {
    web = await startFakeWeb();
    // Post-moderation; three links or more hold a comment (so two cited sources publish).
    t = await createTestApp(
      "sqlite",
      {},
      { linkFetcher: web.fetcher },
      { siteSettings: { ...RELAXED_SITE_SETTINGS, maxLinks: 3 } },
    );
    server = await listen(t.app);
    browser = await launchChromium();
    threadId = (await request(t.app).get("/api/articles")).body.find((a: { slug: string }) =>
      NEWS.endsWith(a.slug),
    ).threadId;

    web.page("/kaspersky-report", { status: 200, title: "Kaspersky Lab and the NSA contractor: what the report says" });
    web.page("/old-url", { status: 301, location: "/kaspersky-report" });
    web.page("/removed-story", { status: 404 });
    // Two hops onto another site: the console shows the whole chain.
    web.page("/moved", { status: 301, location: web.url("papers.test", "/hop") });
    web.page("/hop", { status: 302, location: "/kaspersky-report" });
    const post = (authorName: string, body: string) =>
      request(t.app)
        .post(`/api/threads/${threadId}/comments`)
        .send({ authorName, authorEmail: `${authorName.toLowerCase()}@example.org`, body });
    await post(
      "Miriam",
      `The timeline fits the contractor case [A], and the follow-up piece [B] adds the dates.\n\n` +
        `[A] ${web.url("news.test", "/kaspersky-report")}\n[B] ${web.url("papers.test", "/old-url")}`,
    ).expect(201);
    const dead = await post(
      "Tomas",
      `Worth reading the original story [1].\n\n[1] ${web.url("dead.test", "/removed-story")}`,
    ).expect(201);
    // Noor's comment is held for its dead link; her other link redirects to another site and names a #section the page lacks.
    await post(
      "Noor",
      `The move [A] and the original [B].\n\n[A] ${web.url("news.test", "/moved#no-such-section")}\n[B] ${web.url("dead.test", "/removed-story")}`,
    ).expect(201);
    // Ines links a #section the page does not have: published, with a mild note.
    await post(
      "Ines",
      `Section two of the report [A].\n\n[A] ${web.url("news.test", "/kaspersky-report#section-two")}`,
    ).expect(201);
    await t.deps.linkChecker.idle();
    // A moderator approves Tomas anyway: readers then see that his source is broken.
    const mod = await signInAs(t, "moderator");
    const held = await t.deps.db.comment.findUniqueOrThrow({ where: { id: dead.body.comment.id } });
    expect(held.status).toBe("held");
    await request(t.app)
      .post(`/api/moderation/comments/${held.id}/actions`)
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send({ action: "approve", revision: held.revision })
      .expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
    await web?.close();
  });

  async function open(colorScheme: "light" | "dark"): Promise<Page> {
    const page = await browser.newPage({ colorScheme, viewport: { width: 900, height: 1000 } });
    await page.goto(server.url + NEWS);
    return page;
  }

  it("lists each comment's sources with a checked or broken mark, in words", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const page = await open(scheme);
      const miriam = page.locator("li.comment", { hasText: "Miriam" }).first();
      const sources = miriam.locator(".comment-sources");
      await expect(sources.locator(".comment-sources-title").textContent()).resolves.toBe("Sources");
      const items = sources.locator("li.source");
      await expect(items.count()).resolves.toBe(2);
      await expect(items.nth(0).innerText()).resolves.toMatch(
        /\[A\]\s+Kaspersky Lab and the NSA contractor: what the report says\s+news\.test\s+✓ link checked/,
      );
      await expect(items.nth(1).innerText()).resolves.toMatch(/\[B\][\s\S]*papers\.test[\s\S]*link checked/);
      // The symbol is decoration; assistive technology reads the words.
      await expect(sources.getByRole("list", { name: "Sources" }).count()).resolves.toBe(1);
      await expect(items.nth(0).locator(".source-mark").getAttribute("aria-hidden")).resolves.toBe("true");

      const tomas = page.locator("li.comment", { hasText: "Tomas" }).first();
      await expect(tomas.locator("li.source").innerText()).resolves.toMatch(
        /\[1\][\s\S]*dead\.test[\s\S]*✗ link broken/,
      );
      await miriam.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `/tmp/citations-sources-${scheme}.png`,
        fullPage: false,
        clip: await clipAround(page, "li.comment"),
      });
      await page.close();
    }
  });

  it("notes a missing #section mildly: the link still counts as checked", async () => {
    const page = await open("light");
    const source = page.locator("li.comment", { hasText: "Ines" }).first().locator("li.source");
    await expect(source.innerText()).resolves.toMatch(
      /\[A\][\s\S]*news\.test[\s\S]*#section-two not found on the page[\s\S]*✓ link checked/,
    );
    await expect(source.getAttribute("class")).resolves.toContain("source-ok");
    await source.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: "/tmp/shots/cite-reader-fragment.png",
      clip: await clipAround(page, "li.comment:has-text('Ines')"),
    });
    await page.close();
  });

  it("shows moderators each link's state, title, domain → final domain, redirect chain and #fragment", async () => {
    const mod = await signInAs(t, "moderator", "Mona Moderator");
    const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/moderate`);
    await page.fill("#login-email", mod.email);
    await page.fill("#login-password", mod.password);
    await page.click("#login-form button[type=submit]");
    await page.click(".queue-tab[data-queue=held]");
    const card = page.locator("article.card", { hasText: "Noor" });
    const rows = card.locator(".link-row");
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(2);

    const moved = rows.nth(0);
    await expect(moved.locator(".link-state").textContent()).resolves.toBe("✓ Redirected · 200");
    await expect(moved.locator(".link-url").textContent()).resolves.toBe(
      web.url("news.test", "/moved#no-such-section"),
    );
    await expect(moved.locator(".link-domain").textContent()).resolves.toBe("news.test → papers.test");
    await expect(moved.locator(".link-title").textContent()).resolves.toBe(
      "“Kaspersky Lab and the NSA contractor: what the report says”",
    );
    await expect(moved.locator(".link-fragment").textContent()).resolves.toBe("#no-such-section not found on the page");
    const chain = moved.locator("details.link-chain");
    await expect(chain.locator("summary").textContent()).resolves.toBe("2 redirects → papers.test (200)");
    await expect(chain.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true); // it left the site: shown open
    await expect(chain.locator("li").evaluateAll((hops) => hops.map((h) => h.textContent))).resolves.toEqual([
      `301 ${web.url("news.test", "/moved")}`, // the page is checked once for every fragment: no fragment here
      `302 ${web.url("papers.test", "/hop")}`,
      `200 ${web.url("papers.test", "/kaspersky-report")}`,
    ]);

    const dead = rows.nth(1);
    await expect(dead.locator(".link-state").textContent()).resolves.toBe("✗ Broken · 404");
    await expect(dead.locator(".link-domain").textContent()).resolves.toBe("dead.test");
    await expect(dead.locator("details").count()).resolves.toBe(0);

    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: "/tmp/shots/cite-console-links.png" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("keeps the Sources list readable on a phone", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(server.url + NEWS);
    const first = page.locator("li.comment", { hasText: "Miriam" }).locator("li.source").first();
    await first.scrollIntoViewIfNeeded();
    const [text, state] = await Promise.all([
      first.locator(".source-text").boundingBox(),
      first.locator(".source-state").boundingBox(),
    ]);
    expect(state!.x + state!.width).toBeLessThanOrEqual(390); // nothing runs off the screen
    expect(state!.y).toBeGreaterThan(text!.y); // the verdict goes under the title
    await page.screenshot({ path: "/tmp/citations-sources-phone.png" });
    await page.close();
  });

  it("hints under the comment box while typing, then shows the sources of the comment it posts", async () => {
    const page = await open("light");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.click(".comment-cta-link");
    await page.fill("#body", "As [C] shows, the timing is no coincidence.");
    const hints = page.locator("#citation-hints");
    await hints.getByText("[C] has no source: will be held for review").waitFor();
    await expect(page.locator("#body").getAttribute("aria-describedby")).resolves.toContain("citation-hints");

    await page.fill("#body", "See https://a.test/1 and https://b.test/2 and https://c.test/3");
    await hints.getByText("3 links: will be held for review").waitFor();
    await page.screenshot({ path: "/tmp/citations-hints.png", clip: await clipAround(page, "#respond") });

    await page.fill("#body", `The report [A] says so.\n\n[A] ${web.url("news.test", "/kaspersky-report")}`);
    await hints.getByText("Sources found: [A]").waitFor();
    await page.fill("#authorName", "Lena");
    await page.fill("#authorEmail", "lena@example.org");
    await page.click("#commentform button[type=submit]");
    const lena = page.locator("li.comment", { hasText: "Lena" });
    await lena.locator(".comment-sources li.source").waitFor();
    // Checked already (the cache knows this URL), so the mark shows at once.
    await expect(lena.locator("li.source").innerText()).resolves.toMatch(/\[A\][\s\S]*news\.test[\s\S]*link checked/);
    await expect(hints.isHidden()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** A clip of the page from the first `selector` match, 700 px tall, for a screenshot someone reads. */
async function clipAround(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  const y = Math.max(0, box.y - 20);
  return { x: 0, y, width: 900, height: 700 };
}
