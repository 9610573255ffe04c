// Paged threads in real Chromium: a reader on an older comment page (/comment-page-2/) gets live
// updates without the page breaking: a reply to a conversation on this page waits behind "Show 1 new
// comment" as on the newest page; comments that belong on other pages are only counted, and the bar
// links to them. Screenshots of the pager (desktop and phone, light and dark) go to /tmp.
import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { fakeClock } from "../support/fake-clock.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";
import { RELAXED_SITE_SETTINGS } from "../support/test-app.ts";

const NEWS = "/articles/israel-secret-service-pressure-on-kaspersky";

describe.skipIf(!chromiumAvailable())("comment pages in Chromium", () => {
  let t: LiveApp;
  let browser: Browser;
  let threadId: string;
  const clock = fakeClock(new Date("2030-03-01T12:00:00Z"));
  const id: Record<string, string> = {};

  const post = async (name: string, parent?: string) => {
    clock.advance(60_000);
    const res = await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({
        authorName: `Reader ${name}`,
        authorEmail: `${name}@example.org`,
        body: `Comment ${name}: a thought about the article, long enough to wrap on a phone screen.`,
        ...(parent ? { parentId: id[parent] } : {}),
      })
      .expect(201);
    id[name] = res.body.comment.id;
  };

  beforeAll(async () => {
    t = await startLiveApp("sqlite", {
      overrides: { clock },
      siteSettings: { ...RELAXED_SITE_SETTINGS, commentsPerPage: 2 },
    });
    browser = await launchChromium();
    threadId = (await request(t.app).get("/api/articles")).body.find((a: { slug: string }) =>
      NEWS.endsWith(a.slug),
    ).threadId;
    // Pages of 2: [t1, t2] [t3, t4] [t5]
    for (const name of ["t1", "t2", "t3", "t4", "t5"]) await post(name);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string, opts: { width?: number; dark?: boolean } = {}) {
    const context = await browser.newContext({
      viewport: { width: opts.width ?? 1280, height: 900 },
      colorScheme: opts.dark ? "dark" : "light",
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(t.url + path);
    await page.waitForFunction(() => document.querySelector("#comments")?.getAttribute("data-live") === "on");
    return { page, errors };
  }
  const topLevel = (page: Page) =>
    page.$$eval(".comment-list > li.comment .comment-author", (els) => els.map((e) => e.textContent?.trim()));

  it("on page 2, counts new comments of other pages in the bar and keeps its own list", async () => {
    const { page, errors } = await open(`${NEWS}/comment-page-2/`);
    await expect(page.locator(".comment-pager").first().textContent()).resolves.toMatch(
      /Older comments\s+Page 2 of 3\s+Newer comments/,
    );
    const before = await topLevel(page);

    await post("n1"); // a new conversation: the newest page's
    await post("r3", "t3"); // a reply on this page
    await post("r1", "t1"); // a reply on page 1

    const link = page.locator(".new-comments-bar a.new-comments-elsewhere");
    await link.waitFor();
    await page.waitForFunction(() => document.querySelector(".new-comments-bar button") !== null);
    await expect(link.textContent()).resolves.toBe("2 new comments on other pages");
    await expect(page.locator(".new-comments-bar button").textContent()).resolves.toBe("Show 1 new comment");
    await expect(page.locator("#comments-title").textContent()).resolves.toMatch(/^8 Responses to /); // counts all
    expect(await topLevel(page)).toEqual(before); // nothing moved in

    for (const [width, dark, name] of [
      [1280, false, "desktop-light"],
      [1280, true, "desktop-dark"],
      [390, false, "phone-light"],
      [390, true, "phone-dark"],
    ] as const) {
      const shot = await open(`${NEWS}/comment-page-2/`, { width, dark });
      await shot.page.evaluate(() => document.getElementById("comments")!.scrollIntoView());
      await shot.page.screenshot({ path: `/tmp/comment-pager-${name}.png` });
      await shot.page.context().close();
    }
    await page.evaluate(() => document.getElementById("comments")!.scrollIntoView());
    await page.screenshot({ path: "/tmp/comment-pager-live-bar.png" });

    await page.locator(".new-comments-bar button").click();
    await page.locator(`#comment-${id.t3} > .children #comment-${id.r3}`).waitFor();
    expect(await page.locator(`#comment-${id.n1}`).count()).toBe(0);

    // The link finds the first one's page (the newest: the article itself) at its anchor.
    await link.click();
    await page.waitForURL((url) => url.pathname === NEWS && url.hash === `#comment-${id.n1}`);
    await page.locator(`#comment-${id.n1}`).waitFor();
    expect(errors).toEqual([]);
  });
});
