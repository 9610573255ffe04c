// Comment statuses and the small rules about them that several layers share.
export const COMMENT_STATUSES = ["pending", "held", "published", "rejected", "spam", "deleted"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** Statuses a moderator still has to look at. */
export const AWAITING_MODERATION: readonly CommentStatus[] = ["pending", "held"];

/** The moderation console's queues; `reported` = still published, with unresolved reader reports. */
export const MODERATION_QUEUES = ["pending", "held", "reported", "rejected", "spam", "all"] as const;
export type QueueName = (typeof MODERATION_QUEUES)[number];

/** A flag the pipeline attached: a stable reason code and an optional human detail. */
/** Why a comment is held. `detail` is English for logs and older readers of the data; `detailCode` and
 *  `detailParams` say the same for words in other languages (the console's catalogs), where known. */
export type CommentFlag = {
  code: string;
  detail?: string;
  detailCode?: string;
  detailParams?: Record<string, string | number>;
};

/**
 * Where a reply goes: under its parent, or beside the parent when the parent already sits at the
 * deepest allowed level (as WordPress does), so a thread never nests deeper than maxDepth.
 */
export function placeReply(
  parent: { id: string; parentId: string | null; depth: number },
  maxDepth: number,
): { parentId: string | null; depth: number } {
  if (parent.depth < maxDepth) return { parentId: parent.id, depth: parent.depth + 1 };
  return { parentId: parent.parentId, depth: parent.depth };
}
