// Readers' subscriptions: replies to one comment (kind "replies", which also brings its approval mail)
// or new comments in a thread (kind "thread", mailed as digests). Active = confirmed and not stopped.
import type { Db, Tx } from "./client.ts";

export type SubscriptionKind = "replies" | "thread";

export type NewSubscription = {
  address: string;
  threadId: string;
  kind: SubscriptionKind;
  commentId: string | null;
  confirmed: boolean;
  /** The reader's page language: the subscription's mails are written in it. */
  language: string;
};

/** Subscribes (or re-subscribes: a stopped subscription the reader asks for again starts again). */
export async function upsertSubscription(tx: Tx, s: NewSubscription, now: Date): Promise<void> {
  const scope = s.kind === "thread" ? "thread" : s.commentId!;
  await tx.subscription.upsert({
    where: { address_threadId_scope: { address: s.address, threadId: s.threadId, scope } },
    update: { stoppedAt: null, language: s.language, ...(s.confirmed ? { confirmedAt: now } : {}) },
    create: {
      address: s.address,
      threadId: s.threadId,
      kind: s.kind,
      commentId: s.commentId,
      scope,
      confirmedAt: s.confirmed ? now : null,
      language: s.language,
      cursor: now,
      createdAt: now,
    },
  });
}

/** The owner confirmed the address: every subscription waiting for it starts (digests count from now). */
export async function confirmPendingSubscriptions(tx: Tx, address: string, now: Date) {
  const pending = await tx.subscription.findMany({
    where: { address, confirmedAt: null, stoppedAt: null },
    select: { id: true, kind: true, threadId: true, thread: { select: { title: true } } },
  });
  if (pending.length)
    await tx.subscription.updateMany({
      where: { id: { in: pending.map((p) => p.id) } },
      data: { confirmedAt: now, cursor: now },
    });
  return pending.map((p) => ({ id: p.id, kind: p.kind as SubscriptionKind, threadTitle: p.thread.title }));
}

/** Active "replies" subscriptions on these comments (the post path's one look-up when something is published). */
export function activeReplySubscriptions(tx: Tx, commentIds: string[]) {
  return tx.subscription.findMany({
    where: { commentId: { in: commentIds }, confirmedAt: { not: null }, stoppedAt: null },
    select: { id: true, address: true, commentId: true, language: true },
  });
}

/** Thread subscriptions that may get a digest now (confirmed, mailable, none sent within `quietSince`). */
export async function threadSubscriptionsWithNews(db: Db, quietSince: Date, limit: number) {
  const subs = await db.subscription.findMany({
    where: {
      kind: "thread",
      stoppedAt: null,
      confirmedAt: { not: null },
      OR: [{ lastMailAt: null }, { lastMailAt: { lte: quietSince } }],
      emailAddress: { verifiedAt: { not: null }, suppressedAt: null, optedOutAt: null },
    },
    select: {
      id: true,
      address: true,
      threadId: true,
      cursor: true,
      language: true,
      thread: { select: { lastCommentAt: true } },
    },
    orderBy: { cursor: "asc" },
    take: limit,
  });
  return subs.filter((s) => s.thread.lastCommentAt && s.thread.lastCommentAt > s.cursor);
}

/** Moves a digest's cursor, only if no other instance moved it first; `mailed` also starts the quiet period. */
export async function advanceDigestCursor(tx: Tx, id: string, from: Date, to: Date, mailed: boolean): Promise<boolean> {
  const { count } = await tx.subscription.updateMany({
    where: { id, cursor: from },
    data: { cursor: to, ...(mailed ? { lastMailAt: to } : {}) },
  });
  return count === 1;
}

/** A subscription with its thread's title (the unsubscribe page), or null. */
export function readSubscription(db: Db, id: string) {
  return db.subscription.findUnique({
    where: { id },
    select: {
      id: true,
      address: true,
      kind: true,
      commentId: true,
      stoppedAt: true,
      thread: { select: { title: true } },
    },
  });
}

/** Stops (a date) or restarts (null) a subscription, only if it is the address's own. */
export async function setSubscriptionStopped(db: Db, id: string, address: string, stoppedAt: Date | null) {
  await db.subscription.updateMany({ where: { id, address }, data: { stoppedAt } });
}
