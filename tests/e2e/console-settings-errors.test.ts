// A refused settings save in real Chromium: the API's plain message sits by the field that was wrong,
// and nothing on screen still says "saved"; fixing the value saves and takes the error away.
// Screenshots (desktop 1280 and phone 390, light and dark) go to /tmp/shots/console-settings-error-*.png.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import { shootLightAndDark, startConsoleInChromium, type ConsoleInChromium } from "../support/console-in-chromium.ts";

const FIELD = "#site-firstTimeApprovedThreshold";

describe.skipIf(!chromiumAvailable())("console settings: a refused save", () => {
  let c: ConsoleInChromium;

  beforeAll(async () => {
    c = await startConsoleInChromium();
  });
  afterAll(() => c?.close());

  const stored = async () => (await c.t.deps.db.site.findUniqueOrThrow({ where: { id: "default" } })).settings;
  const toastShown = (page: Page) => page.locator("#toast.is-shown").count();

  it("shows the plain message by the field, clears the earlier 'saved', and clears the error once fixed", async () => {
    const { page, errors } = await c.signedInPage("#/settings", FIELD);
    const form = page.locator("#site-settings");
    const status = form.locator(".form-status");
    const fieldError = page.locator(`${FIELD}-error`);
    const save = () => form.getByRole("button", { name: "Save site settings" }).click();

    // A good save first: "Saved." and the toast are on screen when the bad one goes in.
    await page.fill("#site-reportThreshold", "4");
    await save();
    await status.filter({ hasText: "Saved." }).waitFor();
    await expect(toastShown(page)).resolves.toBe(1);
    const before = await stored();

    await page.fill(FIELD, "0");
    await save();
    await fieldError.filter({ hasText: "Must be at least 1." }).waitFor();
    expect(await fieldError.textContent()).toBe("Must be at least 1.");
    expect(await page.locator(FIELD).getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("site-firstTimeApprovedThreshold");
    await expect(toastShown(page)).resolves.toBe(0);
    await expect(status.textContent()).resolves.toBe("");
    await expect(page.locator("#announcer").textContent()).resolves.not.toMatch(/saved/i);
    await expect(form.locator(".form-error").isHidden()).resolves.toBe(true); // said by the field, not twice
    expect(await stored()).toEqual(before);
    await shoot(page, "desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await fieldError.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shoot(page, "phone");
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.fill(FIELD, "2");
    await save();
    await status.filter({ hasText: "Saved." }).waitFor();
    await expect(fieldError.isHidden()).resolves.toBe(true);
    expect(await page.locator(FIELD).getAttribute("aria-invalid")).toBeNull();
    await expect(toastShown(page)).resolves.toBe(1);
    expect(await stored()).toMatchObject({ firstTimeApprovedThreshold: 2, reportThreshold: 4 });
    expect(errors).toEqual([]);
    await page.close();
  });

  /** The field with its error in view, light and dark. */
  async function shoot(page: Page, size: string) {
    await page.locator(FIELD).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -120));
    await shootLightAndDark(page, `console-settings-error-${size}`);
  }
});
