// Serialises writes that concern one poster (their new comments, a moderator's decisions on their
// comments, a ban of them) for the rest of the caller's transaction.
// PostgreSQL at READ COMMITTED lets two transactions miss each other's uncommitted rows, so each takes
// a transaction-scoped advisory lock per key (released at commit or rollback). Keys are locked in one
// global order (sorted by lock number), so two transactions wanting overlapping keys cannot deadlock.
// SQLite needs nothing: a write transaction already holds the database's single write lock (and the
// SQLite adapter runs one transaction at a time per process: src/store/sqlite-connection.ts).
import crypto from "node:crypto";
import type { Prisma } from "../generated/sqlite/client.ts";
import type { SiteSettings } from "../config/site-settings.ts";
import type { Deps } from "../deps.ts";
import type { DbProvider } from "../store/client.ts";

type Tx = Prisma.TransactionClient;

/** The lock keys for a poster on a site: their email and their IP hash (either identifies them). */
export function posterKeys(siteId: string, poster: { email?: string | null; ipHash?: string | null }): string[] {
  const keys: string[] = [];
  if (poster.email) keys.push(`poster:${siteId}:email:${poster.email.toLowerCase()}`);
  if (poster.ipHash) keys.push(`poster:${siteId}:ip:${poster.ipHash}`);
  return keys;
}

/** A signed 64-bit lock number for a key (the first 8 bytes of its SHA-256). */
export function lockNumber(key: string): bigint {
  return crypto.createHash("sha256").update(key).digest().readBigInt64BE(0);
}

/** Takes the advisory locks for `keys` in the caller's transaction (PostgreSQL); no-op on SQLite. */
export async function lockPosters(tx: Tx, provider: DbProvider, keys: readonly string[]): Promise<void> {
  if (provider !== "postgres" || !keys.length) return;
  const numbers = [...new Set(keys.map(lockNumber))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // $executeRaw: pg_advisory_xact_lock returns void, which the query path cannot deserialize.
  for (const n of numbers) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${n.toString()}::bigint)`;
}

/** Takes the poster lock (email and IP hash) for a decision about one author: bans, approvals, unbans. */
export function lockPoster(
  tx: Tx,
  deps: Deps,
  siteId: string,
  author: { email: string; ipHash: string },
): Promise<void> {
  return lockPosters(tx, deps.dbProvider, posterKeys(siteId, author));
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
  return lockPosters(
    tx,
    deps.dbProvider,
    posterKeys(siteId, { email: author.email, ipHash: byAddress ? author.ipHash : null }),
  );
}
