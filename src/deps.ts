// Everything a use case may need, passed as one object (STYLE.md §2). main.ts builds the real one;
// tests build their own with a test database, a fixed clock or a fake link checker.
import pino, { type Logger } from "pino";
import type { Config } from "./config/config.ts";
import { createDb, providerOf, type Db, type DbProvider } from "./db/client.ts";
import { applyMigrations } from "./db/migrations.ts";
import { createPublisher, type Publisher } from "./realtime/publisher.ts";

export type Clock = { now(): Date };

export type Deps = {
  config: Config;
  db: Db;
  dbProvider: DbProvider;
  log: Logger;
  clock: Clock;
  publisher: Publisher;
};

export const systemClock: Clock = { now: () => new Date() };

export async function createDeps(config: Config, overrides: Partial<Deps> = {}): Promise<Deps> {
  const log = overrides.log ?? pino({ level: config.LOG_LEVEL, base: { app: "parley" } });
  const applied = await applyMigrations(config.DATABASE_URL);
  if (applied.length) log.info({ applied }, "database migrations applied");
  const db = overrides.db ?? (await createDb(config.DATABASE_URL));
  const deps: Deps = {
    config,
    db,
    dbProvider: providerOf(config.DATABASE_URL),
    log,
    clock: overrides.clock ?? systemClock,
    publisher: null as unknown as Publisher, // set below: the publisher reads through the finished deps
    ...overrides,
  };
  deps.publisher = overrides.publisher ?? createPublisher(deps);
  return deps;
}

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.publisher.close();
  await deps.db.$disconnect();
}
