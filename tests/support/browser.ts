// Real Chromium for page tests (Debian's package, driven by playwright-core; never a downloaded browser).
// Where it is missing the suites that need it are skipped with a visible message, except on CI.
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function chromiumAvailable(): boolean {
  const ok = fs.existsSync(CHROMIUM_PATH);
  if (!ok && process.env.CI === "true") throw new Error(`Chromium is required on CI but missing at ${CHROMIUM_PATH}`);
  if (!ok)
    console.warn(
      `\n⚠️  Chromium not found at ${CHROMIUM_PATH}: browser tests are SKIPPED (apt-get install -y chromium).\n`,
    );
  return ok;
}

/** `extraArgs`: e.g. BLOCK_THIRD_PARTY_COOKIES for the widget's cross-site sign-in. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

/** Chromium's switch that blocks third-party cookies (as browsers now do by default, or by setting). */
export const BLOCK_THIRD_PARTY_COOKIES = "--test-third-party-cookie-phaseout";
