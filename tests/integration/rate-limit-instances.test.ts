// Two instances behind a balancer give a client ONE allowance when REDIS_URL is set: the per-IP comment
// limit and the sign-in throttle count in Redis, whichever instance a request reaches. Same sliding
// window as in memory (tests/reliability/rate-limit.test.ts), here split across the two instances.
import crypto from "node:crypto";
import { createClient } from "redis";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/deps.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { loadComment } from "../support/load-settings.ts";
import { createModerator } from "../../src/accounts/create-moderator.ts";

const REDIS = process.env.PARLEY_TEST_REDIS;
if (!REDIS) {
  if (process.env.CI === "true") throw new Error("rate-limit-instances: Redis is required on CI");
  console.warn("\n⚠️  rate-limit-instances: Redis is not reachable; the shared-allowance test is SKIPPED.\n");
}

describe.skipIf(!REDIS)("rate limits shared by two instances through Redis", () => {
  const prefix = `parley-test-${crypto.randomBytes(4).toString("hex")}`;
  let now = new Date("2025-01-01T00:00:00Z").getTime();
  const clock: Clock = { now: () => new Date(now) };
  let a: TestApp;
  let b: TestApp;
  let threadId: string;
  let n = 0;

  beforeAll(async () => {
    const env = {
      REDIS_URL: REDIS!,
      REDIS_CHANNEL_PREFIX: prefix,
      RATE_LIMIT_COMMENTS_PER_MIN: "3",
      TRUST_PROXY_HOPS: "1", // each test speaks for its own client address
    };
    a = await createTestApp("sqlite", env, { clock });
    b = await createTestApp("sqlite", env, { clock }, { shared: a.db });
    threadId = (await request(a.app).get("/api/articles")).body[0].threadId;
    await createModerator(a.deps, {
      email: "mo@example.org",
      name: "Mo",
      role: "moderator",
      password: "a-long-password-1",
    });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    const redis = createClient({ url: REDIS! });
    await redis.connect();
    for (const key of await redis.keys(`${prefix}:*`)) await redis.del(key);
    await redis.close();
  });

  const post = (t: TestApp, ip: string) =>
    request(t.app).post(`/api/threads/${threadId}/comments`).set("X-Forwarded-For", ip).send(loadComment("rli", n++));

  it("counts comment posts from one address once, across both instances", async () => {
    await post(a, "203.0.113.7").expect(201);
    now += 10_000;
    await post(b, "203.0.113.7").expect(201);
    await post(a, "203.0.113.7").expect(201);
    const refusedByB = await post(b, "203.0.113.7").expect(429);
    expect(refusedByB.headers["retry-after"]).toBe("50"); // the first post, on A, leaves the window in 50 s
    await post(a, "203.0.113.7").expect(429);
    await post(b, "203.0.113.8").expect(201); // another address has its own allowance
    now += 50_000;
    await post(b, "203.0.113.7").expect(201); // the window moved on for both instances alike
  });

  it("throttles failed sign-ins across both instances", async () => {
    const login = (t: TestApp, password: string) =>
      request(t.app)
        .post("/api/auth/login")
        .set("X-Forwarded-For", "198.51.100.9")
        .send({ email: "mo@example.org", password });
    for (const t of [a, b, a, b, a]) await login(t, "wrong-password").expect(401);
    const refused = await login(b, "a-long-password-1").expect(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    await login(a, "a-long-password-1").expect(429);
  });
});
