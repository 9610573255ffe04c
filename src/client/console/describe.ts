// Words for the codes the API speaks: statuses, actions, report reasons, the checker's errors, audit actions.
import type { CommentStatus } from "../../domain/comment.ts";
import type { ModerationActionName } from "../../moderation/moderation-actions.ts";
import { plural } from "./time.ts";

export type { ModerationActionName };

export const STATUS_LABELS: Record<CommentStatus, string> = {
  pending: "Pending",
  held: "Held",
  published: "Published",
  rejected: "Rejected",
  spam: "Spam",
  deleted: "Deleted",
};

export const statusLabel = (status: string): string => STATUS_LABELS[status as CommentStatus] ?? status;

type ActionWords = { label: string; key?: string; done: string; bulkDone: string };

export const ACTIONS: Record<ModerationActionName, ActionWords> = {
  approve: { label: "Approve", key: "a", done: "Approved", bulkDone: "Approved" },
  reject: { label: "Reject", key: "r", done: "Rejected", bulkDone: "Rejected" },
  spam: { label: "Spam", key: "s", done: "Marked as spam", bulkDone: "Marked as spam" },
  delete: { label: "Delete", done: "Deleted", bulkDone: "Deleted" },
  restore: { label: "Restore", done: "Restored", bulkDone: "Restored" },
  "ban-author": { label: "Ban author…", key: "b", done: "Author banned", bulkDone: "Banned the authors of" },
};

export const actionWords = (action: string): ActionWords | undefined => ACTIONS[action as ModerationActionName];

/** "approve", "ban author": the action as a verb inside a sentence. */
export const actionVerb = (action: string): string =>
  actionWords(action)?.label.replace("…", "").toLowerCase() ?? action;

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
export function describeDone(action: ModerationActionName, authorName: string): string {
  if (action === "spam") return `Marked comment by ${authorName} as spam`;
  if (action === "ban-author") return `Banned ${authorName}`;
  return `${ACTIONS[action].done} comment by ${authorName}`;
}

export function describeBulkDone(action: ModerationActionName, okCount: number, failedCount: number): string {
  const what = plural(okCount, "comment");
  const done = action === "spam" ? `Marked ${what} as spam` : `${ACTIONS[action].bulkDone} ${what}`;
  return failedCount ? `${done}; ${plural(failedCount, "comment")} could not be changed` : done;
}

/** The checker's reason codes (src/citations/link-check-types.ts LinkCheckError) in words. */
export const LINK_ERRORS: Record<string, string> = {
  "bad-url": "not a valid address",
  "bad-scheme": "not a web address",
  "credentials-in-url": "address carries a password",
  "forbidden-port": "unusual port, not fetched",
  "forbidden-address": "private or reserved address, not fetched",
  "too-many-redirects": "too many redirects",
  "bad-redirect": "redirect without a destination",
  "dns-failure": "domain not found",
  timeout: "timed out",
  "connection-refused": "connection refused",
  "connection-reset": "connection reset",
  "tls-error": "TLS certificate problem",
  "network-error": "network error",
};

export const REPORT_REASONS: Record<string, string> = {
  spam: "Spam",
  abuse: "Abuse",
  "off-topic": "Off-topic",
  other: "Other",
};

export const AUDIT_ACTIONS: Record<string, string> = {
  approve: "Approved",
  reject: "Rejected",
  spam: "Marked as spam",
  delete: "Deleted",
  restore: "Restored",
  "ban-author": "Banned the author",
  "unban-author": "Lifted the author's ban",
  "report-threshold": "Held after reader reports",
  "link-check": "Link check",
  edit: "Edited by the author",
  "author-delete": "Deleted by its author",
  "erase-anonymise": "Anonymised (the reader's data erased)",
  "erase-delete": "Deleted (the reader's data erased)",
};
