// Use case: a moderator lifts the ban on a comment's author (their email and their address on that
// comment's site), so a mistaken ban can be undone. The comments the ban rejected stay rejected; each
// can be restored on its own. One audit row on the comment, by the moderator, in the same transaction.
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { insertAuditRow } from "../store/audit.ts";
import { deleteBans } from "../store/bans.ts";
import { inTransaction } from "../store/client.ts";
import { readCommentWithSite } from "../store/comments.ts";
import { lockPoster } from "./poster-lock.ts";

export type UnbanInput = { commentId: string; reason?: string | null; moderator: { id: string; name: string } };

/** Returns how many ban rows were lifted (email and/or address). */
export async function unbanAuthor(deps: Deps, input: UnbanInput): Promise<{ lifted: number }> {
  const row = await readCommentWithSite(deps.db, input.commentId);
  if (!row) throw new AppError("COMMENT_NOT_FOUND");
  const siteId = row.thread.siteId;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    // The same lock a ban takes: a ban and its undo about one author take turns.
    await lockPoster(tx, deps, siteId, { email: row.authorEmail, ipHash: row.ipHash });
    const count = await deleteBans(tx, siteId, [
      { kind: "email", value: row.authorEmail },
      { kind: "ip", value: row.ipHash },
      ...(row.readerAccountId ? [{ kind: "account" as const, value: row.readerAccountId }] : []),
    ]);
    if (!count) throw new AppError("ACTION_NOT_ALLOWED", { reason: "notBanned" });
    await insertAuditRow(tx, {
      commentId: row.id,
      moderatorId: input.moderator.id,
      action: "unban-author",
      fromStatus: row.status,
      toStatus: row.status,
      reason: input.reason ?? null,
      revision: row.revision,
      createdAt: now,
    });
    return { lifted: count };
  });
}
