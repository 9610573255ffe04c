// Login CSRF against the widget, in real Chromium (host page on another site than Parley): a crafted
// link to a page with the widget, carrying another reader's widget token in its fragment (the shape a
// mailed sign-in link brings the reader back with), must not sign the visitor in as that reader: the
// widget takes a token only with a nonce it made itself when it asked for the link (or opened the
// popup). Failed before the fix: the visitor was signed in as the attacker ("You are commenting as …").
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWidget } from "../../scripts/build-widget.ts";
import { BLOCK_THIRD_PARTY_COOKIES, chromiumAvailable, launchChromium } from "../support/browser.ts";
import { serveHostPage } from "../support/host-page.ts";
import { listen } from "../support/listen.ts";
import { directReaderSession } from "../support/reader-sign-in.ts";
import { registerTestSite } from "../support/sites.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

type Server = Awaited<ReturnType<typeof listen>>;

describe.skipIf(!chromiumAvailable())("a crafted sign-in link for the widget, in Chromium", () => {
  let t: TestApp;
  let app: TestApp["app"] | undefined;
  let parley: Server;
  let host: Server;
  let hostUrl: string;
  let browser: Browser;
  const site = { id: "" };

  beforeAll(async () => {
    await buildWidget();
    parley = await listen((req, res) => app!(req, res));
    t = await createTestApp("sqlite", { PUBLIC_URL: parley.url });
    app = t.app;
    host = await serveHostPage({
      parleyUrl: parley.url,
      get siteId() {
        return site.id;
      },
      thread: "crafted-link",
      title: "Crafted link",
    });
    hostUrl = host.url.replace("127.0.0.1", "localhost"); // another site than Parley's 127.0.0.1
    site.id = (await registerTestSite(t, [hostUrl])).id;
    browser = await launchChromium([BLOCK_THIRD_PARTY_COOKIES]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await parley?.close();
    await t?.close();
  });

  it.each([
    ["the token alone", (token: string) => token],
    ["the token with the attacker's own nonce", (token: string) => `${token}.attackers-own-nonce-0123456789`],
  ])("%s in the fragment signs nobody in; the token leaves the address bar", async (_what, fragment) => {
    // The attacker's own widget token (as a mailed link would hand it over after they signed in).
    const attacker = await directReaderSession(t, { siteId: site.id, subject: `mallory-${Date.now()}` });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${hostUrl}/post#parley-sign-in=${fragment(attacker.token)}`);
    const widget = page.locator(".parley-embed");
    await widget.getByText("This sign-in link was not asked for in this browser").waitFor();
    const form = widget.locator('form[aria-label="Leave a comment"]');
    await form.getByRole("textbox", { name: "Name", exact: true }).waitFor();
    expect(await form.locator(".signed-in-as").count()).toBe(0);
    expect(page.url()).not.toContain("parley-sign-in");
    const kept = await page.evaluate((id) => localStorage.getItem(`parley:signIn:${id}`), site.id);
    expect(kept).toBeNull();
    await page.reload();
    await form.getByRole("textbox", { name: "Name", exact: true }).waitFor();
    expect(await form.locator(".signed-in-as").count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
