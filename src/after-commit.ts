// What a use case sets going once its transaction committed, said in one call where it happens:
//   afterCommit(deps, { publish: [event], checkLinks: [commentId], wakeMailer: true })
// (`deliver`: events the transaction stored itself, realtime/record-events.ts; they are only sent.)
// Never before the commit (a rollback would have announced nothing true), and never throwing: each
// effect only queues work, so the caller's answer does not wait for delivery.
import type { Deps, RecordedEvents } from "./deps.ts";
import type { PublishEvent } from "./domain/events.ts";

export type Effects = {
  /** Realtime events to deliver. Each first drops the cached listing of the thread it touches (by its
   * thread id, or the comment's; one the cache cannot place clears it), so this instance serves the
   * change at once. A link:checked event drops nothing: its sender names the threads in dropThreads. */
  publish?: readonly PublishEvent[];
  /** Realtime events stored in the transaction: sent, after the cached listings of their comments' threads are dropped. */
  deliver?: readonly RecordedEvents[];
  /** Cached thread listings to drop besides: these threads, or "all" (a site's settings changed). */
  dropThreads?: readonly string[] | "all";
  /** Comments whose links the background checker checks, then re-applies their verdict. */
  checkLinks?: readonly string[];
  /** Mail was queued in the transaction: the sender looks at the outbox now. */
  wakeMailer?: boolean;
};

export function afterCommit(
  deps: Pick<Deps, "publisher" | "threadCache" | "linkChecker" | "mailer">,
  effects: Effects,
): void {
  const { dropThreads } = effects;
  if (dropThreads === "all") deps.threadCache.forgetThreads();
  else for (const threadId of dropThreads ?? []) deps.threadCache.forgetThreads(threadId);
  for (const event of effects.publish ?? []) {
    deps.threadCache.forget(event);
    deps.publisher.publish(event);
  }
  for (const recorded of effects.deliver ?? []) {
    for (const threadId of new Set(recorded.comments.map((c) => c.threadId))) deps.threadCache.forgetThreads(threadId);
    deps.publisher.deliver(recorded);
  }
  for (const commentId of effects.checkLinks ?? []) deps.linkChecker.enqueue(commentId);
  if (effects.wakeMailer) deps.mailer.wake();
}
