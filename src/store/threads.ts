// The Thread table: a thread's row, its published count and its open/closed state.
import type { Db, Tx } from "./client.ts";

/** Whether the thread exists. */
export async function threadExists(db: Db | Tx, threadId: string): Promise<boolean> {
  return (await db.thread.findUnique({ where: { id: threadId }, select: { id: true } })) !== null;
}

/** The published counts of these threads, by id. */
export async function readPublishedCounts(db: Db | Tx, threadIds: readonly string[]): Promise<Map<string, number>> {
  if (!threadIds.length) return new Map();
  const rows = await db.thread.findMany({
    where: { id: { in: [...threadIds] } },
    select: { id: true, publishedCount: true },
  });
  return new Map(rows.map((t) => [t.id, t.publishedCount]));
}

/** The origins allowed to embed the thread's site, as stored (JSON); null when the thread does not exist. */
export async function readThreadOrigins(db: Db | Tx, threadId: string): Promise<unknown> {
  const thread = await db.thread.findUnique({
    where: { id: threadId },
    select: { site: { select: { allowedOrigins: true } } },
  });
  return thread ? thread.site.allowedOrigins : null;
}

/** Adds `delta` to the thread's published count; `lastCommentAt` when a comment was just published. */
export async function addPublishedCount(
  tx: Tx,
  threadId: string,
  delta: number,
  lastCommentAt: Date | null,
): Promise<void> {
  await tx.thread.update({
    where: { id: threadId },
    data: { publishedCount: { increment: delta }, ...(lastCommentAt ? { lastCommentAt } : {}) },
  });
}
