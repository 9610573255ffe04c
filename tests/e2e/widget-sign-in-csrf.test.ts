// Login CSRF against the widget, in real Chromium (host page on another site than Parley): a crafted
// link to a page with the widget, carrying another reader's widget token in its fragment (the shape a
// mailed sign-in link brings the reader back with), must not sign the visitor in as that reader: the
// widget takes a token only with a nonce it made itself when it asked for the link (or opened the
// popup). Failed before the fix: the visitor was signed in as the attacker ("You are commenting as …").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import { startCrossSiteWidget, type CrossSiteWidget } from "../support/cross-site-widget.ts";
import { directReaderSession } from "../support/reader-sign-in.ts";

describe.skipIf(!chromiumAvailable())("a crafted sign-in link for the widget, in Chromium", () => {
  let w: CrossSiteWidget;

  beforeAll(async () => {
    w = await startCrossSiteWidget({ thread: "crafted-link", title: "Crafted link" });
  });
  afterAll(() => w?.close());

  it.each([
    ["the token alone", (token: string) => token],
    ["the token with the attacker's own nonce", (token: string) => `${token}.attackers-own-nonce-0123456789`],
  ])("%s in the fragment signs nobody in; the token leaves the address bar", async (_what, fragment) => {
    // The attacker's own widget token (as a mailed link would hand it over after they signed in).
    const attacker = await directReaderSession(w.t, { siteId: w.siteId, subject: `mallory-${Date.now()}` });
    const { context, page, problems } = await w.newPage();
    await page.goto(`${w.hostUrl}/post#parley-sign-in=${fragment(attacker.token)}`);
    const widget = page.locator(".parley-embed");
    await widget.getByText("This sign-in link was not asked for in this browser").waitFor();
    const form = widget.locator('form[aria-label="Leave a comment"]');
    await form.getByRole("textbox", { name: "Name", exact: true }).waitFor();
    expect(await form.locator(".signed-in-as").count()).toBe(0);
    expect(page.url()).not.toContain("parley-sign-in");
    const kept = await page.evaluate((id) => localStorage.getItem(`parley:signIn:${id}`), w.siteId);
    expect(kept).toBeNull();
    await page.reload();
    await form.getByRole("textbox", { name: "Name", exact: true }).waitFor();
    expect(await form.locator(".signed-in-as").count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
