// Builds the real app (createApp) on a real test database, with quiet logs and the demo articles.
import pino from "pino";
import { createApp } from "../../src/app.ts";
import { loadConfig, type Config } from "../../src/config/config.ts";
import { closeDeps, createDeps, type Deps } from "../../src/deps.ts";
import { importSeedArticles } from "../../src/services/seed/import-seed-articles.ts";
import { createTestDatabase, type TestDatabase } from "./test-db.ts";

export type TestApp = { deps: Deps; app: ReturnType<typeof createApp>; db: TestDatabase; close(): Promise<void> };

/** `shared`: run on a database another instance already uses (its owner drops it), as a second server would. */
export async function createTestApp(provider: "sqlite" | "postgres" = "sqlite", env: Record<string, string> = {}, overrides: Partial<Deps> = {}, shared?: TestDatabase): Promise<TestApp> {
  const db = shared ?? (await createTestDatabase(provider));
  const config: Config = loadConfig({ LOG_LEVEL: "silent", ...env, DATABASE_URL: db.url });
  const deps = await createDeps(config, { log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }), ...overrides });
  await importSeedArticles(deps);
  const app = createApp(deps);
  return {
    deps, app, db,
    async close() {
      await closeDeps(deps);
      if (!shared) await db.drop();
    },
  };
}
