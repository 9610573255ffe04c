// Use case: one moderation queue, filtered by article and a search, oldest or newest first, a page
// at a time (stable cursor on createdAt + id), with every queue's count for the tabs.
import type { Prisma } from "../generated/sqlite/client.ts";
import type { Deps } from "../deps.ts";
import { countQueues, type QueueCounts } from "./queue-counts.ts";
import { QUEUE_ITEM_INCLUDE, toQueueItems, type QueueItem } from "./queue-items.ts";
import { decodeCursor, encodeCursor } from "../domain/cursor.ts";
import { afterCursor } from "../store/paging.ts";

export const QUEUES = ["pending", "held", "reported", "rejected", "spam", "all"] as const;
export type QueueName = (typeof QUEUES)[number];

export type QueueQuery = {
  queue: QueueName;
  article?: string;
  q?: string;
  comment?: string;
  sort: "oldest" | "newest";
  cursor?: string;
  limit: number;
};

/** Which comments each queue holds. `reported` = still published, with unresolved reader reports. */
export function queueWhere(queue: QueueName): Prisma.CommentWhereInput {
  switch (queue) {
    case "reported":
      return { status: "published", reportCount: { gt: 0 } };
    case "all":
      return { status: { not: "deleted" } };
    default:
      return { status: queue };
  }
}

export async function listQueue(
  deps: Deps,
  query: QueueQuery,
): Promise<{ items: QueueItem[]; nextCursor: string | null; counts: QueueCounts }> {
  const direction = query.sort === "newest" ? "desc" : "asc";
  const where: Prisma.CommentWhereInput = {
    AND: [
      queueWhere(query.queue),
      query.article ? { thread: { article: { slug: query.article } } } : {},
      query.q ? searchWhere(deps, query.q) : {},
      query.comment ? { id: query.comment } : {},
      afterCursor(decodeCursor(query.cursor), direction),
    ],
  };
  const [rows, counts] = await Promise.all([
    deps.db.comment.findMany({
      where,
      orderBy: [{ createdAt: direction }, { id: direction }],
      take: query.limit + 1,
      include: QUEUE_ITEM_INCLUDE,
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

/** Text, author name or email, case-insensitive on both databases (SQLite's LIKE already is for ASCII). */
function searchWhere(deps: Deps, q: string): Prisma.CommentWhereInput {
  const contains = (value: string) =>
    (deps.dbProvider === "postgres"
      ? { contains: value, mode: "insensitive" }
      : { contains: value }) as Prisma.StringFilter;
  return { OR: [{ bodySource: contains(q) }, { authorName: contains(q) }, { authorEmail: contains(q.toLowerCase()) }] };
}
