// The moderation console in real Chromium, for its page tests: the live app on a fresh database with one
// admin, Chromium, desktop pages signed in through the real login form that record script errors, and
// screenshots in light and dark (to /tmp/shots).
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { createModerator } from "../../src/accounts/create-moderator.ts";
import { launchChromium } from "./browser.ts";
import { startLiveApp, type LiveApp, type LiveAppOptions } from "./realtime-app.ts";

export const CONSOLE_ADMIN = {
  email: "admin@example.org",
  name: "Console Admin",
  password: "correct horse battery staple",
  role: "admin" as const,
};

export type ConsoleInChromium = {
  t: LiveApp;
  browser: Browser;
  /** Opens the console at `hash` and signs in as the admin through the login form. */
  signIn(page: Page, hash: string): Promise<void>;
  /** A 1280×900 page on the console at `hash`, signed in as the admin, once `ready` (a selector) shows;
   * the page's script errors collect in `errors`. */
  signedInPage(hash: string, ready: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
};

export async function startConsoleInChromium(opts: LiveAppOptions = {}): Promise<ConsoleInChromium> {
  const t = await startLiveApp("sqlite", opts);
  await createModerator(t.deps, CONSOLE_ADMIN);
  const browser = await launchChromium();
  fs.mkdirSync("/tmp/shots", { recursive: true });
  async function signIn(page: Page, hash: string) {
    await page.goto(`${t.url}/moderate${hash}`);
    await page.fill("#login-email", CONSOLE_ADMIN.email);
    await page.fill("#login-password", CONSOLE_ADMIN.password);
    await page.click("#login-form button[type=submit]");
  }
  return {
    t,
    browser,
    signIn,
    async signedInPage(hash, ready) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signIn(page, hash);
      await page.locator(ready).waitFor();
      return { page, errors };
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** The page as it is on screen, light and dark, to /tmp/shots/<name>-light.png and -dark.png; light again after. */
export async function shootLightAndDark(page: Page, name: string): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `/tmp/shots/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
}
