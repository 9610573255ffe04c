// Use case: a moderator approves / rejects / marks as spam / deletes / restores a comment, or bans
// its author. The decision names the revision (and optionally the status) it was made on; anything
// newer → 409. Status, audit row, reports and thread count change in one transaction; the realtime
// events go out after the commit. A ban also rejects the author's other waiting comments on the site
// (and, with rejectPublished, their published ones): reject-authors-comments.ts.
// Every decision first takes the author's poster lock (poster-lock.ts): decisions and bans about one
// author take turns, so two bans, or a ban and an approval, cannot deadlock or race on the ban rows.
import type { CommentFlag, CommentStatus } from "../domain/comment.ts";
import { AppError } from "../domain/errors.ts";
import { targetStatus, type ModerationActionName } from "./moderation-actions.ts";
import { afterCommit } from "../after-commit.ts";
import type { Deps } from "../deps.ts";
import { applyThreadCounts, changeStatus, type ThreadCounts } from "./change-status.ts";
import { rejectAuthorsComments, type Swept } from "./reject-authors-comments.ts";
import { lockPoster } from "./poster-lock.ts";
import { readStatusBefore } from "../store/audit.ts";
import { upsertBan, type BanSubject } from "../store/bans.ts";
import { inTransaction } from "../store/client.ts";
import type { CommentChanges } from "../store/comment-status.ts";
import { readCommentWithSite } from "../store/comments.ts";
import { resolveReports } from "../store/reports.ts";

export type DecideInput = {
  commentId: string;
  action: ModerationActionName;
  revision: number;
  /** The status the moderator saw; when given and different now → 409 (someone else decided). */
  status?: CommentStatus;
  reason?: string | null;
  /** ban-author only: also reject the author's published comments on the site. */
  rejectPublished?: boolean;
  moderator: { id: string; name: string };
};
/** `alsoRejected`: for ban-author, the author's other comments the ban took down. */
export type Decided = { id: string; status: CommentStatus; revision: number; alsoRejected?: string[] };

export async function decideComment(deps: Deps, input: DecideInput): Promise<Decided> {
  const { db } = deps;
  const row = await readCommentWithSite(db, input.commentId);
  if (!row) throw new AppError("COMMENT_NOT_FOUND");
  if (row.revision !== input.revision || (input.status && input.status !== row.status)) {
    throw new AppError("CONFLICT", { reason: "commentChanged" });
  }
  const restoreTo = input.action === "restore" ? await readStatusBefore(db, row.id, row.status) : null;
  const to = targetStatus(input.action, row, restoreTo);
  if (!to)
    throw new AppError("ACTION_NOT_ALLOWED", {
      reason: "cannotDecide",
      params: { action: input.action, status: row.status },
    });

  const now = deps.clock.now();
  const data: CommentChanges = { reportCount: 0 };
  if (input.action === "approve") data.flags = (row.flags as CommentFlag[]).filter((f) => f.code !== "reported");
  const reason = input.reason ?? null;
  const { revision, swept } = await inTransaction(db, async (tx) => {
    await lockPoster(tx, deps, row.thread.siteId, { email: row.authorEmail, ipHash: row.ipHash });
    // A moderator looked at it: whatever readers reported is settled by this decision.
    await resolveReports(tx, [row.id], now);
    // Thread counts are written last, in thread order (change-status.ts explains why).
    const threadCounts: ThreadCounts = new Map();
    const revision = await changeStatus(tx, {
      comment: row,
      to,
      action: input.action,
      moderatorId: input.moderator.id,
      reason,
      now,
      data,
      threadCounts,
    });
    let swept: Swept[] = [];
    // A post that used someone's confirmed email without their proof is not theirs: banning its author
    // bans the address it came from, never the email's owner (nor sweeps the owner's comments).
    const imitation = (row.flags as CommentFlag[]).some((f) => f.code === "unverified-known-email");
    if (input.action === "ban-author") {
      // A signed-in reader is banned by their account too (a new address or network does not undo it).
      const bans: BanSubject[] = imitation
        ? [{ kind: "ip", value: row.ipHash }]
        : [
            { kind: "email", value: row.authorEmail },
            { kind: "ip", value: row.ipHash },
          ];
      if (row.readerAccountId) bans.push({ kind: "account", value: row.readerAccountId });
      for (const ban of bans)
        await upsertBan(tx, { ...ban, siteId: row.thread.siteId, reason, moderatorId: input.moderator.id, now });
      if (!imitation)
        swept = await rejectAuthorsComments(tx, {
          siteId: row.thread.siteId,
          email: row.authorEmail,
          exceptId: row.id,
          rejectPublished: input.rejectPublished ?? false,
          moderatorId: input.moderator.id,
          reason,
          now,
          threadCounts,
        });
    }
    await applyThreadCounts(tx, threadCounts);
    return { revision, swept };
  });

  // The decision may have retrained the site's spam model: the next post here reads the new one.
  deps.spamModels.forget(row.thread.siteId);
  const by = { id: input.moderator.id, name: input.moderator.name };
  afterCommit(deps, {
    publish: [
      { type: "comment:status-changed", commentId: row.id, from: row.status, to, action: input.action, by, reason },
      ...swept.map((s) => ({
        type: "comment:status-changed" as const,
        commentId: s.id,
        from: s.from,
        to: "rejected" as const,
        action: "ban-author",
        by,
        reason,
      })),
    ],
    wakeMailer: to === "published", // an approval may have queued reply / approval mail
  });
  return {
    id: row.id,
    status: to,
    revision,
    ...(input.action === "ban-author" ? { alsoRejected: swept.map((s) => s.id) } : {}),
  };
}
