// An admin moves a WordPress blog in through the console, in real Chromium: uploads the WXR, watches
// the progress to the summary (every problem listed), opens an imported article and sees its threaded
// comments, and finds the export downloads. Screenshots (desktop and phone, light and dark) go to
// /tmp/shots/ to be looked at.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModerator } from "../../src/accounts/create-moderator.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/import/wordpress-1.2.xml");
const ADMIN = {
  email: "mover@example.org",
  name: "Mover",
  password: "correct horse battery staple",
  role: "admin" as const,
};

describe.skipIf(!chromiumAvailable())("importing a WordPress export in the console", () => {
  let t: LiveApp;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync("/tmp/shots", { recursive: true });
    t = await startLiveApp("sqlite");
    await createModerator(t.deps, ADMIN);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(page: Page, hash: string) {
    await page.goto(`${t.url}/moderate${hash}`);
    await page.fill("#login-email", ADMIN.email);
    await page.fill("#login-password", ADMIN.password);
    await page.click("#login-form button[type=submit]");
  }

  it("uploads, watches the progress, reads the summary and sees the imported article's threads", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, "#/import");
    const form = page.locator("form.import-form");
    await form.waitFor();
    await expect(page.locator('.console-nav a[data-view="import"]').getAttribute("aria-current")).resolves.toBe("page");

    // Submitting without a file says so and puts the focus on the file field.
    await form.getByRole("button", { name: "Import" }).click();
    await form.locator(".form-status", { hasText: "Choose an export file first." }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("import-file");

    await form.getByLabel("Export file").setInputFiles(FIXTURE);
    await form.getByLabel("Format").selectOption("wordpress");
    await form.getByLabel("Into site").selectOption("default");
    await form.getByLabel("Posts become").selectOption("articles");
    await form.getByRole("button", { name: "Import" }).click();
    const job = page.locator(".import-job.is-done");
    await job.waitFor();
    await expect(job.locator("h3").textContent()).resolves.toBe("Imported wordpress-1.2.xml");
    await expect(job.locator("progress").getAttribute("value")).resolves.toBe("100");
    const summary = (await job.locator(".import-summary").textContent()) ?? "";
    expect(summary).toContain("comments: 11 read, 10 written, 0 already imported");
    expect(summary).toContain("pingbacks and trackbacks: 2 imported, 0 skipped");
    await expect(job.locator(".import-problems li").allTextContents()).resolves.toEqual([
      expect.stringMatching(/^bad-date \(id 1010, line 186\)/),
      expect.stringMatching(/^skipped-post-type \(id 120, line 253\)/),
      expect.stringMatching(/^orphan-reply \(id 1009, line 172\)/),
    ]);
    await page.screenshot({ path: "/tmp/shots/console-import-desktop-light.png", fullPage: true });

    // The export links name the chosen site.
    await expect(
      page.getByRole("link", { name: "Download Parley export (JSON Lines)" }).getAttribute("href"),
    ).resolves.toBe("/api/admin/exports?site=default&format=parley");

    // Running it again adds nothing.
    await form.getByRole("button", { name: "Import" }).click();
    await page.locator(".import-job.is-done .import-summary", { hasText: "0 written, 10 already imported" }).waitFor();

    // The imported article, with its threaded discussion.
    await page.getByRole("link", { name: "See the imported articles" }).click();
    await page.waitForURL(`${t.url}/`);
    await page.getByRole("link", { name: "Café society & the “long” lunch" }).first().click();
    await page.locator("h1", { hasText: "Café society" }).waitFor();
    const comments = page.locator(".comment-author, .comment .author, [class*=author]");
    await expect(page.getByText("Jean «JJ» Dupont").first().isVisible()).resolves.toBe(true);
    await expect(page.getByText("Reply to the reply (only a GMT date).").isVisible()).resolves.toBe(true);
    await expect(page.getByText("Buy now").count()).resolves.toBe(0);
    expect(await comments.count()).toBeGreaterThan(0);
    await page.screenshot({ path: "/tmp/shots/imported-article-desktop.png", fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("reads well on a phone, in light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme, isMobile: true });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signIn(page, "#/import");
      const form = page.locator("form.import-form");
      await form.waitFor();
      await form.getByLabel("Export file").setInputFiles(FIXTURE);
      await form.getByRole("button", { name: "Import" }).click();
      await page.locator(".import-job.is-done").waitFor();
      await page.screenshot({ path: `/tmp/shots/console-import-phone-${colorScheme}.png`, fullPage: true });
      // Nothing wider than the screen (a sideways scroll on a phone).
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await context.close();
    }
  });
});
