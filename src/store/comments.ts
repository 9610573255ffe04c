// The Comment table: the one place a comment row is written (insertComment) and the reads use cases
// need by id. Status changes go through store/comment-status.ts; revisions and links are written with
// the row they belong to.
import type { Comment } from "../generated/sqlite/client.ts";
import type { CommentStatus } from "../domain/comment.ts";
import type { Db, Tx } from "./client.ts";

/** A comment row as stored. */
export type StoredComment = Comment;

/** These comments (any status, any thread), in no particular order; ids not found are absent. */
export function readComments(db: Db | Tx, ids: readonly string[]): Promise<StoredComment[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.comment.findMany({ where: { id: { in: [...ids] } } });
}

/** These comments if they belong to the thread; others are absent. */
export function readThreadComments(db: Db | Tx, threadId: string, ids: readonly string[]): Promise<StoredComment[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.comment.findMany({ where: { id: { in: [...ids] }, threadId } });
}

/** What a comment's publication mail needs: its parent and author email (null when it does not exist). */
export function readMailFields(
  db: Db | Tx,
  id: string,
): Promise<{ parentId: string | null; authorEmail: string } | null> {
  return db.comment.findUnique({ where: { id }, select: { parentId: true, authorEmail: true } });
}

/** The comment with its thread's site (null when it does not exist). */
export function readCommentWithSite(
  db: Db | Tx,
  id: string,
): Promise<(StoredComment & { thread: { siteId: string } }) | null> {
  return db.comment.findUnique({ where: { id }, include: { thread: { select: { siteId: true } } } });
}

/** Comments by this email on the site whose status is one of `statuses`, except one; in id order. */
export function listAuthorsComments(
  db: Db | Tx,
  q: { siteId: string; email: string; statuses: readonly CommentStatus[]; exceptId: string },
): Promise<{ id: string; threadId: string; revision: number; status: CommentStatus; publishedAt: Date | null }[]> {
  return db.comment.findMany({
    where: {
      authorEmail: q.email,
      thread: { siteId: q.siteId },
      status: { in: [...q.statuses] },
      id: { not: q.exceptId },
    },
    select: { id: true, threadId: true, revision: true, status: true, publishedAt: true },
    orderBy: { id: "asc" }, // one order for row locks
  });
}

/** How many comments by this email on the site have each of `statuses`, except one. */
export async function countAuthorsComments(
  db: Db | Tx,
  q: { siteId: string; email: string; statuses: readonly CommentStatus[]; exceptId: string },
): Promise<Map<CommentStatus, number>> {
  const groups = await db.comment.groupBy({
    by: ["status"],
    where: {
      authorEmail: q.email,
      thread: { siteId: q.siteId },
      id: { not: q.exceptId },
      status: { in: [...q.statuses] },
    },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.status, g._count._all]));
}
