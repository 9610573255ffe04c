// Serialises writes that concern one poster (their new comments, a moderator's decisions on their
// comments, a ban of them) for the rest of the caller's transaction: which keys a poster has, and
// which a write takes. The locks themselves (advisory on PostgreSQL, none needed on SQLite) are
// store/poster-locks.ts.
import type { SiteSettings } from "../config/site-settings.ts";
import type { Deps } from "../deps.ts";
import type { Tx } from "../store/client.ts";
import { lockKeys } from "../store/poster-locks.ts";

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

/**
 * Takes the lock a new comment needs, first thing in its transaction: always the email (a ban's sweep
 * of that email then sees the comment or comes after it), and the IP hash only while a flood or
 * duplicate limit is on (those rules match by address). With both limits off, posts from one address
 * (a load test, an office behind one NAT) are not serialised for nothing.
 */
export function lockPosterForPost(
  tx: Tx,
  deps: Deps,
  siteId: string,
  author: { email: string; ipHash: string },
  settings: SiteSettings,
): Promise<void> {
  const byAddress = settings.floodSeconds > 0 || settings.duplicateWindowMinutes > 0;
  return lockKeys(
    tx,
    deps.dbProvider,
    posterKeys(siteId, { email: author.email, ipHash: byAddress ? author.ipHash : null }),
  );
}
