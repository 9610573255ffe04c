// Turns stored events (references) into what clients receive, from the rows as they are now. The
// same code serves live emission and catch-up, so both always agree. A comment that is no longer
// published is sent to readers as removed, whatever the stored event said.
import type { Deps } from "../deps.ts";
import { loadReferences } from "../citations/comment-references.ts";
import { toPublicComment } from "../domain/public-comment.ts";
import type { ModeratorEvent, SequencedEvent, ThreadEvent } from "./events.ts";
import { loadQueueItems } from "../moderation/queue-items.ts";
import { listCitingPairs } from "../store/comment-links.ts";
import { readLinkChecks } from "../store/link-checks.ts";
import { readThreadComments, type StoredComment } from "../store/comments.ts";
import type { QueueRow } from "../store/moderation-queue.ts";

/** `known`: the rows as the publisher just read them (after the commit), so live emission reads nothing twice. */
export async function hydrateThreadEvents(
  deps: Deps,
  threadId: string,
  events: SequencedEvent[],
  known?: ReadonlyMap<string, StoredComment>,
): Promise<ThreadEvent[]> {
  const ids = [...new Set(events.flatMap(({ event }) => ("commentId" in event ? [event.commentId] : [])))];
  const missing = ids.filter((id) => !known?.has(id));
  const read = await readThreadComments(deps.db, threadId, missing);
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

/** `known`: queue rows in hand (a comment just written), read not again. */
export async function hydrateModeratorEvents(
  deps: Deps,
  events: SequencedEvent[],
  known: readonly QueueRow[] = [],
): Promise<ModeratorEvent[]> {
  const commentIds = events.flatMap(({ event }) => (event.type === "queue:changed" ? [event.commentId] : []));
  const urls = events.flatMap(({ event }) => (event.type === "link:checked" ? [event.url] : []));
  const [items, checks, links] = await Promise.all([
    loadQueueItems(deps, [...new Set(commentIds)], known),
    readLinkChecks(deps.db, urls),
    listCitingPairs(deps.db, urls),
  ]);
  const out: ModeratorEvent[] = [];
  for (const { seq, event } of events) {
    if (event.type === "queue:counts") out.push({ seq, type: "queue:counts", counts: event.counts });
    if (event.type === "queue:changed") {
      const item = items.get(event.commentId) ?? null;
      out.push({ seq, ...event, threadId: item?.thread.id ?? null, item });
    }
    if (event.type === "link:checked") {
      const check = checks.get(event.url);
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
