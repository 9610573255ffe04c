// A reader's data in real Chromium: from the footer's "Your data", ask for a link, open the mailed link,
// see the comment, and delete it; the article then shows "This comment was removed" over the reply.
// And an admin does the same for a reader who writes in, from the console's Reader data view, with an
// audit row. Screenshots (desktop and phone, light and dark) go to /tmp/shots/ to be looked at.
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModerator } from "../../src/accounts/create-moderator.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";

describe.skipIf(!chromiumAvailable())("a reader asks for their data and erases it", () => {
  let t: LiveApp;
  let browser: Browser;
  beforeAll(async () => {
    fs.mkdirSync("/tmp/shots", { recursive: true });
    t = await startLiveApp("sqlite", { env: { MAIL_WORKER_ENABLED: "false" } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("requests, opens the mailed link, and deletes the comment", async () => {
    const article = await t.deps.db.article.findFirstOrThrow({ include: { thread: true } });
    const mine = await request(t.app)
      .post(`/api/threads/${article.thread!.id}/comments`)
      .send({ authorName: "Robin", authorEmail: "robin@example.com", body: "Robin's words to erase." })
      .expect(201);
    await request(t.app)
      .post(`/api/threads/${article.thread!.id}/comments`)
      .send({
        authorName: "Sam",
        authorEmail: "sam@example.com",
        body: "Sam's reply stays.",
        parentId: mine.body.comment.id,
      })
      .expect(201);

    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${t.url}/articles/${article.slug}`);
    await page.getByRole("link", { name: "Your data" }).click();
    await page.getByLabel("Email address").fill("robin@example.com");
    await page.getByRole("button", { name: "Mail me a link" }).click();
    await page.getByRole("heading", { name: "Check your mailbox" }).waitFor();

    await t.deps.mailer.runOnce();
    const mail = await t.deps.db.mailOutbox.findFirstOrThrow({
      where: { kind: "your-data", toAddress: "robin@example.com" },
    });
    const link = /https?:\/\/\S+\/your-data\/view\?t=\S+/.exec(mail.textBody ?? "")![0];
    await page.goto(`${t.url}${new URL(link).pathname}${new URL(link).search}`);
    await page.getByText("Robin's words to erase.").waitFor();
    await page.screenshot({ path: "/tmp/shots/your-data.png", fullPage: true });
    await screenshots(page.url(), "your-data", "Robin's words to erase.");
    await screenshots(`${t.url}/your-data`, "your-data-request", "Mail me a link");
    await page.getByRole("button", { name: "Delete my comments" }).click();
    await page.getByRole("heading", { name: "Your comments are deleted" }).waitFor();

    await page.goto(`${t.url}/articles/${article.slug}`);
    await page.getByText("This comment was removed.").waitFor();
    await expect(page.getByText("Robin's words to erase.").count()).resolves.toBe(0);
    await expect(page.getByText("Sam's reply stays.").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: "/tmp/shots/your-data-after.png", fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  /** The page at `url` on a desktop and a phone, light and dark; nothing wider than the screen. */
  async function screenshots(url: string, name: string, shown: string, prepare?: (page: Page) => Promise<void>) {
    for (const [device, width] of [
      ["desktop", 1280],
      ["phone", 390],
    ] as const)
      for (const colorScheme of ["light", "dark"] as const) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        await page.goto(url);
        await prepare?.(page);
        await page.getByText(shown).first().waitFor();
        await page.screenshot({ path: `/tmp/shots/${name}-${device}-${colorScheme}.png`, fullPage: true });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await context.close();
      }
  }

  it("an admin looks up a reader's data in the console and anonymises it, with an audit row", async () => {
    const admin = await createModerator(t.deps, {
      email: "keeper@example.org",
      name: "Keeper",
      password: "correct horse battery staple",
      role: "admin",
    });
    const article = await t.deps.db.article.findFirstOrThrow({ include: { thread: true } });
    const kim = await request(t.app)
      .post(`/api/threads/${article.thread!.id}/comments`)
      .send({ authorName: "Kim", authorEmail: "kim@example.com", body: "Kim wrote in to be forgotten." })
      .expect(201);
    const signIn = async (page: Page) => {
      await page.goto(`${t.url}/moderate#/readers`);
      await page.fill("#login-email", "keeper@example.org");
      await page.fill("#login-password", "correct horse battery staple");
      await page.click("#login-form button[type=submit]");
    };

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page);
    const form = page.locator("form.reader-data-form");
    await form.waitFor();
    await expect(page.locator('.console-nav a[data-view="readers"]').getAttribute("aria-current")).resolves.toBe(
      "page",
    );
    // No address: said, and the focus goes to the field.
    await form.getByRole("button", { name: "Look up" }).click();
    await form.locator(".form-status", { hasText: "Enter the reader's email address." }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("reader-email");

    await form.getByLabel("Reader's email address").fill("Kim@Example.com ");
    await form.getByRole("button", { name: "Look up" }).click();
    const found = page.locator("section.reader-data");
    await found.getByRole("heading", { name: "Stored for kim@example.com" }).waitFor();
    await found.getByText("Kim wrote in to be forgotten.").waitFor();
    await expect(found.getByRole("link", { name: "Download as JSON" }).getAttribute("href")).resolves.toBe(
      "/api/admin/readers/export?email=kim%40example.com",
    );

    // Asked twice; Cancel goes back with nothing changed.
    await found.getByRole("button", { name: "Delete their comments" }).click();
    await found.getByRole("button", { name: "Cancel" }).click();
    await found.getByRole("button", { name: "Anonymise their comments" }).click();
    await found.getByText("Anonymise the 1 comment(s) of kim@example.com? This cannot be undone.").waitFor();
    await page.screenshot({ path: "/tmp/shots/console-reader-data-confirm.png", fullPage: true });
    await found.getByRole("button", { name: "Yes, anonymise" }).click();
    await page.locator(".reader-data-done", { hasText: "1 comment(s) anonymised." }).waitFor();
    await page.locator("section.reader-data", { hasText: "0 comment(s)" }).waitFor();

    const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id: kim.body.comment.id } });
    expect(row).toMatchObject({ authorName: "Deleted reader", authorEmail: "", ipHash: "" });
    expect(row.bodySource).toBe("Kim wrote in to be forgotten.");
    const audit = await t.deps.db.moderationAction.findMany({
      where: { commentId: row.id, action: "erase-anonymise" },
    });
    expect(audit).toMatchObject([{ moderatorId: admin.id, reason: "erased by an admin (anonymise)" }]);

    await page.goto(`${t.url}/moderate#/audit?comment=${row.id}`);
    await page.locator(".audit-table tbody tr", { hasText: "Anonymised (the reader's data erased)" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();

    // How the view looks with an address looked up, on a desktop and a phone, light and dark.
    await request(t.app)
      .post(`/api/threads/${article.thread!.id}/comments`)
      .send({ authorName: "Lee", authorEmail: "lee@example.com", body: "Lee's comment, still here." })
      .expect(201);
    await screenshots(`${t.url}/moderate#/readers`, "console-reader-data", "Lee's comment, still here.", async (p) => {
      await signIn(p);
      await p.getByLabel("Reader's email address").fill("lee@example.com");
      await p.getByRole("button", { name: "Look up" }).click();
    });
  }, 180_000);
});
