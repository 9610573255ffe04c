// Use case (system): re-apply a comment's citation verdict once link-check results are known, and
// move it between queues when the verdict changed: published → held (a cited link is dead or now
// redirects into a denied domain), or held → published (it was held only because its links were not
// checked yet, and they pass). The status, flags, audit row ("system": moderatorId null) and thread
// count change in one transaction; the event is published after it commits.
import { analyzeCitations } from "../../citations/analyze-citations.ts";
import { replaceCitationFlags } from "../../citations/citation-verdict.ts";
import { readLinkChecks, validChecks } from "../../citations/link-cache.ts";
import type { CommentFlag, CommentStatus } from "../../domain/comment.ts";
import type { Deps } from "../../deps.ts";
import { getThreadSettings } from "../settings/get-thread-settings.ts";

export type LinkVerdictOptions = {
  /** May a published comment be held? Only when a link changed, or for a comment fresh from the pipeline. */
  mayHoldPublished: boolean;
  /** Leave a published comment alone if a moderator already decided on this revision. */
  unlessModeratorActed?: boolean;
};

export type LinkVerdictChange = { commentId: string; from: CommentStatus; to: CommentStatus; flags: CommentFlag[] };

export async function applyLinkVerdict(
  deps: Deps,
  commentId: string,
  opts: LinkVerdictOptions,
): Promise<LinkVerdictChange | null> {
  const { db, clock } = deps;
  const comment = await db.comment.findUnique({
    where: { id: commentId },
    select: { id: true, threadId: true, status: true, revision: true, flags: true, metadata: true, bodySource: true, publishedAt: true },
  });
  if (!comment || !["published", "held", "pending"].includes(comment.status)) return null;

  const { settings } = await getThreadSettings(deps, comment.threadId);
  const renderedHrefs = ((comment.metadata as { links?: unknown } | null)?.links ?? []) as string[];
  const links = await db.commentLink.findMany({ where: { commentId }, select: { url: true } });
  const now = clock.now();
  const checks = validChecks(await readLinkChecks(db, links.map((l) => l.url)), now);
  const { verdict } = analyzeCitations({ source: comment.bodySource, settings, checks, renderedHrefs: Array.isArray(renderedHrefs) ? renderedHrefs : [] });

  const from = comment.status;
  const oldFlags = Array.isArray(comment.flags) ? (comment.flags as CommentFlag[]) : [];
  let to: CommentStatus = from;
  let flags = oldFlags;
  let reason: string | null = null;
  if (from === "published") {
    if (!opts.mayHoldPublished || verdict.fromChecks.length === 0) return null;
    if (opts.unlessModeratorActed && (await moderatorActed(deps, commentId, comment.revision))) return null;
    to = "held";
    flags = replaceCitationFlags(oldFlags, verdict.flags);
    reason = verdict.fromChecks.map((f) => `${f.code}: ${f.detail}`).join("; ");
  } else {
    flags = replaceCitationFlags(oldFlags, verdict.flags);
    const heldOnlyForChecks = from === "held" && oldFlags.length > 0 && oldFlags.every((f) => f.code === "links-unchecked");
    if (heldOnlyForChecks && flags.length === 0) {
      to = "published";
      reason = "all links checked and passed";
    }
  }
  if (to === from && sameFlags(flags, oldFlags)) return null;

  const changed = await db.$transaction(async (tx) => {
    // Guarded on the revision and status we judged: an edit or a moderator's action wins the race.
    const updated = await tx.comment.updateMany({
      where: { id: commentId, revision: comment.revision, status: from },
      data: { status: to, flags, ...(to === "published" && !comment.publishedAt ? { publishedAt: now } : {}) },
    });
    if (updated.count !== 1) return false;
    if (to !== from) {
      await tx.moderationAction.create({
        data: { commentId, moderatorId: null, action: "link-check", fromStatus: from, toStatus: to, reason: reason?.slice(0, 1000) ?? null, revision: comment.revision, createdAt: now },
      });
      await tx.thread.update({ where: { id: comment.threadId }, data: { publishedCount: { increment: to === "published" ? 1 : -1 } } });
    }
    return true;
  });
  if (!changed) return null;
  if (to !== from) deps.publisher.publish({ type: "comment:status-changed", commentId, from, to, action: "link-check", by: null, reason });
  return { commentId, from, to, flags };
}

async function moderatorActed(deps: Deps, commentId: string, revision: number): Promise<boolean> {
  const action = await deps.db.moderationAction.findFirst({ where: { commentId, revision, moderatorId: { not: null } }, select: { id: true } });
  return action !== null;
}

function sameFlags(a: readonly CommentFlag[], b: readonly CommentFlag[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
