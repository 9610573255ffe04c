// Decides who hears about a change. Readers of a thread hear only about comments that are, or were
// until now, published; the author hears about their own unpublished comment; moderators hear
// about everything that moves a queue. Visibility is read from the row as committed, never trusted
// from the event, so a late event cannot show a comment that has since been removed.
// A whole batch is planned from one read of its comments (and one of the threads whose count moved).
// A thread that closed or reopened is read too: readers hear whether it takes comments now.
import type { Deps } from "../deps.ts";
import { AppError } from "../domain/errors.ts";
import { toPublicComment } from "../domain/public-comment.ts";
import { getThreadSettings } from "../sites/get-thread-settings.ts";
import { MODERATORS_ROOM, ownRoom, threadRoom, type PendingOwn, type RoomEvent, type StoredEvent } from "./events.ts";
import { closedNow, isKindShown, shownCount, type PublishedCounts } from "../domain/thread.ts";
import { readComments, type StoredComment } from "../store/comments.ts";
import { readPublishedCounts } from "../store/threads.ts";
import type { CommentPublishEvent, PublishEvent } from "../domain/events.ts";

/** countsChanged: the queue counts may have moved (the publisher sends them, coalesced, a moment later).
 * rows: the comments as read for this plan, so sending the events need not read them again. */
export type Plan = {
  stored: RoomEvent[];
  own: { room: string; event: PendingOwn }[];
  countsChanged: boolean;
  rows: Map<string, StoredComment>;
};

export async function planEvents(deps: Deps, events: readonly PublishEvent[]): Promise<Plan> {
  const ids = [...new Set(events.flatMap((e) => ("commentId" in e ? [e.commentId] : [])))];
  const rows = new Map((await readComments(deps.db, ids)).map((r) => [r.id, r]));
  const movedThreads = [
    ...new Set(
      events.flatMap((e) => {
        if (!("commentId" in e)) return [];
        const row = rows.get(e.commentId);
        return row && (statusBefore(e, row) === "published") !== (row.status === "published") ? [row.threadId] : [];
      }),
    ),
  ];
  const counts = await readPublishedCounts(deps.db, movedThreads);
  // Pingbacks and trackbacks a site hides are, for readers, never published: no event, no count change.
  const shows = new Map<string, boolean>();
  const showPingbacks = async (threadId: string) => {
    let show = shows.get(threadId);
    if (show === undefined) shows.set(threadId, (show = await threadShowsPingbacks(deps, threadId)));
    return show;
  };

  const plan: Plan = { stored: [], own: [], countsChanged: false, rows };
  const toModerators = (e: StoredEvent) => plan.stored.push({ room: MODERATORS_ROOM, event: e });
  for (const event of events) {
    if (event.type === "link:checked") {
      toModerators({ type: "link:checked", url: event.url });
      continue;
    }
    if (event.type === "thread:settings-changed") {
      const closed = await threadClosedNow(deps, event.threadId);
      if (closed !== null)
        plan.stored.push({ room: threadRoom(event.threadId), event: { type: "thread:state", closed } });
      continue;
    }
    const row = rows.get(event.commentId);
    if (!row) continue;
    // Read only when it matters: a pingback's visibility, or the count readers see.
    const moved = (statusBefore(event, row) === "published") !== (row.status === "published");
    const show = row.kind === "comment" && !moved ? true : await showPingbacks(row.threadId);
    planCommentEvent(plan, event, row, { showPingbacks: show, counts: counts.get(row.threadId) }, deps.clock.now());
  }
  return plan;
}

/** Adds what one change to one comment causes, from its row as committed (or as the transaction that
 * changed it wrote it: record-events.ts). `thread`: whether it shows pingbacks, and its published
 * counts after the change (undefined when it no longer exists). */
export function planCommentEvent(
  plan: Plan,
  event: CommentPublishEvent,
  row: StoredComment,
  thread: { showPingbacks: boolean; counts: PublishedCounts | undefined },
  now: Date,
) {
  const room = threadRoom(row.threadId);
  const toThread = (e: StoredEvent) => plan.stored.push({ room, event: e });

  const was = statusBefore(event, row);
  // Pingbacks and trackbacks a site hides are, for readers, never published: no event, no count change.
  const shown = isKindShown(row.kind, thread.showPingbacks);
  const visibleBefore = shown && was === "published";
  const isVisible = shown && row.status === "published";
  if (!visibleBefore && isVisible) toThread({ type: "comment:created", commentId: row.id });
  if (visibleBefore && isVisible && event.type === "comment:edited")
    toThread({ type: "comment:updated", commentId: row.id });
  if (visibleBefore && !isVisible) toThread({ type: "comment:removed", commentId: row.id });
  if (visibleBefore !== isVisible)
    toThread({ type: "thread:count", count: thread.counts ? shownCount(thread.counts, thread.showPingbacks) : 0 });

  if ((row.status === "pending" || row.status === "held") && row.editTokenHash && event.type !== "comment:reported") {
    plan.own.push({
      room: ownRoom(row.editTokenHash),
      event: { type: "comment:pending-own", comment: toPublicComment(row) },
    });
  }

  const change =
    event.type === "comment:status-changed"
      ? { action: event.action, by: event.by, reason: event.reason ?? null, to: event.to }
      : {
          action:
            event.type === "comment:created" ? "created" : event.type === "comment:edited" ? "edited" : "reported",
          by: null,
          reason: null,
          to: row.status,
        };
  plan.stored.push({
    room: MODERATORS_ROOM,
    event: { type: "queue:changed", commentId: row.id, from: was, ...change, at: now.toISOString() },
  });
  plan.countsChanged = true;
}

/** Does the thread show pingbacks and trackbacks (true when it no longer exists: nothing to hide)? */
async function threadShowsPingbacks(deps: Deps, threadId: string): Promise<boolean> {
  try {
    return (await getThreadSettings(deps, threadId)).settings.showPingbacks;
  } catch (err) {
    if (err instanceof AppError && err.code === "THREAD_NOT_FOUND") return true;
    throw err;
  }
}

/** Closed as readers must see it (by hand, or by age); null when the thread no longer exists. */
async function threadClosedNow(deps: Deps, threadId: string): Promise<boolean | null> {
  try {
    const governed = await getThreadSettings(deps, threadId);
    return closedNow(governed, deps.clock.now());
  } catch (err) {
    if (err instanceof AppError && err.code === "THREAD_NOT_FOUND") return null;
    throw err;
  }
}

function statusBefore(event: CommentPublishEvent, row: StoredComment): StoredComment["status"] | null {
  return event.type === "comment:created" ? null : event.type === "comment:reported" ? row.status : event.from;
}
