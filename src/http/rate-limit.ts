// Rate limits, in memory per instance. createRateLimiter is a sliding-window counter: "at most `limit`
// events per `windowMs` per key" (login failures, reader reports). rateLimitPerIp applies one to a
// group of routes, keyed by client address (per /64 for IPv6, which hands a whole prefix to one
// subscriber). With N instances behind a balancer a client gets up to N times the rate: a bound on
// abuse, not a quota. Comment flood control per poster lives in the pipeline, on the database, so it
// holds across instances.
import type { Request, RequestHandler } from "express";
import ipaddr from "ipaddr.js";
import type { Clock } from "../deps.ts";
import { AppError } from "../domain/errors.ts";

export type RateLimiter = {
  /** Seconds until the key may act again, or 0 when it is under the limit. */
  retryAfterSeconds(key: string): number;
  hit(key: string): void;
  reset(key: string): void;
};

export function createRateLimiter(
  clock: Clock,
  opts: { limit: number; windowMs: number; maxKeys?: number },
): RateLimiter {
  const hits = new Map<string, number[]>();
  const maxKeys = opts.maxKeys ?? 50_000;
  const recent = (key: string, now: number) => {
    const list = (hits.get(key) ?? []).filter((t) => t > now - opts.windowMs);
    if (list.length) hits.set(key, list);
    else hits.delete(key);
    return list;
  };
  return {
    retryAfterSeconds(key) {
      const now = clock.now().getTime();
      const list = recent(key, now);
      if (list.length < opts.limit) return 0;
      return Math.max(1, Math.ceil((list[list.length - opts.limit]! + opts.windowMs - now) / 1000));
    },
    hit(key) {
      const now = clock.now().getTime();
      if (hits.size >= maxKeys) {
        // Memory bound under a flood of distinct keys: drop the expired ones, then the oldest.
        for (const k of hits.keys()) recent(k, now);
        if (hits.size >= maxKeys) hits.delete(hits.keys().next().value!);
      }
      hits.set(key, [...recent(key, now), now]);
    },
    reset(key) {
      hits.delete(key);
    },
  };
}

/** Middleware: at most `perMinute` requests per client address per minute (0 = no limit); 429 + Retry-After beyond. */
export function rateLimitPerIp(clock: Clock, perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  const limiter = createRateLimiter(clock, { limit: perMinute, windowMs: 60_000 });
  return (req, _res, next) => {
    const key = clientKey(req.ip ?? req.socket.remoteAddress ?? "unknown");
    const retryAfterSeconds = limiter.retryAfterSeconds(key);
    if (retryAfterSeconds > 0) {
      return next(
        new AppError("RATE_LIMITED", {
          message: `Too many requests; try again in ${retryAfterSeconds} s.`,
          details: { retryAfterSeconds },
        }),
      );
    }
    limiter.hit(key);
    next();
  };
}

/** A client's allowance for something only some requests spend (creating a thread): check before, spend after. */
export type Quota = { check(): void; spend(): void };
const UNLIMITED: Quota = { check() {}, spend() {} };

/** At most `limit` spends per `windowMs` per client address (0 = no limit); check() throws RATE_LIMITED with Retry-After.
 * `what` names the spends for the reader ("new discussions"): the message is shown to them as it is. */
export function quotaPerIp(clock: Clock, limit: number, windowMs: number, what: string): (req: Request) => Quota {
  if (limit <= 0) return () => UNLIMITED;
  const limiter = createRateLimiter(clock, { limit, windowMs });
  return (req) => {
    const key = clientKey(req.ip ?? req.socket.remoteAddress ?? "unknown");
    return {
      check() {
        const retryAfterSeconds = limiter.retryAfterSeconds(key);
        if (retryAfterSeconds > 0) {
          // An address may be shared (an office, a phone network): "your network", in minutes a reader can use.
          const minutes = Math.ceil(retryAfterSeconds / 60);
          const message = `Too many ${what} from your network; try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
          throw new AppError("RATE_LIMITED", { message, details: { retryAfterSeconds } });
        }
      },
      spend: () => limiter.hit(key),
    };
  };
}

function clientKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const addr = ipaddr.process(ip); // an IPv4-mapped IPv6 address counts as its IPv4 address
  if (addr.kind() === "ipv4") return addr.toString();
  return `${(addr as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((p) => p.toString(16))
    .join(":")}::/64`;
}
