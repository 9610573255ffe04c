// The moderator console (/moderate) in real Chromium against the real backend: sign-in and its
// errors, the queue with reasons, deciding by keyboard, by click and in bulk, settings, audit log.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModerator } from "../../src/services/auth/create-moderator.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { listen } from "../support/listen.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const ADMIN = { email: "ada@example.org", name: "Ada Admin", password: "correct horse battery staple", role: "admin" as const };
const MOD = { email: "mo@example.org", name: "Mo Moderator", password: "another long passphrase", role: "moderator" as const };

describe.skipIf(!chromiumAvailable())("moderation console in Chromium", () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp("sqlite");
    await createModerator(t.deps, ADMIN);
    await createModerator(t.deps, MOD);
    server = await listen(t.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  async function openConsole(hash = ""): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/moderate${hash}`);
    return { page, errors };
  }

  async function signIn(page: Page, who: { email: string; password: string }) {
    await page.locator("#login-view").waitFor();
    await page.fill("#login-email", who.email);
    await page.fill("#login-password", who.password);
    await page.click("#login-form button[type=submit]");
    await page.locator("#app-view").waitFor();
  }

  it("signs in, says why a sign-in failed, and signs out", async () => {
    const { page, errors } = await openConsole();
    await page.locator("#login-view").waitFor();
    expect(await page.locator("#app-view").isHidden()).toBe(true);

    await page.fill("#login-email", ADMIN.email);
    await page.fill("#login-password", "not the password");
    await page.click("#login-form button[type=submit]");
    await page.locator("#login-error").waitFor();
    await expect(page.locator("#login-error").textContent()).resolves.toBe("That email and password do not match an account.");

    await signIn(page, ADMIN);
    await expect(page.locator("#me-name").textContent()).resolves.toBe("Ada Admin");
    expect(await page.locator(".console-nav a[data-view=settings]").isVisible()).toBe(true);

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

    // Five failures for one email, then the limiter answers 429 with Retry-After.
    for (let i = 0; i < 6; i++) {
      await page.fill("#login-email", MOD.email);
      await page.fill("#login-password", `wrong ${i}`);
      await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/auth/login")), page.click("#login-form button[type=submit]")]);
    }
    await page.waitForFunction(() => document.getElementById("login-error")?.textContent?.startsWith("Too many"));
    await expect(page.locator("#login-error").textContent()).resolves.toMatch(/^Too many failed sign-ins; try again later\. You can try again in 1[45] minutes\.$/);
    await page.close();
  });
});
