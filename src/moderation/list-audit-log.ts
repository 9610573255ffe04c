// Use case: the audit log, newest first, for one comment or for everything.
import type { Deps } from "../deps.ts";
import { decodeCursor, encodeCursor } from "../domain/cursor.ts";
import { listAuditRows } from "../store/audit.ts";

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
  /** Who did it, in words a moderator reads: a moderator, the comment's author (their own edit or
   *  delete, or their data erased at their request), or the system (pipeline, rules, link checks). */
  actor: AuditActor;
  /** Whose comment, on which page: what a moderator recognises (an id means nothing to them). */
  comment: { authorName: string; threadTitle: string };
};

export type AuditActor =
  { kind: "moderator"; name: string } | { kind: "author"; name: string } | { kind: "system"; name: "system" };

/** Actions only a comment's author takes (with their edit token or their mailed data link). */
const AUTHOR_ACTIONS = new Set(["author-delete", "edit", "erase-anonymise", "erase-delete"]);

function actorOf(moderator: { name: string } | null, action: string, authorName: string): AuditActor {
  if (moderator) return { kind: "moderator", name: moderator.name };
  if (AUTHOR_ACTIONS.has(action)) return { kind: "author", name: authorName };
  return { kind: "system", name: "system" };
}

export async function listAuditLog(
  deps: Deps,
  input: { commentId?: string; cursor?: string; limit?: number },
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const limit = input.limit ?? 50;
  const rows = await listAuditRows(deps.db, {
    commentId: input.commentId,
    after: decodeCursor(input.cursor),
    take: limit + 1,
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
      actor: actorOf(r.moderator, r.action, r.comment.authorName),
      comment: { authorName: r.comment.authorName, threadTitle: r.comment.thread.title },
    })),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}
