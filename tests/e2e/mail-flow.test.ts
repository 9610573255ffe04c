// The whole mail loop in real Chromium against a real SMTP server on loopback: a reader subscribes on
// the article page and another in the embedded widget, each confirmation arrives and its link is opened
// in the browser, a reply waits for moderation and is approved, the reply mail arrives, and its
// unsubscribe link works (with Undo). Screenshots of the form and of the mail previews go to /tmp/shots.
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWidget } from "../../scripts/build-widget.ts";
import { DEFAULT_SITE_ID } from "../../src/sites/ensure-default-site.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { serveHostPage } from "../support/host-page.ts";
import { signInAs } from "../support/moderators.ts";
import { decide, startLiveApp, type LiveApp } from "../support/realtime-app.ts";
import { registerTestSite } from "../support/sites.ts";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../support/smtp-sink.ts";
import { RELAXED_SITE_SETTINGS } from "../support/test-app.ts";

const PUBLIC = "http://parley.test"; // PUBLIC_URL in the mails; the test server's real origin replaces it

describe.skipIf(!chromiumAvailable())("mail in Chromium", () => {
  let smtp: SmtpSink;
  let parley: LiveApp;
  let host: Awaited<ReturnType<typeof serveHostPage>>;
  let browser: Browser;
  let reader: BrowserContext;
  const site = { id: "" };

  beforeAll(async () => {
    await buildWidget();
    smtp = await startSmtpSink();
    parley = await startLiveApp("sqlite", {
      env: { SMTP_URL: smtp.url, PUBLIC_URL: PUBLIC, MAIL_POLL_SECONDS: "0.2" },
    });
    parley.deps.mailer.start();
    host = await serveHostPage({
      parleyUrl: parley.url,
      get siteId() {
        return site.id;
      },
      thread: "mail-post",
      title: "A post with a widget",
    });
    site.id = (await registerTestSite(parley, [host.url])).id;
    browser = await launchChromium();
    reader = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await parley?.close();
    await smtp?.close();
  });

  /** The link a mail carries, on the test server's origin. */
  const link = (mail: ReceivedMail, pattern: RegExp) => {
    const found = new RegExp(`${PUBLIC.replace(/\./g, "\\.")}(${pattern.source})`).exec(mail.text);
    if (!found) throw new Error(`no ${pattern} in ${mail.text}`);
    return parley.url + found[1]!;
  };
  const mailTo = (address: string, subject: RegExp) =>
    smtp
      .waitFor((all) => all.some((m) => m.to[0] === address && subject.test(m.subject)))
      .then((all) => all.filter((m) => m.to[0] === address && subject.test(m.subject)).at(-1)!);

  it("article page: subscribe, confirm by the mailed link, a held reply is approved, its mail arrives, unsubscribe and undo", async () => {
    const slug = (await parley.deps.db.article.findFirstOrThrow({ where: { thread: { publishedCount: 0 } } })).slug;
    const page = await reader.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${parley.url}/articles/${slug}`);
    const form = page.locator("#commentform");
    await form.locator("#body").fill("Will anyone answer this?");
    await form.locator("#authorName").fill("Ann Reader");
    await form.locator("#authorEmail").fill("ann@example.org");
    await form.getByLabel("Notify me of replies to my comment").check();
    await form.getByLabel("Notify me of new comments on this article").check();
    await form.getByRole("button", { name: "Post Comment" }).click();
    await expect
      .poll(() => form.locator(".form-status").textContent())
      .toContain("We sent you a mail: follow its link to confirm your address");
    const annComment = (await parley.deps.db.comment.findFirstOrThrow({ where: { authorEmail: "ann@example.org" } }))
      .id;

    const confirmation = await mailTo("ann@example.org", /^Confirm your email address/);
    await page.goto(link(confirmation, /\/mail\/confirm\?t=\S+/));
    await expect(page.locator("h1").textContent()).resolves.toBe("Your email address is confirmed");
    await expect(page.locator("main").textContent()).resolves.toContain("Replies to your comment on");

    // A reply that waits for a moderator, then is approved.
    await parley.deps.db.site.update({
      where: { id: DEFAULT_SITE_ID },
      data: { settings: { ...RELAXED_SITE_SETTINGS, mode: "pre-moderate-all" } },
    });
    const threadId = (await parley.deps.db.comment.findUniqueOrThrow({ where: { id: annComment } })).threadId;
    const replyRes = await fetch(`${parley.url}/api/threads/${threadId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        authorName: "Bo <Replier>",
        authorEmail: "bo@example.org",
        body: "Yes: *I* will.",
        parentId: annComment,
      }),
    });
    expect(replyRes.status).toBe(202);
    const replyId = ((await replyRes.json()) as { comment: { id: string } }).comment.id;
    await parley.deps.db.site.update({ where: { id: DEFAULT_SITE_ID }, data: { settings: RELAXED_SITE_SETTINGS } });
    const mod = await signInAs(parley, "moderator", "Mo");
    await decide(parley, mod, replyId, "approve");

    const replyMail = await mailTo("ann@example.org", /replied to your comment/);
    expect(replyMail.subject).toMatch(/^Bo <Replier> replied to your comment on “/);
    expect(replyMail.html).toContain("Bo &lt;Replier&gt; replied to your comment:");
    expect(replyMail.text).toContain(`/articles/${slug}/comments/${replyId}`);
    expect(replyMail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    // The permalink redirects to the reply on its comment page.
    await page.goto(link(replyMail, /\/articles\/\S+\/comments\/\S+/));
    await expect(page.locator(`#comment-${replyId}`).textContent()).resolves.toContain("will.");

    // The mail's unsubscribe link, in the browser: stopped, then Undo.
    await page.goto(link(replyMail, /\/mail\/unsubscribe\?t=\S+/));
    await expect(page.locator("h1").textContent()).resolves.toBe("You are unsubscribed");
    await expect(page.locator("main").textContent()).resolves.toContain(
      "We stopped mail about replies to your comment on",
    );
    await page.getByRole("button", { name: "Undo: keep sending it" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("You are subscribed again");
    const sub = await parley.deps.db.subscription.findFirstOrThrow({
      where: { address: "ann@example.org", kind: "replies" },
    });
    expect(sub.stoppedAt).toBeNull();
    await page.getByRole("button", { name: "Unsubscribe after all" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("You are unsubscribed");
    await page.close();
  });

  it("widget: the notify box on another site's page, and the confirmation link", async () => {
    const page = await reader.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${host.url}/post`);
    const widget = page.locator(".parley-embed");
    const form = widget.locator('form[aria-label="Leave a comment"]');
    await form.getByRole("textbox", { name: "Comment", exact: true }).fill("Subscribing from the widget.");
    await form.getByRole("textbox", { name: "Name", exact: true }).fill("Wes Widget");
    await form.getByRole("textbox", { name: "Email", exact: true }).fill("wes@example.org");
    await form.getByLabel("Notify me of replies to my comment").check();
    await form.getByRole("button", { name: "Post comment" }).click();
    await expect.poll(() => form.locator(".row [role=status]").textContent()).toContain("We sent you a mail");
    const confirmation = await mailTo("wes@example.org", /^Confirm your email address/);
    expect(confirmation.text).toContain("A post with a widget");
    await page.goto(link(confirmation, /\/mail\/confirm\?t=\S+/));
    await expect(page.locator("h1").textContent()).resolves.toBe("Your email address is confirmed");
    const sub = await parley.deps.db.subscription.findFirstOrThrow({ where: { address: "wes@example.org" } });
    expect(sub.confirmedAt).not.toBeNull();
    await page.close();
  });

  it("screenshots: the form on desktop and phone, light and dark; the console's Outbox and mail previews", async () => {
    const slug = (await parley.deps.db.article.findFirstOrThrow()).slug;
    for (const [name, viewport] of [
      ["desktop", { width: 1100, height: 1000 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      for (const colorScheme of ["light", "dark"] as const) {
        const page = await browser.newPage({ viewport, colorScheme });
        await page.goto(`${parley.url}/articles/${slug}`);
        await page.locator("#commentform").scrollIntoViewIfNeeded();
        await page.locator("#commentform").screenshot({ path: `/tmp/shots/mail-form-${name}-${colorScheme}.png` });
        // Nothing sideways on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await page.close();
      }
    }
    const admin = await signInAs(parley, "admin", "Ada");
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
    const [cookieName, cookieValue] = admin.cookie.split("=") as [string, string];
    await ctx.addCookies([{ name: cookieName, value: cookieValue, url: parley.url }]);
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${parley.url}/moderate#/mail`);
    await page.locator(".mail-table").waitFor();
    await expect(page.locator(".mail-table tbody tr").count()).resolves.toBeGreaterThanOrEqual(3);
    const replyRow = page.locator(".mail-table tbody tr", { hasText: "replied to your comment" }).first();
    await replyRow.getByRole("button", { name: "Preview" }).click();
    const frame = page.frameLocator("iframe.mail-frame");
    await expect(frame.locator("body").textContent()).resolves.toContain("replied to your comment:");
    await frame.getByRole("link", { name: "Read the reply" }).waitFor();
    await page.screenshot({ path: "/tmp/shots/mail-console-outbox.png", fullPage: true });
    await page.locator(".mail-preview").screenshot({ path: "/tmp/shots/mail-console-preview.png" });
    for (const m of await parley.deps.db.mailOutbox.findMany({ where: { status: "sent" }, distinct: ["kind"] })) {
      for (const [name, viewport] of [
        ["desktop", { width: 900, height: 900 }],
        ["phone", { width: 390, height: 844 }],
      ] as const) {
        const preview = await ctx.newPage();
        await preview.setViewportSize(viewport);
        await preview.goto(`${parley.url}/api/admin/mail/outbox/${m.id}/preview`);
        await preview.screenshot({ path: `/tmp/shots/mail-preview-${m.kind}-${name}.png`, fullPage: true });
        await preview.close();
      }
    }
    await ctx.close();
  });
});
