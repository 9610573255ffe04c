// Live updates in real Chromium: two readers in separate browser contexts. A comment posted in one
// appears in the other behind the "new comments" bar without a reload or a jump; removals apply in
// place; the poster's own tab shows its comment once. And the console's feed counts held comments.
import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModerator } from "../../src/services/auth/create-moderator.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";

const NEWS = "/articles/israel-secret-service-pressure-on-kaspersky";

describe.skipIf(!chromiumAvailable())("live updates in Chromium", () => {
  let t: LiveApp;
  let browser: Browser;
  let threadId: string;

  beforeAll(async () => {
    t = await startLiveApp("sqlite");
    browser = await launchChromium();
    threadId = (await request(t.app).get("/api/articles")).body.find((a: { slug: string }) => NEWS.endsWith(a.slug)).threadId;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openReader(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(t.url + NEWS);
    await page.waitForFunction(() => document.querySelector("#comments")?.getAttribute("data-live") === "on");
    return { page, errors };
  }

  it("a comment posted in one browser appears in the other via the new-comments bar, once in the poster's", async () => {
    const [alice, bob] = await Promise.all([openReader(), openReader()]);
    await bob.page.evaluate(() => document.getElementById("comments-title")!.scrollIntoView({ block: "start" }));
    await bob.page.waitForFunction(() => window.scrollY > 0);
    const markers = await bob.page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));

    await alice.page.fill("#body", "Live from **Alice**.");
    await alice.page.fill("#authorName", "Alice");
    await alice.page.fill("#authorEmail", "alice@example.org");
    await alice.page.click("#commentform button[type=submit]");
    await alice.page.locator(".comment-list > li.comment").first().waitFor();

    const scrollBefore = await bob.page.evaluate(() => window.scrollY);
    const barButton = bob.page.locator(".new-comments-bar button");
    await barButton.waitFor({ timeout: 2000 });
    await expect(barButton.textContent()).resolves.toBe("Show 1 new comment");
    await expect(bob.page.locator("#comments-title").textContent()).resolves.toMatch(/^One Response to /);
    expect(await bob.page.locator(".comment-list > li.comment").count()).toBe(0); // not inserted until asked
    expect(await bob.page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    await bob.page.screenshot({ path: "/tmp/realtime-bar.png" });

    await barButton.click();
    const shown = bob.page.locator(".comment-list > li.comment").first();
    await expect(shown.locator(".comment-content").innerHTML()).resolves.toContain("<strong>Alice</strong>");
    await expect(bob.page.locator(".new-comments-bar").isHidden()).resolves.toBe(true);
    expect(await bob.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(markers); // no reload
    await bob.page.screenshot({ path: "/tmp/realtime-revealed.png" });

    // The poster's tab got the same event: still one copy, counted once.
    const bobAt = await bob.page.locator("#comments").getAttribute("data-applied");
    await alice.page.waitForFunction((seq) => Number(document.querySelector("#comments")?.getAttribute("data-applied")) >= Number(seq), bobAt);
    expect(await alice.page.locator(".comment-list > li.comment").count()).toBe(1);
    await expect(alice.page.locator("#comments-title").textContent()).resolves.toMatch(/^One Response to /);
    await expect(alice.page.locator(".new-comments-bar").isHidden()).resolves.toBe(true);
    expect([...alice.errors, ...bob.errors]).toEqual([]);

    // A moderator removes it: it disappears in place, and the heading follows.
    const id = (await shown.getAttribute("id"))!.replace("comment-", "");
    await removeComment(t, id);
    await bob.page.locator(`#comment-${id}`).waitFor({ state: "detached", timeout: 2000 });
    await alice.page.locator(`#comment-${id}`).waitFor({ state: "detached", timeout: 2000 });
    await expect(bob.page.locator("#comments-title").textContent()).resolves.toBe("No responses yet");
    await Promise.all([alice.page.context().close(), bob.page.context().close()]);
  });

  it("applies an edit in place, and keeps a removed comment's replies readable", async () => {
    const post = (body: object) => request(t.app).post(`/api/threads/${threadId}/comments`).send({ authorName: "Carol", authorEmail: "carol@example.org", ...body }).expect(201);
    const parent = (await post({ body: "Parent comment." })).body.comment;
    const reply = (await post({ body: "A reply that stays.", parentId: parent.id })).body.comment;
    const { page, errors } = await openReader();
    await page.locator(`#comment-${reply.id}`).waitFor();

    await t.deps.db.comment.update({ where: { id: parent.id }, data: { bodyHtml: "<p>Parent comment, <em>corrected</em>.</p>", editedAt: new Date() } });
    t.deps.publisher.publish({ type: "comment:edited", commentId: parent.id, from: "published" });
    await page.waitForFunction((id) => document.querySelector(`#comment-${id} > .comment-body .comment-content`)?.innerHTML.includes("<em>corrected</em>"), parent.id, { timeout: 2000 });
    await expect(page.locator(`#comment-${parent.id} > .comment-body .comment-edited`).textContent()).resolves.toBe("(edited)");

    await removeComment(t, parent.id);
    await page.locator(`#comment-${parent.id} > .comment-body .comment-removed-note`).waitFor({ timeout: 2000 });
    await expect(page.locator(`#comment-${parent.id} .children #comment-${reply.id} .comment-content`).textContent()).resolves.toContain("A reply that stays.");
    await page.locator(`#comment-${reply.id}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "/tmp/realtime-removed-parent.png" });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

// Stand-in for the moderation service until its endpoint exists: commit, then publish.
async function removeComment(t: LiveApp, id: string) {
  const row = await t.deps.db.comment.update({ where: { id }, data: { status: "rejected" } });
  await t.deps.db.thread.update({ where: { id: row.threadId }, data: { publishedCount: { decrement: 1 } } });
  t.deps.publisher.publish({ type: "comment:status-changed", commentId: id, from: "published", to: "rejected", action: "reject", by: null });
}

describe.skipIf(!chromiumAvailable())("the moderation console's live feed in Chromium", () => {
  let t: LiveApp;
  let browser: Browser;
  const MOD = { email: "bea@example.org", name: "Bea", password: "a long enough passphrase", role: "moderator" as const };

  beforeAll(async () => {
    t = await startLiveApp("sqlite", { env: { HOLD_ALL_COMMENTS: "true" } });
    await createModerator(t.deps, MOD);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("joins the moderators room after sign-in and counts a held comment the moment it arrives", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${t.url}/moderate`);
    await page.locator("#login-view").waitFor();
    await page.fill("#login-email", MOD.email);
    await page.fill("#login-password", MOD.password);
    await page.click("#login-form button[type=submit]");
    await page.waitForFunction(() => document.body.dataset.live === "on");

    const threadId = (await request(t.app).get("/api/articles")).body[0].threadId;
    const pending = async () => t.deps.db.comment.count({ where: { status: "pending" } });
    await request(t.app).post(`/api/threads/${threadId}/comments`).send({ authorName: "Pat", authorEmail: "pat@example.org", body: "Hold me." }).expect(202);
    const expected = String(await pending());
    await page.waitForFunction((n) => document.querySelector("[data-count=pending]")?.textContent === n, expected, { timeout: 2000 });
    await expect(page.title()).resolves.toMatch(/^\(\d+\) Moderation/);
    await page.screenshot({ path: "/tmp/realtime-console.png" });
    expect(errors).toEqual([]);
    await page.close();
  });
});
