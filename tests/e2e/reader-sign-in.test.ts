// Signing in to comment in real Chromium, against a real OpenID Connect provider on loopback: "or log in
// with" → the provider's own login and consent pages → back to the article with the typed text kept,
// "You are commenting as …", post (marked verified), reload (still signed in), Log out. Screenshots on
// desktop and phone, light and dark.
import type { Express } from "express";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { listen } from "../support/listen.ts";
import { passProviderPages, startOidcProvider, type TestOidcProvider } from "../support/oidc-provider.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const SLUG = "israel-secret-service-pressure-on-kaspersky";

describe.skipIf(!chromiumAvailable())("signing in to comment in Chromium", () => {
  let t: TestApp;
  let app: Express | undefined;
  let server: Awaited<ReturnType<typeof listen>>;
  let idp: TestOidcProvider;
  let browser: Browser;

  beforeAll(async () => {
    server = await listen((req, res) => app!(req, res));
    idp = await startOidcProvider({ redirectUris: [`${server.url}/auth/oidc/callback`] });
    t = await createTestApp("sqlite", { PUBLIC_URL: server.url, ...idp.env });
    app = t.app;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await idp?.close();
    await t?.close();
  });

  for (const [name, viewport, colorScheme] of [
    ["desktop-light", { width: 1280, height: 900 }, "light"],
    ["phone-dark", { width: 390, height: 844 }, "dark"],
  ] as const) {
    it(`log in with → provider → back, post verified, reload, log out (${name})`, async () => {
      const context = await browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${server.url}/articles/${SLUG}`);
      await page.locator(".sign-in-lead", { hasText: "or log in with" }).waitFor();
      await page.fill("#body", `Typed before signing in (${name}).`);
      await page.screenshot({
        path: `/tmp/identity-${name}-1-buttons.png`,
        fullPage: false,
        clip: await clip(page, "#respond"),
      });

      await page.click('.sign-in-button[data-provider="oidc"]');
      await page.waitForURL((u) => u.origin === idp.issuer);
      await page.screenshot({ path: `/tmp/identity-${name}-2-provider.png` });
      await passProviderPages(page, name.startsWith("phone") ? "pia" : "dana");
      await page.waitForURL((u) => u.href.startsWith(`${server.url}/articles/${SLUG}`));

      const who = page.locator(".signed-in-as");
      await who.waitFor();
      await expect(who.textContent()).resolves.toMatch(/You are commenting as\s+Reader (Pia|Dana)\s+\(Test ID\)/);
      expect(await page.locator("#authorName").count()).toBe(0);
      await expect(page.inputValue("#body")).resolves.toBe(`Typed before signing in (${name}).`);
      const avatar = page.locator(".reader-avatar");
      await expect(avatar.getAttribute("referrerpolicy")).resolves.toBe("no-referrer");
      await page.waitForFunction(
        () => (document.querySelector(".reader-avatar") as HTMLImageElement)?.naturalWidth > 0,
      );
      await page.screenshot({ path: `/tmp/identity-${name}-3-signed-in.png`, clip: await clip(page, "#respond") });

      await page.click("#commentform button.submit");
      // "Posting…" shows while the request is out (longer on a loaded machine): wait for its answer.
      await page.waitForFunction(() => {
        const text = document.querySelector(".form-status")?.textContent ?? "";
        return /\w/.test(text) && !/posting/i.test(text);
      });
      const status = await page.locator(".form-status").textContent();
      expect(status, errors.join("; ")).not.toMatch(/posting/i);
      const posted = page.locator("li.comment", { hasText: `Typed before signing in (${name}).` });
      await posted.locator(".comment-verified").waitFor();
      await expect(posted.locator(".comment-verified").getAttribute("title")).resolves.toBe("Signed in with Test ID");

      await page.reload();
      await page.locator(".signed-in-as").waitFor();
      await page
        .locator("li.comment", { hasText: `Typed before signing in (${name}).` })
        .locator(".comment-verified")
        .waitFor();
      await page.screenshot({ path: `/tmp/identity-${name}-4-after-reload.png`, fullPage: true });

      await page.getByRole("button", { name: "Log out" }).click();
      await page.locator("#authorName").waitFor();
      expect(await page.locator(".signed-in-as").count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

async function clip(page: Page, selector: string) {
  const box = (await page.locator(selector).boundingBox())!;
  const vp = page.viewportSize()!;
  return { x: 0, y: Math.max(0, box.y - 10), width: vp.width, height: Math.min(box.height + 20, 2000) };
}
