import crypto from "node:crypto";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createRateLimiter, memoryRateLimits, redisRateLimits, type RateLimits } from "../../src/http/rate-limit.ts";
import { fakeClock } from "../support/fake-clock.ts";

const REDIS = process.env.PARLEY_TEST_REDIS;
const clock = fakeClock(new Date("2030-01-01T00:00:00Z"));
const opened: RateLimits[] = [];
const backends: [string, () => Promise<RateLimits>][] = [["memory", async () => memoryRateLimits(clock)]];
if (REDIS) {
  const prefix = `parley-test-${crypto.randomBytes(4).toString("hex")}:limit`;
  backends.push(["redis", () => redisRateLimits({ url: REDIS, prefix, clock, log: pino({ level: "silent" }) })]);
}
afterAll(async () => {
  for (const limits of opened) await limits.close();
});

describe.each(backends)("sliding-window rate limiter (%s)", (_name, open) => {
  it("allows `limit` hits per window per key and says how long to wait", async () => {
    const limits = await open();
    opened.push(limits);
    const rl = limits.limiter(`t${crypto.randomBytes(3).toString("hex")}`, { limit: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(await rl.retryAfterSeconds("a")).toBe(0);
      await rl.hit("a");
      clock.advance(10_000);
    }
    expect(await rl.retryAfterSeconds("a")).toBe(30); // the first hit leaves the window 60 s after it happened
    expect(await rl.retryAfterSeconds("b")).toBe(0);
    clock.advance(30_000);
    expect(await rl.retryAfterSeconds("a")).toBe(0);
    await rl.hit("a");
    expect(await rl.retryAfterSeconds("a")).toBe(10);
    await rl.reset("a");
    expect(await rl.retryAfterSeconds("a")).toBe(0);
    for (let i = 0; i < 3; i++) expect(await rl.take("c")).toBe(0);
    expect(await rl.take("c")).toBe(60); // refused, and not counted
    clock.advance(60_000);
    expect(await rl.take("c")).toBe(0);
  });
});

describe("in-memory rate limiter", () => {
  it("stays bounded under many distinct keys", async () => {
    const rl = createRateLimiter(clock, { limit: 1, windowMs: 60_000, maxKeys: 10 });
    for (let i = 0; i < 100; i++) await rl.hit(`k${i}`);
    expect(await rl.retryAfterSeconds("k99")).toBeGreaterThan(0);
    expect(await rl.retryAfterSeconds("k0")).toBe(0); // evicted
  });
});
