// Thread subscriptions are mailed as digests, built by the mail worker from what is committed, never
// on the post path: a subscription whose thread has comments published after its cursor gets one mail
// listing them (not its own), and then none for NOTIFY_DIGEST_MINUTES, however busy the thread. Moving
// the cursor is conditional, so of several instances one queues the digest; the outbox row's key is
// per (subscription, cursor), so a retried job queues it once.
import type { Deps } from "../deps.ts";
import { inTransaction } from "../store/client.ts";
import { readPublishedBetween } from "../store/mail-reads.ts";
import { advanceDigestCursor, threadSubscriptionsWithNews } from "../store/subscriptions.ts";
import { enqueueMail } from "./enqueue-mail.ts";

const PER_RUN = 200;

export async function queueThreadDigests(deps: Deps, now: Date): Promise<number> {
  const quietSince = new Date(now.getTime() - deps.config.NOTIFY_DIGEST_MINUTES * 60_000);
  let queued = 0;
  for (const sub of await threadSubscriptionsWithNews(deps.db, quietSince, PER_RUN)) {
    const news = await readPublishedBetween(deps.db, {
      threadId: sub.threadId,
      since: sub.cursor,
      until: now,
      exceptAddress: sub.address,
      limit: 1,
    });
    const mailed = news.total > 0; // only the subscriber's own comments: move on quietly
    await inTransaction(deps.db, async (tx) => {
      if (!(await advanceDigestCursor(tx, sub.id, sub.cursor, now, mailed)) || !mailed) return;
      await enqueueMail(
        tx,
        {
          kind: "thread-digest",
          to: sub.address,
          idempotencyKey: `digest:${sub.id}:${sub.cursor.getTime()}`,
          data: {
            threadId: sub.threadId,
            subscriptionId: sub.id,
            since: sub.cursor.toISOString(),
            until: now.toISOString(),
            lang: sub.language,
          },
        },
        now,
      );
      queued++;
    });
  }
  return queued;
}
