// The author's own comment in real Chromium: after posting to a pre-moderated article and reloading,
// only its author sees it, marked as awaiting moderation; they can edit it in place and delete it
// while the edit window is open.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import { startPagesInChromium, type PagesInChromium } from "../support/pages-in-chromium.ts";

const SLUG = "israel-secret-service-pressure-on-kaspersky";

describe.skipIf(!chromiumAvailable())("own comments in Chromium", () => {
  let p: PagesInChromium;

  beforeAll(async () => {
    p = await startPagesInChromium({ mode: "pre-moderate-all", floodSeconds: 0 });
  });
  afterAll(() => p?.close());

  it("shows the pending comment to its author after a reload, lets them edit and delete it, and hides it from others", async () => {
    const context = await p.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("dialog", (d) => void d.accept());
    await page.goto(`${p.url}/articles/${SLUG}`);
    await page.fill("#body", "My first *pending* thought.");
    await page.fill("#authorName", "Pat Pending");
    await page.fill("#authorEmail", "pat@example.org");
    await page.click("#commentform button[type=submit]");
    await page.locator(".form-status", { hasText: "awaiting moderation" }).waitFor();

    await page.reload();
    const mine = page.locator("li.comment-own");
    await expect(mine.locator(".comment-awaiting").textContent()).resolves.toBe("Your comment is awaiting moderation.");
    await expect(page.locator("#comments-title").textContent()).resolves.toBe("No responses yet"); // not counted: not public
    await page.screenshot({ path: "/tmp/mod-own-pending.png", fullPage: false, clip: await clipOf(page, "#comments") });

    await mine.getByRole("button", { name: "Edit" }).click();
    const area = mine.locator(".comment-edit-form textarea");
    await expect(area.inputValue()).resolves.toBe("My first *pending* thought.");
    await area.fill("x"); // refused (too short): the editor stays open with the text and says why
    await mine.getByRole("button", { name: "Save" }).click();
    await mine.locator(".comment-edit-error").filter({ hasText: /\w/ }).waitFor();
    await expect(area.inputValue()).resolves.toBe("x");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    await area.press("Escape"); // Esc cancels and gives focus back to Edit
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Edit");
    await mine.getByRole("button", { name: "Edit" }).click();
    await area.fill("My **second** thought.");
    await page.screenshot({ path: "/tmp/mod-own-editing.png", clip: await clipOf(page, "#comments") });
    await mine.getByRole("button", { name: "Save" }).click();
    await mine.locator(".comment-content strong", { hasText: "second" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains("comment-body"))).toBe(true); // not lost to <body>
    await expect(mine.locator(".comment-awaiting").count()).resolves.toBe(1);
    const stored = await p.t.deps.db.comment.findFirstOrThrow({ where: { authorEmail: "pat@example.org" } });
    expect(stored).toMatchObject({ bodySource: "My **second** thought.", status: "pending", revision: 2 });

    const stranger = await (await p.browser.newContext()).newPage();
    await stranger.goto(`${p.url}/articles/${SLUG}`);
    expect(await stranger.locator(`#comment-${stored.id}`).count()).toBe(0);
    expect(await stranger.content()).not.toContain("second</strong> thought");

    await mine.getByRole("button", { name: "Delete" }).click();
    await mine.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("comments-title"); // the only comment went: focus on the heading, not <body>
    expect((await p.t.deps.db.comment.findUniqueOrThrow({ where: { id: stored.id } })).status).toBe("deleted");
    await page.reload();
    expect(await page.locator(`#comment-${stored.id}`).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

async function clipOf(page: import("playwright-core").Page, selector: string) {
  const box = (await page.locator(selector).boundingBox())!;
  return { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 700) };
}
