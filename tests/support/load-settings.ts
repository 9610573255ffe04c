// The one place load tests and benchmarks make Parley accept a flood of comments from one machine:
// no per-IP rate limit, no flood or duplicate refusal, nothing held. Each comment still goes through
// the whole pipeline; it just comes from a distinct poster with a distinct body, as a crowd would.
import pino from "pino";
import { loadConfig } from "../../src/config/config.ts";
import type { SiteSettings } from "../../src/config/site-settings.ts";
import type { Db } from "../../src/store/client.ts";
import { importSeedArticles } from "../../src/sites/import-seed-articles.ts";
import { createTestDatabase, type TestDatabase } from "./test-db.ts";
import { closeDeps, createDeps } from "../../src/compose.ts";

/** Environment for servers under load: per-IP limits off (0), no hold-all, no link fetching. */
export const LOAD_TEST_ENV: Record<string, string> = {
  LINK_CHECK_ENABLED: "false",
  RATE_LIMIT_COMMENTS_PER_MIN: "0",
  RATE_LIMIT_REPORTS_PER_MIN: "0",
  HOLD_ALL_COMMENTS: "false",
};

/** Site settings that keep moderation from refusing or holding a crowd: publish at once, no flood or
 * duplicate limit. Merged into every site's settings. */
export const LOAD_SITE_SETTINGS: Partial<SiteSettings> = {
  mode: "post-moderate",
  floodSeconds: 0,
  duplicateWindowMinutes: 0,
};

export async function allowBulkPosting(db: Db): Promise<void> {
  for (const site of await db.site.findMany({ select: { id: true, settings: true } })) {
    const current =
      site.settings && typeof site.settings === "object" && !Array.isArray(site.settings) ? site.settings : {};
    await db.site.update({ where: { id: site.id }, data: { settings: { ...current, ...LOAD_SITE_SETTINGS } } });
  }
}

/** The n-th poster of a load run: a distinct name, email and body, so no per-poster rule ties them together. */
export function loadComment(run: string, n: number) {
  return {
    authorName: `Load ${run} ${n}`,
    authorEmail: `load-${run}-${n}@example.org`,
    // No links: a load run must never make the citation checker fetch anything.
    body: `Comment ${n} of load run ${run}: a *short* remark, **bold** in places.`,
  };
}

/** A fresh, migrated database with the demo articles and load settings, for a server in a child process. */
export async function prepareLoadDatabase(
  provider: "sqlite" | "postgres",
): Promise<{ db: TestDatabase; threadId: string }> {
  const db = await createTestDatabase(provider);
  const deps = await createDeps(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: "silent" }), {
    log: pino({ level: "silent" }),
  });
  try {
    await importSeedArticles(deps);
    await allowBulkPosting(deps.db);
    const thread = await deps.db.thread.findFirstOrThrow({ where: { publishedCount: 0 } });
    return { db, threadId: thread.id };
  } finally {
    await closeDeps(deps);
  }
}
