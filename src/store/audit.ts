// ModerationAction: the audit log. One row per status change (by a moderator, an author or the
// system), and for decisions that change no status (an unban).
import type { CommentStatus } from "../domain/comment.ts";
import type { Cursor } from "../domain/cursor.ts";
import type { Db, Tx } from "./client.ts";
import { afterCursor } from "./paging.ts";

export type AuditWrite = {
  commentId: string;
  /** null: the system (a link check) or the author. */
  moderatorId: string | null;
  action: string;
  fromStatus: CommentStatus;
  toStatus: CommentStatus;
  reason: string | null;
  /** The revision the decision was made on (an edit: the new text's). */
  revision: number;
  createdAt: Date;
};

export type AuditRow = Omit<AuditWrite, "fromStatus" | "toStatus"> & {
  id: string;
  fromStatus: CommentStatus | null;
  toStatus: CommentStatus | null;
  moderator: { id: string; name: string } | null;
  comment: { authorName: string; thread: { title: string } };
};

/** Adds an audit row. */
export async function insertAuditRow(tx: Tx, row: AuditWrite): Promise<void> {
  await tx.moderationAction.create({ data: row });
}

/** Audit rows newest first (one comment's, or all), after the cursor, at most `take`, with who and where. */
export function listAuditRows(
  db: Db,
  query: { commentId?: string; after: Cursor | null; take: number },
): Promise<AuditRow[]> {
  return db.moderationAction.findMany({
    where: { ...(query.commentId ? { commentId: query.commentId } : {}), ...afterCursor(query.after, "desc") },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.take,
    include: {
      moderator: { select: { id: true, name: true } },
      comment: { select: { authorName: true, thread: { select: { title: true } } } },
    },
  });
}

/** The status the comment had before its latest move into `current` (what a restore goes back to). */
export async function readStatusBefore(
  db: Db | Tx,
  commentId: string,
  current: CommentStatus,
): Promise<CommentStatus | null> {
  const last = await db.moderationAction.findFirst({
    where: { commentId, toStatus: current, NOT: { fromStatus: current } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { fromStatus: true },
  });
  return last?.fromStatus ?? null;
}

/** Whether a moderator (not the system, not the author) acted on the comment at or after `since`. */
export async function moderatorActedSince(db: Db | Tx, commentId: string, since: Date): Promise<boolean> {
  const action = await db.moderationAction.findFirst({
    where: { commentId, moderatorId: { not: null }, createdAt: { gte: since } },
    select: { id: true },
  });
  return action !== null;
}
