// Realtime events stored in the transaction of the change they announce, instead of after it: a use
// case that just wrote a comment plans its events from the row as written (plan-events.ts, the same
// rules), appends them to the rooms' logs as its last statements, and hands them to afterCommit(), which
// only has the publisher send them. A crash after the commit loses no event (clients catch up from the
// log); a rollback stores none. Nothing is read back: the row and the thread's count are in hand.
import type { Clock, RecordedEvents } from "../deps.ts";
import type { DbProvider, Tx } from "../store/client.ts";
import type { CommentPublishEvent } from "../domain/events.ts";
import type { PublishedCounts } from "../domain/thread.ts";
import type { StoredComment } from "../store/comments.ts";
import type { QueueRow } from "../store/moderation-queue.ts";
import { appendRoomEvents } from "../store/room-events.ts";
import { planCommentEvent, type Plan } from "./plan-events.ts";

export type CommentChange = {
  event: CommentPublishEvent;
  /** The comment as this transaction left it. */
  row: StoredComment;
  /** The thread's published counts as this transaction left them (undefined when they did not move). */
  counts?: PublishedCounts;
  /** The thread's site shows pingbacks and trackbacks (settings). */
  showPingbacks: boolean;
  /** The comment's queue card row, when the caller has all of it (then sending reads none of it). */
  queueRow?: QueueRow;
};

/** Stores the changes' events in `tx`, one statement (call it last: the rooms' sequence rows stay locked until the commit). */
export async function recordCommentEvents(
  tx: Tx,
  deps: { clock: Clock; dbProvider: DbProvider },
  changes: readonly CommentChange[],
): Promise<RecordedEvents> {
  const now = deps.clock.now();
  const plan: Plan = { stored: [], own: [], countsChanged: false, rows: new Map() };
  for (const { event, row, counts, showPingbacks } of changes)
    planCommentEvent(plan, event, row, { showPingbacks, counts }, now);
  return {
    sequenced: await appendRoomEvents(tx, deps.dbProvider, plan.stored, now),
    unsequenced: plan.own,
    comments: changes.map((c) => c.row),
    countsChanged: plan.countsChanged,
    queueRows: changes.flatMap((c) => (c.queueRow ? [c.queueRow] : [])),
  };
}
