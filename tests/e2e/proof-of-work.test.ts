// Proof of work on the article page in real Chromium: the challenge is solved in a Web Worker while
// the reader types, the post carries the solution and is accepted, and pressing Post waits no longer
// than on a site without proof of work. The wait is measured from the click to the POST leaving the
// page (the fetch's resource-timing start), alternating the setting in one run; the figures are
// printed (a benchmark, not a timed assertion). The embedded widget, on another origin, likewise.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWidget } from "../../scripts/build-widget.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { serveHostPage } from "../support/host-page.ts";
import { listen } from "../support/listen.ts";
import { startPagesInChromium, type PagesInChromium } from "../support/pages-in-chromium.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";
import { registerTestSite } from "../support/sites.ts";
import { RELAXED_SITE_SETTINGS } from "../support/test-app.ts";

const ARTICLE = "/articles/israel-secret-service-pressure-on-kaspersky";
const SETTINGS = { ...RELAXED_SITE_SETTINGS, floodPerAddress: 100 };

describe.skipIf(!chromiumAvailable())("proof of work on the article page in Chromium", () => {
  let p: PagesInChromium;
  let n = 0;

  beforeAll(async () => {
    await buildWidget();
    p = await startPagesInChromium(SETTINGS);
  });
  afterAll(() => p?.close());

  async function setProofOfWork(on: boolean) {
    await p.t.deps.db.site.update({ where: { id: "default" }, data: { settings: { ...SETTINGS, proofOfWork: on } } });
    p.t.deps.threadCache.forgetThreads();
  }

  /** Types a comment as a reader does (a few seconds), presses Post; the ms until the POST leaves. */
  async function postAsReader(page: Page): Promise<{ waitMs: number; altcha: boolean; status: number }> {
    await page.goto(p.url + ARTICLE);
    await page.click(".comment-cta-link");
    await page.locator("#body").pressSequentially(`A considered comment, number ${++n}.`, { delay: 40 });
    await page.fill("#authorName", "Reader");
    await page.fill("#authorEmail", `reader${n}@example.org`);
    return timePost(page, () => {
      const t0 = performance.now();
      (document.querySelector("#commentform button.submit") as HTMLButtonElement).click();
      return t0;
    });
  }

  it("solves while the reader types; Post adds no wait at the default difficulty", async () => {
    const page = await p.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const waits: Record<"on" | "off", number[]> = { on: [], off: [] };
    for (let i = 0; i < 10; i++) {
      const on = i % 2 === 0;
      await setProofOfWork(on);
      const r = await postAsReader(page);
      expect(r.status).toBe(201);
      expect(r.altcha).toBe(on);
      waits[on ? "on" : "off"].push(r.waitMs);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `proof of work (default difficulty 50,000): click → POST sent, median ` +
        `${median(waits.on).toFixed(1)} ms with proof of work, ${median(waits.off).toFixed(1)} ms without ` +
        `(on: ${waits.on.map((w) => w.toFixed(1)).join(", ")}; off: ${waits.off.map((w) => w.toFixed(1)).join(", ")})`,
    );
    expect(errors).toEqual([]);
  }, 120_000);
});

