// Conditional writes on a comment: a status change (with the columns that go with it), or only its
// flags. Both are conditional on (id, revision, status) as the caller read them, so of two writers the
// second changes nothing and learns it. moderation/change-status.ts is the one use of markCommentStatus.
import type { CommentFlag, CommentStatus } from "../domain/comment.ts";
import { bodyHashOf } from "../domain/body-hash.ts";
import { flagCodesOf, type JsonObject, type JsonValue, type Tx } from "./client.ts";

/** Columns a status change may write with the status (an edit's new body, cleared reports, new flags). */
export type CommentChanges = {
  flags?: CommentFlag[];
  reportCount?: number;
  bodySource?: string;
  bodyHtml?: string;
  metadata?: Record<string, unknown>;
  editedAt?: Date;
};

export type StatusWrite = {
  id: string;
  /** What the caller read: the row must still have them. */
  revision: number;
  from: CommentStatus;
  to: CommentStatus;
  newRevision: number;
  /** Set on a first publication. */
  publishedAt?: Date;
  /** A moderator's decision on a waiting comment: recorded as Comment.decidedAt unless one came before. */
  decidedAt?: Date;
  changes?: CommentChanges;
};

/** Moves the comment from `from` to `to` at `newRevision` if it is still as read; false when it changed. */
export async function markCommentStatus(tx: Tx, w: StatusWrite): Promise<boolean> {
  const updated = await tx.comment.updateMany({
    where: { id: w.id, revision: w.revision, status: w.from },
    data: {
      ...columns(w.changes ?? {}),
      status: w.to,
      ...(w.publishedAt ? { publishedAt: w.publishedAt } : {}),
      revision: w.newRevision,
    },
  });
  if (updated.count !== 1) return false;
  if (w.decidedAt) await recordFirstDecision(tx, w.id, w.decidedAt);
  return true;
}

/** Comment.decidedAt (the dashboard's time to decision): set by a moderator's first decision on the waiting comment, kept after. */
export async function recordFirstDecision(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.comment.updateMany({ where: { id, decidedAt: null }, data: { decidedAt: at } });
}

/** Replaces the flags of a comment still at (revision, status); no new revision. False when it changed. */
export async function writeCommentFlags(
  tx: Tx,
  w: { id: string; revision: number; status: CommentStatus; flags: CommentFlag[] },
): Promise<boolean> {
  const updated = await tx.comment.updateMany({
    where: { id: w.id, revision: w.revision, status: w.status },
    data: { flags: w.flags, flagCodes: flagCodesOf(w.flags) },
  });
  return updated.count === 1;
}

function columns(c: CommentChanges) {
  const { flags, metadata, ...plain } = c;
  return {
    ...plain,
    // An edit's new text: its hash for the duplicate rule (domain/body-hash.ts).
    ...(plain.bodySource !== undefined ? { bodyHash: bodyHashOf(plain.bodySource) } : {}),
    ...(flags ? { flags: flags as JsonValue, flagCodes: flagCodesOf(flags) } : {}),
    ...(metadata ? { metadata: metadata as JsonObject } : {}),
  };
}
