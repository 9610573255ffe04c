// "Email me a sign-in link" over HTTP, with the mail delivered to a real SMTP server on loopback:
// ask → the mail → the link's page → one click → signed in (account by address, the address verified,
// a comment posted as the account). Replayed and expired links are refused with a clear message and
// change nothing; asking is limited per address and per IP; the widget's link returns only to an
// allowed origin, with its token in the fragment.
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeClock, type FakeClock } from "../support/fake-clock.ts";
import { registerTestSite } from "../support/sites.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const PUBLIC_URL = "http://parley.test";

describe.each(testProviders())("email-link sign-in on %s", (provider) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let clock: FakeClock;
  let threadId: string;
  let slug: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    clock = fakeClock();
    t = await createTestApp(
      provider,
      { SMTP_URL: smtp.url, PUBLIC_URL, AUTH_EMAIL_LINKS_PER_ADDRESS_PER_HOUR: "3" },
      { clock },
    );
    const thread = await t.deps.db.thread.findFirstOrThrow({
      where: { articleId: { not: null } },
      include: { article: true },
    });
    threadId = thread.id;
    slug = thread.article!.slug;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.mails.length = 0;
  });

  /** Asks for a link as the no-JS form does and returns the link's path from the mail that arrived. */
  async function mailedLinkPath(email: string, name = "Mel Mail"): Promise<string> {
    const asked = await request(t.app)
      .post("/auth/email/request")
      .type("form")
      .send({ authorName: name, authorEmail: email, return: `/articles/${slug}#respond` })
      .expect(200);
    expect(asked.text).toContain("Check your mailbox");
    await t.deps.mailer.runOnce();
    const mail = (await smtp.waitFor((m) => m.some((x) => x.to.includes(email)))).find((x) => x.to.includes(email));
    expect(mail!.subject).toBe("Your sign-in link for Parley");
    const url = /http:\/\/parley\.test\/auth\/email\/verify\?t=[\w%-]+/.exec(mail!.text)?.[0];
    expect(url, mail!.text).toBeTruthy();
    return url!.slice(PUBLIC_URL.length);
  }
  const tokenOf = (path: string) => decodeURIComponent(new URL(path, PUBLIC_URL).searchParams.get("t")!);
  const use = (token: string) =>
    request(t.app).post("/auth/email/verify").set("Sec-Fetch-Site", "same-origin").type("form").send({ t: token });

  it("mails a one-time link; its page names the reader, one click signs in and verifies the address", async () => {
    const path = await mailedLinkPath("mel@example.org");
    // Opening the link (or a mail scanner opening it) uses nothing: the page asks for one click.
    const page = await request(t.app).get(path).expect(200);
    expect(page.text).toContain("You are signing in as <strong>Mel Mail</strong> (mel@example.org)");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    await request(t.app).get(path).expect(200);

    const done = await use(tokenOf(path)).expect(303);
    expect(done.headers.location).toBe(`/articles/${slug}#respond`);
    const cookie = String(done.headers["set-cookie"]).split(";")[0]!;
    expect(cookie).toMatch(/^parley_reader_session=/);

    const me = await request(t.app).get("/api/reader/me").set("Cookie", cookie).expect(200);
    expect(me.body.reader).toMatchObject({ name: "Mel Mail", provider: "email", providerLabel: "email" });
    const account = await t.deps.db.readerAccount.findUniqueOrThrow({
      where: { provider_subject: { provider: "email", subject: "mel@example.org" } },
    });
    expect(account.email).toBe("mel@example.org");
    const address = await t.deps.db.emailAddress.findUniqueOrThrow({ where: { address: "mel@example.org" } });
    expect(address.verifiedAt).not.toBeNull();

    const posted = await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .set("Cookie", cookie)
      .set("X-Parley-Reader-CSRF", me.body.csrfToken)
      .send({ body: "Signed in by mail." })
      .expect(201);
    expect(posted.body.comment.authorName).toBe("Mel Mail");
    expect(posted.body.comment.verified).toEqual({ provider: "email" });
  });

  it("refuses a replayed link with a clear message (410), and it signs nobody in", async () => {
    const path = await mailedLinkPath("replay@example.org");
    await use(tokenOf(path)).expect(303);
    const sessions = await t.deps.db.readerSession.count();
    const again = await use(tokenOf(path)).expect(410);
    expect(again.text).toContain("This sign-in link was already used: each link works once. Ask for a new one.");
    expect(again.headers["set-cookie"]).toBeUndefined();
    const page = await request(t.app).get(path).expect(410);
    expect(page.text).toContain("already used");
    expect(await t.deps.db.readerSession.count()).toBe(sessions);
  });

  it("refuses an expired link (410, says how long links work); a made-up one is not valid (400)", async () => {
    const path = await mailedLinkPath("late@example.org");
    clock.advance(16 * 60_000);
    const late = await use(tokenOf(path)).expect(410);
    expect(late.text).toContain("This sign-in link has expired (links work for 15 minutes). Ask for a new one.");
    await request(t.app).get(path).expect(410);
    const forged = await use("x".repeat(43)).expect(400);
    expect(forged.text).toContain("This sign-in link is not valid");
    expect(await t.deps.db.readerAccount.count({ where: { provider: "email", subject: "late@example.org" } })).toBe(0);
  });

  it("refuses the click from another site's page (login CSRF)", async () => {
    const path = await mailedLinkPath("csrf@example.org");
    await request(t.app)
      .post("/auth/email/verify")
      .set("Sec-Fetch-Site", "cross-site")
      .type("form")
      .send({ t: tokenOf(path) })
      .expect(403);
    await use(tokenOf(path)).expect(303); // the link was not used up by the refused attempt
  });

  it("limits links per address (429 + Retry-After, no mail), and checks the fields", async () => {
    for (let i = 0; i < 3; i++)
      await request(t.app)
        .post("/api/reader/email-link?site=default")
        .send({ authorName: "Lim", authorEmail: "lim@example.org", return: "/" })
        .expect(202);
    const refused = await request(t.app)
      .post("/api/reader/email-link?site=default")
      .send({ authorName: "Lim", authorEmail: "LIM@example.org", return: "/" })
      .expect(429);
    expect(refused.body.error.message).toMatch(/Too many sign-in links were sent to this address; try again in \d+/);
    expect(refused.headers["retry-after"]).toBeTruthy();
    expect(await t.deps.db.mailedLink.count({ where: { email: "lim@example.org" } })).toBe(3);
    const bad = await request(t.app)
      .post("/api/reader/email-link?site=default")
      .send({ authorName: "", authorEmail: "nope", return: "/" })
      .expect(422);
    expect(bad.body.error.code).toBe("VALIDATION");
  });

  it("from the widget: returns to the page on an allowed origin with the token in the fragment; elsewhere refused", async () => {
    const site = await registerTestSite(t, ["https://blog.example"]);
    await request(t.app)
      .post(`/api/reader/email-link?site=${site.id}`)
      .set("Origin", "https://blog.example")
      .send({
        authorName: "Wid",
        authorEmail: "wid@example.org",
        return: "https://blog.example/post/1",
        widget: true,
        nonce: "the-widgets-own-nonce-0123",
      })
      .expect(202);
    const open = await request(t.app)
      .post(`/api/reader/email-link?site=${site.id}`)
      .send({
        authorName: "Wid",
        authorEmail: "wid2@example.org",
        return: "https://evil.example/",
        widget: true,
        nonce: "the-widgets-own-nonce-0123",
      })
      .expect(400);
    expect(open.body.error.code).toBe("RETURN_NOT_ALLOWED");
    await t.deps.mailer.runOnce();
    const mail = (await smtp.waitFor((m) => m.some((x) => x.to.includes("wid@example.org")))).find((x) =>
      x.to.includes("wid@example.org"),
    );
    const path = /http:\/\/parley\.test(\/auth\/email\/verify\?t=[\w%-]+)/.exec(mail!.text)![1]!;
    const done = await use(tokenOf(path)).expect(303);
    const back = new URL(done.headers.location!);
    expect(back.origin + back.pathname).toBe("https://blog.example/post/1");
    // The token comes back with the nonce the widget sent: the widget takes it only with a nonce it made.
    const [, token, nonce] = /^#parley-sign-in=([\w-]+)\.([\w-]+)$/.exec(back.hash)!;
    expect(nonce).toBe("the-widgets-own-nonce-0123");
    expect(done.headers["set-cookie"]).toBeUndefined(); // a widget's token, not a cookie
    const me = await request(t.app)
      .get(`/api/reader/me?site=${site.id}`)
      .set("X-Parley-Reader-Token", token!)
      .expect(200);
    expect(me.body.reader.name).toBe("Wid");
    // A widget that sends no nonce (an old copy) is told to reload, and nothing is mailed.
    const stale = await request(t.app)
      .post(`/api/reader/email-link?site=${site.id}`)
      .send({ authorName: "Wid", authorEmail: "wid3@example.org", return: "https://blog.example/", widget: true })
      .expect(400);
    expect(stale.body.error.message).toContain("Reload the page");
  });
});
