// Two instances on PostgreSQL sharing one outbox (the same database, each with its own pool and
// worker, as two servers would): 1,000 queued mails, each delivered exactly once to the SMTP server.
import { afterAll, describe, expect, it } from "vitest";
import { enqueueMail } from "../../src/mail/enqueue-mail.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const N = 1000;
const postgres = testProviders().includes("postgres");

describe.skipIf(!postgres)("two instances sharing one outbox on postgres", () => {
  let smtp: SmtpSink;
  let a: TestApp;
  let b: TestApp;
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await smtp?.close();
  });

  it(`delivers ${N} mails, each exactly once`, { timeout: 240_000 }, async () => {
    smtp = await startSmtpSink();
    const env = { SMTP_URL: smtp.url, MAIL_CONCURRENCY: "4" };
    a = await createTestApp("postgres", env);
    b = await createTestApp("postgres", env, {}, { shared: a.db });
    const thread = await a.deps.db.thread.findFirstOrThrow();
    await a.deps.db.$transaction(
      async (tx) => {
        for (let i = 0; i < N; i++)
          await enqueueMail(
            tx,
            {
              kind: "confirm-address",
              to: `r${i}@example.org`,
              idempotencyKey: `bulk-${i}`,
              data: { threadId: thread.id },
            },
            new Date(),
          );
      },
      { timeout: 120_000 },
    );
    // Both workers at once, each round claiming up to 50 rows, until the outbox is empty.
    const drain = async (t: TestApp) => {
      let settled = 0;
      while (await t.deps.db.mailOutbox.count({ where: { status: { in: ["queued", "sending"] } } }))
        settled += await t.deps.mailer.runOnce();
      return settled;
    };
    const [byA, byB] = await Promise.all([drain(a), drain(b)]);
    expect(byA + byB).toBe(N);
    expect(Math.min(byA, byB)).toBeGreaterThan(0); // both took part
    const recipients = smtp.mails.map((m) => m.to[0]);
    expect(recipients).toHaveLength(N);
    expect(new Set(recipients).size).toBe(N);
    expect(await a.deps.db.mailOutbox.count({ where: { status: "sent" } })).toBe(N);
  });
});
