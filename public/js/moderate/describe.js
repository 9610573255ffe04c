// Words for the codes the API speaks: statuses, actions, the pipeline's flag codes, link-check states.
import { plural } from "./dom.js";

export const STATUS_LABELS = {
  pending: "Pending",
  held: "Held",
  published: "Published",
  rejected: "Rejected",
  spam: "Spam",
  deleted: "Deleted",
};

export const ACTIONS = {
  approve: { label: "Approve", key: "a", done: "Approved", bulkDone: "Approved" },
  reject: { label: "Reject", key: "r", done: "Rejected", bulkDone: "Rejected" },
  spam: { label: "Spam", key: "s", done: "Marked as spam", bulkDone: "Marked as spam" },
  delete: { label: "Delete", done: "Deleted", bulkDone: "Deleted" },
  restore: { label: "Restore", done: "Restored", bulkDone: "Restored" },
  "ban-author": { label: "Ban author…", key: "b", done: "Author banned", bulkDone: "Banned the authors of" },
};

/** The one-click actions that make sense for a comment in each status (src/moderation/moderation-actions.ts; 422 otherwise). */
export function actionsFor(item) {
  switch (item.status) {
    case "pending":
    case "held":
      return ["approve", "reject", "spam", "delete", "ban-author"];
    // Approving a published comment dismisses its reports, so it only makes sense when it has some.
    case "published":
      return [...(item.reportCount > 0 ? ["approve"] : []), "reject", "spam", "delete", "ban-author"];
    case "rejected":
      return ["approve", "restore", "spam", "delete", "ban-author"];
    case "spam":
      return ["approve", "restore", "reject", "delete", "ban-author"];
    case "deleted":
      return ["restore"];
    default:
      return [];
  }
}

/** "Approved comment by Pete", "Marked 2 comments as spam". */
export function describeDone(action, authorName) {
  const a = ACTIONS[action];
  if (action === "spam") return `Marked comment by ${authorName} as spam`;
  if (action === "ban-author") return `Banned ${authorName}`;
  return `${a?.done ?? action} comment by ${authorName}`;
}

export function describeBulkDone(action, okCount, failedCount) {
  const what = plural(okCount, "comment");
  const done = action === "spam" ? `Marked ${what} as spam` : `${ACTIONS[action]?.bulkDone ?? action} ${what}`;
  return failedCount ? `${done}; ${plural(failedCount, "comment")} could not be changed` : done;
}

const n = (detail, key) => {
  const m = typeof detail === "string" && detail.match(new RegExp(`${key}\\D*(\\d+)`));
  return m ? Number(m[1]) : undefined;
};

/**
 * Why the pipeline held a comment, in a moderator's words. Details come as free text ("3 links, limit 2",
 * "words: foo, bar"); known codes get a phrase, unknown ones still show their code and detail.
 */
const FLAG_TEXT = {
  "too-many-links": (d) => {
    const count = n(d, "") ?? n(d, "count");
    const limit = n(d, "limit") ?? n(d, "max");
    if (count === undefined) return `Too many links${d ? ` (${d})` : ""}`;
    return limit !== undefined
      ? `${plural(count, "link")} (held at ${limit} or more)`
      : `${plural(count, "link")}, at or over the link limit`;
  },
  "name-like-moderator": (d) => `Name looks like a moderator’s${d ? ` (${d})` : ""}`,
  "unverified-known-email": () =>
    "Uses a confirmed email address without its owner's proof (posted from a browser that never confirmed it): " +
    "maybe someone imitating a regular. Banning bans the sender's address, not the email",
  "suspect-word": (d) => `Contains a word on the watch list${d ? `: ${d}` : ""}`,
  "suspect-words": (d) => `Contains words on the watch list${d ? `: ${d}` : ""}`,
  "banned-word": (d) => `Contains a banned word${d ? `: ${d}` : ""}`,
  "banned-words": (d) => `Contains banned words${d ? `: ${d}` : ""}`,
  "first-time-commenter": (d) => `First-time commenter${d ? ` (${d})` : ""}`,
  "pre-moderate-all": () => "Every comment on this site waits for a moderator",
  "pre-moderation": (d) => `Pre-moderation${d ? `: ${d}` : ""}`,
  "hold-all": () => "Every comment is held for moderation",
  reported: (d) => `Reported by readers${d ? ` (${d})` : ""}`,
  "report-threshold": (d) => `Reported by readers${d ? ` (${d})` : ""}`,
  edited: (d) => `Edited after posting${d ? ` (${d})` : ""}`,
  "broken-link": (d) => `Cites a broken link${d ? `: ${d}` : ""}`,
  "broken-citation": (d) => `Cites a broken link${d ? `: ${d}` : ""}`,
  "unchecked-links": (d) => `Links not checked yet${d ? ` (${d})` : ""}`,
  "spam-score": (d) => `Looks like spam to the learned model (score ${String(d ?? "").split(":")[0]})`,
  // The citation checks' codes (src/citations/citation-verdict.ts).
  "citation-unresolved": (d) => `A citation has no source${d ? `: ${d}` : ""}`,
  "link-broken": (d) => `Cites a broken link${d ? `: ${d}` : ""}`,
  "link-denied-domain": (d) => `Links to a blocked domain${d ? `: ${d}` : ""}`,
  "link-unsafe": (d) => `Unsafe link${d ? `: ${d}` : ""}`,
  "links-unchecked": (d) => `Links not checked yet${d ? ` (${d})` : ""}`,
};

export function describeFlag(flag) {
  const text = FLAG_TEXT[flag.code];
  if (text) return text(flag.detail);
  const words = flag.code.replace(/[-_]+/g, " ");
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${flag.detail ? `: ${flag.detail}` : ""}`;
}

export const LINK_STATES = {
  ok: { label: "OK", tone: "ok", help: "The page answered normally." },
  redirected: { label: "Redirected", tone: "warn", help: "The link redirects elsewhere." },
  broken: { label: "Broken", tone: "bad", help: "The page answered with an error." },
  unreachable: { label: "Unreachable", tone: "bad", help: "The server could not be reached." },
  refused: {
    label: "Refused",
    tone: "bad",
    help: "Not fetched: the address is not allowed (private network or blocked).",
  },
  unchecked: { label: "Not checked", tone: "quiet", help: "Not checked yet." },
  skipped: {
    label: "Skipped",
    tone: "quiet",
    help: "Never fetched: the comment (or its poster, this hour) went over this site's limit of links checked.",
  },
};

/** The checker's reason codes (src/citations/link-check-types.ts LinkCheckError) in words. */
export const LINK_ERRORS = {
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

export const REPORT_REASONS = { spam: "Spam", abuse: "Abuse", "off-topic": "Off-topic", other: "Other" };

export const AUDIT_ACTIONS = {
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
