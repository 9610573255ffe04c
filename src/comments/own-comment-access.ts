// May this browser still change this comment? It must hold the comment's edit token, the edit window
// must be open and nobody may have replied. Shared by edit-comment and delete-own-comment.
import crypto from "node:crypto";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { getThreadSettings } from "../sites/get-thread-settings.ts";
import { countLiveReplies, readComment } from "../store/comments.ts";
import { hashToken } from "../domain/tokens.ts";
import type { GovernedThread } from "../domain/thread.ts";

/** How a client shows a comment is theirs: the edit token this browser got, or (from any device) the
 * signed-in reader account that posted it. */
export type OwnProof = { editToken?: string; readerAccountId?: string | null };

export async function loadOwnComment(deps: Deps, commentId: string, proof: OwnProof | string) {
  const { editToken, readerAccountId } = typeof proof === "string" ? { editToken: proof } : proof;
  const row = await readComment(deps.db, commentId);
  if (!row || row.status === "deleted") throw new AppError("COMMENT_NOT_FOUND");
  const byAccount = !!readerAccountId && row.readerAccountId === readerAccountId;
  const byToken = !!editToken && !!row.editTokenHash && sameHash(hashToken(editToken), row.editTokenHash);
  if (!byAccount && !byToken) throw new AppError("BAD_EDIT_TOKEN");
  if (row.status === "rejected" || row.status === "spam") throw new AppError("NOT_EDITABLE");
  const thread = await getThreadSettings(deps, row.threadId);
  const until = editableUntil(row.createdAt, thread);
  if (!until || deps.clock.now() >= until) throw new AppError("EDIT_WINDOW_CLOSED");
  const replies = await countLiveReplies(deps.db, row.id);
  if (replies) throw new AppError("HAS_REPLIES");
  return { row, thread };
}

/** When the author's edit window closes (null: editing is off for this thread). */
export function editableUntil(createdAt: Date, thread: Pick<GovernedThread, "settings">): Date | null {
  const minutes = thread.settings.editWindowMinutes;
  return minutes > 0 ? new Date(createdAt.getTime() + minutes * 60_000) : null;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
