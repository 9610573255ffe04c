// A reader's data in real Chromium: from the footer's "Your data", ask for a link, open the mailed link,
// see the comment, and delete it; the article then shows "This comment was removed" over the reply.
import fs from "node:fs";
import type { Browser } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    await page.getByRole("button", { name: "Delete my comments" }).click();
    await page.getByRole("heading", { name: "Your comments are deleted" }).waitFor();

    await page.goto(`${t.url}/articles/${article.slug}`);
    await page.getByText("This comment was removed.").waitFor();
    await expect(page.getByText("Robin's words to erase.").count()).resolves.toBe(0);
    await expect(page.getByText("Sam's reply stays.").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: "/tmp/shots/your-data-after.png", fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
