// npm run bench:mail: (1) mails per second from the outbox to an SMTP server on loopback (the
// smtp-server package, as in the tests), and (2) what mail adds to a post: the median time of
// createComment for a reply whose parent nobody follows (mail's cost = one indexed look-up) and for a
// reply whose parent's author follows it (the look-up + one outbox row), measured alternately in one
// process, with the look-up's own time inside a transaction. The SMTP server answers each mail only
// after --smtp-delay ms while the worker runs, to show the post never waits for a send.
// Options: --only sqlite|postgres, --mails <n> (1000), --posts <n> (200), --smtp-delay <ms> (200).
import { parseArgs } from "node:util";
import pino from "pino";
import { createComment } from "../src/comments/create-comment.ts";
import { loadConfig } from "../src/config/config.ts";
import { type Deps } from "../src/deps.ts";
import { enqueueMail } from "../src/mail/enqueue-mail.ts";
import { inTransaction } from "../src/store/client.ts";
import { markAddressVerified } from "../src/store/email-addresses.ts";
import { activeReplySubscriptions, confirmPendingSubscriptions } from "../src/store/subscriptions.ts";
import { allowBulkPosting, LOAD_TEST_ENV } from "../tests/support/load-settings.ts";
import { startSmtpSink } from "../tests/support/smtp-sink.ts";
import { createTestDatabase } from "../tests/support/test-db.ts";
import { importSeedArticles } from "../src/sites/import-seed-articles.ts";
import { closeDeps, createDeps } from "../src/compose.ts";

const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    mails: { type: "string", default: "1000" },
    posts: { type: "string", default: "200" },
    "smtp-delay": { type: "string", default: "200" },
  },
});
process.env.PARLEY_TEST_PG ||= process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
// Direct database use here (deps.db.thread / mailOutbox): the benchmark's own fixture look-ups and final
// count, not app code; the measured work goes through the use cases and store functions.

async function withDeps<T>(
  provider: "sqlite" | "postgres",
  env: Record<string, string>,
  work: (deps: Deps) => Promise<T>,
) {
  const db = await createTestDatabase(provider);
  const config = loadConfig({ ...LOAD_TEST_ENV, LOG_LEVEL: "silent", ...env, DATABASE_URL: db.url });
  const deps = await createDeps(config, { log: pino({ level: "silent" }) });
  try {
    await importSeedArticles(deps);
    await allowBulkPosting(deps.db);
    return await work(deps);
  } finally {
    await closeDeps(deps);
    await db.drop();
  }
}

async function throughput(provider: "sqlite" | "postgres", n: number) {
  const smtp = await startSmtpSink();
  try {
    return await withDeps(provider, { SMTP_URL: smtp.url, MAIL_CONCURRENCY: "4" }, async (deps) => {
      const thread = await deps.db.thread.findFirstOrThrow();
      await inTransaction(
        deps.db,
        async (tx) => {
          for (let i = 0; i < n; i++)
            await enqueueMail(
              tx,
              {
                kind: "confirm-address",
                to: `b${i}@example.org`,
                idempotencyKey: `b${i}`,
                data: { threadId: thread.id },
              },
              new Date(),
            );
        },
        { timeout: 300_000 },
      );
      const t0 = process.hrtime.bigint();
      while (smtp.mails.length < n) await deps.mailer.runOnce();
      const seconds = ms(t0) / 1000;
      return { mails: n, seconds, perSecond: n / seconds };
    });
  } finally {
    await smtp.close();
  }
}

async function postPath(provider: "sqlite" | "postgres", posts: number, smtpDelay: number) {
  const smtp = await startSmtpSink();
  smtp.delayMs = smtpDelay;
  try {
    return await withDeps(provider, { SMTP_URL: smtp.url, MAIL_POLL_SECONDS: "0.2" }, async (deps) => {
      deps.mailer.start(); // sending runs meanwhile, against a slow SMTP server
      const thread = await deps.db.thread.findFirstOrThrow({ where: { articleId: { not: null } } });
      const base = { threadId: thread.id, ipHash: "bench", authorName: "Bench", authorEmail: "bench@example.org" };
      const plain = await createComment(deps, { ...base, body: "Nobody follows this one." });
      const followed = await createComment(deps, {
        ...base,
        authorName: "Fay",
        authorEmail: "fay@example.org",
        body: "Tell me about replies.",
        notifyReplies: true,
        provenEmails: ["fay@example.org"],
      });
      await inTransaction(deps.db, async (tx) => {
        await markAddressVerified(tx, "fay@example.org", new Date());
        await confirmPendingSubscriptions(tx, "fay@example.org", new Date()); // as her confirmation link does
      });
      const times = { unfollowed: [] as number[], followed: [] as number[], lookup: [] as number[] };
      for (let i = 0; i < posts + 20; i++) {
        for (const [key, parentId] of [
          ["unfollowed", plain.comment.id],
          ["followed", followed.comment.id],
        ] as const) {
          const t0 = process.hrtime.bigint();
          await createComment(deps, {
            ...base,
            authorEmail: `r${i}-${key}@example.org`,
            body: `Reply ${i} ${key}`,
            parentId,
          });
          if (i >= 20) times[key].push(ms(t0)); // the first 20 warm up
        }
        await inTransaction(deps.db, async (tx) => {
          const t0 = process.hrtime.bigint();
          await activeReplySubscriptions(tx, [plain.comment.id]);
          if (i >= 20) times.lookup.push(ms(t0));
        });
      }
      await deps.mailer.stop();
      return {
        unfollowed: median(times.unfollowed),
        followed: median(times.followed),
        lookup: median(times.lookup),
        queued: await deps.db.mailOutbox.count({ where: { kind: "reply" } }),
        sentMeanwhile: smtp.mails.length,
      };
    });
  } finally {
    await smtp.close();
  }
}

const providers = (["sqlite", "postgres"] as const).filter((p) => !args.only || args.only === p);
for (const provider of providers) {
  try {
    const t = await throughput(provider, Number(args.mails));
    console.log(
      `${provider}: ${t.mails} mails outbox → SMTP in ${t.seconds.toFixed(1)} s = ${t.perSecond.toFixed(0)} mails/s`,
    );
    const p = await postPath(provider, Number(args.posts), Number(args["smtp-delay"]));
    console.log(
      `${provider}: post a reply, median of ${args.posts}: parent unfollowed ${p.unfollowed.toFixed(2)} ms, ` +
        `parent followed (+1 outbox row) ${p.followed.toFixed(2)} ms → +${(p.followed - p.unfollowed).toFixed(2)} ms; ` +
        `the subscription look-up every published reply pays: ${p.lookup.toFixed(3)} ms ` +
        `(${p.queued} reply mails queued, ${p.sentMeanwhile} sent meanwhile by an SMTP server taking ${args["smtp-delay"]} ms each)`,
    );
  } catch (err) {
    if (provider === "postgres" && /ECONNREFUSED|not reachable/.test(String(err)))
      console.log("postgres: not reachable, skipped");
    else throw err;
  }
}
