// Group commit for comment writes. SQLite has one writer and pays one fsync of the WAL per COMMIT
// (synchronous = FULL, README "SQLite settings"), so posts that arrive together are written in ONE
// transaction: each post's work runs in its own SAVEPOINT, a post that throws rolls back only its
// savepoint and gets its own error, and every post is answered only after the COMMIT that holds it
// (a crash before it loses posts nobody was told were stored). Up to MAX_BATCH posts per COMMIT;
// posts that arrive while a batch is being written form the next one, so a lone post never waits for company.
// PostgreSQL: one transaction per post (the poster's locks first, taken by its INSERT: store/comments.ts;
// its statements past Prisma on the transaction's pool connection: store/pg-direct.ts), run again after
// a deadlock or a serialization failure (store/client.ts retryingConflicts). Batching there was tried
// and undone: a batch takes its later posts' locks while holding its earlier posts' thread and room rows,
// which deadlocked with other batches and with moderators' decisions, and one post waiting on a lock held
// up every post of the instance (README "How posts stay cheap"). Either way a busy database (no connection
// in time, SQLite busy) answers SERVICE_BUSY (503 with Retry-After, store/db-errors.ts).
import type { Deps } from "../deps.ts";
import { retryingConflicts, type Db, type Tx } from "./client.ts";
import { databaseBusyError } from "./db-errors.ts";
import { directWithin, sqliteInTransaction } from "./sqlite-direct.ts";
import { pgTransaction } from "./pg-direct.ts";

export type { Tx };

const MAX_BATCH = 50;
// A batch holds the adapter's lock for its whole transaction: give it room, a whole batch fails together
// (and a PostgreSQL post waiting on its thread's rows, see above).
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 };

type Pending = { work: (tx: Tx) => Promise<unknown>; resolve(value: unknown): void; reject(err: unknown): void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

type Queue = { pending: Pending[]; writing: boolean };

const queues = new WeakMap<Db, Queue>();

export function writeTogether<T>(deps: Pick<Deps, "db" | "dbProvider">, work: (tx: Tx) => Promise<T>): Promise<T> {
  // PostgreSQL: the store's functions send the post's statements on the transaction's connection (pg-direct.ts).
  if (deps.dbProvider !== "sqlite")
    return retryingConflicts(() =>
      pgTransaction(deps.db, (body: (tx: Tx) => Promise<T>) => deps.db.$transaction(body, TRANSACTION_OPTIONS), work),
    );
  let queue = queues.get(deps.db);
  if (!queue) queues.set(deps.db, (queue = { pending: [], writing: false }));
  const q = queue;
  return new Promise<T>((resolve, reject) => {
    q.pending.push({ work, resolve, reject });
    if (q.writing) return;
    // Start on the event loop's next turn, not now: better-sqlite3 runs a post's statements and its
    // COMMIT's fsync synchronously, so a post would otherwise go from its request to its COMMIT in one
    // turn and never meet another (1.0 COMMIT per post at 10 connections, ~11 ms of fsync each on the
    // loaded machine). Requests already read by this turn reach here first and share the COMMIT; a lone
    // post waits one turn (setImmediate), not for a timer.
    q.writing = true;
    setImmediate(() => void writeBatches(deps.db, q));
  });
}

async function writeBatches(db: Db, q: Queue) {
  q.writing = true;
  try {
    while (q.pending.length) await writeBatch(db, q.pending.splice(0, MAX_BATCH));
  } finally {
    q.writing = false;
  }
}

async function writeBatch(db: Db, batch: Pending[]) {
  let outcomes: Outcome[];
  try {
    // The store's functions send the posts' statements straight to SQLite's connection (sqlite-direct.ts).
    outcomes = await db.$transaction(
      (tx) =>
        directWithin(db, tx, async () => {
          // A batch of one needs no savepoint: its failure rolls back the transaction, which holds only it.
          if (batch.length === 1) return [{ ok: true, value: await batch[0]!.work(tx) }];
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
        }),
      TRANSACTION_OPTIONS,
    );
  } catch (error) {
    // Nothing of this batch is stored (the one post's own error, or a failed BEGIN/COMMIT): all are told.
    for (const p of batch) p.reject(databaseBusyError(error) ?? error);
    return;
  }
  outcomes.forEach((o, i) =>
    o.ok ? batch[i]!.resolve(o.value) : batch[i]!.reject(databaseBusyError(o.error) ?? o.error),
  );
}
