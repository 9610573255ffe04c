// Decides who hears about a change. Readers of a thread hear only about comments that are, or were
// until now, published; the author hears about their own unpublished comment; moderators hear
// about everything that moves a queue. Visibility is read from the row as committed, never trusted
// from the event, so a late event cannot show a comment that has since been removed.
import type { Deps } from "../deps.ts";
import { toPublicComment } from "../services/comments/public-comment.ts";
import type { RoomEvent } from "./event-store.ts";
import { MODERATORS_ROOM, ownRoom, threadRoom, type PendingOwn, type PublishEvent, type StoredEvent } from "./events.ts";

/** countsChanged: the queue counts may have moved (the publisher sends them, coalesced, a moment later). */
export type Plan = { stored: RoomEvent[]; own: { room: string; event: PendingOwn }[]; countsChanged: boolean };

export async function planEvents(deps: Deps, event: PublishEvent): Promise<Plan> {
  const plan: Plan = { stored: [], own: [], countsChanged: false };
  const toModerators = (e: StoredEvent) => plan.stored.push({ room: MODERATORS_ROOM, event: e });

  if (event.type === "link:checked") {
    toModerators({ type: "link:checked", url: event.url });
    return plan;
  }

  const row = await deps.db.comment.findUnique({ where: { id: event.commentId } });
  if (!row) return plan;
  const room = threadRoom(row.threadId);
  const toThread = (e: StoredEvent) => plan.stored.push({ room, event: e });

  const was = event.type === "comment:created" ? null : event.type === "comment:reported" ? row.status : event.from;
  const wasVisible = was === "published";
  const isVisible = row.status === "published";
  if (!wasVisible && isVisible) toThread({ type: "comment:created", commentId: row.id });
  if (wasVisible && isVisible && event.type === "comment:edited") toThread({ type: "comment:updated", commentId: row.id });
  if (wasVisible && !isVisible) toThread({ type: "comment:removed", commentId: row.id });
  if (wasVisible !== isVisible) {
    const thread = await deps.db.thread.findUnique({ where: { id: row.threadId }, select: { publishedCount: true } });
    toThread({ type: "thread:count", count: thread?.publishedCount ?? 0 });
  }

  if ((row.status === "pending" || row.status === "held") && row.editTokenHash && event.type !== "comment:reported") {
    plan.own.push({ room: ownRoom(row.editTokenHash), event: { type: "comment:pending-own", comment: toPublicComment(row) } });
  }

  const change =
    event.type === "comment:status-changed"
      ? { action: event.action, by: event.by, reason: event.reason ?? null, to: event.to }
      : { action: event.type === "comment:created" ? "created" : event.type === "comment:edited" ? "edited" : "reported", by: null, reason: null, to: row.status };
  toModerators({ type: "queue:changed", commentId: row.id, from: was, ...change, at: deps.clock.now().toISOString() });
  plan.countsChanged = true;
  return plan;
}
