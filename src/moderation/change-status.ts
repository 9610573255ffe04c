// The one way a comment's status changes (moderators, reader reports, author edits and deletes):
// a conditional update on (id, revision, status), its audit row and the thread's published count,
// inside the caller's transaction. If anyone changed the comment since it was read, nothing is
// written and the caller gets 409 CONFLICT: of two moderators deciding at once, one wins.
// Every change bumps Comment.revision, so a moderator deciding on what they saw before someone
// else's decision (not only at the same instant) is refused too; CommentRevision keeps the texts.
// A moderator's decision also teaches the site's spam model here, in the same transaction
// (src/spam/learn-from-decision.ts: approve / restore → ham, spam → spam, reject → spam if the reason says so).
import type { CommentStatus } from "../domain/comment.ts";
import { AppError } from "../domain/errors.ts";
import { learnFromDecision, lessonOf } from "../spam/learn-from-decision.ts";
import { enqueuePublicationMails } from "../mail/publication-mails.ts";
import { insertAuditRow } from "../store/audit.ts";
import type { Tx } from "../store/client.ts";
import { markCommentStatus, type CommentChanges } from "../store/comment-status.ts";
import { readCommentKind, readMailFields } from "../store/comments.ts";
import { addPublishedCount } from "../store/threads.ts";

export type StatusChange = {
  comment: {
    id: string;
    threadId: string;
    revision: number;
    status: CommentStatus;
    publishedAt: Date | null;
    /** For the mail its first publication causes; read here when the caller did not load them. */
    parentId?: string | null;
    authorEmail?: string;
    /** comment | pingback | trackback: pingbacks are counted apart too. Read here when the caller did not load it. */
    kind?: string;
  };
  to: CommentStatus;
  action: string;
  moderatorId: string | null;
  reason?: string | null;
  now: Date;
  /** Other columns to write in the same update (flags, report count, an edit's new body). */
  data?: CommentChanges;
  /** The revision the comment has after this change. Default: the next one. */
  newRevision?: number;
  /**
   * When given, the thread's count change is added here instead of written at once; the caller writes
   * them all with applyThreadCounts() after its last comment update. A transaction that changes many
   * comments (a ban sweep) then never holds a thread row while it waits for a comment row: no deadlock
   * with a single decision, which takes its comment first and its thread last.
   */
  threadCounts?: ThreadCounts;
};

/** Published-count changes per thread (`pingbacks`: of them pingbacks or trackbacks), and when the latest
 *  publication happened. */
export type ThreadCounts = Map<string, { delta: number; pingbacks: number; publishedAt: Date | null }>;

/** Returns the comment's new revision. A first publication also queues its mail (reply, approval):
 * the caller wakes deps.mailer after its commit, or the worker's next poll sends it. */
export async function changeStatus(tx: Tx, change: StatusChange): Promise<number> {
  const { comment, to, now } = change;
  const from = comment.status;
  const newRevision = change.newRevision ?? comment.revision + 1;
  const firstPublished = to === "published" && !comment.publishedAt;
  // The dashboard's time to decision: when a moderator first decided it while it waited.
  const decided = change.moderatorId !== null && (from === "pending" || from === "held");
  const updated = await markCommentStatus(tx, {
    id: comment.id,
    revision: comment.revision,
    from,
    to,
    newRevision,
    ...(firstPublished ? { publishedAt: now } : {}),
    ...(decided ? { decidedAt: now } : {}),
    changes: change.data,
  });
  if (!updated)
    throw new AppError("CONFLICT", {
      reason: "commentChanged",
    });
  await insertAuditRow(tx, {
    commentId: comment.id,
    moderatorId: change.moderatorId,
    action: change.action,
    fromStatus: from,
    toStatus: to,
    reason: change.reason ?? null,
    // The revision the decision was made on; for an edit, the new text's.
    revision: change.newRevision ?? comment.revision,
    createdAt: now,
  });
  // The spam model learns from moderators' decisions, never from system moves or authors' edits.
  const lesson = lessonOf({ from, to, action: change.action, moderatorId: change.moderatorId, reason: change.reason });
  if (lesson) await learnFromDecision(tx, { commentId: comment.id, lesson, now });
  if (firstPublished) {
    const { parentId, authorEmail } =
      comment.parentId !== undefined && comment.authorEmail !== undefined
        ? { parentId: comment.parentId, authorEmail: comment.authorEmail }
        : await readMailFieldsOrThrow(tx, comment.id);
    await enqueuePublicationMails(tx, { id: comment.id, parentId, authorEmail, approved: true }, now);
  }
  const delta = (to === "published" ? 1 : 0) - (from === "published" ? 1 : 0);
  if (!delta) return newRevision;
  const kind = comment.kind ?? (await readCommentKind(tx, comment.id));
  const pingbacks = kind !== "comment" ? delta : 0;
  if (change.threadCounts) {
    const sum = change.threadCounts.get(comment.threadId) ?? { delta: 0, pingbacks: 0, publishedAt: null };
    change.threadCounts.set(comment.threadId, {
      delta: sum.delta + delta,
      pingbacks: sum.pingbacks + pingbacks,
      publishedAt: delta > 0 ? now : sum.publishedAt,
    });
  } else {
    await addPublishedCount(tx, comment.threadId, delta, delta > 0 ? now : null, pingbacks);
  }
  return newRevision;
}

async function readMailFieldsOrThrow(tx: Tx, id: string) {
  const fields = await readMailFields(tx, id);
  if (!fields) throw new AppError("COMMENT_NOT_FOUND");
  return fields;
}

/** Writes the collected count changes, one thread at a time in id order (the same order everywhere). */
export async function applyThreadCounts(tx: Tx, counts: ThreadCounts): Promise<void> {
  for (const threadId of [...counts.keys()].sort()) {
    const { delta, pingbacks, publishedAt } = counts.get(threadId)!;
    if (!delta && !pingbacks) continue;
    await addPublishedCount(tx, threadId, delta, publishedAt, pingbacks);
  }
}
