// Use case: one moderation queue, filtered by article and a search, oldest or newest first, a page
// at a time (stable cursor on createdAt + id), with every queue's count for the tabs.
import type { Deps } from "../deps.ts";
import { countQueues, type QueueCounts } from "./queue-counts.ts";
import { toQueueItems, type QueueItem } from "./queue-items.ts";
import { decodeCursor, encodeCursor } from "../domain/cursor.ts";
import type { QueueName } from "../domain/comment.ts";
import { listQueueRows } from "../store/moderation-queue.ts";

export type QueueQuery = {
  queue: QueueName;
  article?: string;
  q?: string;
  comment?: string;
  sort: "oldest" | "newest";
  cursor?: string;
  limit: number;
};

export async function listQueue(
  deps: Deps,
  query: QueueQuery,
): Promise<{ items: QueueItem[]; nextCursor: string | null; counts: QueueCounts }> {
  const direction = query.sort === "newest" ? "desc" : "asc";
  const [rows, counts] = await Promise.all([
    listQueueRows(deps.db, deps.dbProvider, {
      queue: query.queue,
      article: query.article,
      q: query.q,
      comment: query.comment,
      direction,
      after: decodeCursor(query.cursor),
      take: query.limit + 1,
    }),
    countQueues(deps),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    items: await toQueueItems(deps, page),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
    counts,
  };
}
