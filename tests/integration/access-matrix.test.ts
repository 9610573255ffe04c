// Walks the app's whole route table (every route registers its access level in src/http/routes.ts)
// as anonymous, moderator and admin, and proves no moderator or admin route answers to the wrong
// role, and that cookie-authenticated writes without the CSRF header are refused.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteSpec } from "../../src/http/routes.ts";
import { extraSession, signInAs, type SignedIn } from "../support/moderators.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

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

  const call = (r: RouteSpec, as?: { cookie: string; csrfToken?: string }) => {
    let req = request(t.app)[r.method](concrete(r.path)).set("Accept", "application/json");
    if (as) req = req.set("Cookie", as.cookie);
    if (as?.csrfToken) req = req.set("X-CSRF-Token", as.csrfToken);
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

  it("public and commenter routes never demand a session", async () => {
    for (const r of routes().filter((x) => x.access === "public" || x.access === "commenter")) {
      const res = await call(r);
      expect(res.status, `${r.method.toUpperCase()} ${r.path} → ${res.status}`).not.toBe(401);
      expect(res.body?.error?.code, `${r.method} ${r.path}`).not.toBe("CSRF_FAILED");
    }
  });
});
