// The mail worker: claims due outbox rows (a conditional update, so several instances never send one
// row), renders each with its template, checks the address may get it (confirmed, not suppressed, not
// opted out), sends, and settles the row: sent / stored, queued again after a temporary failure (the delay
// doubles each try), failed after MAIL_MAX_ATTEMPTS or a 5xx (the address is then suppressed), skipped.
// Periodic jobs (thread digests, moderator digests, the retention purge) run between rounds.
import crypto from "node:crypto";
import { publicUrl } from "../config/config.ts";
import type { Deps, Mailer } from "../deps.ts";
import { readAddresses, suppressAddress } from "../store/email-addresses.ts";
import type { JsonObject } from "../store/client.ts";
import { claimDueMails, finishMail, purgeSentMail, type OutboxRow, type Rendered } from "../store/mail-outbox.ts";
import { mailTemplates, type MailTemplate } from "./templates.ts";
import { classifySendError, createMailTransport, type MailTransport } from "./transport.ts";

export type PeriodicJob = { name: string; everyMs: number; run(deps: Deps, now: Date): Promise<unknown> };

const BATCH = 50;
const LEASE_MS = 5 * 60_000; // longer than any send (socket timeout 30 s); a dead sender's rows come back after it
const MAX_DELAY_MS = 6 * 3600_000;
const PURGE_EVERY_MS = 3600_000;

export function createMailer(deps: Deps, jobs: PeriodicJob[] = []): Mailer {
  const { config, log } = deps;
  let transport: MailTransport | null = null;
  const lastRun = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let started = false;
  let stopped = false;
  const host = new URL(publicUrl(config)).hostname || "parley.invalid";
  const allJobs: PeriodicJob[] = [
    {
      name: "purge",
      everyMs: PURGE_EVERY_MS,
      run: (d, now) => purgeSentMail(d.db, new Date(now.getTime() - config.MAIL_RETENTION_DAYS * 86_400_000)),
    },
    ...jobs,
  ];

  function getTransport(): MailTransport {
    return (transport ??= createMailTransport(config, log));
  }

  async function runJobs(now: Date) {
    for (const job of allJobs) {
      if (now.getTime() - (lastRun.get(job.name) ?? -Infinity) < job.everyMs) continue;
      lastRun.set(job.name, now.getTime());
      try {
        await job.run(deps, now);
      } catch (err) {
        log.error({ err, job: job.name }, "mail job failed");
      }
    }
  }

  async function round(): Promise<number> {
    let settled = 0;
    await runJobs(deps.clock.now());
    for (;;) {
      const rows = await claimDueMails(deps.db, deps.clock.now(), BATCH, LEASE_MS);
      if (!rows.length) break;
      const addresses = new Map(
        (await readAddresses(deps.db, [...new Set(rows.flatMap((r) => (r.toAddress ? [r.toAddress] : [])))])).map(
          (a) => [a.address, a],
        ),
      );
      const queue = [...rows];
      const lanes = Array.from({ length: Math.min(config.MAIL_CONCURRENCY, rows.length) }, async () => {
        for (let row = queue.shift(); row; row = queue.shift()) {
          await deliver(row, addresses.get(row.toAddress ?? "") ?? null);
          settled++;
        }
      });
      await Promise.all(lanes);
      if (rows.length < BATCH || stopped) break;
    }
    return settled;
  }

  async function deliver(row: OutboxRow, address: Awaited<ReturnType<typeof readAddresses>>[number] | null) {
    const attempts = row.attempts + 1;
    const template = mailTemplates[row.kind];
    const skip = (reason: string) => finishMail(deps.db, row, { status: "skipped", reason }, attempts);
    if (!template)
      return finishMail(deps.db, row, { status: "failed", reason: `unknown mail kind ${row.kind}` }, attempts);
    if (!row.toAddress) return skip("address purged");
    if (address?.suppressedAt) return skip(`address suppressed: ${address.suppressReason ?? "bounced"}`);
    if (template.readerMail && address?.optedOutAt) return skip("the reader stopped all mail");
    // Nothing but the confirmation itself ever goes to an address its owner has not confirmed.
    if (template.needsVerifiedAddress && !address?.verifiedAt) return skip("address not confirmed");
    let rendered: Rendered;
    let headers: Record<string, string>;
    const data = (row.data ?? {}) as Record<string, unknown>;
    try {
      const now = deps.clock.now();
      const content = await template.render({ deps, to: row.toAddress, now }, data);
      if (!content) return skip("nothing to send any more (the comment changed or was removed)");
      // Stable per idempotency key: a resend after a crash mid-send carries the same Message-ID.
      const messageId = `<${crypto.createHash("sha256").update(row.idempotencyKey).digest("hex").slice(0, 32)}@${host}>`;
      rendered = { subject: content.subject, text: content.text, html: content.html, messageId };
      headers = { "Auto-Submitted": "auto-generated", "X-Parley-Mail": row.kind };
      if (content.listUnsubscribe) {
        // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" to this URL.
        headers["List-Unsubscribe"] = `<${content.listUnsubscribe}>`;
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
      }
    } catch (err) {
      log.error({ err, mailId: row.id, kind: row.kind }, "mail could not be rendered");
      return retryOrFail(row, attempts, `render failed: ${(err as Error).message}`);
    }
    // What the outbox keeps: the mail with its one-time link's token hidden (the owner gets it whole).
    const kept = keptCopy(template, data, rendered);
    const t = getTransport();
    try {
      await t.send({ to: row.toAddress, ...rendered, headers });
    } catch (err) {
      const failure = classifySendError(err);
      log.warn(
        { mailId: row.id, kind: row.kind, reason: failure.reason, temporary: failure.temporary },
        "mail not sent",
      );
      if (failure.temporary) return retryOrFail(row, attempts, failure.reason);
      if (failure.addressRejected) await suppressAddress(deps.db, row.toAddress, failure.reason, deps.clock.now());
      return finishMail(deps.db, row, { status: "failed", reason: failure.reason, ...kept }, attempts);
    }
    if (!t.embedded) log.info({ mailId: row.id, kind: row.kind, messageId: rendered.messageId }, "mail sent");
    await finishMail(
      deps.db,
      row,
      { status: t.embedded ? "stored" : "sent", ...kept, now: deps.clock.now() },
      attempts,
    );
  }

  /** A retry keeps the token in the row (the mail is rendered again); a settled row keeps it nowhere. */
  function retryOrFail(row: OutboxRow, attempts: number, reason: string) {
    if (attempts >= config.MAIL_MAX_ATTEMPTS)
      return finishMail(
        deps.db,
        row,
        { status: "failed", reason: `gave up after ${attempts} tries: ${reason}`, data: keptData(row) },
        attempts,
      );
    const delay = Math.min(config.MAIL_RETRY_BASE_SECONDS * 1000 * 2 ** (attempts - 1), MAX_DELAY_MS);
    return finishMail(
      deps.db,
      row,
      { status: "queued", reason, nextAttemptAt: new Date(deps.clock.now().getTime() + delay) },
      attempts,
    );
  }

  function runOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = round()
      .catch((err) => {
        log.error({ err }, "mail round failed");
        return 0;
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void runOnce();
        }
      });
    return running;
  }

  function schedule() {
    if (stopped || !started) return;
    timer = setTimeout(() => {
      void runOnce().then(() => schedule()); // runOnce logs its failures and never rejects
    }, config.MAIL_POLL_SECONDS * 1000);
    timer.unref();
  }

  return {
    get embedded() {
      return !config.SMTP_URL;
    },
    start() {
      if (started || !config.MAIL_WORKER_ENABLED) return;
      started = true;
      void runOnce();
      schedule();
    },
    wake() {
      if (started && !stopped) void runOnce();
    },
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      transport?.close();
    },
  };
}

