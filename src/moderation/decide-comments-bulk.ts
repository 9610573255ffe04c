// Use case: the same decision on up to 100 comments. Each is its own transaction with its own
// revision check, so one stale item fails alone and the others still go through. A ban sweeps the
// author's other comments; a later item the sweep already rejected is reported as done, not as stale.
import type { CommentStatus } from "../domain/comment.ts";
import { isAppError } from "../domain/errors.ts";
import type { ModerationActionName } from "./moderation-actions.ts";
import type { Deps } from "../deps.ts";
import { decideComment } from "./decide-comment.ts";

export type BulkResult = { id: string; ok: boolean; status?: CommentStatus; error?: { code: string; message: string } };

export async function decideCommentsBulk(
  deps: Deps,
  input: {
    action: ModerationActionName;
    reason?: string | null;
    rejectPublished?: boolean;
    items: { id: string; revision: number; status?: CommentStatus }[];
    moderator: { id: string; name: string };
  },
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  const sweptByBan = new Set<string>();
  for (const item of input.items) {
    if (sweptByBan.has(item.id)) {
      results.push({ id: item.id, ok: true, status: "rejected" });
      continue;
    }
    try {
      const done = await decideComment(deps, {
        commentId: item.id,
        revision: item.revision,
        status: item.status,
        action: input.action,
        reason: input.reason,
        rejectPublished: input.rejectPublished,
        moderator: input.moderator,
      });
      for (const id of done.alsoRejected ?? []) sweptByBan.add(id);
      results.push({ id: item.id, ok: true, status: done.status });
    } catch (err) {
      if (!isAppError(err)) {
        deps.log.error({ err, commentId: item.id }, "bulk decision failed");
        results.push({
          id: item.id,
          ok: false,
          error: { code: "INTERNAL", message: "Something went wrong on our side." },
        });
      } else results.push({ id: item.id, ok: false, error: { code: err.code, message: err.message } });
    }
  }
  return results;
}
