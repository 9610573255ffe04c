// What a moderator can do to a comment, and where each action takes it from each status. The one
// table the decide-comment use case, the bulk form and the tests read.
import type { CommentStatus } from "../domain/comment.ts";

export const MODERATION_ACTIONS = ["approve", "reject", "spam", "delete", "restore", "ban-author"] as const;
export type ModerationActionName = (typeof MODERATION_ACTIONS)[number];

/** The statuses restore may return a comment to; anything else comes back as pending. */
const RESTORABLE_TO: readonly CommentStatus[] = ["pending", "held", "published"];

/**
 * The status an action leads to, or null when it makes no sense here (→ 422).
 * `restoreTo` is the status the comment had before it was rejected / marked spam / deleted.
 */
export function targetStatus(
  action: ModerationActionName,
  c: { status: CommentStatus; reportCount: number },
  restoreTo: CommentStatus | null,
): CommentStatus | null {
  const s = c.status;
  switch (action) {
    case "approve":
      // Approving a published comment means "the reports are unfounded": it stays, the reports go.
      if (s === "published") return c.reportCount > 0 ? "published" : null;
      return s === "deleted" ? null : "published";
    case "reject":
      return s === "rejected" || s === "deleted" ? null : "rejected";
    case "spam":
      return s === "spam" || s === "deleted" ? null : "spam";
    case "delete":
      return s === "deleted" ? null : "deleted";
    case "restore":
      if (s !== "rejected" && s !== "spam" && s !== "deleted") return null;
      return restoreTo && RESTORABLE_TO.includes(restoreTo) ? restoreTo : "pending";
    case "ban-author":
      // The ban is the point; a comment still visible or waiting is rejected with it.
      return s === "pending" || s === "held" || s === "published" ? "rejected" : s;
  }
}
