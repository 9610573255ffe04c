// Registers an embedding site for a test, with the same relaxed moderation the default site gets in
// tests (publish at once, no flood or duplicate limits) unless the suite passes its own settings.
import type { SiteSettings } from "../../src/config/site-settings.ts";
import { createSite } from "../../src/sites/create-site.ts";
import { RELAXED_SITE_SETTINGS, type TestApp } from "./test-app.ts";

export async function registerTestSite(
  t: Pick<TestApp, "deps">,
  allowedOrigins: string[],
  settings: Partial<SiteSettings> = RELAXED_SITE_SETTINGS,
) {
  const site = await createSite(t.deps, { name: "Test site", allowedOrigins });
  await t.deps.db.site.update({ where: { id: site.id }, data: { settings } });
  return site;
}
