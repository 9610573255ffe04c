// Moderator sign-in, sessions, CSRF and the login rate limit, on SQLite and PostgreSQL.
import crypto from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFirstAdmin } from "../../src/accounts/ensure-first-admin.ts";
import { authenticateSession } from "../../src/accounts/authenticate-session.ts";
import { fakeClock } from "../support/fake-clock.ts";
import { signInAs } from "../support/moderators.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("moderator auth on %s", (provider) => {
  let t: TestApp;
  const clock = fakeClock(new Date("2030-01-01T12:00:00Z"));

  beforeAll(async () => {
    t = await createTestApp(provider, { TRUST_PROXY_HOPS: "1" }, { clock });
  });
  afterAll(async () => t?.close());

  const login = (email: string, password: string, ip = "10.0.0.1") =>
    request(t.app).post("/api/auth/login").set("X-Forwarded-For", ip).send({ email, password });

  it("signs in: an httpOnly SameSite cookie, the CSRF token, and only the token's hash in the database", async () => {
    const mod = await signInAs(t, "moderator", "Mia Moderator");
    const res = await login(mod.email.toUpperCase(), mod.password).expect(200);
    expect(res.body).toEqual({
      moderator: { id: mod.id, email: mod.email, name: "Mia Moderator", role: "moderator" },
      csrfToken: expect.stringMatching(/^[\w-]{20,}$/),
    });
    const setCookie = String(res.headers["set-cookie"]?.[0]);
    expect(setCookie).toMatch(/^parley_session=[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    const token = setCookie.slice("parley_session=".length).split(";")[0]!;
    const row = await t.deps.db.session.findUniqueOrThrow({
      where: { id: crypto.createHash("sha256").update(token).digest("hex") },
    });
    expect(row.moderatorId).toBe(mod.id);
    expect(JSON.stringify(await t.deps.db.session.findMany())).not.toContain(token);
    const stored = await t.deps.db.moderator.findUniqueOrThrow({ where: { id: mod.id } });
    expect(stored.passwordHash).toMatch(/^scrypt\$15\$8\$1\$/);
  });

  it("GET /api/auth/me answers the session's moderator, 401 without one", async () => {
    const mod = await signInAs(t, "admin");
    const me = await request(t.app).get("/api/auth/me").set("Cookie", mod.cookie).expect(200);
    expect(me.body).toMatchObject({ moderator: { id: mod.id, role: "admin" }, csrfToken: mod.csrfToken });
    const anon = await request(t.app).get("/api/auth/me").expect(401);
    expect(anon.body.error.code).toBe("UNAUTHENTICATED");
    await request(t.app).get("/api/auth/me").set("Cookie", "parley_session=forged").expect(401);
  });

  it("refuses a wrong password and an unknown email alike, with 401 INVALID_CREDENTIALS", async () => {
    const mod = await signInAs(t, "moderator");
    const wrong = await login(mod.email, "not the password", "10.0.1.1").expect(401);
    const unknown = await login("nobody@example.org", "whatever", "10.0.1.2").expect(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    expect(wrong.headers["set-cookie"]).toBeUndefined();
  });

  it("logs out only with the CSRF header, and the session is gone everywhere", async () => {
    const mod = await signInAs(t, "moderator");
    const noCsrf = await request(t.app).post("/api/auth/logout").set("Cookie", mod.cookie).expect(403);
    expect(noCsrf.body.error.code).toBe("CSRF_FAILED");
    await request(t.app).post("/api/auth/logout").set("Cookie", mod.cookie).set("X-CSRF-Token", "wrong").expect(403);
    const out = await request(t.app)
      .post("/api/auth/logout")
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .expect(204);
    expect(String(out.headers["set-cookie"]?.[0])).toMatch(/parley_session=;/);
    await request(t.app).get("/api/auth/me").set("Cookie", mod.cookie).expect(401);
  });

  it("refuses a cookie-authenticated write from a foreign Origin or a cross-site fetch, even with the CSRF token", async () => {
    const mod = await signInAs(t, "moderator", "Origin Checker");
    const write = (headers: Record<string, string>) => {
      let r = request(t.app)
        .post("/api/moderation/actions/bulk")
        .set("Cookie", mod.cookie)
        .set("X-CSRF-Token", mod.csrfToken);
      for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
      return r.send({ action: "approve", items: [{ id: "nosuchcomment", revision: 1 }] });
    };
    for (const headers of <Record<string, string>[]>[
      { Origin: "https://evil.example" },
      { Origin: "null" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
      { Origin: "http://127.0.0.1.evil.example" },
    ]) {
      const res = await write(headers);
      expect([res.status, res.body.error?.code], JSON.stringify(headers)).toEqual([403, "CSRF_FAILED"]);
    }
    // Our own page (same origin as the request's Host), and clients that send neither header, pass.
    for (const headers of <Record<string, string>[]>[
      {},
      { "Sec-Fetch-Site": "same-origin" },
      { Host: "parley.test", Origin: "http://parley.test" },
    ]) {
      const res = await write(headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
    }
    // The public comment route (CORS already refuses unknown Origins there): a cross-site request is an
    // ordinary reader's, not the moderator's.
    const threadId = (await t.deps.db.thread.findFirstOrThrow()).id;
    const posted = await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .set("Sec-Fetch-Site", "cross-site")
      .send({ authorName: "Origin Checker", authorEmail: mod.email, body: "Posted from elsewhere." });
    expect(posted.status).toBeLessThan(300);
    const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id: posted.body.comment.id } });
    expect(row.moderatorId).toBeNull();
  });

  // Issue #18 item 6: five wrong passwords from five addresses used to lock the right password out.
  it("never locks a known email out: the right password from an address with no failures goes through", async () => {
    const mod = await signInAs(t, "moderator");
    for (let i = 0; i < 5; i++) await login(mod.email, `guess ${i}`, `10.1.0.${i}`).expect(401);
    await login(mod.email, mod.password, "10.1.0.99").expect(200);
    // The owner is told, once per window (no mail for an email nobody has).
    const mails = await t.deps.db.mailOutbox.findMany({ where: { kind: "login-failures", toAddress: mod.email } });
    expect(mails).toHaveLength(1);
    for (let i = 0; i < 5; i++) await login(`nobody${i}@example.org`, "guess", `10.1.1.${i}`).expect(401);
    await login(mod.email, "one more guess", "10.1.0.98").expect(401);
    expect(await t.deps.db.mailOutbox.count({ where: { kind: "login-failures" } })).toBe(1);
    clock.advance(16 * 60_000);
  });

  it("throttles one address guessing one email after 5 failures (429 + Retry-After); others are not affected", async () => {
    const mod = await signInAs(t, "moderator");
    for (let i = 0; i < 5; i++) await login(mod.email, `guess ${i}`, "10.3.0.1").expect(401);
    const limited = await login(mod.email, mod.password, "10.3.0.1").expect(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(800);
    await login(mod.email, mod.password, "10.3.0.2").expect(200);
    clock.advance(15 * 60_000 + 1000);
    await login(mod.email, mod.password, "10.3.0.1").expect(200);
  });

  it("throttles an address after 10 failures, whatever the emails", async () => {
    const mod = await signInAs(t, "moderator");
    for (let i = 0; i < 10; i++) await login(`stranger${i}@example.org`, "guess", "10.2.0.1").expect(401);
    await login(mod.email, mod.password, "10.2.0.1").expect(429);
    await login(mod.email, mod.password, "10.2.0.2").expect(200);
    clock.advance(16 * 60_000);
  });

  it("expires sessions after SESSION_TTL_HOURS without use, slides while used, and drops disabled accounts", async () => {
    const mod = await signInAs(t, "moderator");
    clock.advance(4 * 24 * 3600_000); // past half of 7 days: this use extends it
    await request(t.app).get("/api/auth/me").set("Cookie", mod.cookie).expect(200);
    clock.advance(5 * 24 * 3600_000); // 9 days after sign-in, 5 after last use
    await request(t.app).get("/api/auth/me").set("Cookie", mod.cookie).expect(200);
    clock.advance(8 * 24 * 3600_000);
    await request(t.app).get("/api/auth/me").set("Cookie", mod.cookie).expect(401);

    const other = await signInAs(t, "moderator");
    await t.deps.db.moderator.update({ where: { id: other.id }, data: { disabledAt: clock.now() } });
    await request(t.app).get("/api/auth/me").set("Cookie", other.cookie).expect(401);
    expect(await authenticateSession(t.deps, undefined)).toBeNull();
  });

  it("lets admins list and add moderators (never showing hashes); moderators get 403", async () => {
    const admin = await signInAs(t, "admin");
    const mod = await signInAs(t, "moderator");
    await request(t.app).get("/api/admin/moderators").set("Cookie", mod.cookie).expect(403);
    const created = await request(t.app)
      .post("/api/admin/moderators")
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send({ email: "New.Mod@Example.org", name: "New Mod", role: "moderator", password: "long enough password" })
      .expect(201);
    expect(created.body.moderator).toMatchObject({ email: "new.mod@example.org", role: "moderator", disabled: false });
    await request(t.app)
      .post("/api/admin/moderators")
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send({ email: "new.mod@example.org", name: "Again", role: "moderator", password: "long enough password" })
      .expect(409);
    const short = await request(t.app)
      .post("/api/admin/moderators")
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send({ email: "x@example.org", name: "X", role: "moderator", password: "short" })
      .expect(422);
    expect(short.body.error.field).toBe("password");
    const list = await request(t.app).get("/api/admin/moderators").set("Cookie", admin.cookie).expect(200);
    expect(list.body.moderators.map((m: { email: string }) => m.email)).toContain("new.mod@example.org");
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|passwordHash/);
    await login("new.mod@example.org", "long enough password", "10.3.0.1").expect(200);
  });
});

describe("the first admin from PARLEY_ADMIN_EMAIL / PARLEY_ADMIN_PASSWORD", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("sqlite", {
      PARLEY_ADMIN_EMAIL: "Boss@Example.org",
      PARLEY_ADMIN_PASSWORD: "first admin password",
    });
  });
  afterAll(async () => t?.close());

  it("is created once when no admin exists, then the variables are ignored", async () => {
    expect(await ensureFirstAdmin(t.deps)).toBe("created");
    expect(await ensureFirstAdmin(t.deps)).toBe("exists");
    expect(await t.deps.db.moderator.count()).toBe(1);
    const res = await request(t.app)
      .post("/api/auth/login")
      .send({ email: "boss@example.org", password: "first admin password" })
      .expect(200);
    expect(res.body.moderator).toMatchObject({ role: "admin", name: "Boss" });
  });
});
