// The links mails carry: signed confirmation and unsubscribe links (no sign-in needed), comment
// permalinks and console cards. Tokens are signed with MAIL_SIGNING_SECRET (signed-tokens.ts).
import { publicUrl, type Config } from "../config/config.ts";
import type { ThreadForMail } from "../store/mail-reads.ts";
import { signToken } from "./signed-tokens.ts";
import { articlePath, commentPermalinkPath } from "../domain/article-urls.ts";

const CONFIRM_VALID_MS = 7 * 24 * 3600_000;

/** What an unsubscribe link stops: one subscription (a comment's replies, a thread), or all mail to the address. */
export type UnsubscribeScope = { a: string; sub?: string };

export function confirmUrl(config: Config, address: string, now: Date): string {
  const t = signToken(config.MAIL_SIGNING_SECRET, "confirm", { a: address, exp: now.getTime() + CONFIRM_VALID_MS });
  return `${publicUrl(config)}/mail/confirm?t=${t}`;
}

export function unsubscribeUrl(config: Config, scope: UnsubscribeScope): string {
  return `${publicUrl(config)}/mail/unsubscribe?t=${signToken(config.MAIL_SIGNING_SECRET, "unsubscribe", scope)}`;
}

/** Where a comment can be read: its permalink on the article (it finds the comment's page), or the
 * embedding page's anchor. */
export function commentPermalink(config: Config, thread: ThreadForMail, commentId?: string): string {
  const anchor = commentId ? `#comment-${commentId}` : "#comments";
  if (thread.articleSlug && commentId)
    return `${publicUrl(config)}${commentPermalinkPath(thread.articleSlug, commentId)}`;
  if (thread.articleSlug) return `${publicUrl(config)}${articlePath(thread.articleSlug)}${anchor}`;
  return thread.url ? `${thread.url.replace(/#.*$/, "")}${anchor}` : publicUrl(config);
}

/** The console's card for a comment. */
export function consoleCardUrl(config: Config, commentId: string): string {
  return `${publicUrl(config)}/moderate#/queue/all?comment=${encodeURIComponent(commentId)}`;
}

const YOUR_DATA_VALID_MS = 24 * 3600_000;

/** The page where a reader sees, downloads and erases what is stored about their address (src/privacy/). */
export function readerDataUrl(config: Config, address: string, now: Date): string {
  const t = signToken(config.MAIL_SIGNING_SECRET, "your-data", { a: address, exp: now.getTime() + YOUR_DATA_VALID_MS });
  return `${publicUrl(config)}/your-data/view?t=${t}`;
}
