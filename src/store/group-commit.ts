// Group commit for comment writes on SQLite. SQLite has one writer and pays one fsync of the WAL per
// COMMIT (synchronous = FULL, README "SQLite settings"), so posts that arrive together are written in ONE
// transaction: each post's work runs in its own SAVEPOINT, a post that throws rolls back only its
// savepoint and gets its own error, and every post is answered only after the COMMIT that holds it (a
// crash before it loses posts nobody was told were stored). Up to MAX_BATCH posts per COMMIT, one batch at
// a time; posts that arrive while a batch is being written form the next one, so a lone post never waits
// for company (nor for a timer). Within a batch the posts run one after another, so a later post sees an
// earlier one's rows (its duplicate and flood checks count it).
// PostgreSQL: one transaction per post, its poster locks first (store/poster-locks.ts: one global order,
// taken before any row). Batching there was tried and undone: a batch takes its later posts' locks while
// holding its earlier posts' thread and room rows, which deadlocks with other batches (another thread's,
// another instance's) and with moderators' decisions, and one post waiting on a lock held elsewhere held
// up every post of the instance; on a quiet machine it gained nothing (README "How posts stay cheap").
// A deadlock or serialization failure runs the post's transaction again (store/client.ts); work may
// therefore run more than once and acts only through `tx`. A busy database (no connection in time,
// SQLite busy) answers SERVICE_BUSY (503 with Retry-After, store/db-errors.ts).
import type { Deps } from "../deps.ts";
import { retryingConflicts, type Db, type DbProvider, type Tx } from "./client.ts";
import { databaseBusyError } from "./db-errors.ts";
import { lockKeys } from "./poster-locks.ts";
import { directWithin, sqliteInTransaction } from "./sqlite-direct.ts";

export type { Tx };

const MAX_BATCH = 50;
// A SQLite batch holds the adapter's lock for its whole transaction, a PostgreSQL post its thread's rows:
// give them room (a whole batch fails together).
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

/** Runs `work` in a transaction (on SQLite shared with the posts that arrive with it); `lockKeys`: the
 *  poster locks it takes first (store/poster-locks.ts). */
export function writeTogether<T>(
  deps: Pick<Deps, "db" | "dbProvider">,
  options: { lockKeys?: readonly string[] },
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const lockKeys = options.lockKeys ?? [];
  // PostgreSQL: a transaction of its own, started at once (see above).
  if (deps.dbProvider !== "sqlite")
    return new Promise<T>((resolve, reject) => void writeBatch(deps, [{ work, lockKeys, resolve, reject }]));
  let queue = queues.get(deps.db);
  if (!queue) queues.set(deps.db, (queue = { pending: [], writing: false }));
  const q = queue;
  return new Promise<T>((resolve, reject) => {
    q.pending.push({ work, lockKeys, resolve, reject });
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
  // A batch of one needs no savepoint: its failure rolls back the transaction, which holds only it.
  if (batch.length === 1) {
    await lockKeys(tx, provider, batch[0]!.lockKeys);
    return [{ ok: true, value: await batch[0]!.work(tx) }];
  }
  // Only SQLite batches several posts (and takes no poster locks: its one writer already orders them).
  // One post's savepoint at a time, so one name does (and three statements stay prepared).
  const sql = sqliteInTransaction(tx); // each statement checks that tx is still open
  const out: Outcome[] = [];
  for (const p of batch) {
    sql.run("SAVEPOINT post");
    try {
      out.push({ ok: true, value: await p.work(tx) });
      sql.run("RELEASE post");
    } catch (error) {
      sql.run("ROLLBACK TO post");
      sql.run("RELEASE post");
      out.push({ ok: false, error });
    }
  }
  return out;
}
