// The console's Held queue on a 390 px phone: a held comment whose reasons and links carry a long URL
// wraps inside its card; nothing makes the page scroll sideways (it was 516 px wide).
import type { Browser } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModerator } from "../../src/accounts/create-moderator.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";

const MOD = {
  email: "phone@example.org",
  name: "Pho Ne",
  password: "a long enough passphrase",
  role: "admin" as const,
};
const LONG_URL = `https://tracking.example.com/r/${"a1b2c3d4e5".repeat(12)}?utm_source=${"x".repeat(60)}`;

describe.skipIf(!chromiumAvailable())("console on a phone", () => {
  let t: LiveApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startLiveApp("sqlite", { env: { TRUST_PROXY_HOPS: "1" }, siteSettings: {} });
    await createModerator(t.deps, MOD);
    browser = await launchChromium();
    const thread = await t.deps.db.thread.findFirstOrThrow();
    const res = await request(t.app)
      .post(`/api/threads/${thread.id}/comments`)
      .set("X-Forwarded-For", "10.77.0.1")
      .send({ authorName: "Linker", authorEmail: "linker@example.org", body: `Look at ${LONG_URL} please.` })
      .expect((r) => expect(r.status).toBeLessThan(300));
    // Held with the reason a link policy gives, naming the whole address.
    await t.deps.db.comment.update({
      where: { id: res.body.comment.id },
      data: { status: "held", flags: [{ code: "suspicious-link", detail: LONG_URL }] },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const scheme of ["light", "dark"] as const) {
    it(`fits the Held queue into 390 px (${scheme})`, async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: scheme });
      await page.goto(`${t.url}/moderate#/queue/held`);
      await page.fill("#login-email", MOD.email);
      await page.fill("#login-password", MOD.password);
      await page.click("#login-form button[type=submit]");
      await page.locator(".card-reasons li").first().waitFor();
      expect(await page.locator(".card-reasons li").first().textContent()).toContain(LONG_URL);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page
        .locator(".card")
        .first()
        .screenshot({ path: `/tmp/parley-console-held-390-${scheme}.png` });
      await page.close();
    });
  }
});
