// The article page in German and French in real Chromium: German chosen by the browser's language
// (Accept-Language), French by the site's setting over an English browser. The page's script speaks
// the page's language too (field errors, status, reply title, report panel, the heading's plural).
// Screenshots of the comments (desktop + phone, light + dark) go to /tmp/shots/article-<lang>-<device>-<scheme>.png,
// the top of the page to article-<lang>-top.png, a refused post's form to article-de-refused-<device>-<scheme>.png.
import fs from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SITE_ID } from "../../src/sites/ensure-default-site.ts";
import { updateSiteSettings } from "../../src/sites/update-site-settings.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { startPagesInChromium, type PagesInChromium } from "../support/pages-in-chromium.ts";
import { RELAXED_SITE_SETTINGS } from "../support/test-app.ts";

const NEWS = "/articles/israel-secret-service-pressure-on-kaspersky";
const PETE = "/articles/israel-behind-discovery-of-kaspersky-spy-links";
const SHOTS = "/tmp/shots";
const DEVICES = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

describe.skipIf(!chromiumAvailable())("article page in German and French", () => {
  let p: PagesInChromium;

  beforeAll(async () => {
    p = await startPagesInChromium({ ...RELAXED_SITE_SETTINGS, floodPerAddress: 100 });
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(() => p?.close());

  async function open(locale: string, path: string, device: keyof typeof DEVICES = "desktop", dark = false) {
    const context = await p.browser.newContext({
      locale,
      viewport: DEVICES[device],
      colorScheme: dark ? "dark" : "light",
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(p.url + path);
    return { page, errors, close: () => context.close() };
  }

  async function screenshots(lang: string, locale: string) {
    for (const device of ["desktop", "phone"] as const)
      for (const dark of [false, true]) {
        const { page, close } = await open(locale, PETE, device, dark);
        if (device === "desktop" && !dark) await page.screenshot({ path: `${SHOTS}/article-${lang}-top.png` });
        await page
          .locator("#comments")
          .screenshot({ path: `${SHOTS}/article-${lang}-${device}-${dark ? "dark" : "light"}.png` });
        await close();
      }
  }

  async function postWithScript(page: Page, texts: { nameError: RegExp; posted: string; heading: RegExp }) {
    await page.fill("#body", "Mit Skript geschrieben.");
    await page.click("#commentform button[type=submit]");
    await page.locator("#authorName-error", { hasText: texts.nameError }).waitFor(); // the script's answer, in time
    await page.fill("#authorName", "Lea");
    await page.fill("#authorEmail", "lea@example.org");
    await page.click("#commentform button[type=submit]");
    await page.locator(".comment-list > li.comment").first().waitFor();
    await page.locator(".form-status", { hasText: texts.posted }).waitFor(); // "Posting…" comes first
    await page.locator("#comments-title", { hasText: texts.heading }).waitFor();
  }

  /** A refused post (no name) with the script's German field error, at each size and scheme. */
  async function refusedShots(lang: string, locale: string, nameError: RegExp) {
    for (const device of ["desktop", "phone"] as const)
      for (const dark of [false, true]) {
        const { page, close } = await open(locale, NEWS, device, dark);
        await page.fill("#body", "Ein Kommentar ohne Namen.");
        await page.click("#commentform button[type=submit]");
        await page.locator("#authorName-error", { hasText: nameError }).waitFor();
        await page
          .locator("#respond")
          .screenshot({ path: `${SHOTS}/article-${lang}-refused-${device}-${dark ? "dark" : "light"}.png` });
        await close();
      }
  }

  it("in German, from the browser's language: the page and its script", async () => {
    const { page, errors, close } = await open("de-DE", NEWS);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("de");
    await expect(page.locator("#comments-title").textContent()).resolves.toBe("Noch keine Antworten");
    await postWithScript(page, {
      nameError: /^Bitte gib deinen Namen ein\.$/,
      posted: "Veröffentlicht.",
      heading: /^Eine Antwort auf „Espionage/,
    });
    await page.locator(".comment-list .comment-reply-link").first().click();
    await expect(page.locator("#reply-title").textContent()).resolves.toContain("Antwort an Lea");
    await close();

    const pete = await open("de-DE", PETE);
    await pete.page.getByRole("button", { name: "Melden" }).first().click();
    await pete.page.getByText("Warum sollte sich die Moderation diesen Kommentar ansehen?").waitFor();
    await expect(pete.page.locator(".comment-date").first().textContent()).resolves.toMatch(/^\d+\. \w+ \d{4} um \d/);
    await pete.close();
    expect(errors).toEqual([]);
    await screenshots("de", "de-DE");
  });

  it("shows a refused post in German at every size and scheme (screenshots)", async () => {
    await refusedShots("de", "de-DE", /^Bitte gib deinen Namen ein\.$/);
  }, 90_000);

  it("in French, from the site's setting over an English browser", async () => {
    await updateSiteSettings(p.t.deps, DEFAULT_SITE_ID, { language: "fr" });
    const { page, errors, close } = await open("en-US", NEWS);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("fr");
    await expect(page.locator("#comments-title").textContent()).resolves.toMatch(/^Une réponse à «\u00a0Espionage/);
    await page.fill("#body", "Écrit avec le script.");
    // The browser asks for English; the script asks the server for the page's language.
    await page.click("#commentform button[type=submit]");
    await page.locator("#authorName-error", { hasText: /^Veuillez saisir votre nom\.$/ }).waitFor();
    await page.fill("#authorName", "Zoé");
    await page.fill("#authorEmail", "zoe@example.org");
    await page.click("#commentform button[type=submit]");
    await page.locator(".comment-list > li.comment").nth(1).waitFor();
    await expect(page.locator(".form-status").textContent()).resolves.toBe("Publié.");
    await expect(page.locator("#comments-title").textContent()).resolves.toMatch(/^2 réponses à «\u00a0Espionage/);
    expect(errors).toEqual([]);
    await close();
    await screenshots("fr", "en-US");
  });
});
