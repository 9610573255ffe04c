// SIGKILL between the commit and the send: the server that committed a comment (and, in the same
// transaction, its mail) dies before its worker sends anything; the restarted server sends that mail,
// exactly once. The first server runs with MAIL_WORKER_ENABLED=false so the kill lands in that window
// every time, not by luck of timing; the second has its worker on, polling every 100 ms.
import { afterAll, describe, expect, it } from "vitest";
import { prepareLoadDatabase, LOAD_TEST_ENV } from "../support/load-settings.ts";
import { startServerProcess } from "../support/server-process.ts";
import { startSmtpSink } from "../support/smtp-sink.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("mail across a crash on %s", (provider) => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  it("a mail committed before SIGKILL is sent after the restart, once", { timeout: 120_000 }, async () => {
    const smtp = await startSmtpSink();
    cleanup.push(() => smtp.close());
    const { db, threadId } = await prepareLoadDatabase(provider);
    cleanup.push(() => db.drop());
    const env = { ...LOAD_TEST_ENV, DATABASE_URL: db.url, SMTP_URL: smtp.url, MAIL_POLL_SECONDS: "0.1" };

    const first = await startServerProcess({ ...env, MAIL_WORKER_ENABLED: "false" });
    cleanup.push(() => first.stop("SIGKILL"));
    const res = await fetch(`${first.url}/api/threads/${threadId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        authorName: "Kim",
        authorEmail: "kim@example.org",
        body: "Tell me.",
        notifyReplies: true,
      }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { notify: unknown }).notify).toEqual({ confirmed: false, confirmationSent: true });
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    expect(smtp.mails).toHaveLength(0);

    const second = await startServerProcess(env);
    cleanup.push(() => second.stop());
    await smtp.waitFor((m) => m.length >= 1, 30_000);
    // Several more polls: still one.
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.mails.map((m) => [m.to[0], m.subject])).toEqual([
      ["kim@example.org", "Confirm your email address for Parley"],
    ]);
  });
});
