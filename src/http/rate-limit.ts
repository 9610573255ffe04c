// Rate limits and throttles: "at most `limit` events per `windowMs` per key", as a sliding window
// (login failures, reader reports, comment posts per address, new threads, confirmation mails).
// With REDIS_URL set the counters live in Redis (a sorted set of event times per key, checked and
// spent in one Lua script), so every instance behind a balancer shares one allowance; otherwise in
// this process's memory. rateLimitPerIp applies one to a group of routes, keyed by client address
// (per /64 for IPv6, which hands a whole prefix to one subscriber). Comment flood control per poster
// lives in the pipeline, on the database. A Redis that cannot answer lets the request through (logged):
// the limits bound abuse, they are not worth refusing every post for.
import type { Request, RequestHandler } from "express";
import ipaddr from "ipaddr.js";
import type { Logger } from "pino";
import { AppError } from "../domain/errors.ts";
import type { ErrorReason } from "../domain/error-reasons.ts";
import { rememberRecent } from "../domain/recent-results.ts";

type Clock = { now(): Date };
export type LimitOptions = { limit: number; windowMs: number };

export type RateLimiter = {
  /** Seconds until the key may act again, or 0 when it is under the limit. */
  retryAfterSeconds(key: string): Promise<number>;
  /** Counts one event for the key. */
  hit(key: string): Promise<void>;
  /** retryAfterSeconds, and when it is 0 also hit, in one step (no other instance in between). */
  take(key: string): Promise<number>;
  reset(key: string): Promise<void>;
};

/** Where the counters live: `limiter(name, …)` is one kind of limit, its keys kept apart by `name`. */
export type RateLimits = { limiter(name: string, opts: LimitOptions): RateLimiter; close(): Promise<void> };

export async function createRateLimits(
  config: { REDIS_URL?: string; REDIS_CHANNEL_PREFIX: string },
  clock: Clock,
  log: Logger,
): Promise<RateLimits> {
  if (!config.REDIS_URL) return memoryRateLimits(clock);
  return redisRateLimits({ url: config.REDIS_URL, prefix: `${config.REDIS_CHANNEL_PREFIX}:limit`, clock, log });
}

export function memoryRateLimits(clock: Clock): RateLimits {
  return { limiter: (_name, opts) => createRateLimiter(clock, opts), close: async () => {} };
}

/** One process's counters (tests use it directly). `maxKeys` bounds memory under a flood of distinct keys. */
export function createRateLimiter(clock: Clock, opts: LimitOptions & { maxKeys?: number }): RateLimiter {
  const hits = new Map<string, number[]>();
  const maxKeys = opts.maxKeys ?? 50_000;
  const recent = (key: string, now: number) => {
    const list = (hits.get(key) ?? []).filter((t) => t > now - opts.windowMs);
    if (list.length) hits.set(key, list);
    else hits.delete(key);
    return list;
  };
  const waitMs = (key: string, now: number) => {
    const list = recent(key, now);
    return list.length < opts.limit ? 0 : list[list.length - opts.limit]! + opts.windowMs - now;
  };
  const hit = (key: string, now: number) => {
    if (hits.size >= maxKeys) {
      // Memory bound under a flood of distinct keys: drop the expired ones, then the oldest.
      for (const k of hits.keys()) recent(k, now);
      if (hits.size >= maxKeys) hits.delete(hits.keys().next().value!);
    }
    hits.set(key, [...recent(key, now), now]);
  };
  return {
    async retryAfterSeconds(key) {
      return toSeconds(waitMs(key, clock.now().getTime()));
    },
    async hit(key) {
      hit(key, clock.now().getTime());
    },
    async take(key) {
      const now = clock.now().getTime();
      const wait = waitMs(key, now);
      if (wait <= 0) hit(key, now);
      return toSeconds(wait);
    },
    async reset(key) {
      hits.delete(key);
    },
  };
}

// KEYS[1] the counter; ARGV: now (ms), window (ms), limit, mode (check | hit | take), a unique member.
// Returns the milliseconds to wait before the key may act again (0: under the limit), as seen before any hit.
const SLIDING_WINDOW = `
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
local wait = 0
if n >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')
  wait = tonumber(oldest[2]) + window - now
end
if ARGV[4] == 'hit' or (ARGV[4] == 'take' and wait <= 0) then
  redis.call('ZADD', KEYS[1], now, ARGV[5])
  redis.call('PEXPIRE', KEYS[1], window)
end
return wait`;

