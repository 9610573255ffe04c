// Moderator accounts: an admin changes roles and disables accounts (sessions end at once; nobody can
// remove the last admin or change themselves), and a forgotten password is reset by a mailed one-time
// link (real SMTP on loopback): every old session ends, the old password stops working, a replayed or
// expired link is refused with a clear message, and asking reveals nothing about which accounts exist.
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeClock } from "../support/fake-clock.ts";
import { extraSession, signInAs, type SignedIn } from "../support/moderators.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("moderator accounts on %s", (provider) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: SignedIn;
  const clock = fakeClock();

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp(provider, { SMTP_URL: smtp.url, PUBLIC_URL: "http://parley.test" }, { clock });
    admin = await signInAs(t, "admin");
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.mails.length = 0;
  });

  const patch = (who: { cookie: string; csrfToken: string }, id: string, body: unknown) =>
    request(t.app)
      .patch(`/api/admin/moderators/${id}`)
      .set("Cookie", who.cookie)
      .set("X-CSRF-Token", who.csrfToken)
      .send(body as object);
  const me = (who: { cookie: string }) => request(t.app).get("/api/auth/me").set("Cookie", who.cookie);
  const login = (email: string, password: string) => request(t.app).post("/api/auth/login").send({ email, password });

  it("an admin changes a role and disables an account: its sessions end at once; re-enabled it signs in again", async () => {
    const mod = await signInAs(t, "moderator");
    const promoted = await patch(admin, mod.id, { role: "admin" }).expect(200);
    expect(promoted.body.moderator).toMatchObject({ id: mod.id, role: "admin", disabled: false });
    await patch(admin, mod.id, { role: "moderator" }).expect(200);

    const disabled = await patch(admin, mod.id, { disabled: true }).expect(200);
    expect(disabled.body.moderator.disabled).toBe(true);
    await me(mod).expect(401);
    expect(await t.deps.db.session.count({ where: { moderatorId: mod.id } })).toBe(0);
    await login(mod.email, mod.password).expect(401);

    await patch(admin, mod.id, { disabled: false }).expect(200);
    await login(mod.email, mod.password).expect(200);
  });

  it("refuses changing yourself, moderators, unknown ids and bad bodies, changing nothing", async () => {
    const self = await patch(admin, admin.id, { role: "moderator" }).expect(403);
    expect(self.body.error.message).toMatch(/cannot change your own role or disable yourself/);
    const mod = await signInAs(t, "moderator");
    await patch(mod, admin.id, { disabled: true }).expect(403);
    await patch(admin, mod.id, { role: "owner" }).expect(422);
    await patch(admin, mod.id, {}).expect(422);
    await patch(admin, mod.id, { disabled: true, passwordHash: "x" }).expect(422);
    await patch(admin, "no-such-id", { disabled: true }).expect(404);
    await patch({ cookie: admin.cookie, csrfToken: "wrong" }, mod.id, { disabled: true }).expect(403);
    const row = await t.deps.db.moderator.findUniqueOrThrow({ where: { id: mod.id } });
    expect(row).toMatchObject({ role: "moderator", disabledAt: null });
    await me(admin).expect(200);
  });

  async function resetLink(email: string): Promise<string> {
    await request(t.app).post("/moderate/forgot-password").type("form").send({ email }).expect(200);
    await t.deps.mailer.runOnce();
    const mails = await smtp.waitFor((m) => m.some((x) => x.to.includes(email.toLowerCase())));
    const mail = mails.find((x) => x.to.includes(email.toLowerCase()))!;
    expect(mail.subject).toBe("Reset your Parley password");
    return /http:\/\/parley\.test(\/moderate\/reset-password\?t=[\w%-]+)/.exec(mail.text)![1]!;
  }
  const tokenOf = (path: string) => decodeURIComponent(new URL(path, "http://x").searchParams.get("t")!);
  const setPassword = (t0: string, password: string) =>
    request(t.app).post("/moderate/reset-password").type("form").send({ t: t0, password });

  it("resets a password by mail: one time, every old session ends, old password refused, new one works", async () => {
    const mod = await signInAs(t, "moderator");
    const second = await extraSession(t, mod.id);
    const path = await resetLink(mod.email);
    const form = await request(t.app).get(path).expect(200);
    expect(form.text).toContain("Choose a new password");
    // In the moderator's language (Accept-Language, as the console's shell), refusals by their reason too.
    const german = await request(t.app).get(path).set("Accept-Language", "de").expect(200);
    expect(german.text).toContain("<h1>Neues Passwort wählen</h1>");
    expect(german.headers["content-language"]).toBe("de");
    const forgery = await request(t.app).get("/moderate/reset-password?t=x").set("Accept-Language", "fr").expect(400);
    expect(forgery.text).toContain("Ce lien de réinitialisation n’est pas valide.");

    const short = await setPassword(tokenOf(path), "short").expect(422);
    expect(short.text).toContain("Use at least 10 characters.");
    const done = await setPassword(tokenOf(path), "a brand new passphrase").expect(200);
    expect(done.text).toContain("Your new password is set; you were signed out everywhere.");
    await me(mod).expect(401);
    await me(second).expect(401);
    await login(mod.email, mod.password).expect(401);
    await login(mod.email, "a brand new passphrase").expect(200);

    const replay = await setPassword(tokenOf(path), "another new passphrase").expect(410);
    expect(replay.text).toContain("This reset link was already used");
    await login(mod.email, "a brand new passphrase").expect(200);
  });

  it("refuses an expired link, and a newer password voids older links", async () => {
    const mod = await signInAs(t, "moderator");
    const old = await resetLink(mod.email);
    clock.advance(31 * 60_000);
    const late = await setPassword(tokenOf(old), "too late passphrase").expect(410);
    expect(late.text).toContain("This reset link has expired (links work for 30 minutes)");
    const a = await resetLink(mod.email);
    smtp.mails.length = 0;
    const b = await resetLink(mod.email);
    await setPassword(tokenOf(b), "the newest passphrase").expect(200);
    await setPassword(tokenOf(a), "an older link's passphrase").expect(410);
    await login(mod.email, "the newest passphrase").expect(200);
    await setPassword("x".repeat(43), "made up link passphrase").expect(400);
  });

  it("answers the same for an unknown address and mails nothing; limits mails per address", async () => {
    const unknown = await request(t.app)
      .post("/moderate/forgot-password")
      .type("form")
      .send({ email: "nobody@example.org" })
      .expect(200);
    expect(unknown.text).toContain("If a moderator account has that address");
    await t.deps.mailer.runOnce();
    expect(await t.deps.db.mailOutbox.count({ where: { toAddress: "nobody@example.org" } })).toBe(0);

    const mod = await signInAs(t, "moderator");
    for (let i = 0; i < 5; i++)
      await request(t.app).post("/moderate/forgot-password").type("form").send({ email: mod.email }).expect(200);
    expect(await t.deps.db.mailOutbox.count({ where: { kind: "password-reset", toAddress: mod.email } })).toBe(3);
  });
});
