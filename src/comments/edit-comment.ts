// Use case: the author edits their comment (edit token, inside the window, no replies yet). The new
// text goes through the same pipeline as a new comment, as an edit: it may be refused, held or even
// rejected. New revision, revision row, links, status change, audit row and thread count: one
// transaction, conditional on the revision it read (a moderator deciding meanwhile → 409).
import type { CommentFlag } from "../domain/comment.ts";
import { sourcesOfComment } from "../citations/analyze-citations.ts";
import { commentLinkRows } from "../citations/describe-sources.ts";
import { AppError, fieldError } from "../domain/errors.ts";
import { afterCommit } from "../after-commit.ts";
import type { Deps } from "../deps.ts";
import { loadReferences } from "../citations/comment-references.ts";
import { changeStatus } from "../moderation/change-status.ts";
import { loadOwnComment } from "./own-comment-access.ts";
import { toOwnComment, type OwnComment } from "./own-comments.ts";
import { runCommentPipeline, storedAuthor } from "./run-comment-pipeline.ts";
import { signedInMarkOf } from "../domain/public-comment.ts";
import { inTransaction } from "../store/client.ts";
import { replaceCommentLinks } from "../store/comment-links.ts";
import { readComment } from "../store/comments.ts";
import { insertEditRevision } from "../store/revisions.ts";

/** An edit keeps the "verified" mark the comment was posted with. */
function withSignedInMark(metadata: Record<string, unknown>, before: unknown): Record<string, unknown> {
  const mark = signedInMarkOf(before);
  return mark ? { ...metadata, signedIn: mark } : metadata;
}

export type EditCommentInput = {
  commentId: string;
  /** The browser's edit token, or the signed-in reader account that posted the comment (any device). */
  editToken?: string;
  readerAccountId?: string | null;
  body: string;
  ipHash: string;
};

export async function editComment(deps: Deps, input: EditCommentInput): Promise<{ comment: OwnComment }> {
  const { row, thread } = await loadOwnComment(deps, input.commentId, input);
  const body = input.body.trim();
  if (!body) throw fieldError("body", "writeComment");

  const outcome = await runCommentPipeline(deps, {
    kind: "edit",
    thread,
    bodySource: body,
    parentId: row.parentId,
    commentId: row.id,
    author: storedAuthor(row, input.ipHash), // the edit token (or the account) proves authorship
    previous: { status: row.status, flags: row.flags as CommentFlag[] },
  });
  const now = deps.clock.now();
  const revision = row.revision + 1;
  const links = commentLinkRows(sourcesOfComment(body, outcome.metadata)); // cache keys with citation labels
  await inTransaction(deps.db, async (tx) => {
    await changeStatus(tx, {
      comment: row,
      to: outcome.status,
      action: "edit",
      moderatorId: null,
      now,
      newRevision: revision,
      reason: outcome.flags.map((f) => f.code).join(", ") || null,
      data: {
        bodySource: body,
        bodyHtml: outcome.bodyHtml,
        flags: outcome.flags,
        metadata: withSignedInMark(outcome.metadata, row.metadata),
        editedAt: now,
      },
    });
    await insertEditRevision(
      tx,
      row.id,
      { revision, bodySource: body, bodyHtml: outcome.bodyHtml, createdAt: now },
      row,
    );
    await replaceCommentLinks(tx, row.id, links);
  });

  const updated = await readComment(deps.db, row.id);
  if (!updated) throw new AppError("COMMENT_NOT_FOUND");
  const references = await loadReferences(deps, [updated]);
  // The link check only now: it reads the committed links, and the answer is the comment as edited,
  // not whatever a fast background check made of it meanwhile (a status change, a link state).
  afterCommit(deps, {
    publish: [{ type: "comment:edited", commentId: row.id, from: row.status }],
    checkLinks: links.length ? [row.id] : [],
  });
  return { comment: toOwnComment(updated, thread, false, references.get(row.id)) };
}
