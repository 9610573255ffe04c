// Live updates in real Chromium: two readers in separate browser contexts. A comment posted in one
// appears in the other behind the "new comments" bar without a reload or a jump; removals apply in
// place; the poster's own tab shows its comment once. Approving in the console shows the comment
// to readers and to its author live, and the other moderator's console says who approved it.
import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModerator } from "../../src/accounts/create-moderator.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { decide, startLiveApp, type LiveApp } from "../support/realtime-app.ts";

const NEWS = "/articles/israel-secret-service-pressure-on-kaspersky";

describe.skipIf(!chromiumAvailable())("live updates in Chromium", () => {
  let t: LiveApp;
  let browser: Browser;
  let threadId: string;
  let mod: SignedIn;

  beforeAll(async () => {
    t = await startLiveApp("sqlite");
    mod = await signInAs(t, "moderator");
    browser = await launchChromium();
    threadId = (await request(t.app).get("/api/articles")).body.find((a: { slug: string }) =>
      NEWS.endsWith(a.slug),
    ).threadId;
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
    await alice.page.waitForFunction(
      (seq) => Number(document.querySelector("#comments")?.getAttribute("data-applied")) >= Number(seq),
      bobAt,
    );
    expect(await alice.page.locator(".comment-list > li.comment").count()).toBe(1);
    await expect(alice.page.locator("#comments-title").textContent()).resolves.toMatch(/^One Response to /);
    await expect(alice.page.locator(".new-comments-bar").isHidden()).resolves.toBe(true);
    expect([...alice.errors, ...bob.errors]).toEqual([]);

    // A moderator removes it: it disappears in place, and the heading follows.
    const id = (await shown.getAttribute("id"))!.replace("comment-", "");
    await decide(t, mod, id, "reject");
    await bob.page.locator(`#comment-${id}`).waitFor({ state: "detached", timeout: 2000 });
    await alice.page.locator(`#comment-${id}`).waitFor({ state: "detached", timeout: 2000 });
    await expect(bob.page.locator("#comments-title").textContent()).resolves.toBe("No responses yet");
    await Promise.all([alice.page.context().close(), bob.page.context().close()]);
  });

  it("applies an edit in place, and keeps a removed comment's replies readable", async () => {
    const post = (body: object) =>
      request(t.app)
        .post(`/api/threads/${threadId}/comments`)
        .send({ authorName: "Carol", authorEmail: "carol@example.org", ...body })
        .expect(201);
    const parent = (await post({ body: "Parent comment." })).body.comment;
    const reply = (await post({ body: "A reply that stays.", parentId: parent.id })).body.comment;
    const { page, errors } = await openReader();
    await page.locator(`#comment-${reply.id}`).waitFor();

    await t.deps.db.comment.update({
      where: { id: parent.id },
      data: { bodyHtml: "<p>Parent comment, <em>corrected</em>.</p>", editedAt: new Date() },
    });
    t.deps.publisher.publish({ type: "comment:edited", commentId: parent.id, from: "published" });
    await page.waitForFunction(
      (id) =>
        document
          .querySelector(`#comment-${id} > .comment-body .comment-content`)
          ?.innerHTML.includes("<em>corrected</em>"),
      parent.id,
      { timeout: 2000 },
    );
    await expect(page.locator(`#comment-${parent.id} > .comment-body .comment-edited`).textContent()).resolves.toBe(
      "(edited)",
    );

    await decide(t, mod, parent.id, "reject");
    await page.locator(`#comment-${parent.id} > .comment-body .comment-removed-note`).waitFor({ timeout: 2000 });
    await expect(
      page.locator(`#comment-${parent.id} .children #comment-${reply.id} .comment-content`).textContent(),
    ).resolves.toContain("A reply that stays.");
    await page.locator(`#comment-${reply.id}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "/tmp/realtime-removed-parent.png" });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a closed thread (auto-closed by age) has no form but still updates live: approvals, edits, removals, the count", async () => {
    const other = (await request(t.app).get("/api/articles")).body.find(
      (a: { slug: string }) => !NEWS.endsWith(a.slug),
    ) as { slug: string; threadId: string };
    const article = { slug: other.slug };
    // Held for a moderator while the thread is open; then the 30-day auto-close shuts it (the demo articles are years old).
    await t.deps.db.article.update({ where: article, data: { settings: { mode: "pre-moderate-all" } } });
    const post = (body: string) =>
      request(t.app)
        .post(`/api/threads/${other.threadId}/comments`)
        .send({ authorName: "Dana", authorEmail: "dana@example.org", body })
        .expect(202);
    const first = (await post("Posted before the thread closed.")).body.comment.id as string;
    const second = (await post("Approved after the thread closed.")).body.comment.id as string;
    await decide(t, mod, first, "approve");
    await t.deps.db.article.update({
      where: article,
      data: { settings: { mode: "pre-moderate-all", autoCloseAfterDays: 30 } },
    });
    await t.deps.publisher.flush();
    const listing = (await request(t.app).get(`/api/threads/${other.threadId}/comments`).expect(200)).body;
    expect(listing.thread.closed).toBe(true);

    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${t.url}/articles/${other.slug}`);
    await expect(page.locator(".comments-closed").textContent()).resolves.toBe("Comments are closed.");
    expect(await page.locator("#commentform").count()).toBe(0);
    await page.waitForFunction(() => document.querySelector("#comments")?.getAttribute("data-live") === "on");
    const heading = page.locator("#comments-title");
    const before = Number(await heading.getAttribute("data-count"));

    await decide(t, mod, second, "approve");
    const barButton = page.locator(".new-comments-bar button");
    await barButton.waitFor({ timeout: 3000 });
    await expect(barButton.textContent()).resolves.toBe("Show 1 new comment");
    await page.waitForFunction(
      (n) => document.getElementById("comments-title")?.dataset.count === String(n),
      before + 1,
    );
    await page.screenshot({ path: "/tmp/realtime-closed-bar.png" });
    await barButton.click();
    await expect(page.locator(`#comment-${second} .comment-content`).textContent()).resolves.toContain(
      "Approved after the thread closed.",
    );
    expect(await page.locator(`#comment-${second} .comment-reply-link`).count()).toBe(0); // closed: nobody can reply

    await t.deps.db.comment.update({
      where: { id: first },
      data: { bodyHtml: "<p>Posted before, <em>corrected</em>.</p>", editedAt: new Date() },
    });
    t.deps.publisher.publish({ type: "comment:edited", commentId: first, from: "published" });
    await page.waitForFunction(
      (id) => document.querySelector(`#comment-${id} .comment-content`)?.innerHTML.includes("<em>corrected</em>"),
      first,
      { timeout: 3000 },
    );

    await decide(t, mod, first, "reject");
    await page.waitForFunction((id) => !document.getElementById(`comment-${id}`), first, { timeout: 3000 });
    await page.waitForFunction((n) => document.getElementById("comments-title")?.dataset.count === String(n), before);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("an admin closes the thread: the form and Reply links go live, typed text stays; reopening brings the form back", async () => {
    const admin = await signInAs(t, "admin");
    const slug = NEWS.slice("/articles/".length);
    const setClosed = (closed: boolean) =>
      request(t.app)
        .put(`/api/admin/articles/${slug}/settings`)
        .set("Cookie", admin.cookie)
        .set("X-CSRF-Token", admin.csrfToken)
        .send({ closed })
        .expect(200);
    const comment = (
      await request(t.app)
        .post(`/api/threads/${threadId}/comments`)
        .send({ authorName: "Erin", authorEmail: "erin@example.org", body: "Open for replies." })
        .expect(201)
    ).body.comment;
    const [idle, typing] = await Promise.all([openReader(), openReader()]);
    const replyLink = (p: Page) => p.locator(`#comment-${comment.id} .comment-reply-link`);
    await expect(replyLink(idle.page).isVisible()).resolves.toBe(true);
    const draft = "Half a thought I do not want to lose";
    await typing.page.fill("#body", draft);
    await idle.page.locator("#respond").scrollIntoViewIfNeeded();
    await idle.page.screenshot({ path: "/tmp/shots/close-before.png" });

    await setClosed(true);
    // The idle reader: no form, no Reply link, the server's closed markup.
    await idle.page.waitForFunction(
      () => document.querySelector("#comments")?.getAttribute("data-closed") === "true",
      null,
      { timeout: 3000 },
    );
    await expect(idle.page.locator("#comments > .comments-closed").textContent()).resolves.toBe("Comments are closed.");
    await expect(idle.page.locator("#respond").isHidden()).resolves.toBe(true);
    await expect(idle.page.locator(".comment-cta").isHidden()).resolves.toBe(true);
    await expect(replyLink(idle.page).isHidden()).resolves.toBe(true);
    // Reporting a comment still works on a closed thread: its button (beside Reply) stays.
    await expect(idle.page.locator(`#comment-${comment.id} .comment-report-button`).isVisible()).resolves.toBe(true);
    await idle.page.locator("#comments > .comments-closed").scrollIntoViewIfNeeded();
    await idle.page.screenshot({ path: "/tmp/shots/close-after-idle.png" });
    // The reader who was typing: their text stays on screen; posting it is refused in place.
    await typing.page.waitForFunction(
      () => document.querySelector("#comments")?.getAttribute("data-closed") === "true",
      null,
      { timeout: 3000 },
    );
    await expect(typing.page.inputValue("#body")).resolves.toBe(draft);
    await expect(typing.page.locator("#body").isVisible()).resolves.toBe(true);
    await expect(typing.page.locator("#commentform button[type=submit]").isDisabled()).resolves.toBe(true);
    await expect(typing.page.locator("#commentform .form-status").textContent()).resolves.toBe(
      "Comments are closed. What you wrote stays here, so you can copy it.",
    );
    await expect(replyLink(typing.page).isHidden()).resolves.toBe(true);
    await typing.page.locator("#commentform .form-submit").scrollIntoViewIfNeeded();
    await typing.page.screenshot({ path: "/tmp/shots/close-after-typing.png" });

    // A page read while closed has no form to bring back: it offers a reload, which shows the form.
    const late = await openReader();
    expect(await late.page.locator("#commentform").count()).toBe(0);

    await setClosed(false);
    await idle.page.waitForFunction(
      () => document.querySelector("#comments")?.getAttribute("data-closed") === "false",
      null,
      { timeout: 3000 },
    );
    await expect(idle.page.locator("#respond").isVisible()).resolves.toBe(true);
    expect(await idle.page.locator("#comments > .comments-closed").count()).toBe(0);
    await expect(replyLink(idle.page).isVisible()).resolves.toBe(true);
    await typing.page.waitForFunction(
      () => !document.querySelector<HTMLButtonElement>("#commentform button[type=submit]")?.disabled,
      null,
      { timeout: 3000 },
    );
    await expect(typing.page.inputValue("#body")).resolves.toBe(draft);
    await expect(typing.page.locator("#commentform .form-status").textContent()).resolves.toBe("");
    const reopened = late.page.locator("#comments > .comments-reopened");
    await reopened.waitFor({ timeout: 3000 });
    await expect(reopened.textContent()).resolves.toBe("Comments are open again: reload the page to comment.");
    await reopened.scrollIntoViewIfNeeded();
    await late.page.screenshot({ path: "/tmp/shots/close-reopened-notice.png" });
    await Promise.all([late.page.waitForEvent("load"), reopened.locator("a").click()]);
    await late.page.locator("#commentform").waitFor();

    // The typing reader can now post what they kept.
    await typing.page.fill("#authorName", "Frank");
    await typing.page.fill("#authorEmail", "frank@example.org");
    await typing.page.click("#commentform button[type=submit]");
    await expect(typing.page.locator("#commentform .form-status").textContent()).resolves.toMatch(
      /^Posted\.$|awaiting/,
    );
    expect([...idle.errors, ...typing.errors, ...late.errors]).toEqual([]);
    for (const r of [idle, typing, late]) await r.page.context().close();
  });
});

describe.skipIf(!chromiumAvailable())("approving in the console, live everywhere, in Chromium", () => {
  let t: LiveApp;
  let browser: Browser;
  const BEA = {
    email: "bea@example.org",
    name: "Bea",
    password: "a long enough passphrase",
    role: "moderator" as const,
  };
  const ALICE = {
    email: "alice@example.org",
    name: "Alice",
    password: "another long passphrase",
    role: "admin" as const,
  };

  beforeAll(async () => {
    t = await startLiveApp("sqlite", {
      siteSettings: { mode: "pre-moderate-all", floodSeconds: 0, duplicateWindowMinutes: 0 },
    });
    await createModerator(t.deps, BEA);
    await createModerator(t.deps, ALICE);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(t.url + path);
    return { page, errors };
  }

  async function openConsole(who: { email: string; password: string }) {
    const c = await open("/moderate#/queue/pending");
    await c.page.locator("#login-view").waitFor();
    await c.page.fill("#login-email", who.email);
    await c.page.fill("#login-password", who.password);
    await c.page.click("#login-form button[type=submit]");
    await c.page.waitForFunction(() => document.body.dataset.live === "on");
    return c;
  }

  it("a held comment shows up in both consoles, Bea approves it, Alice sees who did, readers and the author see it live", async () => {
    const [bea, alice, reader, author] = await Promise.all([
      openConsole(BEA),
      openConsole(ALICE),
      open(NEWS),
      open(NEWS),
    ]);
    for (const p of [reader, author])
      await p.page.waitForFunction(() => document.querySelector("#comments")?.getAttribute("data-live") === "on");

    await author.page.fill("#body", "Please approve *me*.");
    await author.page.fill("#authorName", "Hopeful");
    await author.page.fill("#authorEmail", "hopeful@example.org");
    await author.page.click("#commentform button[type=submit]");
    const own = author.page.locator(".comment-list > li.comment").first();
    await own.locator(".comment-awaiting").waitFor();
    const id = (await own.getAttribute("id"))!.replace("comment-", "");

    // The card arrives in both consoles without a reload, and the pending count follows.
    for (const c of [bea, alice]) {
      await c.page.locator(`#card-${id}`).waitFor({ timeout: 3000 });
      await c.page.waitForFunction(() => document.querySelector("[data-count=pending]")?.textContent === "1");
    }
    await bea.page.screenshot({ path: "/tmp/realtime-console-card.png" });

    await bea.page.click(`#card-${id} button[data-action=approve]`);
    await alice.page.locator(`#card-${id}`).waitFor({ state: "detached", timeout: 3000 });
    await alice.page.waitForFunction(() =>
      document.getElementById("announcer")?.textContent?.startsWith("Approved by Bea"),
    );
    await alice.page.waitForFunction(() => document.querySelector("[data-count=pending]")?.textContent === "0");

    const bar = reader.page.locator(".new-comments-bar button");
    await bar.waitFor({ timeout: 3000 });
    await bar.click();
    await expect(reader.page.locator(`#comment-${id} .comment-content`).innerHTML()).resolves.toContain("<em>me</em>");
    await own.locator(".comment-awaiting").waitFor({ state: "detached", timeout: 3000 }); // the author's copy is now published
    expect(await author.page.locator(`#comment-${id}`).count()).toBe(1);
    await expect(author.page.locator("#comments-title").textContent()).resolves.toMatch(/^One Response to /);

    expect([...bea.errors, ...alice.errors, ...reader.errors, ...author.errors]).toEqual([]);
    for (const p of [bea, alice, reader, author]) await p.page.context().close();
  });
});
