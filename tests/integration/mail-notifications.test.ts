// Readers' notifications end to end over HTTP, against a real SMTP server on loopback: the notify
// boxes, the confirmation link (nothing else reaches an unconfirmed address), reply, digest and
// approval mails with escaped content and RFC 8058 headers, unsubscribe by link and by One-Click POST
// with undo, and the confirmation limits.
import request from "supertest";
import { followRefusedForm } from "../support/refused-form.ts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queueThreadDigests } from "../../src/mail/thread-digests.ts";
import { DEFAULT_SITE_ID } from "../../src/sites/ensure-default-site.ts";
import { signInAs } from "../support/moderators.ts";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../support/smtp-sink.ts";
import { createTestApp, RELAXED_SITE_SETTINGS, type TestApp } from "../support/test-app.ts";

let smtp: SmtpSink;
let t: TestApp;
let threadId: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp("sqlite", {
    SMTP_URL: smtp.url,
    PUBLIC_URL: "http://parley.test",
    NOTIFY_DIGEST_MINUTES: "30",
  });
  threadId = (await t.deps.db.thread.findFirstOrThrow({ where: { articleId: { not: null } } })).id;
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});
beforeEach(() => {
  smtp.mails.length = 0;
});

type Post = {
  body: string;
  authorName: string;
  authorEmail: string;
  parentId?: string;
  notifyReplies?: boolean;
  notifyThread?: boolean;
};
const post = (p: Post, cookie = "") =>
  request(t.app).post(`/api/threads/${threadId}/comments`).set("Cookie", cookie).send(p);
const send = () => t.deps.mailer.runOnce();
const linkIn = (mail: ReceivedMail, path: string) => {
  const m = new RegExp(`http://parley\\.test(${path.replace(/[/?]/g, "\\$&")}\\?t=[\\w.-]+)`).exec(mail.text);
  if (!m) throw new Error(`no ${path} link in: ${mail.text}`);
  return m[1]!;
};
const headerUrl = (mail: ReceivedMail) =>
  /^<http:\/\/parley\.test([^>]+)>$/.exec(mail.headers.get("list-unsubscribe") ?? "")![1]!;

