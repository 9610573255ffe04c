// An admin moves a WordPress blog in through the console, in real Chromium: uploads the WXR, watches
// the progress to the summary (every problem listed), opens an imported article and sees its threaded
// comments, and finds the export downloads. Screenshots (desktop and phone, light and dark) go to
// /tmp/shots/ to be looked at.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import { startConsoleInChromium, type ConsoleInChromium } from "../support/console-in-chromium.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/import/wordpress-1.2.xml");

describe.skipIf(!chromiumAvailable())("importing a WordPress export in the console", () => {
  let c: ConsoleInChromium;

  beforeAll(async () => {
    c = await startConsoleInChromium();
  });
  afterAll(() => c?.close());

  it("uploads, watches the progress, reads the summary and sees the imported article's threads", async () => {
    const page = await c.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await c.signIn(page, "#/import");
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
    await page.waitForURL(`${c.t.url}/`);
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
      const context = await c.browser.newContext({
        viewport: { width: 390, height: 844 },
        colorScheme,
        isMobile: true,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await c.signIn(page, "#/import");
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
