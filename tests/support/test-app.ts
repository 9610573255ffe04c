// Builds the real app (createApp) on a real test database, with quiet logs and the demo articles.
import pino from "pino";
import { createApp } from "../../src/app.ts";
import { loadConfig, type Config } from "../../src/config/config.ts";
import { type Deps } from "../../src/deps.ts";
import type { SiteSettings } from "../../src/config/site-settings.ts";
import { DEFAULT_SITE_ID } from "../../src/sites/ensure-default-site.ts";
import { importSeedArticles } from "../../src/sites/import-seed-articles.ts";
import { createTestDatabase, type TestDatabase } from "./test-db.ts";
import { closeDeps, createDeps } from "../../src/compose.ts";

export type TestApp = { deps: Deps; app: ReturnType<typeof createApp>; db: TestDatabase; close(): Promise<void> };

/**
 * The default site's settings in tests unless a suite asks otherwise: publish at once, no flood or
 * duplicate limits, so suites about other features can post freely from one address. Suites about
 * moderation pass `{ siteSettings: {} }` for the real defaults, or the settings they test.
 */
export const RELAXED_SITE_SETTINGS: Partial<SiteSettings> = {
  mode: "post-moderate",
  floodSeconds: 0,
  duplicateWindowMinutes: 0,
};

export async function createTestApp(
  provider: "sqlite" | "postgres" = "sqlite",
  env: Record<string, string> = {},
  /** `linkFetcher`: a fetcher with a fake DNS lookup; otherwise link checks are off, so no test reaches the internet. */
  overrides: Parameters<typeof createDeps>[1] = {},
  /** `shared`: run on a database another instance already uses (its owner drops it), as a second server would. */
  options: { siteSettings?: Partial<SiteSettings>; shared?: TestDatabase } = {},
): Promise<TestApp> {
  const { shared } = options;
  const db = shared ?? (await createTestDatabase(provider));
  // Per-IP rate limits are off unless a test sets them: every supertest request comes from one address.
  // Link checks are off unless a test injects a fetcher with a fake DNS (`linkFetcher`): no test reaches the internet.
  const config: Config = loadConfig({
    LOG_LEVEL: "silent",
    RATE_LIMIT_COMMENTS_PER_MIN: "0",
    RATE_LIMIT_REPORTS_PER_MIN: "0",
    RATE_LIMIT_PREVIEWS_PER_MIN: "0",
    RATE_LIMIT_EMBED_THREADS_PER_HOUR: "0",
    LINK_CHECK_ENABLED: "false",
    ...env,
    DATABASE_URL: db.url,
  });
  const deps = await createDeps(config, { log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }), ...overrides });
  await importSeedArticles(deps);
  if (!shared)
    await deps.db.site.update({
      where: { id: DEFAULT_SITE_ID },
      data: { settings: options.siteSettings ?? RELAXED_SITE_SETTINGS },
    });
  const app = createApp(deps);
  return {
    deps,
    app,
    db,
    async close() {
      await closeDeps(deps);
      if (!shared) await db.drop();
    },
  };
}
