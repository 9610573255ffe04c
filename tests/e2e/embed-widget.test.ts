// The embed widget in real Chromium, on a host page served from ANOTHER origin (its own port) under
// a strict CSP: it loads, posts a comment and a reply, survives a reload, shows another reader's
// comment live, and a page from an origin the site did not allow gets a clear refusal inside it.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWidget } from "../../scripts/build-widget.ts";
import { registerTestSite } from "../support/sites.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { serveHostPage } from "../support/host-page.ts";
import { listen } from "../support/listen.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";

type Server = Awaited<ReturnType<typeof listen>>;

describe.skipIf(!chromiumAvailable())("embed widget in Chromium", () => {
  let parley: LiveApp;
  let host: Server;
  let stranger: Server;
  let browser: Browser;

  beforeAll(async () => {
    await buildWidget();
    parley = await startLiveApp("sqlite");
    const site = { id: "" };
    host = await serveHostPage({
      parleyUrl: parley.url,
      get siteId() {
        return site.id;
      },
      thread: "post-1",
      title: "Post One",
    });
    stranger = await serveHostPage({
      parleyUrl: parley.url,
      get siteId() {
        return site.id;
      },
      thread: "post-1",
    });
    site.id = (await registerTestSite(parley, [host.url])).id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([host?.close(), stranger?.close()]);
    await parley?.close();
  });

  /** A page that records script errors and CSP violations (console errors). */
  async function open(url: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on(
      "console",
      (m) => m.type() === "error" && !m.location().url.endsWith("/favicon.ico") && problems.push(m.text()),
    );
    await page.goto(url);
    return { page, problems };
  }

  it("embeds on an allowed origin: posts a comment and a threaded reply", async () => {
    const { page, problems } = await open(`${host.url}/post`);
    const widget = page.locator(".parley-embed");
    await expect(widget.locator("h2").textContent()).resolves.toBe("No comments yet");

    const main = widget.locator('form[aria-label="Leave a comment"]');
    await main.getByRole("textbox", { name: "Comment", exact: true }).fill("Hello from **another** site.");
    await main.getByRole("textbox", { name: "Name", exact: true }).fill("Embedded Reader");
    await main.getByRole("textbox", { name: "Email", exact: true }).fill("embedded@example.org");
    await main.getByRole("textbox", { name: "Website", exact: true }).fill("https://reader.example.org");
    await main.getByLabel(/Save my name/).check();
    await main.getByRole("button", { name: "Post comment" }).click();

    const first = widget.locator("ol.list > li.comment").first();
    await first.waitFor();
    await expect(first.locator(".comment-content").innerHTML()).resolves.toContain("<strong>another</strong>");
    await expect(first.locator(".comment-author a").getAttribute("href")).resolves.toBe("https://reader.example.org");
    await expect(widget.locator("h2").textContent()).resolves.toBe("1 comment");

    await first.getByRole("button", { name: "Reply to Embedded Reader" }).click();
    const reply = first.locator('form[aria-label="Reply to Embedded Reader"]');
    await expect(reply.getByRole("textbox", { name: "Name", exact: true }).inputValue()).resolves.toBe(
      "Embedded Reader",
    ); // remembered
    await reply.getByRole("textbox", { name: "Your reply", exact: true }).fill("A reply, threaded.");
    await reply.getByRole("button", { name: "Post reply" }).click();
    await first.locator("ol.children > li.comment .comment-content").waitFor();
    await expect(first.locator("ol.children > li.comment .comment-content").textContent()).resolves.toContain(
      "A reply, threaded.",
    );
    await expect(widget.locator("h2").textContent()).resolves.toBe("2 comments");
    await expect(reply.count()).resolves.toBe(0); // the reply form closed

    await page.reload(); // and the server agrees
    await widget.locator("ol.list > li.comment > ol.children > li.comment").waitFor();
    await expect(widget.locator("h2").textContent()).resolves.toBe("2 comments");
    // Own comments carry Edit and Delete until someone replies; the host page's hostile CSS did not reach in.
    const own = (sel: string) =>
      widget.locator(`${sel} > .comment-body > .acts`).getByRole("button", { name: "Edit your comment" }).count();
    await expect(own("ol.list > li.comment")).resolves.toBe(0);
    await expect(own("ol.list > li.comment > ol.children > li.comment")).resolves.toBe(1);
    const transform = await widget
      .locator("button.primary")
      .first()
      .evaluate((b) => getComputedStyle(b).textTransform);
    expect(transform).toBe("none");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows a comment posted in another browser live, behind the new-comments bar", async () => {
    const reader = await open(`${host.url}/post`);
    const widget = reader.page.locator(".parley-embed");
    await widget.locator("ol.list > li.comment").first().waitFor();
    const before = await widget.locator("li.comment").count();
    // Wait until the live bundle joined the thread's room, then comment from a second browser context.
    await reader.page.waitForFunction(
      () => document.querySelector(".parley-embed")?.getAttribute("data-live") === "on",
    );

    const other = await browser.newContext();
    const poster = await other.newPage();
    await poster.goto(`${host.url}/post`);
    const form = poster.locator('.parley-embed form[aria-label="Leave a comment"]');
    await form.getByRole("textbox", { name: "Comment", exact: true }).fill("Live from another browser.");
    await form.getByRole("textbox", { name: "Name", exact: true }).fill("Second Reader");
    await form.getByRole("textbox", { name: "Email", exact: true }).fill("second@example.org");
    await form.getByRole("button", { name: "Post comment" }).click();
    await poster.locator(".parley-embed li.comment", { hasText: "Live from another browser." }).waitFor();
    await other.close();

    const bar = widget.getByRole("button", { name: "Show 1 new comment" });
    await bar.waitFor();
    await expect(widget.locator("[role=status][aria-live=polite]").first().textContent()).resolves.toMatch(
      /1 new comment/,
    );
    expect(await widget.locator("li.comment").count()).toBe(before); // nothing jumps under the reader
    await bar.click();
    const arrived = widget.locator("li.comment", { hasText: "Live from another browser." });
    await arrived.waitFor();
    await expect(arrived.locator(".comment-author b").textContent()).resolves.toBe("Second Reader");
    await expect(bar.isHidden()).resolves.toBe(true);
    await expect(widget.locator("h2").textContent()).resolves.toBe(`${before + 1} comments`);
    expect(reader.problems).toEqual([]);
    await reader.page.close();
  });

  it("follows the host page's theme, not only the reader's preference", async () => {
    const themeOf = async (path: string, colorScheme: "light" | "dark") => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(`${host.url}${path}`);
      await page.locator(".parley-embed h2").waitFor();
      const theme = await page.locator(".parley-embed").getAttribute("data-theme");
      await context.close();
      return theme;
    };
    expect(await themeOf("/post?dark", "light")).toBe("dark"); // a dark site
    expect(await themeOf("/post", "dark")).toBe("light"); // a light-only site stays readable
  });

  it("refuses an origin the site did not allow, clearly, inside the widget", async () => {
    const { page } = await open(`${stranger.url}/post`);
    const alert = page.locator(".parley-embed [role=alert]");
    await alert.waitFor();
    await expect(alert.locator("strong").textContent()).resolves.toBe("Comments are not available on this website");
    await expect(alert.textContent()).resolves.toContain(`This website (${stranger.url}) is not allowed`);
    await expect(page.locator(".parley-embed form").count()).resolves.toBe(0);
    await page.close();
  });
});
