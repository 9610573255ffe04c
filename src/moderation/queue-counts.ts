// How many comments each moderation queue holds, as the console's tabs show them.
import type { CommentStatus } from "../domain/comment.ts";
import type { Deps } from "../deps.ts";
import { countCommentsByStatus } from "../store/moderation-queue.ts";

export type QueueCounts = {
  pending: number;
  held: number;
  reported: number;
  rejected: number;
  spam: number;
  all: number;
};

export async function countQueues(deps: Deps): Promise<QueueCounts> {
  const { byStatus, reported } = await countCommentsByStatus(deps.db);
  const n = (s: CommentStatus) => byStatus.get(s) ?? 0;
  const all = [...byStatus.values()].reduce((sum, count) => sum + count, 0) - n("deleted");
  return { pending: n("pending"), held: n("held"), reported, rejected: n("rejected"), spam: n("spam"), all };
}
