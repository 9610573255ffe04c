// Transaction-scoped locks on a poster's keys (moderation/poster-lock.ts says which keys and why).
// PostgreSQL at READ COMMITTED lets two transactions miss each other's uncommitted rows, so each takes
// a transaction-scoped advisory lock per key (released at commit or rollback). Keys are locked in one
// global order (sorted by lock number), so two transactions wanting overlapping keys cannot deadlock.
// SQLite needs nothing: a write transaction already holds the database's single write lock (and the
// SQLite adapter runs one transaction at a time per process: store/sqlite-connection.ts).
import crypto from "node:crypto";
import type { DbProvider, Tx } from "./client.ts";
import { pgDirect } from "./pg-direct.ts";

/** A signed 64-bit lock number for a key (the first 8 bytes of its SHA-256). */
export function lockNumber(key: string): bigint {
  return crypto.createHash("sha256").update(key).digest().readBigInt64BE(0);
}

/** Locks a write takes first in its transaction: `lockKeys(tx, provider, keys)`, or handed to a store function
 *  that takes them in its own first statement (comments.ts insertComment). */
export type KeyLocks = { provider: DbProvider; keys: readonly string[] };

/** Holds the keys' locks until the transaction ends (PostgreSQL); nothing to do on SQLite. */
export async function lockKeys(tx: Tx, provider: DbProvider, keys: readonly string[]): Promise<void> {
  const numbers = lockArgument({ provider, keys });
  if (!numbers) return;
  // $executeRaw: pg_advisory_xact_lock returns void, which Prisma's query path cannot deserialize.
  const direct = pgDirect(tx);
  if (direct) await direct.rows(LOCK_KEYS, [numbers]);
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock(k) FROM unnest(${numbers}::bigint[]) AS k`;
}
// One round trip for all of them: unnest yields the array in its order, and the locks are taken row by
// row, so the sorted order holds (a lock not yet granted blocks the statement before the next one).
const LOCK_KEYS = `SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k`;

/** The keys' distinct lock numbers in the one global order, as the text of a `bigint[]` parameter
 *  (null: nothing to lock, SQLite or no keys). */
export function lockArgument(locks: KeyLocks): string[] | null {
  if (locks.provider !== "postgres" || !locks.keys.length) return null;
  return [...new Set(locks.keys.map(lockNumber))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
}
