// The composition root's builder: the real Deps from a config (main.ts, scripts, benchmarks and the
// tests' test-app use it). Migrations run first; then the database, the thread cache (loading through
// comments/load-thread.ts), the publisher, the link checker (told what to do with a verdict:
// comments/apply-link-verdict.ts) and the mailer. `overrides` replaces any part (tests: a test logger,
// a fake clock, a fetcher with a fake DNS).
import pino from "pino";
import { createLinkFetcher } from "./citations/fetch-link.ts";
import type { LinkFetcher } from "./citations/link-check-types.ts";
import { createLinkChecker } from "./citations/link-checker.ts";
import { applyLinkVerdict } from "./comments/apply-link-verdict.ts";
import { loadThread, threadVersion } from "./comments/load-thread.ts";
import { createThreadCache } from "./comments/thread-cache.ts";
import type { Config } from "./config/config.ts";
import type { Clock, Deps, LinkChecker, Mailer, Publisher } from "./deps.ts";
import { createIdentityClient } from "./identity/identity-client.ts";
import { configuredProviders } from "./identity/providers.ts";
import { mailJobs } from "./mail/mail-jobs.ts";
import { createMailer } from "./mail/mail-worker.ts";
import { createPublisher } from "./realtime/publisher.ts";
import { createRateLimits } from "./http/rate-limit.ts";
import { createSpamModels } from "./spam/spam-models.ts";
import { createDb, disconnectDb, providerOf } from "./store/client.ts";
import { applyMigrations } from "./store/migrations.ts";
import { hashUnhashedBodies } from "./store/body-hashes.ts";

export const systemClock: Clock = { now: () => new Date() };

/** `linkFetcher`: tests inject one with a fake DNS lookup; it turns the checker on whatever the config says. */
export async function createDeps(
  config: Config,
  overrides: Partial<Deps> & { linkFetcher?: LinkFetcher } = {},
): Promise<Deps> {
  const log = overrides.log ?? pino({ level: config.LOG_LEVEL, base: { app: "parley" } });
  const applied = await applyMigrations(config.DATABASE_URL);
  if (applied.length) log.info({ applied }, "database migrations applied");
  const db =
    overrides.db ??
    (await createDb(config.DATABASE_URL, {
      onPoolError: (err) => log.warn({ err }, "database: an idle pooled connection failed (the pool replaces it)"),
    }));
  const hashed = await hashUnhashedBodies(db); // the duplicate rule's hashes for rows older than the column
  if (hashed) log.info({ hashed }, "comment body hashes filled in");
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
      version: (threadId) => threadVersion(deps, threadId),
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
  deps.publisher = overrides.publisher ?? createPublisher(deps);
  const fetcher =
    linkFetcher ?? (config.LINK_CHECK_ENABLED ? createLinkFetcher(fetcherOptions(config, deps.clock)) : null);
  deps.linkChecker =
    overrides.linkChecker ??
    createLinkChecker(deps, fetcher, (commentId, opts) => applyLinkVerdict(deps, commentId, opts));
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

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.linkChecker.stop();
  await deps.mailer.stop();
  await deps.publisher.close();
  await deps.rateLimits.close();
  await disconnectDb(deps.db);
}
