// A small in-memory sliding-window counter (per instance): "at most `limit` events per `windowMs`
// per key". Used for login failures and reader reports; comment flood control lives in the pipeline,
// on the database, so it holds across instances.
import type { Clock } from "../deps.ts";

export type RateLimiter = {
  /** Seconds until the key may act again, or 0 when it is under the limit. */
  retryAfterSeconds(key: string): number;
  hit(key: string): void;
  reset(key: string): void;
};

export function createRateLimiter(clock: Clock, opts: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
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
