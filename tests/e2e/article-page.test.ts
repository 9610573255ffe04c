// The article page in real Chromium: posting and replying with JavaScript on (no reload) and off
// (plain form POST and redirect), and errors shown beside the fields.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import { startPagesInChromium, type PagesInChromium } from "../support/pages-in-chromium.ts";
import { RELAXED_SITE_SETTINGS } from "../support/test-app.ts";

const NEWS = "/articles/israel-secret-service-pressure-on-kaspersky";
const PETE = "/articles/israel-behind-discovery-of-kaspersky-spy-links";

describe.skipIf(!chromiumAvailable())("article page in Chromium", () => {
  let p: PagesInChromium;

  beforeAll(async () => {
    // Many posts from one address (127.0.0.1) within seconds: the per-address flood limit is not what this file tests.
    p = await startPagesInChromium({ ...RELAXED_SITE_SETTINGS, floodPerAddress: 100 });
  });
  afterAll(() => p?.close());

  it("with JavaScript on: posts a comment and a reply without reloading", async () => {
    const page = await p.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(p.url + NEWS);
    await expect(page.locator("#comments-title").textContent()).resolves.toBe("No responses yet");
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42)); // survives only without a reload

    await page.click(".comment-cta-link");
    await page.fill("#body", "First, with **JS** on.");
    await page.fill("#authorName", "Js Reader");
    await page.fill("#authorEmail", "js@example.org");
    await page.fill("#authorUrl", "https://js.example.org");
    await page.click("#commentform button[type=submit]");
    const first = page.locator(".comment-list > li.comment").first();
    await first.waitFor();
    await expect(first.locator(".comment-content").innerHTML()).resolves.toContain("<strong>JS</strong>");
    await expect(first.locator("a.url").getAttribute("href")).resolves.toBe("https://js.example.org");
    await expect(page.locator("#comments-title").textContent()).resolves.toMatch(/^One Response to Espionage/);

    await first.locator(".comment-reply-link").click();
    await expect(page.locator("#reply-title").textContent()).resolves.toContain("Reply to Js Reader");
    expect(await first.locator("#respond").count()).toBe(1); // the form moved under the comment
    await page.fill("#body", "A reply, threaded.");
    await page.click("#commentform button[type=submit]");
    await first.locator(".children > li.comment").waitFor();
    await expect(first.locator(".children .comment-content").textContent()).resolves.toContain("A reply, threaded.");
    await expect(page.locator("#comments-title").textContent()).resolves.toMatch(/^2 Responses to Espionage/);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(errors).toEqual([]);

    await page.reload(); // and the server agrees
    await expect(
      page.locator(".comment-list > li.comment > .children > li.comment .comment-content").textContent(),
    ).resolves.toContain("A reply, threaded.");
    await page.close();
  });

  it("with JavaScript on: shows a field error from the API next to the field", async () => {
    const page = await p.browser.newPage();
    await page.goto(p.url + NEWS);
    await page.fill("#body", "Bad email");
    await page.fill("#authorName", "X");
    await page.fill("#authorEmail", "nope");
    await page.click("#commentform button[type=submit]");
    await page.locator("#authorEmail-error").waitFor({ state: "visible" });
    await expect(page.locator("#authorEmail-error").textContent()).resolves.toBe("Please enter a valid email address.");
    await page.close();
  });

  it("with JavaScript on: shows every field error at once and focuses the first", async () => {
    const page = await p.browser.newPage();
    await page.goto(p.url + NEWS);
    await page.fill("#authorEmail", "nope");
    await page.click("#commentform button[type=submit]");
    await page.locator("#authorEmail-error").waitFor({ state: "visible" });
    await expect(page.locator("#body-error").textContent()).resolves.toBe("Please write a comment.");
    await expect(page.locator("#authorName-error").textContent()).resolves.toBe("Please enter your name.");
    await expect(page.locator("#authorEmail-error").textContent()).resolves.toBe("Please enter a valid email address.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("body");

    // A refusal that names no field (here: the network is down) reads as an error, not as a quiet status.
    await page.route("**/api/threads/*/comments", (route) => route.abort());
    await page.fill("#body", "Offline attempt.");
    await page.fill("#authorName", "Off Line");
    await page.fill("#authorEmail", "off@example.org");
    await page.click("#commentform button[type=submit]");
    await page.locator(".form-status.is-error").waitFor();
    await expect(page.locator(".form-status").textContent()).resolves.toContain("Could not reach the server");
    await expect(page.inputValue("#body")).resolves.toBe("Offline attempt.");
    await page.close();
  });

  it("with JavaScript on: a field's error goes when the reader fixes that field, the others stay until the next submit", async () => {
    const page = await p.browser.newPage();
    await page.goto(p.url + NEWS);
    await page.fill("#authorEmail", "nope");
    await page.click("#commentform button[type=submit]");
    await page.locator("#authorEmail-error").waitFor({ state: "visible" });
    await page.fill("#authorEmail", "fixed@example.org");
    await page.locator("#authorEmail-error").waitFor({ state: "hidden" });
    await expect(page.getAttribute("#authorEmail", "aria-invalid")).resolves.toBeNull();
    await expect(page.locator("#authorEmail").evaluate((e) => e.closest(".has-error"))).resolves.toBeNull();
    // the fields not touched still say what is wrong with them
    await expect(page.locator("#authorName-error").isVisible()).resolves.toBe(true);
    await expect(page.locator("#body-error").textContent()).resolves.toBe("Please write a comment.");
    await page.close();
  });

  it("keeps the edit token of a post made with JavaScript off when the reader comes back with it on", async () => {
    const noJs = await p.browser.newContext({ javaScriptEnabled: false });
    const off = await noJs.newPage();
    await off.goto(p.url + PETE);
    await off.fill("#body", "Posted with scripts off, then edited with them on.");
    await off.fill("#authorName", "Nora Script");
    await off.fill("#authorEmail", "nora@example.org");
    await off.click("#commentform button[type=submit]");
    const mine = off.locator("li.comment[data-own]");
    await mine.waitFor();
    const id = await mine.getAttribute("data-comment-id");
    const cookies = await noJs.cookies();
    expect(cookies.find((c) => c.name === "parley_edit_tokens")?.value).toMatch(/[\w-]{16}/);

    const withJs = await p.browser.newContext();
    await withJs.addCookies(cookies);
    const on = await withJs.newPage();
    await on.goto(p.url + PETE); // the script runs with an empty localStorage
    await on.locator(`#comment-${id}[data-own]`).waitFor();
    await on.reload(); // the cookie it left must still name the comment
    await on.locator(`#comment-${id}[data-own]`).waitFor();
    const after = (await withJs.cookies()).find((c) => c.name === "parley_edit_tokens")?.value ?? "";
    expect(decodeURIComponent(after)).toContain(
      decodeURIComponent(cookies.find((c) => c.name === "parley_edit_tokens")!.value),
    );
    await noJs.close();
    await withJs.close();
  });

  it("keyboard: Esc or Cancel reply closes the reply form and gives focus back to the Reply link", async () => {
    const page = await p.browser.newPage();
    await page.goto(p.url + PETE);
    const pete = page.locator(".comment-list > li.comment").first();
    const reply = pete.locator(".comment-reply-link").first();
    await reply.focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("body");
    expect(await pete.locator("#respond").count()).toBe(1);
    await page.keyboard.press("Escape");
    expect(await pete.locator("#respond").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("comment-reply-link"))).toBe(true);
    await page.keyboard.press("Enter");
    await page.click("#cancel-comment-reply-link");
    await expect(page.locator("#reply-title").textContent()).resolves.toContain("Leave a Reply");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("comment-reply-link"))).toBe(true);
    await page.close();
  });

  it("lets a reader report someone else's comment, once, and renders lists as lists", async () => {
    const page = await p.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(p.url + PETE);
    const pete = page.locator(".comment-list > li.comment").first();
    const button = pete.getByRole("button", { name: "Report the comment by Pete" });
    await button.click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe("spam"); // focus in the form
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Report");
    await button.click();
    await pete.getByLabel("Off-topic").check();
    await pete.getByLabel("Anything to add? (optional)").fill("Not about the article.");
    await pete.getByRole("button", { name: "Send report" }).click();
    await expect(pete.locator(".comment-report-done").textContent()).resolves.toBe(
      "Thank you. A moderator will take a look.",
    );
    expect(await button.count()).toBe(0);
    const report = await p.t.deps.db.report.findFirstOrThrow({ where: { reason: "off-topic" } });
    expect(report.note).toBe("Not about the article.");

    await page.reload(); // the server remembers this reader
    await pete.getByRole("button", { name: "Report the comment by Pete" }).click();
    await pete.getByRole("button", { name: "Send report" }).click();
    await expect(pete.locator(".comment-report-done").textContent()).resolves.toContain("already reported");

    // Lists in a comment sit inside the thread's <ol>: they keep their bullets and numbers.
    await pete
      .locator(".comment-content")
      .evaluate((el) => el.insertAdjacentHTML("beforeend", "<ul><li>a</li></ul><ol><li>b</li></ol>"));
    const styles = await pete
      .locator(".comment-content")
      .evaluate((el) => [...el.querySelectorAll("ul, ol")].map((l) => getComputedStyle(l).listStyleType));
    expect(styles.slice(-2)).toEqual(["disc", "decimal"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("with JavaScript off: posts through the form, replies via ?replytocom, lands on the anchor", async () => {
    const context = await p.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(p.url + PETE);
    await page.fill("#body", "Posted with *JS off*.");
    await page.fill("#authorName", "No Script");
    await page.fill("#authorEmail", "noscript@example.org");
    await page.check("#remember"); // so the reply form below comes back filled in
    await page.click("#commentform button[type=submit]");
    await page.waitForURL(/#comment-\w+$/);
    const id = page.url().split("#comment-")[1]!;
    await expect(page.locator(`#comment-${id} .comment-content`).innerHTML()).resolves.toContain("<em>JS off</em>");

    await page.click(`#comment-${id} .comment-reply-link`);
    await page.waitForURL(/replytocom=/);
    await expect(page.locator("#reply-title").textContent()).resolves.toContain("Reply to No Script");
    await expect(page.locator("#authorName").inputValue()).resolves.toBe("No Script");
    await page.fill("#body", "No-JS reply.");
    await page.click("#commentform button[type=submit]");
    await page.waitForURL((url) => url.hash.startsWith("#comment-") && url.hash !== `#comment-${id}`);
    const replyId = page.url().split("#comment-")[1]!;
    expect(await page.locator(`#comment-${id} > .children > #comment-${replyId}`).count()).toBe(1);

    await page.fill("#body", "");
    await page.fill("#authorEmail", "broken");
    await page.click("#commentform button[type=submit]");
    await expect(page.locator("#authorEmail-error").textContent()).resolves.toBe("Please enter a valid email address.");
    await expect(page.locator("#body-error").textContent()).resolves.toBe("Please write a comment.");
    // Refused: redirected (303) to the form's anchor, which is on screen, not the top of the page...
    expect(new URL(page.url()).hash).toBe("#respond");
    const formOnScreen = () =>
      page.locator("#commentform").evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top < innerHeight && box.bottom > 0 && scrollY > 0;
      });
    expect(await formOnScreen()).toBe(true);
    // ...and a reload reads the page again (the errors and typed text stay), it does not post again.
    const comments = await page.locator(".comment").count();
    await page.reload();
    await expect(page.locator("#authorEmail-error").textContent()).resolves.toBe("Please enter a valid email address.");
    await expect(page.locator("#authorEmail").inputValue()).resolves.toBe("broken");
    expect(await page.locator(".comment").count()).toBe(comments);
    await context.close();
  });
});
