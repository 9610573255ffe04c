// The moderator console (/moderate) in real Chromium against the real backend: sign-in and its
// errors, the queue with reasons, deciding by keyboard, by click and in bulk, settings, audit log,
// the ban confirmation (what else it takes down) and decisions with a reason.
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModerator } from "../../src/accounts/create-moderator.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";

const ADMIN = {
  email: "ada@example.org",
  name: "Ada Admin",
  password: "correct horse battery staple",
  role: "admin" as const,
};
const MOD = {
  email: "mo@example.org",
  name: "Mo Moderator",
  password: "another long passphrase",
  role: "moderator" as const,
};
const PETE = "israel-behind-discovery-of-kaspersky-spy-links";

describe.skipIf(!chromiumAvailable())("moderation console in Chromium", () => {
  let t: LiveApp;
  let browser: Browser;

  beforeAll(async () => {
    // As in production: with the live feed, the real moderation defaults (first-time commenters
    // wait), and each test poster on an address of its own.
    t = await startLiveApp("sqlite", { env: { TRUST_PROXY_HOPS: "1" }, siteSettings: {} });
    await createModerator(t.deps, ADMIN);
    await createModerator(t.deps, MOD);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openConsole(hash = ""): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${t.url}/moderate${hash}`);
    return { page, errors };
  }

  async function signIn(page: Page, who: { email: string; password: string }) {
    await page.locator("#login-view").waitFor();
    await page.fill("#login-email", who.email);
    await page.fill("#login-password", who.password);
    await page.click("#login-form button[type=submit]");
    await page.locator("#app-view").waitFor();
  }

  it("loads the sign-in page without a failed request in the browser console", async () => {
    const page = await browser.newPage();
    const logged: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") logged.push(m.text());
    });
    const failed: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${t.url}/moderate`);
    await page.locator("#login-view").waitFor();
    await page.waitForLoadState("networkidle");
    expect({ logged, failed }).toEqual({ logged: [], failed: [] });
    await page.close();
  });

  it("signs in, says why a sign-in failed, and signs out", async () => {
    const { page, errors } = await openConsole();
    await page.locator("#login-view").waitFor();
    expect(await page.locator("#app-view").isHidden()).toBe(true);

    await page.fill("#login-email", ADMIN.email);
    await page.fill("#login-password", "not the password");
    await page.click("#login-form button[type=submit]");
    await page.locator("#login-error").waitFor();
    await expect(page.locator("#login-error").textContent()).resolves.toBe(
      "That email and password do not match an account.",
    );

    await signIn(page, ADMIN);
    await expect(page.locator("#me-name").textContent()).resolves.toBe("Ada Admin");
    expect(await page.locator(".console-nav a[data-view=settings]").isVisible()).toBe(true);
    await page.waitForFunction(() => document.activeElement?.classList.contains("console-title")); // not lost with the form

    await page.reload(); // the session cookie carries over
    await page.locator("#app-view").waitFor();
    await page.click("#logout");
    await page.locator("#login-view").waitFor();
    await expect(page.locator("#login-error").textContent()).resolves.toBe("You are signed out.");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a moderator no admin views, and the retry time once sign-ins are rate-limited", async () => {
    const { page } = await openConsole("#/settings");
    await signIn(page, MOD);
    expect(await page.locator(".console-nav a[data-view=settings]").isHidden()).toBe(true);
    expect(await page.locator("#settings-view").isHidden()).toBe(true); // #/settings falls back to the queue
    expect(await page.locator("#queue-view").isVisible()).toBe(true);
    await page.click("#logout");
    await page.locator("#login-view").waitFor();

    // Five failures for one email from one address, then the limiter answers 429 with Retry-After. From an address of
    // its own, so the limit on this browser's usual address does not lock the later tests out.
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "198.51.100.7" });
    for (let i = 0; i < 6; i++) {
      await page.fill("#login-email", MOD.email);
      await page.fill("#login-password", `wrong ${i}`);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/auth/login")),
        page.click("#login-form button[type=submit]"),
      ]);
    }
    await page.waitForFunction(() => document.getElementById("login-error")?.textContent?.startsWith("Too many"));
    await expect(page.locator("#login-error").textContent()).resolves.toMatch(
      /^Too many failed sign-ins from your network; try again later\. You can try again in \d+ minutes?\.$/,
    );
    await page.close();
  });

  describe("deciding on comments", () => {
    let page: Page;
    let errors: string[];
    const ids: Record<string, string> = {};

    /** Posts through the public API, as a reader would; first-time posters wait in "pending". */
    async function post(name: string, body: string, ip: string, parentId?: string) {
      const articles = await request(t.app).get("/api/articles").expect(200);
      const threadId = articles.body.find((a: { slug: string }) => a.slug === PETE).threadId;
      const res = await request(t.app)
        .post(`/api/threads/${threadId}/comments`)
        .set("X-Forwarded-For", ip)
        .send({ authorName: name, authorEmail: `${name.split(" ")[0]!.toLowerCase()}@example.org`, body, parentId })
        .expect(202);
      ids[name] = res.body.comment.id;
    }

    const card = (name: string) => page.locator(`#card-${ids[name]}`);
    const count = (queue: string) => page.locator(`.queue-tab [data-count=${queue}]`).textContent();
    const announced = (text: string) =>
      page.waitForFunction((t) => document.getElementById("announcer")?.textContent === t, text);

    beforeAll(async () => {
      const thread = await request(t.app).get("/api/articles").expect(200);
      const peteThread = thread.body.find((a: { slug: string }) => a.slug === PETE).threadId;
      const seeded = await request(t.app).get(`/api/threads/${peteThread}/comments`).expect(200);
      await post("Jane Reader", "I think the timeline does not add up.", "203.0.113.1", seeded.body.comments[0].id);
      await post("Rita Rant", "Nonsense from start to finish.", "203.0.113.2");
      await post("Sam Spam", "Cheap watches at my shop.", "203.0.113.3");
      await post("Sid Spam", "Cheap pills at my shop.", "203.0.113.4");
      await post(
        "Lin Links",
        "Sources: https://example.org/a and https://example.org/b and https://example.org/c",
        "203.0.113.5",
      );
      ({ page, errors } = await openConsole());
      await signIn(page, ADMIN);
      await card("Jane Reader").waitFor();
    });
    afterAll(async () => page?.close());

    it("lists the pending comments, oldest first, with article, parent excerpt, author facts and history", async () => {
      expect(await page.locator(".queue-tab[aria-current=page]").getAttribute("data-queue")).toBe("pending");
      await expect(count("pending")).resolves.toBe("4");
      await expect(count("held")).resolves.toBe("1");
      const names = await page.locator(".card .card-author").allTextContents();
      expect(names).toEqual(["Jane Reader", "Rita Rant", "Sam Spam", "Sid Spam"]);
      const jane = card("Jane Reader");
      await expect(jane.locator(".card-where").textContent()).resolves.toMatch(
        /^On Israel reportedly behind .* · in reply to Pete: 1\. The decision/,
      );
      await expect(jane.locator(".card-where a").first().getAttribute("href")).resolves.toBe(`/articles/${PETE}`);
      await expect(jane.locator(".card-parent q").textContent()).resolves.toMatch(
        /^1\. The decision to finally close in on Kaspersky .*…$/,
      );
      await expect(jane.locator(".card-facts").textContent()).resolves.toContain("jane@example.org");
      await expect(jane.locator(".history").textContent()).resolves.toBe("0 approved · 0 rejected · 0 spam");
      await expect(jane.locator(".card-body").innerHTML()).resolves.toBe(
        "<p>I think the timeline does not add up.</p>",
      );
    });

    it("shows why a comment was held and its links with their check state", async () => {
      await page.click(".queue-tab[data-queue=held]");
      await card("Lin Links").waitFor();
      await expect(card("Lin Links").locator(".card-reasons li").allTextContents()).resolves.toEqual([
        "3 links (held at 2 or more)",
      ]);
      // The readers' mark and tone for a link's state (src/client/views/source-states.ts), the moderators' precise words.
      await expect(card("Lin Links").locator(".link-row .link-state").allTextContents()).resolves.toEqual([
        "… Not checked yet",
        "… Not checked yet",
        "… Not checked yet",
      ]);
      await expect(card("Lin Links").locator(".link-url").first().textContent()).resolves.toBe("https://example.org/a");
      await page.click(".queue-tab[data-queue=pending]");
      await card("Jane Reader").waitFor();
    });

    it("approves with the keyboard (j then a): the card leaves, the count drops, the article shows the comment", async () => {
      await page.keyboard.press("j");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`card-${ids["Jane Reader"]}`);
      expect(await card("Jane Reader").getAttribute("class")).toContain("is-current");
      await page.keyboard.press("a");
      await card("Jane Reader").waitFor({ state: "detached" });
      await announced("Approved comment by Jane Reader");
      await expect(count("pending")).resolves.toBe("3");
      expect(await card("Rita Rant").getAttribute("class")).toContain("is-current"); // the cursor moves on

      const article = await browser.newPage();
      await article.goto(`${t.url}/articles/${PETE}`);
      await expect(article.locator(`#comment-${ids["Jane Reader"]} .comment-content`).textContent()).resolves.toContain(
        "the timeline does not add up",
      );
      await article.close();
    });

    it("rejects with one click", async () => {
      await card("Rita Rant").locator("button[data-action=reject]").click();
      await card("Rita Rant").waitFor({ state: "detached" });
      await announced("Rejected comment by Rita Rant");
      await expect(count("rejected")).resolves.toBe("1");
    });

    it("ticks two with x and marks both as spam with s, in one bulk request", async () => {
      const bulk = page.waitForRequest((r) => r.url().endsWith("/api/moderation/actions/bulk"));
      expect(await card("Sam Spam").getAttribute("class")).toContain("is-current"); // Rita's card left; the cursor moved on
      await page.keyboard.press("x");
      await page.keyboard.press("j");
      await page.keyboard.press("x");
      await expect(page.locator("#bulk-count").textContent()).resolves.toBe("2 ticked:");
      await page.keyboard.press("s");
      expect((await bulk).postDataJSON()).toMatchObject({
        action: "spam",
        items: [{ id: ids["Sam Spam"] }, { id: ids["Sid Spam"] }],
      });
      await announced("Marked 2 comments as spam");
      expect(await page.locator("#queue-list .card").count()).toBe(0);
      // Empty, but not "all done" while Lin Links is held: the empty state says so, with a link, and has the focus.
      await expect(page.locator("#queue-status").textContent()).resolves.toBe(
        "Nothing waiting. Nice.Still waiting: 1 held.",
      );
      await expect(page.locator("#queue-status a").getAttribute("href")).resolves.toBe("#/queue/held");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("queue-status");
      await expect(count("spam")).resolves.toBe("2");
      expect(await page.locator("#bulk-bar").isHidden()).toBe(true);
    });

    it("refuses a decision on a stale revision, reloads the card and says so", async () => {
      await page.click(".queue-tab[data-queue=held]");
      await card("Lin Links").waitFor();
      // The author edits the comment after the moderator loaded it.
      await t.deps.db.comment.update({ where: { id: ids["Lin Links"] }, data: { revision: { increment: 1 } } });
      await card("Lin Links").locator("button[data-action=approve]").click();
      await card("Lin Links").locator(".card-notice:not([hidden])").waitFor();
      await expect(card("Lin Links").locator(".card-notice").textContent()).resolves.toMatch(
        /^This comment changed since you loaded it — reloaded/,
      );
      await card("Lin Links").locator("button[data-action=approve]").click(); // the fresh revision goes through
      await card("Lin Links").waitFor({ state: "detached" });
      await expect(count("held")).resolves.toBe("0");
    });

    it("changes a site setting and an article override, and shows a validation error beside its field", async () => {
      await page.click(".console-nav a[data-view=settings]");
      await page.locator("#site-settings").waitFor();
      await page.locator("#article-settings").waitFor();
      const viewport = page.viewportSize();
      await page.setViewportSize({ width: 390, height: 844 }); // a phone: the forms fit, nothing scrolls sideways
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      if (viewport) await page.setViewportSize(viewport);
      await page.fill("#site-maxLinks", "500");
      await page.click("#site-settings button[type=submit]");
      await page.locator("#site-maxLinks-error:not([hidden])").waitFor();
      expect(await page.locator("#site-maxLinks").getAttribute("aria-invalid")).toBe("true");

      await page.fill("#site-maxLinks", "4");
      await page.selectOption("#site-mode", "pre-moderate-all");
      await page.click("#site-settings button[type=submit]");
      await page.waitForFunction(() => document.querySelector("#site-settings .form-status")?.textContent === "Saved.");
      const admin = await request(t.app)
        .post("/api/auth/login")
        .send({ email: ADMIN.email, password: ADMIN.password })
        .expect(200);
      const cookie = String(admin.headers["set-cookie"]?.[0]).split(";")[0]!;
      const settings = await request(t.app).get("/api/admin/settings").set("Cookie", cookie).expect(200);
      expect(settings.body.site).toMatchObject({ maxLinks: 4, mode: "pre-moderate-all" });

      await page.selectOption("#override-article", PETE);
      await page.check(`#article-${PETE}-floodSeconds-override`);
      await page.fill(`#article-${PETE}-floodSeconds`, "60");
      await page.click("#article-settings button[type=submit]");
      await announced(
        "Settings for “Israel reportedly behind discovery of Russian antivirus company’s spy links” saved",
      );
      const after = await request(t.app).get("/api/admin/settings").set("Cookie", cookie).expect(200);
      expect(after.body.articles.find((a: { slug: string }) => a.slug === PETE).overrides).toEqual({
        floodSeconds: 60,
      });
    });

    it("lists every decision in the audit log, newest first, with who and from → to", async () => {
      await page.click(".console-nav a[data-view=audit]");
      await page.locator(".audit-table").waitFor();
      const rows = await page
        .locator(".audit-table tbody tr")
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].slice(1, 4).map((td) => td.textContent)));
      expect(rows).toEqual(
        expect.arrayContaining([
          ["Ada Admin", "Approved", "Pending → Published"],
          ["Ada Admin", "Rejected", "Pending → Rejected"],
          ["Ada Admin", "Marked as spam", "Pending → Spam"],
          ["Ada Admin", "Approved", "Held → Published"],
        ]),
      );
      expect(rows[0]).toEqual(["Ada Admin", "Approved", "Held → Published"]);
      // The comment is named by its author and page (an id means nothing to a moderator).
      await expect(page.locator(".audit-table tbody tr td.audit-comment").first().textContent()).resolves.toMatch(
        /^\S.* on Israel reportedly behind|^\S.* on Espionage/,
      );
      expect(errors).toEqual([]);
    });

    it("live: a new comment arrives as a card; another moderator's decision takes it away", async () => {
      await page.click(".console-nav a[data-view=queue]");
      await page.click(".queue-tab[data-queue=pending]");
      await page.waitForFunction(
        () =>
          document.body.dataset.live === "on" &&
          document.getElementById("queue-list")?.getAttribute("aria-busy") === "false",
      );
      await post("Liv Live", "Posted while the console is open.", "203.0.113.6");
      await card("Liv Live").waitFor();
      expect(await card("Liv Live").getAttribute("class")).toContain("is-new");
      await post("Cur Rent", "Under the moderator's cursor.", "203.0.113.7");
      await card("Cur Rent").waitFor();

      const bea = {
        email: "bea@example.org",
        name: "Bea",
        password: "a long enough passphrase",
        role: "moderator" as const,
      };
      await createModerator(t.deps, bea);
      const login = await request(t.app)
        .post("/api/auth/login")
        .set("X-Forwarded-For", "198.51.100.8")
        .send(bea)
        .expect(200);
      const decide = (name: string, action: string) =>
        request(t.app)
          .post(`/api/moderation/comments/${ids[name]}/actions`)
          .set("Cookie", String(login.headers["set-cookie"]?.[0]).split(";")[0]!)
          .set("X-CSRF-Token", login.body.csrfToken)
          .send({ action, revision: 1 })
          .expect(200);

      await decide("Liv Live", "approve"); // not under the cursor: it simply leaves, and that is said
      await card("Liv Live").waitFor({ state: "detached" });
      await announced("Approved by Bea: the comment by Liv Live left this queue.");

      await page.keyboard.press("j");
      expect(await card("Cur Rent").getAttribute("class")).toContain("is-current");
      await decide("Cur Rent", "reject"); // under the cursor: greyed out and explained, not yanked away
      await page.waitForFunction(
        (id) => document.getElementById(`card-${id}`)?.classList.contains("is-gone"),
        ids["Cur Rent"],
      );
      await expect(card("Cur Rent").locator(".card-notice").textContent()).resolves.toBe(
        "Rejected by Bea; it has left this queue.",
      );
      await page.keyboard.press("a"); // lands nowhere: the card is out of play
      // Queue counts are coalesced by the publisher (one per burst): wait for the count, do not race it.
      await page.waitForFunction(() => document.querySelector(".queue-tab [data-count=pending]")?.textContent === "0");
      await expect(count("pending")).resolves.toBe("0");
      expect(errors).toEqual([]);
    });
  });
  describe("ban confirmation and reasons", () => {
    let page: Page;
    let errors: string[];
    const ids: Record<string, string> = {};
    const SHOTS = "/tmp/shots";

    /** Posts as a reader, then backdates the comment so the same poster may post again at once (flood limit). */
    async function post(key: string, name: string, body: string, ip: string) {
      const articles = await request(t.app).get("/api/articles").expect(200);
      const threadId = articles.body.find((a: { slug: string }) => a.slug === PETE).threadId;
      const res = await request(t.app)
        .post(`/api/threads/${threadId}/comments`)
        .set("X-Forwarded-For", ip)
        .send({ authorName: name, authorEmail: `${name.split(" ")[0]!.toLowerCase()}@example.org`, body })
        .expect(202);
      ids[key] = res.body.comment.id;
      await t.deps.db.comment.update({
        where: { id: ids[key] },
        data: { createdAt: new Date(Date.now() - 3600_000 * (10 - Object.keys(ids).length)) },
      });
    }
    const card = (key: string) => page.locator(`#card-${ids[key]}`);
    const announced = (text: string) =>
      page.waitForFunction((t) => document.getElementById("announcer")?.textContent === t, text);
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? null);
    const shot = (name: string) => page.screenshot({ path: `${SHOTS}/mod-${name}.png` });
    const statusOf = async (key: string) =>
      (await t.deps.db.comment.findUniqueOrThrow({ where: { id: ids[key]! } })).status;

    beforeAll(async () => {
      fs.mkdirSync(SHOTS, { recursive: true });
      await post("bob1", "Bob Banme", "Buy my course, link in bio.", "203.0.113.20");
      await post("bob2", "Bob Banme", "Seriously, buy my course.", "203.0.113.20");
      await post("bob3", "Bob Banme", "An older comment that got approved.", "203.0.113.20");
      await post("bob4", "Bob Banme", "Another approved one.", "203.0.113.20");
      await t.deps.db.comment.updateMany({
        where: { id: { in: [ids.bob3!, ids.bob4!] } },
        data: { status: "published", publishedAt: new Date() },
      });
      await post("rae", "Rae Reason", "This is about a different article entirely.", "203.0.113.30");
      await post("ray", "Ray Reason", "Totally legit offer, click here.", "203.0.113.31");
      ({ page, errors } = await openConsole());
      await page.setViewportSize({ width: 1100, height: 900 });
      await signIn(page, ADMIN);
      await card("bob1").waitFor();
    });
    afterAll(async () => page?.close());

    it("b asks first, showing what the ban takes down; Esc cancels and the keyboard is back on the card", async () => {
      await card("bob1").click({ position: { x: 300, y: 10 } });
      expect(await card("bob1").getAttribute("class")).toContain("is-current");
      await shot("ban-card");
      await page.keyboard.press("b");
      await page.locator("#ban-dialog[open]").waitFor();
      await expect(page.locator("#ban-title").textContent()).resolves.toBe("Ban Bob Banme?");
      await expect(page.locator("#ban-summary").textContent()).resolves.toContain(
        "This comment is rejected, and 1 other comment of theirs still waiting (1 pending) is rejected too.",
      );
      await expect(page.locator("#ban-published-label").textContent()).resolves.toBe(
        "Also take down their 2 published comments",
      );
      expect(await page.locator("#ban-reject-published").isChecked()).toBe(false);
      await shot("ban-dialog");
      await page.keyboard.press("Escape");
      await page.locator("#ban-dialog").waitFor({ state: "hidden" });
      expect(await focusedId()).toBe(`card-${ids.bob1}`);
      expect(await statusOf("bob1")).toBe("pending");
    });

    it("confirming bans, rejects the other waiting comment and, when ticked, the published ones", async () => {
      const sent = page.waitForRequest((r) => r.url().endsWith(`/api/moderation/comments/${ids.bob1}/actions`));
      await card("bob1").locator("button[data-action=ban-author]").click();
      await page.locator("#ban-dialog[open]").waitFor();
      await page.getByLabel("Also take down their 2 published comments").check();
      await page.getByLabel(/^Reason/).fill("course spam");
      await shot("ban-dialog-filled");
      await page.keyboard.press("Enter"); // in the reason field: confirms (the default button), never cancels or lifts
      expect((await sent).postDataJSON()).toMatchObject({
        action: "ban-author",
        reason: "course spam",
        rejectPublished: true,
      });
      await card("bob1").waitFor({ state: "detached" });
      await card("bob2").waitFor({ state: "detached" });
      await announced("Banned Bob Banme and rejected 3 other comments of theirs");
      for (const key of ["bob1", "bob2", "bob3", "bob4"]) expect(await statusOf(key)).toBe("rejected");
      expect(await card("rae").getAttribute("class")).toContain("is-current"); // the cursor moved on
    });

    it("rejects with a preset reason and details from the card's With reason… button", async () => {
      const sent = page.waitForRequest((r) => r.url().endsWith(`/api/moderation/comments/${ids.rae}/actions`));
      await card("rae").locator("button[data-action=with-reason]").click();
      await page.locator("#reason-dialog[open]").waitFor();
      await expect(page.locator("#reason-title").textContent()).resolves.toBe("Decide on the comment by Rae Reason");
      await page.getByLabel("Off-topic").check();
      await page.getByLabel(/^Details/).fill("belongs under the other article");
      await shot("reason-dialog");
      await page.click("#reason-confirm");
      expect((await sent).postDataJSON()).toMatchObject({
        action: "reject",
        reason: "Off-topic: belongs under the other article",
      });
      await card("rae").waitFor({ state: "detached" });
      const audit = await t.deps.db.moderationAction.findFirstOrThrow({
        where: { commentId: ids.rae, action: "reject" },
      });
      expect(audit.reason).toBe("Off-topic: belongs under the other article");
    });

    it("Shift+S marks as spam with a reason; Other needs the text first", async () => {
      expect(await card("ray").getAttribute("class")).toContain("is-current");
      await page.keyboard.press("Shift+S");
      await page.locator("#reason-dialog[open]").waitFor();
      expect(await page.locator("#reason-form input[name=action][value=spam]").isChecked()).toBe(true);
      await expect(page.locator("#reason-confirm").textContent()).resolves.toBe("Mark as spam");
      await page.getByLabel("Other (write it below)").check();
      await page.click("#reason-confirm");
      await page.locator("#reason-error:not([hidden])").waitFor();
      expect(await page.locator("#reason-dialog").getAttribute("open")).not.toBeNull(); // still open
      expect(await focusedId()).toBe("reason-text");
      await shot("reason-dialog-error");
      await page.keyboard.type("phishing link");
      await page.click("#reason-confirm");
      await card("ray").waitFor({ state: "detached" });
      const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id: ids.ray! } });
      expect(row.status).toBe("spam");
      const audit = await t.deps.db.moderationAction.findFirstOrThrow({
        where: { commentId: ids.ray, action: "spam" },
      });
      expect(audit.reason).toBe("phishing link");
      await shot("after-decisions");
      expect(errors).toEqual([]);
    });

    it("an already banned author's dialog offers to lift the ban instead", async () => {
      await page.click(".queue-tab[data-queue=rejected]");
      await card("bob1").waitFor();
      await card("bob1").locator("button[data-action=ban-author]").click();
      await page.locator("#ban-dialog[open]").waitFor();
      expect(await page.locator("#ban-already").isVisible()).toBe(true);
      await expect(page.locator("#ban-summary").textContent()).resolves.toContain(
        "This comment stays rejected; they have no other comments waiting.",
      );
      await shot("ban-dialog-already");
      await page.click("#ban-lift");
      await announced("Lifted the ban on Bob Banme");
      expect(await t.deps.db.ban.count({ where: { value: "bob@example.org" } })).toBe(0);
      expect(await statusOf("bob1")).toBe("rejected");
      expect(await focusedId()).toBe(`card-${ids.bob1}`);
      expect(errors).toEqual([]);
    });
  });
});