describe("notifications", () => {
  let aliceComment: string;
  let aliceCookie = "";
  /** Frank (not subscribed) replies to Alice's first comment. */
  const frankReplies = (body: string) =>
    post({ body, authorName: "Frank", authorEmail: "frank@example.org", parentId: aliceComment }).expect(201);

  it("the notify boxes mail a confirmation link, and nothing else until it is followed", async () => {
    const res = await post({
      body: "First!",
      authorName: "Alice",
      authorEmail: "Alice@Example.org",
      notifyReplies: true,
      notifyThread: true,
    }).expect(201);
    expect(res.body.notify).toEqual({ confirmed: false, confirmationSent: true });
    aliceComment = res.body.comment.id;
    await send();
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.subject).toBe("Confirm your email address for Parley");
    expect(smtp.mails[0]!.to).toEqual(["alice@example.org"]);

    // A reply before confirming: the subscription waits, so no reply mail.
    await post({
      body: "Early reply",
      authorName: "Bob",
      authorEmail: "bob@example.org",
      parentId: aliceComment,
    }).expect(201);
    await queueThreadDigests(t.deps, new Date());
    await send();
    expect(smtp.mails).toHaveLength(1);

    const confirm = await request(t.app).get(linkIn(smtp.mails[0]!, "/mail/confirm")).expect(200);
    expect(confirm.text).toContain("Your email address is confirmed");
    expect(confirm.text).toContain("Replies to your comment on");
    const cookie = (confirm.headers["set-cookie"] as unknown as string[]).find((c) =>
      c.startsWith("parley_email_proof="),
    )!;
    expect(cookie).toMatch(/HttpOnly/i);
    aliceCookie = cookie.split(";")[0]!;
    const address = await t.deps.db.emailAddress.findUniqueOrThrow({ where: { address: "alice@example.org" } });
    expect(address.verifiedAt).not.toBeNull();
    // Following it again changes nothing and says so.
    expect((await request(t.app).get(linkIn(smtp.mails[0]!, "/mail/confirm")).expect(200)).text).toContain(
      "confirmed already",
    );
    await request(t.app).get("/mail/confirm?t=forged.token").expect(400);
  });

  it("a published reply mails the subscriber once: escaped text, who wrote it, a permalink, one-click headers", async () => {
    const res = await post({
      body: `<img src=x onerror=alert(1)> & "quotes"`,
      authorName: `Carol <b>the bold</b>`,
      authorEmail: "carol@example.org",
      parentId: aliceComment,
    }).expect(201);
    await send();
    await send();
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(["alice@example.org"]);
    expect(mail.subject).toContain("Carol <b>the bold</b> replied to your comment on");
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;");
    expect(mail.html).toContain("Carol &lt;b&gt;the bold&lt;/b&gt; replied");
    expect(mail.html).not.toMatch(/<img|<b>/);
    // The permalink finds the reply's comment page (http/page-handlers.ts).
    expect(mail.text).toContain(`/comments/${res.body.comment.id}`);
    expect(mail.html).toContain(`/comments/${res.body.comment.id}`);
    expect(mail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(headerUrl(mail)).toMatch(/^\/mail\/unsubscribe\?t=/);
    // Replying to oneself mails nobody.
    await post(
      { body: "Thanks, Carol", authorName: "Alice", authorEmail: "alice@example.org", parentId: aliceComment },
      aliceCookie,
    ).expect(201);
    await send();
    expect(smtp.mails).toHaveLength(1);
  });

  it("new comments in a followed thread come as one digest per period, without the subscriber's own", async () => {
    await post({ body: "Digest one", authorName: "Dan", authorEmail: "dan@example.org" }).expect(201);
    await post({ body: "Digest two <script>", authorName: "Eve", authorEmail: "eve@example.org" }).expect(201);
    expect(await queueThreadDigests(t.deps, new Date())).toBe(1);
    await send();
    expect(smtp.mails).toHaveLength(1);
    const digest = smtp.mails[0]!;
    expect(digest.subject).toMatch(/^3 new comments on “/); // Carol's reply, Dan, Eve; not Alice's own
    expect(digest.text).toContain("Digest two <script>");
    expect(digest.html).toContain("Digest two &lt;script&gt;");
    expect(digest.text).not.toContain("Thanks, Carol");
    expect(digest.text).not.toContain("Early reply"); // published before she confirmed
    // More comments within the digest period: no second mail until it is over.
    await post({ body: "Digest three", authorName: "Dan", authorEmail: "dan@example.org" }).expect(201);
    expect(await queueThreadDigests(t.deps, new Date())).toBe(0);
    // The period is over (as if 31 minutes had passed since the digest).
    await t.deps.db.subscription.updateMany({
      where: { kind: "thread" },
      data: { lastMailAt: new Date(Date.now() - 31 * 60_000) },
    });
    expect(await queueThreadDigests(t.deps, new Date())).toBe(1);
    await send();
    expect(smtp.mails.at(-1)!.subject).toMatch(/^1 new comment on “/);

    // One-Click: the mail client POSTs to the List-Unsubscribe URL; then no more digests.
    const oneClick = await request(t.app)
      .post(headerUrl(digest))
      .type("form")
      .send("List-Unsubscribe=One-Click")
      .expect(200);
    expect(oneClick.text).toContain("We stopped mail about new comments on");
    await request(t.app).post(headerUrl(digest)).type("form").send("List-Unsubscribe=One-Click").expect(200); // idempotent
    await post({ body: "Digest four", authorName: "Dan", authorEmail: "dan@example.org" }).expect(201);
    await t.deps.db.subscription.updateMany({
      where: { kind: "thread" },
      data: { lastMailAt: new Date(Date.now() - 31 * 60_000) },
    });
    expect(await queueThreadDigests(t.deps, new Date())).toBe(0);
  });

  it("the reply mail's link unsubscribes from that comment's replies, and Undo starts them again", async () => {
    await frankReplies("Reply 2");
    await send();
    const mail = smtp.mails.at(-1)!;
    const page = await request(t.app).get(linkIn(mail, "/mail/unsubscribe")).expect(200);
    expect(page.text).toContain("We stopped mail about replies to your comment on");
    await frankReplies("Reply 3");
    await send();
    expect(smtp.mails).toHaveLength(1);

    const token = /name="t" value="([^"]+)"/.exec(page.text)![1]!;
    const undo = await request(t.app).post("/mail/unsubscribe/undo").type("form").send({ t: token }).expect(200);
    expect(undo.text).toContain("You are subscribed again");
    await frankReplies("Reply 4");
    await send();
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails[1]!.text).toContain("Reply 4");
  });

  it("stop all mail: nothing more goes to the address", async () => {
    await frankReplies("Reply 5");
    await send();
    const all = /Stop all mail from Parley: http:\/\/parley\.test(\S+)/.exec(smtp.mails.at(-1)!.text)![1]!;
    expect((await request(t.app).get(all).expect(200)).text).toContain(
      "We stopped all mail from Parley to alice@example.org",
    );
    await frankReplies("Reply 6");
    await send();
    expect(smtp.mails).toHaveLength(1);
    const token = new URL(`http://x${all}`).searchParams.get("t")!;
    await request(t.app).post("/mail/unsubscribe/undo").type("form").send({ t: token }).expect(200);
  });

  it("an approval mails the author who ticked the box, and the approved reply mails the parent's subscriber", async () => {
    await t.deps.db.site.update({
      where: { id: DEFAULT_SITE_ID },
      data: { settings: { ...RELAXED_SITE_SETTINGS, mode: "pre-moderate-all" } },
    });
    const mod = await signInAs(t, "moderator", "Mia");
    try {
      // Alice has proof of her address (the cookie): her new subscription starts at once, no confirmation.
      const held = await post(
        { body: "Held one", authorName: "Alice", authorEmail: "alice@example.org", notifyReplies: true },
        aliceCookie,
      ).expect(202);
      expect(held.body.notify).toEqual({ confirmed: true, confirmationSent: false });
      const reply = await post({
        body: "Held reply",
        authorName: "Gina",
        authorEmail: "gina@example.org",
        parentId: aliceComment,
      }).expect(202);
      await send();
      expect(smtp.mails.map((m) => m.subject)).toEqual([]);
      const approve = (id: string) =>
        request(t.app)
          .post(`/api/moderation/comments/${id}/actions`)
          .set("Cookie", mod.cookie)
          .set("X-CSRF-Token", mod.csrfToken)
          .send({ action: "approve", revision: 1 })
          .expect(200);
      await approve(held.body.comment.id);
      await approve(reply.body.comment.id);
      await send();
      const subjects = smtp.mails.map((m) => m.subject).sort();
      expect(subjects).toHaveLength(2);
      expect(subjects[0]).toMatch(/^Gina replied to your comment on “/);
      expect(subjects[1]).toMatch(/^Your comment on “.*” is published$/);
      expect(smtp.mails.find((m) => m.subject.startsWith("Your comment"))!.text).toContain("Held one");
    } finally {
      await t.deps.db.site.update({ where: { id: DEFAULT_SITE_ID }, data: { settings: RELAXED_SITE_SETTINGS } });
    }
  });
});

