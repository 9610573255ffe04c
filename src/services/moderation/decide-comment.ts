// Use case: a moderator approves / rejects / marks as spam / deletes / restores a comment, or bans
// its author. The decision names the revision (and optionally the status) it was made on; anything
// newer → 409. Status, audit row, reports and thread count change in one transaction; the realtime
// event goes out after the commit.
import type { Prisma } from "../../generated/sqlite/client.ts";
import type { CommentFlag, CommentStatus } from "../../domain/comment.ts";
import { AppError } from "../../domain/errors.ts";
import { targetStatus, type ModerationActionName } from "../../domain/moderation.ts";
import type { Deps } from "../../deps.ts";
import { changeStatus } from "./change-status.ts";

export type DecideInput = {
  commentId: string;
  action: ModerationActionName;
  revision: number;
  /** The status the moderator saw; when given and different now → 409 (someone else decided). */
  status?: CommentStatus;
  reason?: string | null;
  moderator: { id: string; name: string };
};
export type Decided = { id: string; status: CommentStatus; revision: number };

export async function decideComment(deps: Deps, input: DecideInput): Promise<Decided> {
  const { db } = deps;
  const row = await db.comment.findUnique({ where: { id: input.commentId }, include: { thread: { select: { siteId: true } } } });
  if (!row) throw new AppError("COMMENT_NOT_FOUND");
  if (row.revision !== input.revision || (input.status && input.status !== row.status)) {
    throw new AppError("CONFLICT", { message: "This comment changed since you loaded it. Reload it and decide again." });
  }
  const restoreTo = input.action === "restore" ? await statusBefore(deps, row.id, row.status) : null;
  const to = targetStatus(input.action, row, restoreTo);
  if (!to) throw new AppError("ACTION_NOT_ALLOWED", { message: `Cannot ${input.action} a comment that is ${row.status}.` });

  const now = deps.clock.now();
  const data: Prisma.CommentUpdateManyMutationInput = { reportCount: 0 };
  if (input.action === "approve") data.flags = (row.flags as CommentFlag[]).filter((f) => f.code !== "reported");
  const revision = await db.$transaction(async (tx) => {
    // A moderator looked at it: whatever readers reported is settled by this decision.
    await tx.report.updateMany({ where: { commentId: row.id, resolvedAt: null }, data: { resolvedAt: now } });
    if (input.action === "ban-author") {
      for (const [kind, value] of [["email", row.authorEmail], ["ip", row.ipHash]] as const) {
        await tx.ban.upsert({
          where: { siteId_kind_value: { siteId: row.thread.siteId, kind, value } },
          update: { reason: input.reason ?? null, moderatorId: input.moderator.id, expiresAt: null },
          create: { siteId: row.thread.siteId, kind, value, reason: input.reason ?? null, moderatorId: input.moderator.id, createdAt: now },
        });
      }
    }
    return changeStatus(tx, { comment: row, to, action: input.action, moderatorId: input.moderator.id, reason: input.reason, now, data });
  });

  deps.publisher.publish({
    type: "comment:status-changed", commentId: row.id, from: row.status, to, action: input.action,
    by: { id: input.moderator.id, name: input.moderator.name }, reason: input.reason ?? null,
  });
  return { id: row.id, status: to, revision };
}

/** What the comment was before it became `current` (for restore), from the audit log. */
async function statusBefore(deps: Deps, commentId: string, current: CommentStatus): Promise<CommentStatus | null> {
  const last = await deps.db.moderationAction.findFirst({
    where: { commentId, toStatus: current, NOT: { fromStatus: current } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { fromStatus: true },
  });
  return last?.fromStatus ?? null;
}
