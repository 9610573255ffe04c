// Moderators sign in to the console with a real OpenID Connect provider (oidc-provider on loopback).
// An admin links a provider to an account with a one-time invitation (mailed, real SMTP on loopback):
// the moderator opens it, goes through the provider, and (provider, subject) is linked. Then "Sign in
// with" opens a moderator session (rotated, separate from reader sessions). Refused, each with a clear
// message and nothing stored: an unlinked identity, a disabled account, a replayed or expired
// invitation, a tampered state; the password sign-in's throttle applies; unlinking is audited.
import type { Express } from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOGIN_FAILURES } from "../../src/http/login-throttle.ts";
import { fakeClock, type FakeClock } from "../support/fake-clock.ts";
import { listen } from "../support/listen.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { startOidcProvider, type TestOidcProvider } from "../support/oidc-provider.ts";
import { callback, cookieFrom } from "../support/reader-sign-in.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("moderators signing in with an identity provider on %s", (dbProvider) => {
  let t: TestApp;
  let app: Express | undefined;
  let server: Awaited<ReturnType<typeof listen>>;
  let idp: TestOidcProvider;
  let smtp: SmtpSink;
  let clock: FakeClock;
  let base: string;
  let admin: SignedIn;

  beforeAll(async () => {
    server = await listen((req, res) => app!(req, res));
    base = server.url;
    idp = await startOidcProvider({ redirectUris: [`${base}/auth/oidc/callback`] });
    smtp = await startSmtpSink();
    clock = fakeClock();
    t = await createTestApp(dbProvider, { PUBLIC_URL: base, SMTP_URL: smtp.url, ...idp.env }, { clock });
    app = t.app;
    admin = await signInAs(t, "admin");
  });
  afterAll(async () => {
    await server?.close();
    await idp?.close();
    await smtp?.close();
    await t?.close();
  });
  beforeEach(() => {
    clock.set(new Date());
    smtp.mails.length = 0;
  });

  const api = (method: string, path: string, who: { cookie: string; csrfToken: string }, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        cookie: who.cookie,
        "x-csrf-token": who.csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** The admin invites; the mail's link (the only place the token is). */
  async function invite(moderatorId: string): Promise<string> {
    const res = await api("POST", `/api/admin/moderators/${moderatorId}/identity-invitations`, admin, {});
    expect(res.status).toBe(201);
    const { invitation } = await res.json();
    expect(invitation.url).toBeNull(); // mailed, not shown: a relay is set up
    const mod = await t.deps.db.moderator.findUniqueOrThrow({ where: { id: moderatorId } });
    expect(invitation.mailedTo).toBe(mod.email);
    await t.deps.mailer.runOnce();
    const mails = await smtp.waitFor((m) => m.some((x) => x.to.includes(mod.email)));
    const mail = mails.find((x) => x.to.includes(mod.email))!;
    expect(mail.subject).toBe("Link a sign-in provider to your Parley moderator account");
    return /http:\/\/\S+\/moderate\/link-provider\?t=[\w%-]+/.exec(mail.text)![0];
  }

  /** The invitation's page, then its form (the provider chosen): the provider's URL and the flow cookie. */
  async function useInvitation(link: string) {
    const page = await fetch(link);
    const token = new URL(link).searchParams.get("t")!;
    const start = await fetch(`${base}/moderate/link-provider/oidc?t=${encodeURIComponent(token)}`, {
      redirect: "manual",
    });
    return {
      page: { status: page.status, body: await page.text() },
      status: start.status,
      location: start.headers.get("location"),
      flowCookie: cookieFrom(start, "parley_signin_flow"),
      body: await start.text(),
    };
  }

  async function link(moderatorId: string, login: string) {
    const used = await useInvitation(await invite(moderatorId));
    expect(used.status).toBe(303);
    const back = await idp.consent(used.location!, login);
    return callback(back, used.flowCookie);
  }

  async function startConsoleSignIn(cookie = "") {
    const res = await fetch(`${base}/moderate/sign-in/oidc`, { redirect: "manual", headers: { cookie } });
    return {
      status: res.status,
      location: res.headers.get("location"),
      flowCookie: cookieFrom(res, "parley_signin_flow"),
      body: await res.text(),
    };
  }

  async function consoleSignIn(login: string, previous = "") {
    const started = await startConsoleSignIn();
    expect(started.status, started.body).toBe(303);
    const back = await idp.consent(started.location!, login);
    const res = await fetch(back, {
      redirect: "manual",
      headers: { cookie: [started.flowCookie, previous].filter(Boolean).join("; ") },
    });
    return {
      status: res.status,
      location: res.headers.get("location"),
      session: cookieFrom(res, "parley_session"),
      readerSession: cookieFrom(res, "parley_reader_session"),
      body: await res.text(),
    };
  }

  const stored = async () => ({
    sessions: await t.deps.db.session.count(),
    identities: await t.deps.db.moderatorIdentity.count(),
    readers: await t.deps.db.readerAccount.count(),
    readerSessions: await t.deps.db.readerSession.count(),
    flows: await t.deps.db.signInFlow.count(),
  });
  const me = async (cookie: string) => fetch(`${base}/api/auth/me`, { headers: { cookie } });

  it("links a provider by invitation, then signs in with it: a moderator session (rotated), no reader session", async () => {
    const mod = await signInAs(t, "moderator", "Mona Moderator");
    const used = await useInvitation(await invite(mod.id));
    expect(used.page.status).toBe(200);
    expect(used.page.body).toContain("Mona Moderator");
    const back = await idp.consent(used.location!, "mona");
    const linked = await callback(back, used.flowCookie);
    expect(linked.status).toBe(200);
    expect(linked.body).toContain("Test ID is linked");
    const identity = await t.deps.db.moderatorIdentity.findFirstOrThrow({ where: { moderatorId: mod.id } });
    expect(identity).toMatchObject({ provider: "oidc", subject: "mona" });
    expect(identity.label).toContain("Reader Mona");
    const audit = await t.deps.db.accountAction.findMany({
      where: { moderatorId: mod.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["identity-invited", "identity-linked"]);
    expect(audit[0]!.actorId).toBe(admin.id);
    // The invitation is not kept: the row holds its hash, the outbox copy the hidden token.
    const token = new URL(await invite(mod.id)).searchParams.get("t")!;
    expect(JSON.stringify(await t.deps.db.mailedLink.findMany())).not.toContain(token);

    const before = await stored();
    const done = await consoleSignIn("mona", mod.cookie);
    expect(done.status, done.body).toBe(303);
    expect(done.location).toBe("/moderate");
    expect(done.readerSession).toBeNull();
    const who = await (await me(done.session!)).json();
    expect(who.moderator).toMatchObject({ id: mod.id, name: "Mona Moderator", role: "moderator" });
    expect((await me(mod.cookie)).status).toBe(401); // the browser's old session ended: the id rotated
    expect(await stored()).toEqual({ ...before, flows: 0 }); // one session out, one in; nothing for readers

    // The admins' list shows the linked provider.
    const list = await (await api("GET", "/api/admin/moderators", admin)).json();
    const row = list.moderators.find((m: { id: string }) => m.id === mod.id);
    expect(row.identities).toEqual([expect.objectContaining({ provider: "oidc", providerLabel: "Test ID" })]);
    expect(list.providers.map((p: { id: string }) => p.id)).toEqual(["oidc"]);
  });

  it("an unlinked identity is refused with a clear message, nothing stored (not even a reader account)", async () => {
    const before = await stored();
    const done = await consoleSignIn("stranger");
    expect(done.status).toBe(403);
    expect(done.body).toContain("This Test ID account is not linked to a moderator account");
    expect(done.session).toBeNull();
    expect(await stored()).toEqual({ ...before, flows: 0 });
  });

  it("a disabled account is refused, and its sessions are gone", async () => {
    const mod = await signInAs(t, "moderator");
    expect((await link(mod.id, "dora")).status).toBe(200);
    expect((await api("PATCH", `/api/admin/moderators/${mod.id}`, admin, { disabled: true })).status).toBe(200);
    const before = await stored();
    const done = await consoleSignIn("dora");
    expect(done.status).toBe(403);
    expect(done.body).toContain("This moderator account is disabled");
    expect(done.session).toBeNull();
    expect(await stored()).toEqual({ ...before, flows: 0 });
  });

  it("an invitation works once: opened again, used again, or raced by two flows, it is refused", async () => {
    const mod = await signInAs(t, "moderator");
    const invitation = await invite(mod.id);
    const first = await useInvitation(invitation);
    const second = await useInvitation(invitation); // started before the first came back
    expect(second.status).toBe(303);
    const done = await callback(await idp.consent(first.location!, "ivan"), first.flowCookie);
    expect(done.status).toBe(200);
    const raced = await callback(await idp.consent(second.location!, "ivy"), second.flowCookie);
    expect(raced.status).toBe(410);
    expect(raced.body).toContain("This invitation was already used");
    const again = await useInvitation(invitation);
    expect(again.page.status).toBe(410);
    expect(again.status).toBe(410);
    expect(again.body).toContain("This invitation was already used");
    const identities = await t.deps.db.moderatorIdentity.findMany({ where: { moderatorId: mod.id } });
    expect(identities.map((i) => i.subject)).toEqual(["ivan"]);
  });

  it("an expired invitation is refused; a forged one is not valid", async () => {
    const mod = await signInAs(t, "moderator");
    const invitation = await invite(mod.id);
    clock.advance(61 * 60_000);
    const late = await useInvitation(invitation);
    expect(late.page.status).toBe(410);
    expect(late.page.body).toContain("This invitation has expired (invitations work for 60 minutes)");
    expect(late.status).toBe(410);
    const forged = await useInvitation(`${base}/moderate/link-provider?t=${"x".repeat(43)}`);
    expect(forged.status).toBe(400);
    expect(forged.body).toContain("This invitation is not valid");
    expect(await t.deps.db.moderatorIdentity.count({ where: { moderatorId: mod.id } })).toBe(0);
  });

  it("an identity linked to one account cannot be linked to another", async () => {
    const [a, b] = [await signInAs(t, "moderator"), await signInAs(t, "moderator")];
    expect((await link(a.id, "sam")).status).toBe(200);
    const again = await link(b.id, "sam");
    expect(again.status).toBe(409);
    expect(again.body).toContain("already linked to a moderator account");
    expect(await t.deps.db.moderatorIdentity.count({ where: { moderatorId: b.id } })).toBe(0);
  });

  it("a tampered state is refused with a clear message, nothing stored", async () => {
    const mod = await signInAs(t, "moderator");
    expect((await link(mod.id, "tess")).status).toBe(200);
    const before = await stored();
    const started = await startConsoleSignIn();
    const back = await idp.consent(started.location!, "tess");
    back.searchParams.set("state", "forged-state");
    const res = await callback(back, started.flowCookie);
    expect(res.status).toBe(400);
    expect(res.body).toContain("did not match the sign-in this browser started (state)");
    expect(res.body).toContain('href="/moderate"');
    expect(await stored()).toEqual({ ...before, flows: 0 });
    // Without this browser's flow cookie (another browser's callback), nothing either.
    const other = await startConsoleSignIn();
    const stolen = await callback(await idp.consent(other.location!, "tess"), null);
    expect(stolen.status).toBe(400);
    expect(await t.deps.db.session.count()).toBe(before.sessions);
  });

  it("unlinking (audited) ends the provider's sign-in", async () => {
    const mod = await signInAs(t, "moderator");
    expect((await link(mod.id, "uma")).status).toBe(200);
    expect((await consoleSignIn("uma")).status).toBe(303);
    const identity = await t.deps.db.moderatorIdentity.findFirstOrThrow({ where: { moderatorId: mod.id } });
    const res = await api("DELETE", `/api/admin/moderators/${mod.id}/identities/${identity.id}`, admin);
    expect(res.status).toBe(204);
    const last = await t.deps.db.accountAction.findFirstOrThrow({
      where: { moderatorId: mod.id },
      orderBy: { createdAt: "desc" },
    });
    expect(last).toMatchObject({ action: "identity-unlinked", actorId: admin.id });
    expect(last.detail).toContain("oidc");
    expect((await consoleSignIn("uma")).status).toBe(403);
    const moderatorOnly = await api("DELETE", `/api/admin/moderators/${mod.id}/identities/${identity.id}`, mod);
    expect(moderatorOnly.status).toBe(403);
  });

  it("refused provider sign-ins count against the sign-in throttle: the network then waits (429)", async () => {
    clock.advance(16 * 60_000); // past the window of the earlier cases' refusals
    // All provider sign-ins from one address count as one (name, address) pair: LOGIN_FAILURES (5) refusals.
    for (let i = 0; i < LOGIN_FAILURES.limit; i++) expect((await consoleSignIn(`guess-${i}`)).status).toBe(403);
    const refused = await startConsoleSignIn();
    expect(refused.status).toBe(429);
    expect(refused.body).toContain("Too many failed sign-ins from your network");
    expect(refused.flowCookie).toBeNull();
    clock.advance(16 * 60_000);
    expect((await startConsoleSignIn()).status).toBe(303);
    clock.set(new Date());
  });
});
