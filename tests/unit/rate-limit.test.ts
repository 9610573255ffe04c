import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/http/rate-limit.ts";
import { fakeClock } from "../support/fake-clock.ts";

describe("sliding-window rate limiter", () => {
  it("allows `limit` hits per window per key and says how long to wait", () => {
    const clock = fakeClock(new Date("2030-01-01T00:00:00Z"));
    const rl = createRateLimiter(clock, { limit: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(rl.retryAfterSeconds("a")).toBe(0);
      rl.hit("a");
      clock.advance(10_000);
    }
    expect(rl.retryAfterSeconds("a")).toBe(30); // the first hit leaves the window 60 s after it happened
    expect(rl.retryAfterSeconds("b")).toBe(0);
    clock.advance(30_000);
    expect(rl.retryAfterSeconds("a")).toBe(0);
    rl.hit("a");
    expect(rl.retryAfterSeconds("a")).toBe(10);
    rl.reset("a");
    expect(rl.retryAfterSeconds("a")).toBe(0);
  });

  it("stays bounded under many distinct keys", () => {
    const clock = fakeClock();
    const rl = createRateLimiter(clock, { limit: 1, windowMs: 60_000, maxKeys: 10 });
    for (let i = 0; i < 100; i++) rl.hit(`k${i}`);
    expect(rl.retryAfterSeconds("k99")).toBeGreaterThan(0);
    expect(rl.retryAfterSeconds("k0")).toBe(0); // evicted
  });
});
