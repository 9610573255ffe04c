// The links-checked caps in the console's site settings, in real Chromium: both fields are there with
// their defaults, words and limits, and a save stores them. Screenshots (desktop 1280 and phone 390,
// light and dark) go to /tmp/shots/console-link-caps-*.png.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import { shootLightAndDark, startConsoleInChromium, type ConsoleInChromium } from "../support/console-in-chromium.ts";

const PER_COMMENT = "#site-linkCheckMaxPerComment";
const PER_POSTER = "#site-linkCheckMaxPerPosterPerHour";

describe.skipIf(!chromiumAvailable())("console settings: links checked per comment and per poster", () => {
  let c: ConsoleInChromium;

  beforeAll(async () => {
    c = await startConsoleInChromium();
  });
  afterAll(() => c?.close());

  it("shows both caps with their defaults and help, and saves them", async () => {
    const { page, errors } = await c.signedInPage("#/settings", PER_COMMENT);

    expect(await page.inputValue(PER_COMMENT)).toBe("20");
    expect(await page.inputValue(PER_POSTER)).toBe("100");
    const form = page.locator("#site-settings");
    expect(await form.getByLabel("Links checked per comment", { exact: true }).getAttribute("id")).toBe(
      PER_COMMENT.slice(1),
    );
    expect(await form.getByLabel("Links checked per poster per hour").getAttribute("id")).toBe(PER_POSTER.slice(1));
    expect(await page.locator(PER_COMMENT).getAttribute("max")).toBe("200");

    await page.fill(PER_COMMENT, "12");
    await page.fill(PER_POSTER, "60");
    await form.getByRole("button", { name: "Save site settings" }).click();
    await form.locator(".form-status").filter({ hasText: "Saved." }).waitFor();
    const stored = (await c.t.deps.db.site.findUniqueOrThrow({ where: { id: "default" } })).settings;
    expect(stored).toMatchObject({ linkCheckMaxPerComment: 12, linkCheckMaxPerPosterPerHour: 60 });

    await shoot(page, "desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shoot(page, "phone");
    expect(errors).toEqual([]);
    await page.close();
  });

  async function shoot(page: Page, size: string) {
    await page.locator(PER_COMMENT).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 120));
    await shootLightAndDark(page, `console-link-caps-${size}`);
  }
});
