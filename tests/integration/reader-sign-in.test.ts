// Readers sign in with a real OpenID Connect provider (oidc-provider, on loopback): the happy path,
// and every way a sign-in response can be forged or replayed, each refused with a clear message and
// nothing stored.
import type { Express } from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeClock, type FakeClock } from "../support/fake-clock.ts";
import { listen } from "../support/listen.ts";
import { startOidcProvider, type TestOidcProvider } from "../support/oidc-provider.ts";
import { callback, signInReader, startSignIn } from "../support/reader-sign-in.ts";
import { registerTestSite } from "../support/sites.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("reader sign-in with an OpenID Connect provider on %s", (dbProvider) => {
  let t: TestApp;
  let app: Express | undefined;
  let server: Awaited<ReturnType<typeof listen>>;
  let idp: TestOidcProvider;
  let clock: FakeClock;
  let base: string;
  let threadId: string;

  beforeAll(async () => {
    server = await listen((req, res) => app!(req, res));
    base = server.url;
    idp = await startOidcProvider({ redirectUris: [`${base}/auth/oidc/callback`], idTokenTtl: 60 });
    clock = fakeClock();
    t = await createTestApp(dbProvider, { PUBLIC_URL: base, ...idp.env }, { clock });
    app = t.app;
    threadId = (await t.deps.db.thread.findFirstOrThrow({ where: { articleId: { not: null } } })).id;
  });
  afterAll(async () => {
    await server?.close();
    await idp?.close();
    await t?.close();
  });
  beforeEach(() => clock.set(new Date()));

  const stored = async () => ({
    accounts: await t.deps.db.readerAccount.count(),
    sessions: await t.deps.db.readerSession.count(),
    flows: await t.deps.db.signInFlow.count(),
  });

  it("signs in: provider's pages → back to the article, a reader session, the account with its verified email", async () => {
    const { cookie, csrfToken, location } = await signInReader(base, idp, "alice", "/articles/x#respond");
    expect(location).toBe("/articles/x#respond");
    expect(cookie).toMatch(/^parley_reader_session=/);
    expect(csrfToken).toBeTruthy();
    const me = await (await fetch(`${base}/api/reader/me`, { headers: { cookie } })).json();
    expect(me.reader).toMatchObject({ name: "Reader Alice", provider: "oidc", providerLabel: "Test ID" });
    expect(me.reader.avatarUrl).toBe(`${idp.issuer}/avatar/alice.svg`);
    const account = await t.deps.db.readerAccount.findFirstOrThrow({ where: { subject: "alice" } });
    expect(account).toMatchObject({ provider: "oidc", displayName: "Reader Alice", email: "alice@example.test" });
    expect((await stored()).flows).toBe(0); // the flow was used up
  });

  it("a signed-in comment is posted as the account and marked verified; without the CSRF token the cookie does not count", async () => {
    const { cookie, csrfToken } = await signInReader(base, idp, "bob");
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/api/threads/${threadId}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, ...headers },
        body: JSON.stringify({ body: "Signed in and saying so." }),
      });
    const refused = await post({});
    expect(refused.status).toBe(422); // anonymous then: name and email missing
    const res = await post({ "x-parley-reader-csrf": csrfToken });
    expect(res.status).toBe(201);
    const { comment } = await res.json();
    expect(comment).toMatchObject({ authorName: "Reader Bob", verified: { provider: "Test ID" } });
    const row = await t.deps.db.comment.findUniqueOrThrow({
      where: { id: comment.id },
      include: { readerAccount: true },
    });
    expect(row.readerAccount?.subject).toBe("bob");
    const listing = await (await fetch(`${base}/api/threads/${threadId}/comments`)).json();
    const listed = listing.comments.find((c: { id: string }) => c.id === comment.id);
    expect(listed.verified).toEqual({ provider: "Test ID" });
    expect(JSON.stringify(listing)).not.toContain("bob@example.test");
  });

  it("signs out: the session is gone and the cookie no longer names anyone", async () => {
    const { cookie, csrfToken } = await signInReader(base, idp, "carol");
    const before = await stored();
    const out = await fetch(`${base}/api/reader/logout`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-parley-reader-csrf": csrfToken },
      body: "{}",
    });
    expect(out.status).toBe(204);
    expect((await stored()).sessions).toBe(before.sessions - 1);
    const me = await (await fetch(`${base}/api/reader/me`, { headers: { cookie } })).json();
    expect(me.reader).toBeNull();
  });

  it("a signed-in reader who signs in again gets a new session id; the old one ends (rotation)", async () => {
    const first = await signInReader(base, idp, "dave");
    const started = await startSignIn(base, "return=/", first.cookie);
    const back = await idp.consent(started.location!, "dave");
    const done = await callback(back, started.flowCookie, first.cookie);
    expect(done.status).toBe(303);
    expect(done.session).not.toBe(first.cookie);
    const old = await (await fetch(`${base}/api/reader/me`, { headers: { cookie: first.cookie } })).json();
    expect(old.reader).toBeNull();
  });

  it("a tampered state is refused with a clear message, nothing stored", async () => {
    const before = await stored();
    const started = await startSignIn(base, "return=/");
    const back = await idp.consent(started.location!, "eve");
    back.searchParams.set("state", "forged-state");
    const done = await callback(back, started.flowCookie);
    expect(done.status).toBe(400);
    expect(done.body).toContain("did not match the sign-in this browser started (state)");
    expect(done.session).toBeNull();
    expect(await stored()).toEqual(before);
  });

  it("a replayed code is refused: the same callback again, and the code inside another sign-in", async () => {
    const first = await signInReader(base, idp, "frank");
    const before = await stored();
    // The same answer again (same browser): its sign-in was used up.
    const again = await callback(first.callbackUrl, null);
    expect(again.status).toBe(400);
    expect(again.body).toContain("expired or was already used");
    // The code carried into a new sign-in (new state, new PKCE verifier): the provider refuses it.
    const started = await startSignIn(base, "return=/");
    const state = new URL(started.location!).searchParams.get("state")!;
    const replay = new URL(first.callbackUrl);
    replay.searchParams.set("state", state);
    const done = await callback(replay, started.flowCookie);
    expect(done.status).toBe(400);
    expect(done.body).toContain("sign-in code was not accepted");
    expect(done.session).toBeNull();
    expect(await stored()).toEqual(before);
  });

  it("an ID token with the wrong nonce is refused", async () => {
    const before = await stored();
    const started = await startSignIn(base, "return=/");
    const authorize = new URL(started.location!);
    authorize.searchParams.set("nonce", "someone-elses-nonce");
    const back = await idp.consent(authorize.href, "grace");
    const done = await callback(back, started.flowCookie);
    expect(done.status).toBe(400);
    expect(done.body).toContain("issued for another sign-in (nonce)");
    expect(await stored()).toEqual(before);
  });

  it("an expired ID token is refused (Parley's clock is past its expiry)", async () => {
    const before = await stored();
    const started = await startSignIn(base, "return=/");
    const back = await idp.consent(started.location!, "heidi");
    clock.advance(5 * 60_000); // the token lives 60 s (+30 s tolerance); the sign-in itself 10 minutes
    const done = await callback(back, started.flowCookie);
    expect(done.status).toBe(400);
    expect(done.body).toContain("identity token has expired");
    expect(await stored()).toEqual(before);
  });

  it("refuses to return anywhere but here or an allowed site (no open redirect), before anything is stored", async () => {
    const before = await stored();
    for (const target of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
      const started = await startSignIn(base, `return=${encodeURIComponent(target)}`);
      expect(started.status, target).toBe(400);
      expect(started.body).toContain("can only return to this site");
      expect(started.location).toBeNull();
    }
    expect(await stored()).toEqual(before);
  });

  it("a popup sign-in for an origin not on the site's allow-list is refused; an allowed one starts", async () => {
    const site = await registerTestSite(t, ["https://blog.example"]);
    const before = await stored();
    const evil = await startSignIn(
      base,
      `popup=1&site=${site.id}&origin=${encodeURIComponent("https://evil.example")}`,
    );
    expect(evil.status).toBe(403);
    expect(evil.body).toContain("not on this site");
    expect(await stored()).toEqual(before);
    const ok = await startSignIn(base, `popup=1&site=${site.id}&origin=${encodeURIComponent("https://blog.example")}`);
    expect(ok.status).toBe(303);
    const back = await idp.consent(ok.location!, "ivan");
    const done = await callback(back, ok.flowCookie);
    expect(done.status).toBe(200);
    expect(done.session).toBeNull(); // no cookie: the token goes to the widget
    expect(done.body).toContain('data-origin="https://blog.example"');
    const token = /data-token="([^"]+)"/.exec(done.body)![1]!;
    // The widget's token works as a header on its own site only.
    const me = await (
      await fetch(`${base}/api/reader/me?site=${site.id}`, { headers: { "x-parley-reader-token": token } })
    ).json();
    expect(me.reader).toMatchObject({ name: "Reader Ivan" });
    const asCookie = await (
      await fetch(`${base}/api/reader/me`, { headers: { cookie: `parley_reader_session=${token}` } })
    ).json();
    expect(asCookie.reader).toBeNull();
  });
});

describe("a provider that cannot be reached", () => {
  it("says so on the start page (503, the reason), and nothing 500s", async () => {
    const t = await createTestApp("sqlite", {
      AUTH_OIDC_ISSUER: "http://127.0.0.1:9/", // nothing listens on the discard port
      AUTH_OIDC_CLIENT_ID: "x",
      AUTH_OIDC_CLIENT_SECRET: "y",
      AUTH_ALLOW_HTTP_ISSUER: "true",
      AUTH_PROVIDER_TIMEOUT_MS: "2000",
    });
    try {
      const request = (await import("supertest")).default;
      const res = await request(t.app).get("/auth/oidc/start?return=/");
      expect(res.status).toBe(503);
      expect(res.text).toContain("sign-in is unavailable right now");
      expect(await t.deps.db.signInFlow.count()).toBe(0);
      const unknown = await request(t.app).get("/auth/github/start?return=/");
      expect(unknown.status).toBe(404);
      expect(unknown.text).toContain("not set up on this site");
    } finally {
      await t.close();
    }
  });
});
