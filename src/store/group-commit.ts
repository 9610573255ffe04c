// Group commit for comment writes, on both stores. Every post to a thread updates the thread's row and
// its rooms' sequence rows, and holds them until its COMMIT: on PostgreSQL posts to one thread queue on
// those rows through each other's COMMIT (a WAL flush) and round trips; SQLite has one writer and pays
// one fsync of the WAL per COMMIT (synchronous = FULL, README "SQLite settings"). So posts that arrive
// together are written in ONE transaction: each post's work runs in its own SAVEPOINT, a post that throws
// rolls back only its savepoint and gets its own error, and every post is answered only after the COMMIT
// that holds it (a crash before it loses posts nobody was told were stored). Up to MAX_BATCH posts per
// COMMIT, one batch at a time per client; posts that arrive while a batch is being written form the next
// one, so a lone post never waits for company (nor for a timer).
// Within a batch the posts run one after another on one connection, so a later post sees an earlier
// one's rows (its duplicate and flood checks count it) and re-takes its advisory locks (they are
// re-entrant within a session, store/poster-locks.ts). A deadlock or serialization failure (PostgreSQL)
// rolls back the whole batch, which runs again (work may therefore run more than once: it acts only
// through `tx`). A batch takes its later posts' locks while holding its earlier posts' rows, so a
// transaction elsewhere that holds a poster's lock and waits for a thread's row (a ban's sweep, another
// instance's batch) can deadlock with it: PostgreSQL breaks that after deadlock_timeout and the loser
// runs again. A busy database (no connection in time, SQLite busy) answers SERVICE_BUSY (503 with
// Retry-After, store/db-errors.ts).
import type { Deps } from "../deps.ts";
import { retryingConflicts, type Db, type DbProvider, type Tx } from "./client.ts";
import { databaseBusyError, isRetryableConflict } from "./db-errors.ts";
import { lockKeysStatement } from "./poster-locks.ts";
import { directWithin, sqliteInTransaction } from "./sqlite-direct.ts";

export type { Tx };

const MAX_BATCH = 50;
// A batch holds its rows (and on SQLite the adapter's lock) for its whole transaction: give it room, a
// whole batch fails together.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 };

type Pending = {
  work: (tx: Tx) => Promise<unknown>;
  lockKeys: readonly string[];
  resolve(value: unknown): void;
  reject(err: unknown): void;
};
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
type Queue = { pending: Pending[]; writing: boolean };

const queues = new WeakMap<Db, Queue>();

/** Runs `work` in a transaction shared with the posts that arrive with it; `lockKeys`: the poster locks it
 *  takes first (store/poster-locks.ts), sent with its savepoint in one round trip on PostgreSQL. */
export function writeTogether<T>(
  deps: Pick<Deps, "db" | "dbProvider">,
  options: { lockKeys?: readonly string[] },
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  let queue = queues.get(deps.db);
  if (!queue) queues.set(deps.db, (queue = { pending: [], writing: false }));
  const q = queue;
  return new Promise<T>((resolve, reject) => {
    q.pending.push({ work, lockKeys: options.lockKeys ?? [], resolve: resolve, reject });
    if (q.writing) return;
    // Start on the event loop's next turn, not now: better-sqlite3 runs a post's statements and its
    // COMMIT's fsync synchronously, so a post would otherwise go from its request to its COMMIT in one
    // turn and never meet another (1.0 COMMIT per post at 10 connections, ~11 ms of fsync each on the
    // loaded machine). Requests already read by this turn reach here first and share the COMMIT; a lone
    // post waits one turn (setImmediate), not for a timer.
    q.writing = true;
    setImmediate(() => void writeBatches(deps, q));
  });
}

async function writeBatches(deps: Pick<Deps, "db" | "dbProvider">, q: Queue) {
  q.writing = true;
  try {
    while (q.pending.length) await writeBatch(deps, q.pending.splice(0, MAX_BATCH));
  } finally {
    q.writing = false;
  }
}

async function writeBatch({ db, dbProvider }: Pick<Deps, "db" | "dbProvider">, batch: Pending[]) {
  let outcomes: Outcome[];
  try {
    outcomes = await retryingConflicts(() =>
      db.$transaction(
        (tx) =>
          dbProvider === "sqlite"
            ? // The store's functions send the posts' statements straight to SQLite's connection (sqlite-direct.ts).
              directWithin(db, tx, () => writePosts(tx, dbProvider, batch))
            : writePosts(tx, dbProvider, batch),
        TRANSACTION_OPTIONS,
      ),
    );
  } catch (error) {
    // Nothing of this batch is stored (the one post's own error, or a failed BEGIN/COMMIT, or conflicts
    // past the retries): all are told.
    for (const p of batch) p.reject(databaseBusyError(error) ?? error);
    return;
  }
  outcomes.forEach((o, i) =>
    o.ok ? batch[i]!.resolve(o.value) : batch[i]!.reject(databaseBusyError(o.error) ?? o.error),
  );
}

async function writePosts(tx: Tx, provider: DbProvider, batch: Pending[]): Promise<Outcome[]> {
  const send = statementsSender(tx, provider);
  const lock = (p: Pending) => lockKeysStatement(provider, p.lockKeys);
  // A batch of one needs no savepoint: its failure rolls back the transaction, which holds only it.
  if (batch.length === 1) {
    const only = lock(batch[0]!);
    if (only) await send([only]);
    return [{ ok: true, value: await batch[0]!.work(tx) }];
  }
  const out: Outcome[] = [];
  // One post's savepoint at a time, so one name does; the last one is released by the COMMIT. A post's
  // locks go in its savepoint's message, after it: a refused lock (a timeout) rolls back to it.
  for (const [i, p] of batch.entries()) {
    const savepoint = i === 0 ? ["SAVEPOINT post"] : ["RELEASE post", "SAVEPOINT post"];
    const locks = lock(p);
    try {
      await send(locks ? [...savepoint, locks] : savepoint);
      out.push({ ok: true, value: await p.work(tx) });
    } catch (error) {
      // A deadlock or serialization failure is the whole transaction's: the batch runs again.
      if (isRetryableConflict(error)) throw error;
      await send(["ROLLBACK TO post"]);
      out.push({ ok: false, error });
    }
  }
  return out;
}

/** Sends statements without parameters (savepoints, locks): on SQLite to its connection (each statement
 *  checks that tx is still open); on PostgreSQL in one round trip (the simple query protocol takes several). */
function statementsSender(tx: Tx, provider: DbProvider): (statements: string[]) => Promise<void> {
  if (provider === "sqlite") {
    const sql = sqliteInTransaction(tx);
    return async (statements) => statements.forEach((s) => sql.run(s));
  }
  return async (statements) => void (await tx.$executeRawUnsafe(statements.join("; ")));
}

/** Posts waiting for the batch being written to end (a test waits on it to put posts in one batch). */
export function postsWaiting(db: Db): number {
  return queues.get(db)?.pending.length ?? 0;
}
