// Statements sent straight to the process's one SQLite connection, past Prisma's query engine. Prisma
// spends about 0.1 ms of CPU per statement (the request, its compiled plan, the rows mapped twice) and
// makes as much garbage: with the collector's share, ~40 % of a post's CPU in a profile of the peer
// bench. The hot paths (a post's writes, a page's read) send their statements here; the rest of the store
// stays on Prisma. Same connection, same rules as the adapter's (store/sqlite-connection.ts):
// - `sqliteInTransaction` (and `sqliteDirect` given a `tx`): inside a transaction the caller holds
//   (marked by `directWithin`): it has the adapter's lock, so the statement is part of it (rolled back
//   with it, or with a post's savepoint). Each statement checks that this transaction is still the one
//   open: Prisma's timeout can end it while its work goes on, and the next statement would then run on
//   its own or in the next request's transaction (committed with it);
// - `sqliteExclusive` (and `sqliteDirect` given the client): outside any transaction: waits for the
//   lock first, so it never runs inside another request's open transaction nor reads its uncommitted rows.
// Values in: Date as Prisma writes it (ISO 8601 text), boolean as 0/1. Values out: integers as numbers;
// DateTime and JSON columns as the stored text (sqliteDate, JSON.parse).
import type { Sql } from "@prisma/client/runtime/client";
import { TRANSACTION_ENDED } from "./db-errors.ts";
import { pgDirect } from "./pg-direct.ts";
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
  /** One statement run once per row, as one (an import's rows, already SQLite's values: text, numbers, null). */
  runEach(sql: string, rows: readonly (readonly unknown[])[]): void;
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

/**
 * The statements of transaction `tx`, marked by `directWithin` (SQLite only). Each one refuses (throws)
 * once `tx` has ended, even if another transaction is open by then: see the file's head.
 */
export function sqliteInTransaction(tx: object): SqliteStatements {
  const marked = transactions.get(tx);
  if (!marked) throw new Error("sqliteInTransaction: not a transaction marked by directWithin");
  return statementsOn(marked.registered, marked.registered.handle.direct()!, marked.token);
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

/** Transactions (a Prisma `tx`) whose store functions send their statements here, with the token of
 *  the connection's transaction they are (SqliteHandle.transaction): see `directWithin`. */
const transactions = new WeakMap<object, { registered: Registered; token: object }>();

/**
 * Runs `work` (a transaction's body, `tx` its Prisma handle on SQLite client `db`) with `tx` marked, so
 * store functions handed `tx` send their statements straight to the connection (`sqliteDirect`). Only
 * for a transaction that holds the adapter's lock (Prisma's $transaction on `db`) and only while it
 * runs; on PostgreSQL it just runs `work`.
 */
export async function directWithin<T>(db: Db, tx: object, work: () => Promise<T>): Promise<T> {
  const registered = registry.get(db);
  if (!registered) return work();
  const token = registered.handle.transaction();
  if (!token) throw new Error("directWithin: no transaction is open on this client");
  transactions.set(tx, { registered, token });
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
  if (transactions.has(client)) return new Promise<T>((resolve) => resolve(work(sqliteInTransaction(client))));
  return registry.has(client as Db) ? sqliteExclusive(client as Db, work) : null;
}

/** A client or `tx` as far as `directRows` falls back on it (store/client.ts's Db | Tx). */
type RawQueries = { $queryRaw<T>(query: Sql): PromiseLike<T> };

/**
 * The query's rows: sent straight to the connection where `sqliteDirect` can send them, or to
 * PostgreSQL's pool connection where `pgDirect` can (store/pg-direct.ts), else through Prisma's
 * $queryRaw (a transaction not marked). A SQLite statement binds its dates as `sqliteTime(date)`:
 * Prisma's $queryRaw would bind a Date in another form than it stores.
 */
export async function directRows<T>(client: object & RawQueries, query: Sql): Promise<T[]> {
  const direct = sqliteDirect(client, (s) => s.all<T>(query.sql, query.values));
  if (direct) return await direct;
  const pg = pgDirect(client);
  return pg ? await pg.rows<T>(query.text, query.values) : await client.$queryRaw<T[]>(query);
}

/** What a statement of a transaction that has ended throws; its code reads as Prisma's timeout does (busy). */
function transactionEnded(): Error {
  const message = "sqlite-direct: this transaction has ended (Prisma's timeout?); its statement would run outside it";
  return Object.assign(new Error(message), { code: TRANSACTION_ENDED });
}

/** A Date as Prisma stores a DateTime on SQLite, ISO 8601 text in UTC with an offset ("…25.827+00:00"):
 *  SQLite compares it as text, so a bound date must be in this very form. */
export function sqliteTime(at: Date): string {
  return at.toISOString().replace("Z", "+00:00");
}

/** A DateTime column's text as a Date (null stays null). */
export function sqliteDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}

/** Statements kept prepared, as the adapter keeps its own (a few dozen distinct texts). */
const PREPARED_STATEMENTS = 128;

/** The connection's statements; with `token`, each refuses unless that transaction is the one open. */
function statementsOn(registered: Registered, connection: DirectConnection, token?: object): SqliteStatements {
  const { handle, onStatement } = registered;
  let cache = registered.cache.get(connection);
  if (!cache) registered.cache.set(connection, (cache = new Map<string, DirectStatement>()));
  const prepared = (sql: string) => {
    if (token && handle.transaction() !== token) throw transactionEnded();
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
    runEach: (sql, rows) => {
      const stmt = prepared(sql);
      for (const row of rows) stmt.run(row);
    },
  };
}

function toSqlite(value: unknown): unknown {
  if (value instanceof Date) return sqliteTime(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}
