// The moderation dashboard in real Chromium on seeded data (bench/seed-dashboard.ts, 3,000 comments):
// reached from the console's navigation, every chart drawn, nothing wider than the screen on a phone or
// a desktop, in light and dark. Screenshots go to $DASHBOARD_SHOTS (e.g. /tmp/shots) when it is set.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDashboard } from "../../bench/seed-dashboard.ts";
import { createModerator } from "../../src/accounts/create-moderator.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";

const MOD = {
  email: "dana@example.org",
  name: "Dana",
  password: "correct horse battery staple",
  role: "moderator" as const,
};
const SHOTS = process.env.DASHBOARD_SHOTS;

describe.skipIf(!chromiumAvailable())("the moderation dashboard in Chromium", () => {
  let t: LiveApp;
  let browser: Browser;
  let cookie: { name: string; value: string; url: string };

  beforeAll(async () => {
    t = await startLiveApp("sqlite");
    await createModerator(t.deps, MOD);
    await seedDashboard(t.deps, { comments: 3000, now: new Date() });
    browser = await launchChromium();
    // Sign in through the console once; every view below reuses the session cookie.
    const page = await browser.newPage();
    await page.goto(`${t.url}/moderate`);
    await page.fill("#login-email", MOD.email);
    await page.fill("#login-password", MOD.password);
    await page.click("#login-form button[type=submit]");
    await page.getByRole("link", { name: "Dashboard" }).click();
    await page.waitForURL(/\/moderate\/dashboard$/);
    const session = (await page.context().cookies()).find((c) => c.name === "parley_session")!;
    cookie = { name: session.name, value: session.value, url: t.url };
    await page.close();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const [device, width, height] of [
    ["desktop", 1280, 900],
    ["phone", 390, 844],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      it(`draws every chart within a ${device}'s width, ${scheme}`, async () => {
        const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
        await context.addCookies([cookie]);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
        await page.goto(`${t.url}/moderate/dashboard?days=30`);
        await expect(page.locator("svg.chart").count()).resolves.toBe(6);
        await expect(page.locator("svg.chart rect[class^='s-']").count()).resolves.toBeGreaterThan(50);
        // Nothing sticks out sideways.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        // The bars take the theme's colours: published is green in both schemes, and differs between them.
        const fill = await page
          .locator("svg.chart rect.s-published")
          .first()
          .evaluate((r) => getComputedStyle(r).fill);
        expect(fill).toBe(scheme === "light" ? "rgb(47, 125, 79)" : "rgb(74, 222, 128)");
        if (SHOTS) {
          await page.screenshot({ path: `${SHOTS}/dashboard-${device}-${scheme}.png`, fullPage: true });
          await page
            .locator(".dash-card")
            .nth(1)
            .screenshot({ path: `${SHOTS}/dashboard-${device}-${scheme}-card.png` });
        }
        expect(errors).toEqual([]);
        await context.close();
      }, 60_000);

      it(`speaks German on a ${device}, ${scheme}, and every table of figures opens within the width`, async () => {
        const context = await browser.newContext({
          viewport: { width, height },
          colorScheme: scheme,
          locale: "de-DE", // Chromium sends Accept-Language: de-DE
        });
        await context.addCookies([cookie]);
        const page = await context.newPage();
        await page.goto(`${t.url}/moderate/dashboard?days=30`);
        await page.locator("h2", { hasText: "Übersicht" }).waitFor();
        await page.locator("h3", { hasText: "Kommentare pro Tag" }).waitFor();
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/dashboard-de-${device}-${scheme}-top.png` });
        const tables = page.locator("details.dash-table");
        await expect(tables.count()).resolves.toBe(6);
        for (let i = 0; i < 6; i++) {
          await tables.nth(i).locator("summary", { hasText: "Die Zahlen" }).click();
          await tables.nth(i).locator("table").waitFor();
        }
        // The 30-day table (a day and five outcomes) scrolls inside its card: the page stays the screen's width.
        const pageWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
        expect(pageWidth).toBeLessThanOrEqual(width);
        if (SHOTS) {
          await page.screenshot({ path: `${SHOTS}/dashboard-de-${device}-${scheme}.png`, fullPage: true });
          await tables.first().screenshot({ path: `${SHOTS}/dashboard-de-${device}-${scheme}-figures.png` });
        }
        await context.close();
      }, 60_000);
    }
  }
});
