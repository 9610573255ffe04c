// Serialises writes that concern one poster (their new comments, a moderator's decisions on their
// comments, a ban of them) for the rest of the caller's transaction: which keys a poster has, and
// which a write takes (a new comment may lock its text instead of its address). The locks themselves
// (advisory on PostgreSQL, none needed on SQLite) are store/poster-locks.ts.
import type { SiteSettings } from "../config/site-settings.ts";
import type { Deps } from "../deps.ts";
import type { Tx } from "../store/client.ts";
import { lockKeys, type KeyLocks } from "../store/poster-locks.ts";
import type { BodyHash } from "../domain/body-hash.ts";

/** The lock keys for a poster on a site: their email and their IP hash (either identifies them). */
export function posterKeys(siteId: string, poster: { email?: string | null; ipHash?: string | null }): string[] {
  const keys: string[] = [];
  if (poster.email) keys.push(`poster:${siteId}:email:${poster.email.toLowerCase()}`);
  if (poster.ipHash) keys.push(`poster:${siteId}:ip:${poster.ipHash}`);
  return keys;
}

/** Takes the poster lock (email and IP hash) for a decision about one author: bans, approvals, unbans. */
export function lockPoster(
  tx: Tx,
  deps: Deps,
  siteId: string,
  author: { email: string; ipHash: string },
): Promise<void> {
  return lockKeys(tx, deps.dbProvider, posterKeys(siteId, author));
}

/** The lock key for a text on a site (its stored hash, domain/body-hash.ts): posts of one text take turns. */
export function bodyKey(siteId: string, bodyHash: BodyHash): string {
  return `body:${siteId}:${bodyHash}`;
}

/**
 * The keys a new comment locks: always the email (a ban's sweep of that email then sees the comment or
 * comes after it); the IP hash only while the flood limit is on (it counts an address's posts under any
 * emails); and while the duplicate limit is on, the text's hash, not the address: that rule only compares
 * posts of the same text (by email, address or account), so those take turns, and different texts from
 * one address (a load test, an office behind one NAT) do not.
 * The cost, with the flood limit off: a ban of an address (not of an email) committed while a post from
 * that address under another email is in flight does not wait for it, and its sweep goes by email, so
 * that one post can be published after the ban (README "Moderation rules").
 */
export function postKeys(
  siteId: string,
  post: { email: string; ipHash: string; bodyHash: BodyHash },
  settings: Pick<SiteSettings, "floodSeconds" | "duplicateWindowMinutes">,
): string[] {
  const keys = posterKeys(siteId, { email: post.email, ipHash: settings.floodSeconds > 0 ? post.ipHash : null });
  if (settings.duplicateWindowMinutes > 0) keys.push(bodyKey(siteId, post.bodyHash));
  return keys;
}

/** A new comment's locks (postKeys), which its INSERT takes first thing in its transaction, before its row
 *  (store/comments.ts insertComment: on PostgreSQL in the INSERT's own statement). */
export function postLocks(
  deps: Pick<Deps, "dbProvider">,
  siteId: string,
  post: { email: string; ipHash: string; bodyHash: BodyHash },
  settings: Pick<SiteSettings, "floodSeconds" | "duplicateWindowMinutes">,
): KeyLocks {
  return { provider: deps.dbProvider, keys: postKeys(siteId, post, settings) };
}
