// Mail caused by a comment becoming visible, queued in the transaction that publishes it (at once, or
// by a moderator's approval): the parent comment's subscriber gets the reply; the comment's own
// subscriber is told it was approved. One indexed look-up; nothing more when nobody subscribed.
import type { Tx } from "../store/client.ts";
import { activeReplySubscriptions } from "../store/subscriptions.ts";
import { enqueueMail } from "./enqueue-mail.ts";

export type Published = {
  id: string;
  parentId: string | null;
  authorEmail: string;
  /** true when it waited for a moderator (its author may have asked to hear of the approval). */
  approved: boolean;
};

/** Returns the number of mails queued (the caller wakes the mailer after its commit when > 0). */
export async function enqueuePublicationMails(tx: Tx, c: Published, now: Date): Promise<number> {
  const watched = [...(c.parentId ? [c.parentId] : []), ...(c.approved ? [c.id] : [])];
  if (!watched.length) return 0;
  let queued = 0;
  for (const sub of await activeReplySubscriptions(tx, watched)) {
    // The comment's own subscriber hears of the approval; the parent's hears of the reply, unless they
    // replied to themselves.
    const kind = sub.commentId === c.id ? "approved" : sub.address !== c.authorEmail ? "reply" : null;
    if (!kind) continue;
    await enqueueMail(
      tx,
      {
        kind,
        to: sub.address,
        idempotencyKey: `${kind}:${c.id}:${sub.id}`,
        data: { commentId: c.id, subscriptionId: sub.id, lang: sub.language },
      },
      now,
    );
    queued++;
  }
  return queued;
}
