// Words for the codes the API speaks (statuses, actions), from the console's catalog.
import type { CommentStatus } from "../../domain/comment.ts";
import type { ModerationActionName } from "../../moderation/moderation-actions.ts";
import { count, say, t } from "./lang.ts";

export type { ModerationActionName };

export const statusLabel = (status: string): string => t.status[status as CommentStatus] ?? status;

export const isAction = (action: string): action is ModerationActionName => action in t.action;

/** Keys that decide the current (or ticked) comments, shown on their buttons. */
export const ACTION_KEYS: Partial<Record<ModerationActionName, string>> = {
  approve: "a",
  reject: "r",
  spam: "s",
  "ban-author": "b",
};

/** The one-click actions that make sense for a comment in each status (src/moderation/moderation-actions.ts; 422 otherwise). */
export function actionsFor(item: { status: CommentStatus; reportCount: number }): ModerationActionName[] {
  switch (item.status) {
    case "pending":
    case "held":
      return ["approve", "reject", "spam", "delete", "ban-author"];
    // Approving a published comment dismisses its reports, so it only makes sense when it has some.
    case "published":
      return [...(item.reportCount > 0 ? (["approve"] as const) : []), "reject", "spam", "delete", "ban-author"];
    case "rejected":
      return ["approve", "restore", "spam", "delete", "ban-author"];
    case "spam":
      return ["approve", "restore", "reject", "delete", "ban-author"];
    case "deleted":
      return ["restore"];
  }
}

/** "Approved comment by Pete", "Marked comment by Pete as spam". */
export const describeDone = (action: ModerationActionName, name: string): string => say(t.done[action], { name });

export function describeBulkDone(action: ModerationActionName, okCount: number, failedCount: number): string {
  const done = say(t.bulkDone[action], { comments: count(t.comments, okCount) });
  return failedCount ? say(t.bulkPartly, { done, comments: count(t.comments, failedCount) }) : done;
}

/** "Could not approve the comment by Pete: …" / the ticked comments when `name` is null. */
export function describeFailure(action: ModerationActionName, name: string | null, message: string): string {
  const verb = t.actionVerb[action];
  return name === null ? say(t.couldNotActTicked, { verb, message }) : say(t.couldNotAct, { verb, name, message });
}
