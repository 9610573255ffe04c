// One-time links (a reader's email sign-in, a moderator's password reset) reach their owner's mailbox
// whole, but what Parley keeps of the mail (the console's Outbox preview, as HTML and as text; the
// row's data) has the link's token hidden: an admin reading the outbox cannot sign in as a reader or
// take over another moderator's account. Failed before the fix: the preview showed the working link.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("one-time links in the outbox on %s", (provider) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp(provider, { SMTP_URL: smtp.url, PUBLIC_URL: "http://parley.test" });
    admin = await signInAs(t, "admin");
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const preview = (id: string, format?: "text") =>
    request(t.app)
      .get(`/api/admin/mail/outbox/${id}/preview${format ? "?format=text" : ""}`)
      .set("Cookie", admin.cookie)
      .expect(200);

  async function delivered(to: string, link: RegExp) {
    await t.deps.mailer.runOnce();
    const mail = (await smtp.waitFor((m) => m.some((x) => x.to.includes(to)))).find((x) => x.to.includes(to))!;
    const url = link.exec(mail.text)?.[0];
    expect(url, mail.text).toBeTruthy();
    const token = decodeURIComponent(new URL(url!).searchParams.get("t")!);
    expect(token.length).toBeGreaterThan(20);
    expect(mail.html).toContain(token); // the owner's mail carries the working link
    const row = await t.deps.db.mailOutbox.findFirstOrThrow({
      where: { toAddress: to },
      orderBy: { createdAt: "desc" },
    });
    expect(row.status).toBe("sent");
    return { token, row };
  }

  async function expectHidden(id: string, token: string) {
    const html = await preview(id);
    const text = await preview(id, "text");
    expect(html.text).not.toContain(token);
    expect(text.text).not.toContain(token);
    expect(text.text).toContain("hidden");
    const row = await t.deps.db.mailOutbox.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(token);
  }

  it("a moderator's password reset link is sent whole and hidden in the outbox", async () => {
    const other = await signInAs(t, "admin");
    await request(t.app).post("/moderate/forgot-password").type("form").send({ email: other.email }).expect(200);
    const { token, row } = await delivered(other.email, /http:\/\/parley\.test\/moderate\/reset-password\?t=[\w%-]+/);
    await expectHidden(row.id, token);
    // The hidden copy changed nothing about the link itself: it still works, once.
    await request(t.app)
      .post("/moderate/reset-password")
      .type("form")
      .send({ t: token, password: "a new passphrase here" })
      .expect(200);
  });

  it("a reader's email sign-in link is sent whole and hidden in the outbox", async () => {
    const email = "reader-redacted@example.org";
    await request(t.app)
      .post("/auth/email/request")
      .type("form")
      .send({ authorName: "Rita", authorEmail: email, return: "/" })
      .expect(200);
    const { token, row } = await delivered(email, /http:\/\/parley\.test\/auth\/email\/verify\?t=[\w%-]+/);
    await expectHidden(row.id, token);
  });
});
