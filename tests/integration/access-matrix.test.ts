// Walks the app's whole route table (every route registers its access level in src/http/routes.ts)
// as anonymous, moderator and admin, and proves no moderator or admin route answers to the wrong
// role, and that cookie-authenticated writes without the CSRF header are refused.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteSpec } from "../../src/http/routes.ts";
import { extraSession, signInAs, type SignedIn } from "../support/moderators.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";
import { directReaderSession } from "../support/reader-sign-in.ts";

const isWrite = (r: RouteSpec) => r.method !== "get";
const concrete = (path: string) => path.replace(/:(\w+)/g, "no-such-$1");

describe.each(testProviders())("access matrix on %s", (provider) => {
  let t: TestApp;
  let mod: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(provider);
    mod = await signInAs(t, "moderator");
    admin = await signInAs(t, "admin");
  });
  afterAll(async () => t?.close());

  const call = (r: RouteSpec, as?: { cookie?: string; csrfToken?: string; headers?: Record<string, string> }) => {
    let req = request(t.app)[r.method](concrete(r.path)).set("Accept", "application/json");
    if (as?.cookie) req = req.set("Cookie", as.cookie);
    if (as?.csrfToken) req = req.set("X-CSRF-Token", as.csrfToken);
    for (const [k, v] of Object.entries(as?.headers ?? {})) req = req.set(k, v);
    return isWrite(r) ? req.send({}) : req;
  };
  const routes = () => t.app.routeTable;
  const guarded = () => routes().filter((r) => r.access === "moderator" || r.access === "admin");

  it("registers the moderation and admin areas under the right access levels", () => {
    for (const r of routes()) {
      if (r.path.startsWith("/api/admin/")) expect(r.access, `${r.method} ${r.path}`).toBe("admin");
      if (r.path.startsWith("/api/moderation/"))
        expect(["moderator", "admin"], `${r.method} ${r.path}`).toContain(r.access);
    }
    expect(guarded().length).toBeGreaterThanOrEqual(4);
  });

  it("anonymous: every moderator and admin route answers 401", async () => {
    for (const r of guarded()) {
      const res = await call(r);
      expect(res.status, `${r.method.toUpperCase()} ${r.path}`).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("a forged or unknown session cookie counts as anonymous", async () => {
    for (const r of guarded()) {
      expect((await call(r, { cookie: "parley_session=forged", csrfToken: "x" })).status, `${r.method} ${r.path}`).toBe(
        401,
      );
    }
  });

  it("moderator: every admin route answers 403, every moderator route lets them through", async () => {
    for (const r of guarded()) {
      const session = await extraSession(t, mod.id); // fresh per route: logout ends a session
      const res = await call(r, session);
      if (r.access === "admin") {
        expect(res.status, `${r.method.toUpperCase()} ${r.path}`).toBe(403);
        expect(res.body.error.code).toBe("FORBIDDEN");
      } else {
        expect([401, 403], `${r.method.toUpperCase()} ${r.path} → ${res.status}`).not.toContain(res.status);
      }
    }
  });

  it("admin: every moderator and admin route lets them through", async () => {
    for (const r of guarded()) {
      const res = await call(r, await extraSession(t, admin.id));
      expect([401, 403], `${r.method.toUpperCase()} ${r.path} → ${res.status}`).not.toContain(res.status);
    }
  });

  it("cookie-authenticated writes without the right X-CSRF-Token answer 403 CSRF_FAILED", async () => {
    const writes = guarded().filter(isWrite);
    expect(writes.length).toBeGreaterThan(0);
    for (const r of writes) {
      const who = r.access === "admin" ? admin : mod;
      for (const csrfToken of [undefined, "wrong-token", mod.csrfToken === who.csrfToken ? "x" : mod.csrfToken]) {
        const res = await call(r, { cookie: who.cookie, csrfToken });
        expect(res.status, `${r.method.toUpperCase()} ${r.path} csrf=${csrfToken}`).toBe(403);
        expect(res.body.error.code).toBe("CSRF_FAILED");
      }
    }
  });

  it("a signed-in reader (cookie, or a widget's token header) is never a moderator: every guarded route answers 401", async () => {
    const reader = await directReaderSession(t);
    const widget = await directReaderSession(t, { siteId: "default" });
    for (const r of guarded()) {
      const byCookie = await call(r, { cookie: reader.cookie, csrfToken: reader.csrfToken });
      expect(byCookie.status, `${r.method.toUpperCase()} ${r.path} (reader cookie)`).toBe(401);
      let req = request(t.app)[r.method](concrete(r.path)).set("X-Parley-Reader-Token", widget.token);
      req = req.set("X-Parley-Reader-CSRF", widget.csrfToken);
      const byToken = isWrite(r) ? await req.send({}) : await req;
      expect(byToken.status, `${r.method.toUpperCase()} ${r.path} (reader token)`).toBe(401);
    }
  });

  it("reader routes: only the reader's own session acts (cookie with its CSRF token, or the widget's token)", async () => {
    const readerRoutes = routes().filter((r) => r.access === "reader");
    expect(readerRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(["post /api/reader/logout", "post /auth/logout"]);
    const json = (headers: Record<string, string>) =>
      request(t.app).post("/api/reader/logout").set(headers).set("Content-Type", "application/json").send("{}");
    const reader = await directReaderSession(t);
    // Nobody, a moderator, a reader cookie without (or with another's) CSRF token: 401, the session lives on.
    expect((await json({})).status).toBe(401);
    expect((await json({ Cookie: mod.cookie, "X-CSRF-Token": mod.csrfToken })).status).toBe(401);
    expect((await json({ Cookie: reader.cookie })).status).toBe(401);
    expect((await json({ Cookie: reader.cookie, "X-Parley-Reader-CSRF": mod.csrfToken })).status).toBe(401);
    // A widget token is not a cookie, and a cookie session is not a widget token.
    expect(
      (await json({ Cookie: `parley_reader_session=${(await directReaderSession(t, { siteId: "default" })).token}` }))
        .status,
    ).toBe(401);
    expect((await json({ "X-Parley-Reader-Token": reader.token })).status).toBe(401);
    expect(await t.deps.db.readerSession.count({ where: { accountId: reader.accountId } })).toBe(1);
    expect((await json({ Cookie: reader.cookie, "X-Parley-Reader-CSRF": reader.csrfToken })).status).toBe(204);
    expect(await t.deps.db.readerSession.count({ where: { accountId: reader.accountId } })).toBe(0);
    const widget = await directReaderSession(t, { siteId: "default" });
    expect((await json({ "X-Parley-Reader-Token": widget.token })).status).toBe(204);
    // The no-JS sign-out form ends the session only with the form's csrf field.
    const other = await directReaderSession(t);
    await request(t.app)
      .post("/auth/logout")
      .set("Cookie", other.cookie)
      .type("form")
      .send({ return: "/" })
      .expect(303);
    expect(await t.deps.db.readerSession.count({ where: { accountId: other.accountId } })).toBe(1);
    await request(t.app)
      .post("/auth/logout")
      .set("Cookie", other.cookie)
      .type("form")
      .send({ return: "/", csrf: other.csrfToken })
      .expect(303);
    expect(await t.deps.db.readerSession.count({ where: { accountId: other.accountId } })).toBe(0);
  });

  it("a signed-in reader on every public and commenter route is served as anyone is: no 5xx, no CSRF refusal", async () => {
    const reader = await directReaderSession(t);
    const widget = await directReaderSession(t, { siteId: "default" });
    for (const r of routes().filter((x) => x.access === "public" || x.access === "commenter")) {
      for (const [how, who] of [
        ["reader cookie", { cookie: reader.cookie, csrfToken: reader.csrfToken }],
        ["widget token", { headers: { "X-Parley-Reader-Token": widget.token } }],
      ] as const) {
        const res = await call(r, who);
        expect(res.status, `${r.method.toUpperCase()} ${r.path} (${how}) → ${res.status}`).toBeLessThan(500);
        expect(res.body?.error?.code, `${r.method} ${r.path} (${how})`).not.toBe("CSRF_FAILED");
      }
    }
  });

  it("public and commenter routes never demand a session", async () => {
    for (const r of routes().filter((x) => x.access === "public" || x.access === "commenter")) {
      const res = await call(r);
      expect(res.status, `${r.method.toUpperCase()} ${r.path} → ${res.status}`).not.toBe(401);
      expect(res.body?.error?.code, `${r.method} ${r.path}`).not.toBe("CSRF_FAILED");
    }
  });
});
