// Use case: the author deletes their comment (edit token, inside the window, no replies yet).
// The row stays, as `deleted`, with its audit row; the thread count drops if it was published.
import { afterCommit } from "../after-commit.ts";
import type { Deps } from "../deps.ts";
import { changeStatus } from "../moderation/change-status.ts";
import { loadOwnComment } from "./own-comment-access.ts";
import { inTransaction } from "../store/client.ts";

export async function deleteOwnComment(
  deps: Deps,
  input: { commentId: string; editToken?: string; readerAccountId?: string | null },
): Promise<{ id: string; status: "deleted" }> {
  const { row } = await loadOwnComment(deps, input.commentId, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, (tx) =>
    changeStatus(tx, { comment: row, to: "deleted", action: "author-delete", moderatorId: null, now }),
  );
  afterCommit(deps, {
    publish: [
      {
        type: "comment:status-changed",
        commentId: row.id,
        from: row.status,
        to: "deleted",
        action: "author-delete",
        by: null,
        reason: null,
      },
    ],
  });
  return { id: row.id, status: "deleted" };
}
