// The comment as a moderation queue card needs it, for queue:changed events: who wrote it, what it
// says, why it was held, where it was posted.
import type { CommentFlag, CommentStatus } from "../domain/comment.ts";
import type { Deps } from "../deps.ts";

export type QueueItemSummary = {
  id: string; revision: number; status: CommentStatus; createdAt: string; editedAt: string | null;
  authorName: string; authorEmail: string; authorUrl: string | null; bodyHtml: string; flags: CommentFlag[]; reportCount: number;
  thread: { id: string; title: string; url: string | null }; article: { slug: string; title: string } | null;
};

export async function loadQueueItems(deps: Deps, ids: string[]): Promise<Map<string, QueueItemSummary>> {
  if (!ids.length) return new Map();
  const rows = await deps.db.comment.findMany({
    where: { id: { in: ids } },
    include: { thread: { select: { id: true, title: true, url: true, article: { select: { slug: true, title: true } } } } },
  });
  return new Map(rows.map((c) => [c.id, {
    id: c.id, revision: c.revision, status: c.status, createdAt: c.createdAt.toISOString(), editedAt: c.editedAt?.toISOString() ?? null,
    authorName: c.authorName, authorEmail: c.authorEmail, authorUrl: c.authorUrl, bodyHtml: c.bodyHtml,
    flags: c.flags as CommentFlag[], reportCount: c.reportCount,
    thread: { id: c.thread.id, title: c.thread.title, url: c.thread.url }, article: c.thread.article,
  }]));
}
