// Use case (system): re-apply a comment's citation verdict once link-check results are known, and
// move it between queues when the verdict changed: published → held (a cited link is dead or now
// redirects into a denied domain), or held → published (it was held only because its links were not
// checked yet, and they pass). The status, flags, audit row ("system": moderatorId null) and thread
// count change in one transaction (moderation/change-status.ts); the event follows the commit.
// The link checker calls it through the `reapplyVerdict` the composition root hands it.
import { afterCommit } from "../after-commit.ts";
import { analyzeCitations, sourcesOfComment } from "../citations/analyze-citations.ts";
import { replaceCitationFlags } from "../citations/citation-verdict.ts";
import { validChecks } from "../citations/link-cache.ts";
import { readLinkChecks } from "../store/link-checks.ts";
import type { LinkVerdictOptions } from "../citations/link-checker.ts";
import type { CommentFlag, CommentStatus } from "../domain/comment.ts";
import type { Deps } from "../deps.ts";
import { isAppError } from "../domain/errors.ts";
import { changeStatus } from "../moderation/change-status.ts";
import { holdAll } from "./phases/hold-all.ts";
import { runCommentPipeline, storedAuthor } from "./run-comment-pipeline.ts";
import { moderationMode } from "./phases/moderation-mode.ts";
import { getThreadSettings } from "../sites/get-thread-settings.ts";
import { moderatorActedSince } from "../store/audit.ts";
import { inTransaction } from "../store/client.ts";
import { writeCommentFlags } from "../store/comment-status.ts";
import { readComment } from "../store/comments.ts";
import type { GovernedThread } from "../domain/thread.ts";

export type LinkVerdictChange = { commentId: string; from: CommentStatus; to: CommentStatus; flags: CommentFlag[] };

export async function applyLinkVerdict(
  deps: Deps,
  commentId: string,
  opts: LinkVerdictOptions,
): Promise<LinkVerdictChange | null> {
  const { db, clock } = deps;
  const comment = await readComment(db, commentId);
  if (!comment || !["published", "held", "pending"].includes(comment.status)) return null;

  const governed = await getThreadSettings(deps, comment.threadId);
  const { settings } = governed;
  // An imported comment stays as its old site left it unless the site lets checks decide (site-settings.ts).
  if (isImported(comment.metadata) && !settings.linkChecksMayHoldImported) return null;
  const now = clock.now();
  const keys = sourcesOfComment(comment.bodySource, comment.metadata).map((src) => src.key);
  const checks = validChecks(await readLinkChecks(db, keys), now);
  const { verdict } = analyzeCitations({ source: comment.bodySource, settings, checks });

  const from = comment.status;
  const oldFlags = Array.isArray(comment.flags) ? (comment.flags as CommentFlag[]) : [];
  let to: CommentStatus = from;
  let flags = oldFlags;
  let reason: string | null = null;
  if (from === "published") {
    if (!opts.mayHoldPublished || verdict.fromChecks.length === 0) return null;
    if (opts.unlessModeratorActed && (await moderatorActed(deps, comment))) return null;
    to = "held";
    flags = replaceCitationFlags(oldFlags, verdict.flags);
    reason = verdict.fromChecks.map((f) => `${f.code}: ${f.detail}`).join("; ");
  } else {
    flags = replaceCitationFlags(oldFlags, verdict.flags);
    const heldOnlyForChecks =
      from === "held" && oldFlags.length > 0 && oldFlags.every((f) => f.code === "links-unchecked");
    if (heldOnlyForChecks && flags.length === 0) {
      // Released to wherever the pipeline's defaults would have sent it without that hold.
      to = await statusWithoutCheckHold(deps, governed, comment);
      reason =
        to === "published" ? "all links checked and passed" : "all links checked and passed; awaiting pre-moderation";
    }
  }
  if (to === from && sameFlags(flags, oldFlags)) return null;

  const changed = await inTransaction(db, async (tx) => {
    if (to !== from) {
      // Status, audit row ("system"), thread count: the moderation service's one way to move a comment.
      await changeStatus(tx, {
        comment,
        to,
        action: "link-check",
        moderatorId: null,
        reason: reason?.slice(0, 1000) ?? null,
        now,
        data: { flags },
      });
      return true;
    }
    // Only the reasons changed (e.g. "not checked yet" became "broken"): no decision, no new revision.
    return writeCommentFlags(tx, { id: commentId, revision: comment.revision, status: from, flags });
  }).catch((err) => {
    if (isAppError(err) && err.code === "CONFLICT") return false; // an edit or a moderator got there first
    throw err;
  });
  if (!changed) return null;
  if (to !== from)
    afterCommit(deps, {
      publish: [{ type: "comment:status-changed", commentId, from, to, action: "link-check", by: null, reason }],
    });
  return { commentId, from, to, flags };
}

/** The defaults phases (hold-all, the moderation mode) on this comment: "published" or "pending".
 * The context is the one every run builds (run-comment-pipeline.ts): the stored author, account included. */
async function statusWithoutCheckHold(
  deps: Deps,
  thread: GovernedThread,
  c: Parameters<typeof storedAuthor>[0] & {
    id: string;
    parentId: string | null;
    bodySource: string;
    bodyHtml: string;
    ipHash: string;
  },
): Promise<CommentStatus> {
  const outcome = await runCommentPipeline(
    deps,
    {
      kind: "create",
      thread,
      author: storedAuthor(c, c.ipHash),
      bodySource: c.bodySource,
      bodyHtml: c.bodyHtml,
      parentId: c.parentId,
      commentId: c.id,
    },
    [holdAll, moderationMode],
  );
  return outcome.status;
}

/** Has a moderator decided on this comment since it was last written (posted or edited)? */
async function moderatorActed(
  deps: Deps,
  comment: { id: string; createdAt: Date; editedAt: Date | null },
): Promise<boolean> {
  return moderatorActedSince(deps.db, comment.id, comment.editedAt ?? comment.createdAt);
}

function sameFlags(a: readonly CommentFlag[], b: readonly CommentFlag[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isImported(metadata: unknown): boolean {
  return typeof metadata === "object" && metadata !== null && "imported" in metadata;
}
