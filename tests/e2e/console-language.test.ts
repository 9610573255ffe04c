// The console speaks the moderator's language (the server renders its shell from Accept-Language): German and French have
// their catalogs (src/client/i18n/console/), anything else falls back to English. Dates, numbers and
// plural forms go through Intl in that language. The German queue's screenshots (desktop + phone, light +
// dark) go to /tmp/shots/console-de-<device>-<scheme>.png; set CONSOLE_SHOTS=/tmp/shots to keep the others.
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModerator } from "../../src/accounts/create-moderator.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";

const MOD = { email: "lena@example.org", name: "Lena", password: "a long enough passphrase", role: "admin" as const };
const SHOTS = process.env.CONSOLE_SHOTS;
// Held for its citations, as citations/citation-verdict.ts stores it: English details with their codes and
// values, which the console words in its language; a code it does not know keeps the stored English.
const CITED = [
  {
    code: "citation-unresolved",
    detail: "[C] has no source",
    detailCode: "unresolved-marker",
    detailParams: { label: "C" },
  },
  {
    code: "link-unsafe",
    detail: "bit.ly is a URL shortener that hides the destination (https://bit.ly/x)",
    detailCode: "url-shortener",
    detailParams: { domain: "bit.ly", href: "https://bit.ly/x" },
  },
  {
    code: "link-broken",
    detail: "[B] https://10.0.0.1/ was not fetched (forbidden-address)",
    detailCode: "not-fetched",
    detailParams: { source: "[B] https://10.0.0.1/", error: "forbidden-address" },
  },
  { code: "links-unchecked", detail: "1 link is not checked yet", detailCode: "not-checked", detailParams: { n: 1 } },
  { code: "link-denied-domain", detail: "A reason from a newer server", detailCode: "newer-reason", detailParams: {} },
];
const DEVICES = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

