// Use case: the published comments of a thread, oldest first, as a flat list a client can build a
// tree from (id + parentId). One query for the comments; a second only when a reply's ancestor is
// no longer published and must stand in as a placeholder.
import { AppError } from "../../domain/errors.ts";
import type { Deps } from "../../deps.ts";
import { toPlaceholder, toPublicComment, type PublicComment } from "./public-comment.ts";

export type ThreadSummary = { id: string; title: string; url: string | null; closed: boolean; commentCount: number; articleSlug: string | null };

const PUBLIC_FIELDS = { id: true, threadId: true, parentId: true, depth: true, authorName: true, authorUrl: true, bodyHtml: true, status: true, createdAt: true, editedAt: true } as const;

export async function listThreadComments(deps: Deps, threadId: string): Promise<{ thread: ThreadSummary; comments: PublicComment[] }> {
  const thread = await deps.db.thread.findUnique({ where: { id: threadId }, include: { article: { select: { slug: true } } } });
  if (!thread) throw new AppError("THREAD_NOT_FOUND");
  const rows = await deps.db.comment.findMany({
    where: { threadId, status: "published" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: PUBLIC_FIELDS,
  });
  const comments = rows.map(toPublicComment);
  const known = new Set(comments.map((c) => c.id));
  let missing = [...new Set(comments.map((c) => c.parentId).filter((id): id is string => !!id && !known.has(id)))];
  const placeholders: PublicComment[] = [];
  while (missing.length) {
    const parents = await deps.db.comment.findMany({ where: { id: { in: missing } }, select: { id: true, threadId: true, parentId: true, depth: true, createdAt: true } });
    for (const p of parents) { known.add(p.id); placeholders.push(toPlaceholder(p)); }
    missing = parents.map((p) => p.parentId).filter((id): id is string => !!id && !known.has(id));
  }
  const all = placeholders.length ? [...placeholders, ...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt)) : comments;
  return {
    thread: { id: thread.id, title: thread.title, url: thread.url, closed: thread.closed, commentCount: thread.publishedCount, articleSlug: thread.article?.slug ?? null },
    comments: all,
  };
}
