// The widget embedded on another site than Parley, for the cross-site sign-in suites in real Chromium:
// Parley on http://127.0.0.1:<port> with PUBLIC_URL its own address (sign-in links and redirects come
// back to it), the host page on http://localhost:<port> (another site) with its embedding site
// registered, and Chromium blocking third-party cookies, as browsers now do.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildWidget } from "../../scripts/build-widget.ts";
import { attachRealtime, type Realtime } from "../../src/realtime/attach-realtime.ts";
import { BLOCK_THIRD_PARTY_COOKIES, launchChromium } from "./browser.ts";
import { serveHostPage } from "./host-page.ts";
import { listen } from "./listen.ts";
import { registerTestSite } from "./sites.ts";
import { createTestApp, type TestApp } from "./test-app.ts";

export type CrossSiteWidgetOptions = {
  thread: string;
  title: string;
  /** Started once Parley's address is known, before the app: what its settings point at (an identity
   * provider, an SMTP sink), as env, and the image origins the host page must allow (avatars). */
  services?: (parleyUrl: string) => Promise<{ env: Record<string, string>; imgSrc?: string[] }>;
  /** Live updates over socket.io on Parley's server. */
  realtime?: boolean;
};

export type CrossSiteWidget = {
  t: TestApp;
  hostUrl: string;
  siteId: string;
  browser: Browser;
  /** A fresh browser context and page (15 s timeouts) that records the page's script errors in `problems`. */
  newPage(
    options?: Parameters<Browser["newContext"]>[0],
  ): Promise<{ context: BrowserContext; page: Page; problems: string[] }>;
  close(): Promise<void>;
};

export async function startCrossSiteWidget(opts: CrossSiteWidgetOptions): Promise<CrossSiteWidget> {
  await buildWidget();
  // PUBLIC_URL is the server's own address: listen first, hand the requests to the app once it is built.
  const served: { app?: TestApp["app"] } = {};
  const parley = await listen((req, res) => served.app!(req, res));
  const services = (await opts.services?.(parley.url)) ?? { env: {} };
  const t = await createTestApp("sqlite", { PUBLIC_URL: parley.url, ...services.env });
  served.app = t.app;
  const realtime: Realtime | undefined = opts.realtime ? await attachRealtime(parley.server, t.deps) : undefined;
  const site = { id: "" };
  const host = await serveHostPage({
    parleyUrl: parley.url,
    get siteId() {
      return site.id;
    },
    thread: opts.thread,
    title: opts.title,
    imgSrc: services.imgSrc,
  });
  const hostUrl = host.url.replace("127.0.0.1", "localhost"); // another site than Parley's 127.0.0.1
  site.id = (await registerTestSite(t, [hostUrl])).id;
  const browser = await launchChromium([BLOCK_THIRD_PARTY_COOKIES]);
  return {
    t,
    hostUrl,
    siteId: site.id,
    browser,
    async newPage(options = { viewport: { width: 1280, height: 900 } }) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(e.message));
      return { context, page, problems };
    },
    async close() {
      await browser.close();
      await host.close();
      await realtime?.close();
      await parley.close();
      await t.close();
    },
  };
}
