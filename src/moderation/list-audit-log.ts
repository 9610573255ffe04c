// Use case: the audit log, newest first, for one comment or for everything.
import type { Deps } from "../deps.ts";
import { decodeCursor, encodeCursor } from "../domain/cursor.ts";
import { afterCursor } from "../store/paging.ts";

export type AuditEntry = {
  id: string;
  commentId: string;
  moderator: { id: string; name: string } | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  revision: number;
  createdAt: string;
  /** Whose comment, on which page: what a moderator recognises (an id means nothing to them). */
  comment: { authorName: string; threadTitle: string };
};

export async function listAuditLog(
  deps: Deps,
  input: { commentId?: string; cursor?: string; limit?: number },
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const limit = input.limit ?? 50;
  const rows = await deps.db.moderationAction.findMany({
    where: {
      ...(input.commentId ? { commentId: input.commentId } : {}),
      ...afterCursor(decodeCursor(input.cursor), "desc"),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: {
      moderator: { select: { id: true, name: true } },
      comment: { select: { authorName: true, thread: { select: { title: true } } } },
    },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      commentId: r.commentId,
      moderator: r.moderator,
      action: r.action,
      fromStatus: r.fromStatus,
      toStatus: r.toStatus,
      reason: r.reason,
      revision: r.revision,
      createdAt: r.createdAt.toISOString(),
      comment: { authorName: r.comment.authorName, threadTitle: r.comment.thread.title },
    })),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}