describe.skipIf(!chromiumAvailable())("the console in the moderator's language", () => {
  let t: LiveApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startLiveApp("sqlite", { env: { TRUST_PROXY_HOPS: "1" }, siteSettings: {} });
    await createModerator(t.deps, MOD);
    const thread = await t.deps.db.thread.findFirstOrThrow();
    for (const [i, name] of ["Jana Leserin", "Lin Links"].entries()) {
      const res = await request(t.app)
        .post(`/api/threads/${thread.id}/comments`)
        .set("X-Forwarded-For", `10.9.0.${i + 1}`)
        .send({
          authorName: name,
          authorEmail: `reader${i}@example.org`,
          body: "Siehe https://example.org/a und https://example.org/b.",
        })
        .expect((r) => expect(r.status).toBeLessThan(300));
      await t.deps.db.comment.update({
        where: { id: res.body.comment.id },
        data: { status: "held", flags: [{ code: "too-many-links", detail: "2 links, limit 2" }, ...(i ? CITED : [])] },
      });
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(
    locale: string,
    colorScheme: "light" | "dark" = "light",
    viewport: { width: number; height: number } = DEVICES.desktop,
  ): Promise<Page> {
    const page = await browser.newPage({ locale, colorScheme, viewport });
    await page.goto(`${t.url}/moderate#/queue/held`);
    await page.fill("#login-email", MOD.email);
    await page.fill("#login-password", MOD.password);
    await page.click("#login-form button[type=submit]");
    await page.locator(".card").first().waitFor();
    return page;
  }

  it("German: the shell, the tabs, the cards, the counts and the plural forms", async () => {
    const page = await signIn("de-DE");
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("de");
    await expect(page.locator(".queue-tab[data-queue=held]").textContent()).resolves.toMatch(/^Zurückgehalten 2$/);
    await expect(page.locator("#queue-status").textContent()).resolves.toBe("2 Kommentare angezeigt.");
    const card = page.locator(".card").first();
    await expect(card.locator(".card-reasons h4").textContent()).resolves.toBe("Zurückgehalten, weil");
    await expect(card.locator(".card-reasons li").textContent()).resolves.toBe("2 Links (zurückgehalten ab 2)");
    await expect(card.locator(".link-row .link-state").first().textContent()).resolves.toBe("… Noch nicht geprüft");
    await expect(card.locator("button[data-action=approve]").textContent()).resolves.toBe("Freigebena");
    await expect(card.locator(".card-time time").textContent()).resolves.toMatch(/^vor \d+ Sekunden?$|^jetzt$/);
    await expect(page.title()).resolves.toBe("(2) Moderation · Parley");
    await page.keyboard.press("j");
    await page.keyboard.press("x");
    await expect(page.locator("#bulk-count").textContent()).resolves.toBe("1 ausgewählt:");
    for (const detail of [
      "[C] hat keine Quelle",
      "bit.ly ist ein URL-Kürzer, der das Ziel verbirgt (https://bit.ly/x)",
      "[B] https://10.0.0.1/ wurde nicht abgerufen (forbidden-address)",
      "1 Link ist noch nicht geprüft",
      "A reason from a newer server",
    ])
      await page.locator(".card-reasons li", { hasText: detail }).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-queue-de.png`, fullPage: true });
    await page.close();
  });

  it("German: the admin views' forms (settings, sites) too", async () => {
    const page = await signIn("de-DE");
    await page.goto(`${t.url}/moderate#/settings`);
    await page.locator("#site-settings").waitFor();
    await expect(page.locator("#site-settings-title").textContent()).resolves.toBe("Einstellungen der Website");
    await expect(page.locator("label[for=site-mode]").textContent()).resolves.toBe("Moderationsmodus");
    await expect(page.locator("#site-mode option[value=post-moderate]").textContent()).resolves.toBe(
      "Sofort veröffentlichen",
    );
    await expect(page.locator("#site-settings legend").first().textContent()).resolves.toBe("Moderation");
    // Every setting has its words: who may comment is a select of its three values, the spam score sits
    // with moderation, and no field shows a label made from its key.
    await page.locator("label[for=site-commenting]", { hasText: "Wer kommentieren darf" }).waitFor();
    await expect(page.locator("#site-commenting").evaluate((e) => e.tagName)).resolves.toBe("SELECT");
    await expect(page.locator("#site-commenting option[value=anonymous-held]").textContent()).resolves.toBe(
      "Alle, anonyme zurückgehalten",
    );
    await expect(page.locator("#site-spamHoldScore-hint").textContent()).resolves.toBe("0 … 1. 0 = aus.");
    const labels = await page.locator("#site-settings label").allTextContents();
    expect(labels.filter((l) => /^(Spam|Proof|Commenting|Sign in|Link checks) /.test(l))).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-settings-de.png`, fullPage: true });
    if (SHOTS)
      for (const id of ["site-spamHoldScore", "site-commenting"])
        await page
          .locator("#site-settings fieldset", { has: page.locator(`#${id}`) })
          .screenshot({ path: `${SHOTS}/console-settings-de-${id}.png` });
    await page.goto(`${t.url}/moderate#/sites`);
    await expect(page.locator("#sites-body h3").first().textContent()).resolves.toBe("Website registrieren");
    await page.close();
  });

  it("German: the queue at every size and scheme, the shell German from the first paint (screenshots)", async () => {
    fs.mkdirSync("/tmp/shots", { recursive: true });
    for (const [device, viewport] of Object.entries(DEVICES))
      for (const colorScheme of ["light", "dark"] as const) {
        const page = await browser.newPage({ locale: "de-DE", colorScheme, viewport });
        // The shell as it arrives, before its script runs: German already.
        await page.route("**/static/js/moderate*.js", (route) => route.abort());
        await page.goto(`${t.url}/moderate`);
        await expect(page.locator("#console-loading").textContent()).resolves.toBe(
          "Die Moderationskonsole wird geladen…",
        );
        await page.unroute("**/static/js/moderate*.js");
        await page.close();
        const signedIn = await signIn("de-DE", colorScheme, viewport);
        await signedIn.locator(".queue-tab[data-queue=held]", { hasText: /^Zurückgehalten 2$/ }).waitFor();
        await signedIn.screenshot({ path: `/tmp/shots/console-de-${device}-${colorScheme}.png`, fullPage: true });
        await signedIn.close();
      }
  }, 120_000);

  it("French: the same queue in French", async () => {
    const page = await signIn("fr-FR", "dark");
    await expect(page.locator(".queue-tab[data-queue=held]").textContent()).resolves.toMatch(/^Retenus 2$/);
    await expect(page.locator(".card-reasons h4").first().textContent()).resolves.toBe("Retenu parce que");
    await expect(page.locator("#queue-status").textContent()).resolves.toBe("2 commentaires affichés.");
    await page
      .locator(".card-reasons li", { hasText: "bit.ly est un raccourcisseur d’URL qui masque la destination" })
      .waitFor();
    await page.locator(".card-reasons li", { hasText: "1 lien n’est pas encore vérifié" }).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-queue-fr-dark.png`, fullPage: true });
    await page.close();
  });

  it("a language without a catalog falls back to English", async () => {
    const page = await signIn("it-IT");
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("en");
    await expect(page.locator(".card-reasons h4").first().textContent()).resolves.toBe("Held because");
    await expect(page.locator("#queue-status").textContent()).resolves.toBe("Showing 2 comments.");
    await page.locator(".card-reasons li", { hasText: "[C] has no source" }).waitFor();
    await page.close();
  });
});
