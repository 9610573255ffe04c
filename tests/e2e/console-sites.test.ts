// A site owner's whole journey in real Chromium: an admin registers the site in the console (and is
// told which origin line is wrong), copies the tag, and a page on that origin shows the widget.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWidget } from "../../scripts/build-widget.ts";
import { createModerator } from "../../src/accounts/create-moderator.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { listen } from "../support/listen.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";

const ADMIN = {
  email: "owner@example.org",
  name: "Site Owner",
  password: "correct horse battery staple",
  role: "admin" as const,
};

describe.skipIf(!chromiumAvailable())("registering a site in the console", () => {
  let t: LiveApp;
  let blog: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let tag = "";

  beforeAll(async () => {
    await buildWidget();
    t = await startLiveApp("sqlite");
    await createModerator(t.deps, ADMIN);
    // The owner's blog: serves whatever tag the console gave them.
    blog = await listen(
      (_req, res) =>
        void res
          .writeHead(200, { "Content-Type": "text/html" })
          .end(`<!doctype html><title>Blog</title><h1>My post</h1>${tag}`),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await blog?.close();
    await t?.close();
  });

  it("registers the site, points at the bad origin line, and the copied tag works on the blog", async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${t.url}/moderate#/sites`);
    await page.fill("#login-email", ADMIN.email);
    await page.fill("#login-password", ADMIN.password);
    await page.click("#login-form button[type=submit]");
    const form = page.locator('form[aria-label="Register a site"]');
    await form.waitFor();
    await expect(page.locator(".sites-list form").count()).resolves.toBe(1); // the hosted blog's default site

    await form.getByLabel("Name").fill("My blog");
    await form.getByLabel("Allowed origins").fill(`${blog.url}\n${blog.url}/posts`);
    await form.getByRole("button", { name: "Register site" }).click();
    const error = form.locator(".field-error:not([hidden])");
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe(
      `Line 2 (${blog.url}/posts): An origin has no path, query or fragment: use scheme://host[:port].`,
    );

    await form.getByLabel("Allowed origins").fill(blog.url);
    await form.getByRole("button", { name: "Register site" }).click();
    const card = page.locator('.sites-list form[aria-label="My blog"]');
    await card.waitFor();
    tag = (await card.locator(".embed-snippet code").textContent()) ?? "";
    const site = await t.deps.db.site.findFirstOrThrow({ where: { name: "My blog" } });
    expect(tag).toBe(`<script src="${t.url}/embed.js" data-parley-site="${site.id}" async></script>`);
    expect(site.allowedOrigins).toEqual([blog.url]);
    await page.screenshot({ path: "/tmp/widget-console-sites.png", fullPage: true });
    expect(errors).toEqual([]);

    const reader = await browser.newPage();
    await reader.goto(`${blog.url}/posts/hello`);
    await expect(reader.locator(".parley-embed h2").textContent()).resolves.toBe("No comments yet");
    await reader.close();

    // The new site gets its own moderation rules in Settings; the blog's stay as they were.
    const blogMode = (await t.deps.db.site.findUniqueOrThrow({ where: { id: "default" } })).settings;
    await page.click('a[data-view="settings"]');
    await page.getByLabel("Site", { exact: true }).selectOption({ label: "My blog" });
    const siteForm = page.locator("#site-settings");
    await expect(siteForm.locator(".form-hint").first().textContent()).resolves.toBe(
      "Apply to every page of this site that embeds the comments.",
    );
    await expect(page.locator("#article-settings").count()).resolves.toBe(0); // its pages are not hosted articles
    await siteForm.getByLabel("Moderation mode").selectOption("pre-moderate-all");
    await siteForm.getByRole("button", { name: "Save site settings" }).click();
    await siteForm.locator(".form-status", { hasText: "Saved." }).waitFor();
    expect((await t.deps.db.site.findUniqueOrThrow({ where: { id: site.id } })).settings).toMatchObject({
      mode: "pre-moderate-all",
    });
    expect((await t.deps.db.site.findUniqueOrThrow({ where: { id: "default" } })).settings).toEqual(blogMode);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "/tmp/shots/console-settings-site.png" });
    expect(errors).toEqual([]);
    await page.close();
  });
});
