// Parley's own pages (articles, comment forms) in real Chromium: the real app on a fresh test database
// behind a real HTTP server on a free port, and Chromium.
import type { Browser } from "playwright-core";
import type { SiteSettings } from "../../src/config/site-settings.ts";
import { launchChromium } from "./browser.ts";
import { listen } from "./listen.ts";
import { createTestApp, type TestApp } from "./test-app.ts";

export type PagesInChromium = { t: TestApp; url: string; browser: Browser; close(): Promise<void> };

/** `siteSettings`: the default site's settings (the suite's moderation mode and flood limits). */
export async function startPagesInChromium(siteSettings: Partial<SiteSettings>): Promise<PagesInChromium> {
  const t = await createTestApp("sqlite", {}, {}, { siteSettings });
  const server = await listen(t.app);
  const browser = await launchChromium();
  return {
    t,
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await t.close();
    },
  };
}