export async function redisRateLimits(opts: {
  url: string;
  prefix: string;
  clock: Clock;
  log: Logger;
}): Promise<RateLimits> {
  const { createClient } = await import("redis"); // loaded only when REDIS_URL is set
  // No offline queue: while Redis is unreachable a limit answers at once (and lets the request through)
  // instead of holding every post until it is back.
  const client = createClient({ url: opts.url, disableOfflineQueue: true });
  let lastWarning = 0;
  client.on("error", (err: Error) => warn(err));
  function warn(err: unknown) {
    const now = Date.now();
    if (now - lastWarning < 10_000) return;
    lastWarning = now;
    opts.log.warn({ err }, "rate limits: Redis is not answering, requests are let through meanwhile");
  }
  await client.connect();
  let seq = 0;
  const run = async (key: string, limit: LimitOptions, mode: "check" | "hit" | "take") => {
    const now = opts.clock.now().getTime();
    const member = `${now}:${process.pid}:${seq++}:${Math.random().toString(36).slice(2, 8)}`;
    try {
      const args = [String(now), String(limit.windowMs), String(limit.limit), mode, member];
      return toSeconds(Number(await client.sendCommand(["EVAL", SLIDING_WINDOW, "1", key, ...args])));
    } catch (err) {
      warn(err);
      return 0;
    }
  };
  return {
    limiter(name, limit) {
      const keyOf = (key: string) => `${opts.prefix}:${name}:${key}`;
      return {
        retryAfterSeconds: (key) => run(keyOf(key), limit, "check"),
        hit: async (key) => void (await run(keyOf(key), limit, "hit")),
        take: (key) => run(keyOf(key), limit, "take"),
        reset: async (key) => {
          await client.del(keyOf(key)).catch(warn);
        },
      };
    },
    async close() {
      await client.close().catch(() => {});
    },
  };
}

const toSeconds = (ms: number) => (ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0);

/** Middleware: at most `perMinute` requests per client address per minute (0 = no limit); 429 + Retry-After beyond. */
export function rateLimitPerIp(limits: RateLimits, name: string, perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  const limiter = limits.limiter(name, { limit: perMinute, windowMs: 60_000 });
  return (req, _res, next) => {
    const key = clientKey(req.ip ?? req.socket.remoteAddress ?? "unknown");
    limiter.take(key).then((retryAfterSeconds) => {
      if (retryAfterSeconds <= 0) return next();
      next(
        new AppError("RATE_LIMITED", {
          reason: "rateLimitedSeconds",
          params: { seconds: retryAfterSeconds },
          details: { retryAfterSeconds },
        }),
      );
    }, next);
  };
}

/** A client's allowance for something only some requests spend (creating a thread): check before, spend after. */
export type Quota = { check(): Promise<void>; spend(): Promise<void> };
const UNLIMITED: Quota = { async check() {}, async spend() {} };

/** What a quota counts, and the reasons that say it (one minute, several): error-reasons.ts words them. */
const QUOTA_REASONS = {
  "confirmation mails": ["quotaConfirmationsMinute", "quotaConfirmations"],
  "new discussions": ["quotaThreadsMinute", "quotaThreads"],
  "password reset requests": ["quotaResetsMinute", "quotaResets"],
  "data requests": ["quotaDataRequestsMinute", "quotaDataRequests"],
  "sign-in links": ["quotaSignInLinksMinute", "quotaSignInLinks"],
} as const satisfies Record<string, readonly [ErrorReason, ErrorReason]>;

/** At most `limit` spends per `windowMs` per client address (0 = no limit); check() throws RATE_LIMITED with Retry-After.
 * `what` names the spends for the reader ("new discussions"): the message is shown to them as it is. */
export function quotaPerIp(
  limits: RateLimits,
  name: string,
  limit: number,
  windowMs: number,
  what: keyof typeof QUOTA_REASONS,
): (req: Request) => Quota {
  if (limit <= 0) return () => UNLIMITED;
  const limiter = limits.limiter(name, { limit, windowMs });
  return (req) => {
    // Worked out when first needed: most requests that carry a quota never spend from it (a post
    // without the notify boxes).
    let known: string | undefined;
    const key = () => (known ??= clientKey(req.ip ?? req.socket.remoteAddress ?? "unknown"));
    return {
      async check() {
        const retryAfterSeconds = await limiter.retryAfterSeconds(key());
        if (retryAfterSeconds > 0) {
          // An address may be shared (an office, a phone network): "your network", in minutes a reader can use.
          const minutes = Math.ceil(retryAfterSeconds / 60);
          const [one, many] = QUOTA_REASONS[what];
          throw new AppError("RATE_LIMITED", {
            reason: minutes === 1 ? one : many,
            params: { minutes },
            details: { retryAfterSeconds },
          });
        }
      },
      spend: () => limiter.hit(key()),
    };
  };
}

/** Addresses' keys worked out lately, the last 4,096 (each request of a client asks again). */
const clientKey = rememberRecent(4096, (ip: string) => ip, keyOf);

function keyOf(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const addr = ipaddr.process(ip); // an IPv4-mapped IPv6 address counts as its IPv4 address
  if (addr.kind() === "ipv4") return addr.toString();
  return `${(addr as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((p) => p.toString(16))
    .join(":")}::/64`;
}
