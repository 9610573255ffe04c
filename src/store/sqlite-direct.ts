// Statements sent straight to the process's one SQLite connection, past Prisma's query engine. Prisma
// spends about 0.1 ms of CPU per statement (the request, its compiled plan, the rows mapped twice) and
// makes as much garbage: with the collector's share, ~40 % of a post's CPU in a profile of the peer
// bench. The hot paths (a post's writes, a page's read) send their statements here; the rest of the store
// stays on Prisma. Same connection, same rules as the adapter's (store/sqlite-connection.ts):
// - `inTransaction`: inside a transaction the caller holds (writeTogether's, inTransaction's): it has
//   the adapter's lock, so the statement is part of it (rolled back with it, or with a post's savepoint);
// - `exclusive`: outside any transaction: waits for the lock first, so it never runs inside another
//   request's open transaction nor reads its uncommitted rows.
// Values in: Date as Prisma writes it (ISO 8601 text), boolean as 0/1. Values out: integers as numbers;
// DateTime and JSON columns as the stored text (sqliteDate, JSON.parse).
import type { OnStatement } from "./statement-log.ts";
import type { DirectConnection, DirectStatement, SqliteHandle } from "./sqlite-connection.ts";

export type SqliteRow = Record<string, unknown>;
/** The Prisma client the connection belongs to (store/client.ts's Db; named structurally, as client.ts imports this file). */
type Db = { $connect(): Promise<void> };

/** Statements on the connection: `all` for anything that returns rows (RETURNING included), `run` else. */
export type SqliteStatements = {
  all<T = SqliteRow>(sql: string, params?: readonly unknown[]): T[];
  get<T = SqliteRow>(sql: string, params?: readonly unknown[]): T | undefined;
  run(sql: string, params?: readonly unknown[]): { changes: number };
};

type Registered = {
  handle: SqliteHandle;
  onStatement?: OnStatement;
  /** Prepared statements of one connection (a new one after a reconnect starts afresh). */
  cache: WeakMap<DirectConnection, Map<string, DirectStatement>>;
};
const registry = new WeakMap<Db, Registered>();

/** Called by createDb for a SQLite client; `onStatement` sees these statements as it sees Prisma's. */
export function registerSqlite(db: Db, handle: SqliteHandle, onStatement?: OnStatement): void {
  registry.set(db, { handle, onStatement, cache: new WeakMap() });
}

/** The client's handle (null on PostgreSQL). */
export function sqliteHandleOf(db: Db): SqliteHandle | null {
  return registry.get(db)?.handle ?? null;
}

/**
 * The statements for work inside a transaction the caller holds on `db` (SQLite only; null on
 * PostgreSQL, where the caller goes through its `tx`). Never outside one: see the file's head.
 */
export function sqliteInTransaction(db: Db): SqliteStatements | null {
  const registered = registry.get(db);
  if (!registered) return null;
  const connection = registered.handle.direct();
  // Not open (never begun, or ended by Prisma's timeout while the work went on): a statement would run on
  // its own, outside the lock.
  if (!connection?.inTransaction()) throw new Error("sqliteInTransaction: no transaction is open on this client");
  return statementsOn(registered, connection);
}

/** Runs `work` on the connection outside any transaction, holding the adapter's lock (SQLite only). */
export async function sqliteExclusive<T>(db: Db, work: (sql: SqliteStatements) => T): Promise<T> {
  const registered = registry.get(db);
  if (!registered) throw new Error("sqliteExclusive: not a SQLite client");
  if (!registered.handle.direct()) await db.$connect();
  const release = await registered.handle.lock();
  try {
    return work(statementsOn(registered, registered.handle.direct()!));
  } finally {
    release();
  }
}

/** Transactions (a Prisma `tx`) whose store functions send their statements here: see `directWithin`. */
const transactions = new WeakMap<object, Db>();

/**
 * Runs `work` (a transaction's body, `tx` its Prisma handle on SQLite client `db`) with `tx` marked, so
 * store functions handed `tx` send their statements straight to the connection (`sqliteDirect`). Only
 * for a transaction that holds the adapter's lock (Prisma's $transaction on `db`) and only while it
 * runs; on PostgreSQL it just runs `work`.
 */
export async function directWithin<T>(db: Db, tx: object, work: () => Promise<T>): Promise<T> {
  if (!registry.has(db)) return work();
  transactions.set(tx, db);
  try {
    return await work();
  } finally {
    transactions.delete(tx);
  }
}

/**
 * For a store function that takes `Db | Tx` and keeps one signature: runs `work` on the connection,
 * inside the transaction for a `tx` marked by `directWithin`, or under the adapter's lock for the
 * SQLite client itself. Null where the statements go through Prisma: PostgreSQL, or a transaction not
 * marked (its BEGIN was Prisma's, but a direct statement would be as well; only marked ones are known
 * to be open). Errors are the promise's rejection, as Prisma's are.
 */
export function sqliteDirect<T>(client: object, work: (sql: SqliteStatements) => T): Promise<T> | null {
  const owner = transactions.get(client);
  if (owner) return new Promise<T>((resolve) => resolve(work(sqliteInTransaction(owner)!)));
  return registry.has(client as Db) ? sqliteExclusive(client as Db, work) : null;
}

/** A DateTime column's text as a Date (null stays null). */
export function sqliteDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}

/** Statements kept prepared, as the adapter keeps its own (a few dozen distinct texts). */
const PREPARED_STATEMENTS = 128;

function statementsOn(registered: Registered, connection: DirectConnection): SqliteStatements {
  const { onStatement } = registered;
  let cache = registered.cache.get(connection);
  if (!cache) registered.cache.set(connection, (cache = new Map<string, DirectStatement>()));
  const prepared = (sql: string) => {
    onStatement?.(sql);
    let stmt = cache.get(sql);
    if (stmt)
      cache.delete(sql); // re-inserted below: least recently used first
    else {
      stmt = connection.prepare(sql).safeIntegers(false);
      if (cache.size >= PREPARED_STATEMENTS) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  };
  return {
    all: <T>(sql: string, params: readonly unknown[] = []) => prepared(sql).all(params.map(toSqlite)) as T[],
    get: <T>(sql: string, params: readonly unknown[] = []) =>
      prepared(sql).all(params.map(toSqlite))[0] as T | undefined,
    run: (sql, params = []) => prepared(sql).run(params.map(toSqlite)),
  };
}

function toSqlite(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}
