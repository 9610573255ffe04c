// The outbox and its worker against a real SMTP server on loopback (tests/support/smtp-sink.ts):
// queued in the caller's transaction, sent once, retried on 4xx, given up with the reason kept,
// 5xx suppresses the address, the embedded default stores instead of sending, and two workers
// sharing one outbox never send a row twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueMail } from "../../src/mail/enqueue-mail.ts";
import { createMailer } from "../../src/mail/mail-worker.ts";
import { purgeSentMail } from "../../src/store/mail-outbox.ts";
import { markAddressVerified } from "../../src/store/email-addresses.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";

let smtp: SmtpSink;
let t: TestApp;
let threadId: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp("sqlite", {
    SMTP_URL: smtp.url,
    MAIL_RETRY_BASE_SECONDS: "0.01",
    MAIL_MAX_ATTEMPTS: "3",
    PUBLIC_URL: "http://parley.test",
  });
  const thread = await t.deps.db.thread.findFirstOrThrow({ where: { articleId: { not: null } } });
  threadId = thread.id;
  await t.deps.db.thread.update({
    where: { id: threadId },
    data: { title: `Spies <script>alert("x")</script> & "friends"` },
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});
beforeEach(() => {
  smtp.mails.length = 0;
  smtp.reject.clear();
});

const queue = (to: string, key: string, kind = "confirm-address", data: Record<string, string> = { threadId }) =>
  t.deps.db.$transaction((tx) => enqueueMail(tx, { kind, to, idempotencyKey: key, data }, new Date()));

