// Everything a use case may need, passed as one object (STYLE.md §2). main.ts builds the real one;
// tests build their own with a test database, a fixed clock or a fake link checker.
import pino, { type Logger } from "pino";
import type { Config } from "./config/config.ts";
import { createDb, providerOf, type Db, type DbProvider } from "./store/client.ts";
import { applyMigrations } from "./store/migrations.ts";
import { createLinkFetcher } from "./citations/fetch-link.ts";
import type { LinkFetcher } from "./citations/link-check-types.ts";
import { createLinkChecker, type LinkChecker } from "./citations/link-checker.ts";
import { createPublisher, type Publisher } from "./realtime/publisher.ts";
import { createMailer, type Mailer } from "./mail/mail-worker.ts";
import { mailJobs } from "./mail/mail-jobs.ts";
import { listThreadComments } from "./comments/list-thread-comments.ts";
import { createThreadCache, invalidatingThreadCache, type ThreadCache } from "./comments/thread-cache.ts";
import { currentThreadSeq } from "./realtime/list-realtime-events.ts";
import { isThreadClosed } from "./comments/phases/thread-open.ts";
import { getThreadSettings } from "./sites/get-thread-settings.ts";
import { createSpamModels, type SpamModels } from "./spam/spam-models.ts";
import { createIdentityClient, type IdentityClient } from "./identity/identity-client.ts";
import { configuredProviders } from "./identity/providers.ts";
import { createRateLimits, type RateLimits } from "./http/rate-limit.ts";

export type Clock = { now(): Date };

export type Deps = {
  config: Config;
  db: Db;
  dbProvider: DbProvider;
  log: Logger;
  clock: Clock;
  publisher: Publisher;
  /** Public thread listings, kept for a moment and dropped on every event for the thread. */
  threadCache: ThreadCache;
  linkChecker: LinkChecker;
  /** The identity providers readers may sign in with (none unless configured). */
  identity: IdentityClient;
  /** The outbox's sender (src/mail/): use cases queue mail in their transaction, then wake() it. */
  mailer: Mailer;
  /** Each site's learned spam model, cached in memory (src/spam/spam-models.ts). */
  spamModels: SpamModels;
  /** Rate limits and throttles: in Redis when REDIS_URL is set (shared by all instances), else in memory. */
  rateLimits: RateLimits;
};

export const systemClock: Clock = { now: () => new Date() };

/** `linkFetcher`: tests inject one with a fake DNS lookup; it turns the checker on whatever the config says. */
export async function createDeps(
  config: Config,
  overrides: Partial<Deps> & { linkFetcher?: LinkFetcher } = {},
): Promise<Deps> {
  const log = overrides.log ?? pino({ level: config.LOG_LEVEL, base: { app: "parley" } });
  const applied = await applyMigrations(config.DATABASE_URL);
  if (applied.length) log.info({ applied }, "database migrations applied");
  const db = overrides.db ?? (await createDb(config.DATABASE_URL));
  const { linkFetcher, ...rest } = overrides;
  const clock = overrides.clock ?? systemClock;
  const rateLimits = overrides.rateLimits ?? (await createRateLimits(config, clock, log));
  const deps: Deps = {
    config,
    db,
    dbProvider: providerOf(config.DATABASE_URL),
    log,
    clock,
    publisher: null as unknown as Publisher, // set below: the publisher reads through the finished deps
    threadCache: createThreadCache({
      ttlMs: config.THREAD_CACHE_TTL_MS,
      load: (threadId) => loadThread(deps, threadId),
    }),
    linkChecker: null as unknown as LinkChecker, // likewise
    identity: createIdentityClient({
      specs: configuredProviders(config),
      timeoutMs: config.AUTH_PROVIDER_TIMEOUT_MS,
      allowHttp: config.AUTH_ALLOW_HTTP_ISSUER,
      now: () => deps.clock.now(),
      onError: (provider, err) => log.warn({ provider, err }, "identity provider refused or unreachable"),
    }),
    mailer: null as unknown as Mailer, // likewise
    spamModels: createSpamModels({ db, recheckMs: config.SPAM_MODEL_RECHECK_MS, log }),
    rateLimits,
    ...rest,
  };
  // Each event drops the cached thread it touches at once, before it is queued for delivery.
  deps.publisher = invalidatingThreadCache(overrides.publisher ?? createPublisher(deps), deps.threadCache);
  const fetcher =
    linkFetcher ?? (config.LINK_CHECK_ENABLED ? createLinkFetcher(fetcherOptions(config, deps.clock)) : null);
  deps.linkChecker = overrides.linkChecker ?? createLinkChecker(deps, fetcher);
  deps.mailer = overrides.mailer ?? createMailer(deps, mailJobs);
  return deps;
}

function fetcherOptions(config: Config, clock: Clock) {
  return {
    timeoutMs: config.LINK_CHECK_TIMEOUT_MS,
    concurrency: config.LINK_CHECK_CONCURRENCY,
    now: () => clock.now(),
    allowLoopback: config.LINK_CHECK_ALLOW_LOOPBACK, // test-only; the config refuses it in production
  };
}

/** A thread as readers get it: the realtime sequence first, then the comments (live clients de-duplicate),
 * and the settings that govern it (a settings change shows within the cache's TTL). `closed` in the
 * listing is what readers must see: closed by a moderator, or auto-closed by age. */
export async function loadThread(deps: Deps, threadId: string) {
  const seq = await currentThreadSeq(deps, threadId);
  const listing = await listThreadComments(deps, threadId);
  const governed = await getThreadSettings(deps, threadId);
  const closed = isThreadClosed(governed, governed.settings.autoCloseAfterDays, deps.clock.now());
  return { seq, listing: { ...listing, thread: { ...listing.thread, closed } }, governed };
}

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.linkChecker.stop();
  await deps.mailer.stop();
  await deps.publisher.close();
  await deps.rateLimits.close();
  await deps.db.$disconnect();
}
