// The Comment table: the one place a comment row is written (insertComment) and the reads use cases
// need by id. Status changes go through store/comment-status.ts; revisions and links are written with
// the row they belong to.
import type { Comment } from "../generated/sqlite/client.ts";
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