describe("mail outbox", () => {
  it("sends a queued mail once, with escaped content and one-click unsubscribe headers", async () => {
    await queue("Reader@Example.org", "k-1");
    await queue("reader@example.org", "k-1"); // the same event again: still one mail
    await t.deps.mailer.runOnce();
    await t.deps.mailer.runOnce();
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(["reader@example.org"]);
    expect(mail.subject).toBe("Confirm your email address for Parley");
    expect(mail.headers.get("list-unsubscribe")).toMatch(
      /^<http:\/\/parley\.test\/mail\/unsubscribe\?t=[\w-]+\.[\w-]+>$/,
    );
    expect(mail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.headers.get("message-id")).toMatch(/^<[0-9a-f]{32}@parley\.test>$/);
    expect(mail.html).toContain("Spies &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;friends&quot;");
    expect(mail.html).not.toContain("<script>");
    expect(mail.text).toContain(`Spies <script>alert("x")</script>`); // plain text is text
    expect(mail.text).toMatch(/Confirm my address: http:\/\/parley\.test\/mail\/confirm\?t=/);
    const row = await t.deps.db.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: "k-1" } });
    expect(row).toMatchObject({ status: "sent", attempts: 1, toAddress: "reader@example.org" });
    expect(row.htmlBody).toContain("Confirm my address");
  });

  it("queues nothing when the caller's transaction rolls back", async () => {
    await expect(
      t.deps.db.$transaction(async (tx) => {
        await enqueueMail(
          tx,
          { kind: "confirm-address", to: "gone@example.org", idempotencyKey: "rolled", data: { threadId } },
          new Date(),
        );
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    expect(await t.deps.db.mailOutbox.count({ where: { idempotencyKey: "rolled" } })).toBe(0);
  });

  it("sends reader mail only to confirmed addresses", async () => {
    await queue("unconfirmed@example.org", "reply-1", "reply", { commentId: "none", subscriptionId: "none" });
    await t.deps.mailer.runOnce();
    expect(smtp.mails).toHaveLength(0);
    expect(await t.deps.db.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: "reply-1" } })).toMatchObject({
      status: "skipped",
      lastError: "address not confirmed",
    });
  });

  it("retries a temporary refusal with backoff, then gives up with the reason kept", async () => {
    smtp.reject.set("busy@example.org", 451);
    await queue("busy@example.org", "busy-1");
    await t.deps.mailer.runOnce();
    let row = await t.deps.db.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: "busy-1" } });
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row.lastError).toMatch(/451/);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 1000);
    // The next tries come after the (tiny, in this test) doubling delay.
    for (let i = 0; i < 50 && row.status === "queued"; i++) {
      await new Promise((r) => setTimeout(r, 30));
      await t.deps.mailer.runOnce();
      row = await t.deps.db.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: "busy-1" } });
    }
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row.lastError).toMatch(/^gave up after 3 tries: .*451/);
    expect(smtp.mails).toHaveLength(0);

    smtp.reject.set("later@example.org", 421);
    await queue("later@example.org", "later-1");
    await t.deps.mailer.runOnce();
    smtp.reject.clear();
    await new Promise((r) => setTimeout(r, 30));
    await t.deps.mailer.runOnce();
    expect(smtp.mails.map((m) => m.to[0])).toEqual(["later@example.org"]);
  });

  it("a 5xx for an address fails the mail and stops mail to that address", async () => {
    smtp.reject.set("nobody@example.org", 550);
    await queue("nobody@example.org", "bounce-1");
    await t.deps.mailer.runOnce();
    expect(await t.deps.db.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: "bounce-1" } })).toMatchObject({
      status: "failed",
      attempts: 1,
    });
    const address = await t.deps.db.emailAddress.findUniqueOrThrow({ where: { address: "nobody@example.org" } });
    expect(address.suppressedAt).not.toBeNull();
    expect(address.suppressReason).toMatch(/550/);
    smtp.reject.clear();
    await queue("nobody@example.org", "bounce-2");
    await t.deps.mailer.runOnce();
    expect(smtp.mails).toHaveLength(0);
    expect((await t.deps.db.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: "bounce-2" } })).lastError).toMatch(
      /^address suppressed: /,
    );
  });

  it("purges the address and text of sent mail after the retention period", async () => {
    await queue("old@example.org", "old-1");
    await t.deps.mailer.runOnce();
    await t.deps.db.mailOutbox.update({
      where: { idempotencyKey: "old-1" },
      data: { createdAt: new Date(Date.now() - 40 * 86_400_000) },
    });
    expect(await purgeSentMail(t.deps.db, new Date(Date.now() - 30 * 86_400_000))).toBeGreaterThanOrEqual(1);
    const row = await t.deps.db.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: "old-1" } });
    expect(row).toMatchObject({ toAddress: null, subject: null, htmlBody: null, textBody: null, status: "sent" });
  });

  it("two workers sharing one outbox send every mail exactly once", async () => {
    await markAddressVerified(t.deps.db, "many@example.org", new Date());
    const second = createMailer(t.deps);
    await t.deps.db.$transaction(async (tx) => {
      for (let i = 0; i < 120; i++)
        await enqueueMail(
          tx,
          { kind: "confirm-address", to: `many+${i}@example.org`, idempotencyKey: `many-${i}`, data: { threadId } },
          new Date(),
        );
    });
    await Promise.all([t.deps.mailer.runOnce(), second.runOnce(), t.deps.mailer.runOnce(), second.runOnce()]);
    await second.stop();
    const to = smtp.mails.map((m) => m.to[0]);
    expect(to).toHaveLength(120);
    expect(new Set(to).size).toBe(120);
  });
});

describe("embedded mail (no SMTP_URL)", () => {
  it("stores the rendered mail instead of sending it", async () => {
    const e = await createTestApp("sqlite", {});
    try {
      const thread = await e.deps.db.thread.findFirstOrThrow();
      await e.deps.db.$transaction((tx) =>
        enqueueMail(
          tx,
          { kind: "confirm-address", to: "demo@example.org", idempotencyKey: "demo-1", data: { threadId: thread.id } },
          new Date(),
        ),
      );
      expect(e.deps.mailer.embedded).toBe(true);
      await e.deps.mailer.runOnce();
      const row = await e.deps.db.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: "demo-1" } });
      expect(row.status).toBe("stored");
      expect(row.subject).toBe("Confirm your email address for Parley");
      expect(row.htmlBody).toContain("Confirm my address");
    } finally {
      await e.close();
    }
  });
});
