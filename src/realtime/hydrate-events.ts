// Turns stored events (references) into what clients receive, from the rows as they are now. The
// same code serves live emission and catch-up, so both always agree. A comment that is no longer
// published is sent to readers as removed, whatever the stored event said.
import type { Deps } from "../deps.ts";
import type { Comment } from "../generated/sqlite/client.ts";
import { loadReferences } from "../citations/comment-references.ts";
import { toPublicComment } from "../domain/public-comment.ts";
import type { SequencedEvent } from "./event-store.ts";
import type { ModeratorEvent, ThreadEvent } from "./events.ts";
import { QUEUE_ITEM_INCLUDE, toQueueItems, type QueueItem } from "../moderation/queue-items.ts";

/** `known`: the rows as the publisher just read them (after the commit), so live emission reads nothing twice. */
export async function hydrateThreadEvents(
  deps: Deps,
  threadId: string,
  events: SequencedEvent[],
  known?: ReadonlyMap<string, Comment>,
): Promise<ThreadEvent[]> {
  const ids = [...new Set(events.flatMap(({ event }) => ("commentId" in event ? [event.commentId] : [])))];
  const missing = ids.filter((id) => !known?.has(id));
  const read = missing.length ? await deps.db.comment.findMany({ where: { id: { in: missing }, threadId } }) : [];
  const rows = [...ids.flatMap((id) => (known?.get(id)?.threadId === threadId ? [known.get(id)!] : [])), ...read];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const references = await loadReferences(
    deps,
    rows.filter((r) => r.status === "published"),
  );
  const out: ThreadEvent[] = [];
  for (const { seq, event } of events) {
    if (event.type === "thread:count") out.push({ seq, type: "thread:count", threadId, count: event.count });
    if (event.type === "thread:state") out.push({ seq, type: "thread:state", threadId, closed: event.closed });
    if (event.type !== "comment:created" && event.type !== "comment:updated" && event.type !== "comment:removed")
      continue;
    const row = byId.get(event.commentId);
    if (event.type !== "comment:removed" && row?.status === "published") {
      out.push({ seq, type: event.type, threadId, comment: toPublicComment(row, references.get(row.id)) });
    } else {
      out.push({ seq, type: "comment:removed", threadId, commentId: event.commentId });
    }
  }
  return out;
}

export async function hydrateModeratorEvents(deps: Deps, events: SequencedEvent[]): Promise<ModeratorEvent[]> {
  const commentIds = events.flatMap(({ event }) => (event.type === "queue:changed" ? [event.commentId] : []));
  const urls = events.flatMap(({ event }) => (event.type === "link:checked" ? [event.url] : []));
  const [items, checks, links] = await Promise.all([
    loadQueueItems(deps, [...new Set(commentIds)]),
    urls.length ? deps.db.linkCheck.findMany({ where: { url: { in: urls } } }) : [],
    urls.length
      ? deps.db.commentLink.findMany({ where: { url: { in: urls } }, select: { url: true, commentId: true } })
      : [],
  ]);
  const out: ModeratorEvent[] = [];
  for (const { seq, event } of events) {
    if (event.type === "queue:counts") out.push({ seq, type: "queue:counts", counts: event.counts });
    if (event.type === "queue:changed") {
      const item = items.get(event.commentId) ?? null;
      out.push({ seq, ...event, threadId: item?.thread.id ?? null, item });
    }
    if (event.type === "link:checked") {
      const check = checks.find((c) => c.url === event.url);
      out.push({
        seq,
        type: "link:checked",
        url: event.url,
        state: check?.state ?? "unchecked",
        httpStatus: check?.httpStatus ?? null,
        title: check?.title ?? null,
        finalUrl: check?.finalUrl ?? null,
        commentIds: links.filter((l) => l.url === event.url).map((l) => l.commentId),
      });
    }
  }
  return out;
}

/** The comments as the console's queue cards show them (the same shape as GET /api/moderation/queue). */
async function loadQueueItems(deps: Deps, ids: string[]): Promise<Map<string, QueueItem>> {
  if (!ids.length) return new Map();
  const rows = await deps.db.comment.findMany({ where: { id: { in: ids } }, include: QUEUE_ITEM_INCLUDE });
  return new Map((await toQueueItems(deps, rows)).map((item) => [item.id, item]));
}
