// The comment form's "Notify me of replies to my comment" / "Notify me of new comments on this article".
// Before the post's transaction, planSubscriptions decides whether the address must be confirmed and
// enforces the confirmation limits (429 + Retry-After, nothing stored); inside it, writeSubscriptions
// stores the subscriptions and queues the confirmation mail with the comment, or not at all.
// A subscription starts at once only for a verified address whose owner proved it in this browser
// (the email-proof cookie); otherwise it waits for the link, and nothing else is mailed meanwhile.
import type { Deps } from "../deps.ts";
import type { Tx } from "../store/client.ts";
import { AppError } from "../domain/errors.ts";
import { ensureAddress, readAddress, setOptedOut } from "../store/email-addresses.ts";
import { upsertSubscription } from "../store/subscriptions.ts";
import { mailTimesTo } from "../store/mail-outbox.ts";
import { enqueueMail } from "./enqueue-mail.ts";

/** A client's allowance of confirmation mails (per IP per hour, src/http/rate-limit.ts quotaPerIp). */
export type ConfirmationQuota = { check(): Promise<void>; spend(): Promise<void> };

export type SubscriptionRequest = {
  address: string;
  notifyReplies: boolean;
  notifyThread: boolean;
  /** The poster showed the email-proof cookie for this address. */
  proven: boolean;
  /** The language of the page they posted from (en, de, fr): their mails are written in it. */
  language?: string;
  confirmationQuota?: ConfirmationQuota;
};

export type SubscriptionPlan = {
  address: string;
  notifyReplies: boolean;
  notifyThread: boolean;
  confirmed: boolean;
  sendConfirmation: boolean;
  language: string;
};

const RESEND_AFTER_MS = 10 * 60_000; // a second post right after the first rides on the same link
const DAY_MS = 86_400_000;

export async function planSubscriptions(deps: Deps, r: SubscriptionRequest): Promise<SubscriptionPlan | null> {
  if (!r.notifyReplies && !r.notifyThread) return null;
  const now = deps.clock.now();
  const state = await readAddress(deps.db, r.address);
  // With proof, ticking a box is the owner's own wish: it also ends an earlier "stop all mail".
  const confirmed = !!state?.verifiedAt && r.proven;
  const plan = {
    address: r.address,
    notifyReplies: r.notifyReplies,
    notifyThread: r.notifyThread,
    confirmed,
    language: r.language ?? "en",
  };
  if (confirmed || state?.suppressedAt) return { ...plan, sendConfirmation: false };
  const sent = await mailTimesTo(deps.db, r.address, "confirm-address", new Date(now.getTime() - DAY_MS));
  if (sent[0] && now.getTime() - sent[0].createdAt.getTime() < RESEND_AFTER_MS)
    return { ...plan, sendConfirmation: false };
  const perDay = deps.config.MAIL_CONFIRMATIONS_PER_ADDRESS_PER_DAY;
  if (sent.length >= perDay) {
    const oldest = sent[perDay - 1]!.createdAt.getTime();
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest + DAY_MS - now.getTime()) / 1000));
    throw new AppError("RATE_LIMITED", {
      reason: "confirmationsToday",
      details: { retryAfterSeconds },
    });
  }
  await r.confirmationQuota?.check();
  await r.confirmationQuota?.spend();
  return { ...plan, sendConfirmation: true };
}

/** Inside the post's transaction. Returns the number of mails queued. */
export async function writeSubscriptions(
  tx: Tx,
  plan: SubscriptionPlan,
  at: { threadId: string; commentId: string; now: Date },
): Promise<number> {
  const { address, confirmed, language } = plan;
  await ensureAddress(tx, address, at.now);
  if (confirmed) await setOptedOut(tx, address, null);
  if (plan.notifyReplies)
    await upsertSubscription(
      tx,
      { address, threadId: at.threadId, kind: "replies", commentId: at.commentId, confirmed, language },
      at.now,
    );
  if (plan.notifyThread)
    await upsertSubscription(
      tx,
      { address, threadId: at.threadId, kind: "thread", commentId: null, confirmed, language },
      at.now,
    );
  if (!plan.sendConfirmation) return 0;
  await enqueueMail(
    tx,
    {
      kind: "confirm-address",
      to: address,
      idempotencyKey: `confirm:${address}:${at.commentId}`,
      data: { threadId: at.threadId, lang: language },
    },
    at.now,
  );
  return 1;
}