// The embedded widget on another origin: the same module solves in a blob: worker (the host's CSP
// allows `worker-src blob:`), or on the main thread where a strict CSP forbids it; posts are accepted.
describe.skipIf(!chromiumAvailable())("proof of work in the embedded widget in Chromium", () => {
  let parley: LiveApp;
  let host: Awaited<ReturnType<typeof listen>>;
  let strictHost: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let siteId = "";
  let n = 0;

  beforeAll(async () => {
    await buildWidget();
    parley = await startLiveApp("sqlite");
    const hostPage = (csp: string[]) =>
      serveHostPage({
        parleyUrl: parley.url,
        get siteId() {
          return siteId;
        },
        thread: "pow-post",
        csp,
      });
    host = await hostPage(["worker-src blob:"]);
    strictHost = await hostPage([]);
    siteId = (await registerTestSite(parley, [host.url, strictHost.url], { ...SETTINGS, proofOfWork: true })).id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([host?.close(), strictHost?.close()]);
    await parley?.close();
  });

  async function setProofOfWork(on: boolean) {
    await parley.deps.db.site.update({ where: { id: siteId }, data: { settings: { ...SETTINGS, proofOfWork: on } } });
    parley.deps.threadCache.forgetThreads();
  }

  /** Types into the widget as a reader does, presses Post; the ms until the POST leaves the page. */
  async function postInWidget(page: Page, url: string) {
    await page.goto(url);
    const form = page.locator('.parley-embed form[aria-label="Leave a comment"]');
    await form
      .getByRole("textbox", { name: "Comment", exact: true })
      .pressSequentially(`An embedded comment, number ${++n}.`, { delay: 40 });
    await form.getByRole("textbox", { name: "Name", exact: true }).fill("Embedded Reader");
    await form.getByRole("textbox", { name: "Email", exact: true }).fill(`embedded${n}@example.org`);
    return timePost(page, () => {
      const t0 = performance.now();
      const root = document.querySelector(".parley-embed")!.shadowRoot!;
      root.querySelector<HTMLButtonElement>('form[aria-label="Leave a comment"] button[type=submit]')!.click();
      return t0;
    });
  }

  it("solves in a blob: worker while the reader types; Post adds no wait at the default difficulty", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const waits: Record<"on" | "off", number[]> = { on: [], off: [] };
    const workers: string[] = [];
    page.on("worker", (w) => workers.push(w.url()));
    for (let i = 0; i < 10; i++) {
      const on = i % 2 === 0;
      await setProofOfWork(on);
      const r = await postInWidget(page, `${host.url}/post`);
      expect(r.status).toBe(201);
      expect(r.altcha).toBe(on);
      waits[on ? "on" : "off"].push(r.waitMs);
    }
    expect(workers.length).toBe(5); // one blob: worker per post with proof of work, none without
    expect(workers.every((u) => u.startsWith("blob:"))).toBe(true);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `widget proof of work (default difficulty 50,000): click → POST sent, median ` +
        `${median(waits.on).toFixed(1)} ms with proof of work, ${median(waits.off).toFixed(1)} ms without ` +
        `(on: ${waits.on.map((w) => w.toFixed(1)).join(", ")}; off: ${waits.off.map((w) => w.toFixed(1)).join(", ")})`,
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("solves on the main thread where the host page's CSP forbids blob: workers", async () => {
    await setProofOfWork(true);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const r = await postInWidget(page, `${strictHost.url}/post`);
    expect(r.status).toBe(201);
    expect(r.altcha).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

/**
 * Presses Post (`clickPost` runs in the page: it clicks and returns performance.now() from just before)
 * and measures in the page's own clock how long until the POST left, whether it carried a proof of
 * work, and the answer's status.
 */
async function timePost(
  page: Page,
  clickPost: () => number,
): Promise<{ waitMs: number; altcha: boolean; status: number }> {
  const isPost = (r: { method(): string; url(): string }) => r.method() === "POST" && r.url().endsWith("/comments");
  const sent = page.waitForRequest(isPost);
  const answered = page.waitForResponse((r) => isPost(r.request()));
  const clickedAt = await page.evaluate(clickPost);
  const request = await sent;
  const response = await answered;
  // The fetch's timing entry appears once it completes.
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/comments")));
  const sentAt = await page.evaluate(() => {
    const entries = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    return entries.filter((e) => e.name.endsWith("/comments")).at(-1)?.startTime ?? NaN;
  });
  return {
    waitMs: sentAt - clickedAt,
    altcha: typeof JSON.parse(request.postData() ?? "{}").altcha === "string",
    status: response.status(),
  };
}