/** The token that replaces a one-time link's secret in what the outbox keeps. */
export const HIDDEN_SECRET = "hidden-one-time-token";

/** The rendered mail and its data as the outbox keeps them: each secret field's value hidden. */
function keptCopy(
  template: MailTemplate,
  data: Record<string, unknown>,
  rendered: Rendered,
): { rendered: Rendered; data?: JsonObject } {
  const fields = template.secretFields ?? [];
  if (!fields.length) return { rendered };
  const secrets = fields.map((f) => data[f]).filter((v): v is string => typeof v === "string" && v.length >= 16);
  const hide = (text: string) =>
    secrets.reduce(
      (out, secret) => out.replaceAll(secret, HIDDEN_SECRET).replaceAll(encodeURIComponent(secret), HIDDEN_SECRET),
      text,
    );
  return {
    rendered: { ...rendered, subject: hide(rendered.subject), text: hide(rendered.text), html: hide(rendered.html) },
    data: withSecretsHidden(data, fields),
  };
}

function keptData(row: OutboxRow): JsonObject | undefined {
  const fields = mailTemplates[row.kind]?.secretFields ?? [];
  return fields.length ? withSecretsHidden((row.data ?? {}) as Record<string, unknown>, fields) : undefined;
}

/** The row's data (JSON, from its column) with the secret fields' values replaced. */
function withSecretsHidden(data: Record<string, unknown>, fields: readonly string[]): JsonObject {
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, fields.includes(k) ? HIDDEN_SECRET : v]),
  ) as JsonObject;
}
