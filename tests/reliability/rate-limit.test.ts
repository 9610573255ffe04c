// Per-IP limits on the comment-write routes: N per minute, then 429 with Retry-After and nothing
// stored, other addresses unaffected, and posting allowed again as the window moves on. And the
// per-poster flood limit (a moderation phase, site setting floodSeconds) answering the same way.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/deps.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { loadComment } from "../support/load-settings.ts";

describe("per-IP rate limits", () => {
  let t: TestApp;
  let threadId: string;
  let now = new Date("2025-01-01T00:00:00Z").getTime();
  const clock: Clock = { now: () => new Date(now) };
  let n = 0;

  beforeAll(async () => {
    // One proxy hop is trusted so each test can speak for a different client address.
    t = await createTestApp("sqlite", { RATE_LIMIT_COMMENTS_PER_MIN: "3", TRUST_PROXY_HOPS: "1" }, { clock });
    threadId = (await request(t.app).get("/api/articles")).body[0].threadId;
  });
  afterAll(async () => t?.close());

  const post = (ip: string) =>
    request(t.app).post(`/api/threads/${threadId}/comments`).set("X-Forwarded-For", ip).send(loadComment("rl", n++));

  it("allows a burst of 3, then answers 429 with Retry-After and stores nothing", async () => {
    for (let i = 0; i < 3; i++) await post("203.0.113.1").expect(201);
    const before = await t.deps.db.comment.count();
    const refused = await post("203.0.113.1").expect(429).expect("Content-Type", /json/);
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    expect(Number(refused.headers["retry-after"])).toBe(60); // the oldest of the three leaves the window in 60 s
    expect(await t.deps.db.comment.count()).toBe(before);
  });

  it("limits each address on its own", async () => {
    await post("203.0.113.2").expect(201);
    await post("203.0.113.1").expect(429);
  });

  it("lets the client post again once its oldest post leaves the one-minute window", async () => {
    now += 59_000;
    const refused = await post("203.0.113.1").expect(429);
    expect(refused.headers["retry-after"]).toBe("1");
    now += 1_000; // the three refused-for posts of t0 are all out of the window now
    await post("203.0.113.1").expect(201);
  });

  it("treats an IPv6 /64 as one client", async () => {
    for (let i = 1; i <= 3; i++) await post(`2001:db8:1:2::${i}`).expect(201);
    await post("2001:db8:1:2:ffff::9").expect(429);
    await post("2001:db8:1:3::1").expect(201);
  });

  it("limits the no-JavaScript form too, with an HTML answer", async () => {
    const slug = (await request(t.app).get("/api/articles")).body[0].slug;
    const form = () =>
      request(t.app)
        .post(`/articles/${slug}/comments`)
        .set("X-Forwarded-For", "203.0.113.7")
        .set("Accept", "text/html")
        .type("form")
        .send(loadComment("rl", n++));
    for (let i = 0; i < 3; i++) await form().expect(303);
    const refused = await form().expect(429).expect("Content-Type", /html/);
    expect(refused.headers["retry-after"]).toBe("60");
  });

  it("never limits reads", async () => {
    for (let i = 0; i < 10; i++)
      await request(t.app).get(`/api/threads/${threadId}/comments`).set("X-Forwarded-For", "203.0.113.1").expect(200);
  });
});

describe("per-poster flood limit (site setting floodSeconds)", () => {
  let t: TestApp;
  let threadId: string;
  let now = new Date("2025-01-01T00:00:00Z").getTime();
  const clock: Clock = { now: () => new Date(now) };

  beforeAll(async () => {
    t = await createTestApp(
      "sqlite",
      { TRUST_PROXY_HOPS: "1" },
      { clock },
      { siteSettings: { mode: "post-moderate", floodSeconds: 15, duplicateWindowMinutes: 0 } },
    );
    threadId = (await request(t.app).get("/api/articles")).body[0].threadId;
  });
  afterAll(async () => t?.close());

  const post = (ip: string, email: string, body: string) =>
    request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .set("X-Forwarded-For", ip)
      .send({ authorName: "Flo", authorEmail: email, body });

  it("refuses an email's second comment within 15 s from any address, with 429 and Retry-After", async () => {
    await post("198.51.100.1", "flo@example.org", "first").expect(201);
    now += 5_000;
    const before = await t.deps.db.comment.count();
    const sameEmail = await post("198.51.100.2", "flo@example.org", "second, other address").expect(429);
    expect(sameEmail.body.error.code).toBe("RATE_LIMITED");
    expect(sameEmail.headers["retry-after"]).toBe("10");
    expect(await t.deps.db.comment.count()).toBe(before);
    await post("198.51.100.3", "third@example.org", "someone else entirely").expect(201);
    now += 10_000;
    await post("198.51.100.1", "flo@example.org", "after the wait").expect(201);
  });

  it("lets other readers on the same network post (up to floodPerAddress per window), then says 'your network'", async () => {
    now += 60_000;
    for (let i = 0; i < 5; i++)
      await post("198.51.100.77", `colleague${i}@example.org`, `office comment ${i}`).expect(201);
    const sixth = await post("198.51.100.77", "colleague5@example.org", "one too many").expect(429);
    expect(sixth.body.error.message).toMatch(/your network/);
    expect(Number(sixth.headers["retry-after"])).toBe(15);
  });
});