describe("confirmation limits", () => {
  it("per address per day and per IP per hour: 429 with Retry-After, nothing stored", async () => {
    const l = await createTestApp("sqlite", {
      SMTP_URL: smtp.url,
      MAIL_CONFIRMATIONS_PER_IP_PER_HOUR: "3",
      MAIL_CONFIRMATIONS_PER_ADDRESS_PER_DAY: "2",
    });
    try {
      const thread = (await l.deps.db.thread.findFirstOrThrow({ where: { articleId: { not: null } } })).id;
      const p = (email: string, body: string) =>
        request(l.app)
          .post(`/api/threads/${thread}/comments`)
          .send({ body, authorName: "Pat", authorEmail: email, notifyReplies: true });
      expect((await p("pat@example.org", "one").expect(201)).body.notify.confirmationSent).toBe(true);
      // Right after: the same link serves, no second mail, no refusal.
      expect((await p("pat@example.org", "two").expect(201)).body.notify.confirmationSent).toBe(false);
      const age = () =>
        l.deps.db.mailOutbox.updateMany({
          where: { kind: "confirm-address" },
          data: { createdAt: new Date(Date.now() - 3600_000) },
        });
      await age();
      expect((await p("pat@example.org", "three").expect(201)).body.notify.confirmationSent).toBe(true);
      await age();
      const refused = await p("pat@example.org", "four").expect(429);
      expect(refused.body.error.code).toBe("RATE_LIMITED");
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(3600 * 22);
      expect(await l.deps.db.comment.count({ where: { bodySource: "four" } })).toBe(0);
      // Per IP: the third mail this hour from this address was Pat's second; one more, then 429.
      await p("quinn@example.org", "five").expect(201);
      const perIp = await p("rosa@example.org", "six").expect(429);
      expect(perIp.body.error.message).toMatch(/Too many confirmation mails from your network/);
      expect(Number(perIp.headers["retry-after"])).toBeGreaterThan(0);
      // Without the boxes, posting is never limited by mail.
      await request(l.app)
        .post(`/api/threads/${thread}/comments`)
        .send({ body: "seven", authorName: "Rosa", authorEmail: "rosa@example.org" })
        .expect(201);
    } finally {
      await l.close();
    }
  });
});

describe("the no-JavaScript form", () => {
  it("posts the notify boxes, and the page says a confirmation link was mailed", async () => {
    const n = await createTestApp("sqlite", { SMTP_URL: smtp.url });
    try {
      const article = await n.deps.db.article.findFirstOrThrow();
      const res = await request(n.app)
        .post(`/articles/${article.slug}/comments`)
        .type("form")
        .send({
          body: "No script here.",
          authorName: "Nell",
          authorEmail: "nell@example.org",
          notifyReplies: "1",
          notifyThread: "1",
        })
        .expect(303);
      expect(res.headers.location).toMatch(/\?confirm=1#comment-/);
      const page = await request(n.app).get(res.headers.location!.replace(/#.*/, "")).expect(200);
      expect(page.text).toContain("We sent you a mail: follow its link to confirm your address");
      const subs = await n.deps.db.subscription.findMany({ where: { address: "nell@example.org" } });
      expect(subs.map((s) => s.kind).sort()).toEqual(["replies", "thread"]);
      // A form re-rendered after an error keeps the boxes ticked.
      const refused = await followRefusedForm(
        n.app,
        await request(n.app)
          .post(`/articles/${article.slug}/comments`)
          .type("form")
          .send({ body: "", authorName: "Nell", authorEmail: "nell@example.org", notifyThread: "1" }),
      );
      expect(refused.text).toMatch(/id="notifyThread"\s+name="notifyThread"\s+type="checkbox"\s+value="1"\s+checked/);
    } finally {
      await n.close();
    }
  });
});
