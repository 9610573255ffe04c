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
import { appendRoomEvents, appendRoomEventsAfter } from "../store/room-events.ts";
import {
  addPostedCount,
  postedCountsOf,
  postedCountUpdate,
  type PostedBan,
  type PostedCountRow,
  type PostedCounts,
  type PostedSameBody,
} from "../store/threads.ts";
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

/** A published post's thread count update (store/threads.ts addPostedCount: its count, ban and duplicate
 *  look-ups), which its events quote. */
export type PostedCountChange = { threadId: string; at: Date; ban: PostedBan; sameBody?: PostedSameBody };

/**
 * Its thread's count update, then a published post's events (recordCommentEvents) planned with the counts it
 * answers: on PostgreSQL in ONE statement (store/room-events.ts appendRoomEventsAfter: the thread's row,
 * locked from there to the commit, is held one round trip less), on SQLite in two. Answers the update's
 * counts and look-ups (the caller refuses a banned or duplicate post after it: the transaction's rollback
 * takes its events with it) and the events.
 */
export async function recordPostedEvents(
  tx: Tx,
  deps: { clock: Clock; dbProvider: DbProvider },
  change: Omit<CommentChange, "counts">,
  update: PostedCountChange,
): Promise<{ counts: PostedCounts; events: RecordedEvents }> {
  const { dbProvider: provider } = deps;
  if (provider === "sqlite") {
    const counts = await addPostedCount(tx, provider, update.threadId, update.at, update.ban, update.sameBody);
    return { counts, events: await recordCommentEvents(tx, deps, [{ ...change, counts }]) };
  }
  const now = deps.clock.now();
  const plan: Plan = { stored: [], own: [], countsChanged: false, rows: new Map() };
  // Any count: the statement writes the one it leaves into the thread's `thread:count` event.
  planCommentEvent(plan, change.event, change.row, { showPingbacks: change.showPingbacks, counts: NO_COUNTS }, now);
  const statement = postedCountUpdate(provider, update.threadId, update.at, update.ban, update.sameBody);
  const done = await appendRoomEventsAfter<PostedCountRow, (typeof plan.stored)[number]["event"]>(
    tx,
    statement,
    plan.stored,
    now,
    !change.showPingbacks,
  );
  if (!done) throw new Error(`thread ${update.threadId} not found`);
  return {
    counts: postedCountsOf(done.row, !!update.sameBody),
    events: {
      sequenced: done.events,
      unsequenced: plan.own,
      comments: [change.row],
      countsChanged: plan.countsChanged,
      queueRows: change.queueRow ? [change.queueRow] : [],
    },
  };
}

const NO_COUNTS = { publishedCount: 0, pingbackCount: 0 };
