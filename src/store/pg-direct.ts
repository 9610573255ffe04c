// Statements sent straight to PostgreSQL on the pg pool Prisma's adapter uses (store/client.ts builds the
// pool and hands it to PrismaPg, so the connections stay the pool's 10), past Prisma's query engine: its
// request, compiled plan and row mapping cost a PostgreSQL post a third of its CPU (README "How posts stay
// cheap"). The post's statements come here; the rest of the store stays on Prisma. As on SQLite
// (sqlite-direct.ts), a store function keeps one signature and picks the path itself (`pgDirect`):
// - given a `tx` of a transaction opened by `pgTransaction` (a post's, group-commit.ts): the statement is
//   sent on the pool connection that transaction holds, so it is part of it. Prisma still sends BEGIN and
//   COMMIT and keeps its limits (maxWait, timeout) and its retry (client.ts retryingConflicts); a statement
//   sent once Prisma has ended the transaction (its timeout) refuses instead of running on its own, or in
//   the next transaction the connection serves. The pg client sends a connection's statements in order,
//   so one sent before Prisma's COMMIT or ROLLBACK is inside the transaction;
// - given the client itself: on any pool connection, as Prisma's $queryRaw is.
// Values in: Dates as UTC ISO text (a `timestamp(3)` column drops the zone: Prisma's UTC wall clock).
// Values out as Prisma's $queryRaw gives them: `timestamp` as Date (UTC), int8 as BigInt, JSON parsed.
// A statement's error is reported as Prisma reports a raw statement's (P2010, the SQLSTATE in meta.code), so
// store/db-errors.ts reads deadlocks, serialization failures and busy errors the same way.
import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { STATEMENT_REPREPARED, TRANSACTION_ENDED } from "./db-errors.ts";
import type { OnStatement } from "./statement-log.ts";

export type PgRow = Record<string, unknown>;
/** Statements on a pool connection or the pool: the rows (RETURNING included). */
export type PgStatements = { rows<T = PgRow>(text: string, values?: readonly unknown[]): Promise<T[]> };

const registry = new WeakMap<object, { pool: pg.Pool; onStatement?: OnStatement }>();

/** Called by createDb for a PostgreSQL client (`types`: pg's, which createDb loads only for PostgreSQL);
 *  `onStatement` sees these statements as it sees Prisma's. */
export function registerPg(db: object, pool: pg.Pool, types: typeof pg.types, onStatement?: OnStatement): void {
  pgTypes = types;
  registry.set(db, { pool, onStatement });
  pool.on("acquire", dropPreparedPastLimit);
}

/** A transaction `pgTransaction` opened: the pool connection Prisma's adapter gave it, until it ends. */
type Opened = { connection?: pg.PoolClient; ended: boolean; onStatement?: OnStatement };
/** Set around `db.$transaction` by `pgTransaction`, read by the adapter when it starts that transaction. */
const opening = new AsyncLocalStorage<Opened>();
/** Transactions (a Prisma `tx`) whose store functions send their statements here. */
const transactions = new WeakMap<object, Opened>();

/**
 * The adapter factory with PostgreSQL transactions that tell `pgTransaction` which pool connection they
 * hold, and when Prisma ends them (its COMMIT or ROLLBACK, sent through the transaction). Wrap Prisma's
 * PrismaPg with this before anything else (statement-log.ts's wrapper hides the connection).
 */
export function connectionsShown(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter: SqlDriverAdapter = await factory.connect();
      const startTransaction = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (level) => {
        const tx = await startTransaction(level);
        const opened = opening.getStore();
        if (opened && !opened.connection) shown(tx, opened);
        return tx;
      };
      return adapter;
    },
  };
}

function shown(tx: Transaction, opened: Opened) {
  // PrismaPg's transaction runs on the pool connection it checked out (its `client`, a pg.PoolClient).
  opened.connection = (tx as unknown as { client: pg.PoolClient }).client;
  const end = () => (opened.ended = true);
  const executeRaw = tx.executeRaw.bind(tx);
  // Prisma ends it by sending COMMIT or ROLLBACK here (then commit()/rollback() release the connection);
  // a nested transaction's ROLLBACK TO SAVEPOINT or RELEASE SAVEPOINT leaves it open.
  tx.executeRaw = (q) => (/^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i.test(q.sql) && end(), executeRaw(q));
  const [commit, rollback] = [tx.commit.bind(tx), tx.rollback.bind(tx)];
  tx.commit = () => (end(), commit());
  tx.rollback = () => (end(), rollback());
}

/**
 * Runs `transaction(body)` (`(body) => db.$transaction(body, limits)`, its maxWait, timeout and errors
 * unchanged) with the body's `tx` marked, so store functions handed it send their statements on the
 * transaction's connection (`pgDirect`), then `work(tx)`. On a client not registered (SQLite) the body
 * is just `work`.
 */
export function pgTransaction<Tx extends object, T>(
  db: object,
  transaction: (body: (tx: Tx) => Promise<T>) => Promise<T>,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const registered = registry.get(db);
  if (!registered) return transaction(work);
  const opened: Opened = { ended: false, onStatement: registered.onStatement };
  return opening.run(opened, () =>
    transaction(async (tx) => {
      if (!opened.connection) return work(tx); // not PrismaPg's transaction: Prisma only
      transactions.set(tx, opened);
      try {
        return await work(tx);
      } finally {
        transactions.delete(tx);
      }
    }),
  );
}

/**
 * For a store function that takes `Db | Tx` and keeps one signature: the statements of the transaction
 * `pgTransaction` marked on `client`, or of the pool for the PostgreSQL client itself. Null where the
 * statements go through Prisma: SQLite, or a transaction not marked.
 */
export function pgDirect(client: object): PgStatements | null {
  const opened = transactions.get(client);
  if (opened) {
    const connection = opened.connection!;
    return {
      rows: (text, values = []) => {
        if (opened.ended) return Promise.reject(transactionEnded());
        opened.onStatement?.(text);
        return run(connection, text, values);
      },
    };
  }
  const registered = registry.get(client);
  // Not a PostgreSQL client, or one disconnected (Prisma makes itself a new pool if used again).
  if (!registered || registered.pool.ending) return null;
  return {
    rows: (text, values = []) => {
      registered.onStatement?.(text);
      return run(registered.pool, text, values);
    },
  };
}

/** A client or `tx` as far as `pgRowsUnsafe` falls back on it (store/client.ts's Db | Tx). */
type RawUnsafe = { $queryRawUnsafe<T>(text: string, ...values: unknown[]): PromiseLike<T> };

/** The rows of a statement text with `$n` parameters (PostgreSQL): past Prisma where `pgDirect` can send
 *  it, else through Prisma's $queryRawUnsafe. */
export async function pgRowsUnsafe<T>(client: object & RawUnsafe, text: string, ...values: unknown[]): Promise<T[]> {
  const direct = pgDirect(client);
  return direct ? await direct.rows<T>(text, values) : await client.$queryRawUnsafe<T[]>(text, ...values);
}

async function run<T>(on: pg.Pool | pg.PoolClient, text: string, values: readonly unknown[]): Promise<T[]> {
  for (let attempt = 1; ; attempt++) {
    const name = statementName(text);
    try {
      const result = await on.query<T & pg.QueryResultRow>({ text, values: values.map(toPg), name, types: TYPES });
      return result.rows;
    } catch (err) {
      if (!name || !isStalePlan(err)) throw asPrismaRawError(err);
      // The table changed under the prepared statement (another instance's migration): prepare the text
      // again under a new name on every connection. On the pool, once more at once; in a transaction (now
      // aborted) by running the whole transaction again (client.ts retryingConflicts).
      renameStatement(text, name);
      if ("release" in on || attempt > 1) {
        throw Object.assign(new Error(`pg-direct: ${(err as Error).message}; prepared again`, { cause: err }), {
          code: STATEMENT_REPREPARED,
        });
      }
    }
  }
}

/** PostgreSQL refusing a prepared statement whose result columns changed since it was prepared. */
function isStalePlan(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === "0A000" && typeof e.message === "string" && e.message.includes("cached plan must not change");
}

/** Texts named (prepared on each connection that runs them), the least recently used dropped past this many:
 *  the store's few fixed statements stay named whatever texts that vary with inputs (LIMIT n, IN lists) come. */
const NAMED_STATEMENTS = 64;
const names = new Map<string, string>(); // in order of last use
let named = 0;
function statementName(text: string): string {
  const name = names.get(text) ?? `parley_${named++}`; // never reused: pg refuses a name parsed for another text
  names.delete(text);
  names.set(text, name);
  if (names.size > NAMED_STATEMENTS) names.delete(names.keys().next().value!);
  return name;
}
/** A connection checked out of the pool holding more prepared statements than twice the names in use (the
 *  rest of names dropped since) lets them all go: pg's record of them is cleared and DEALLOCATE ALL goes
 *  first in the connection's queue, so its next named statements are prepared again. */
function dropPreparedPastLimit(client: pg.PoolClient): void {
  const connection = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection;
  const parsed = connection?.parsedStatements;
  if (!parsed || Object.keys(parsed).length <= 2 * NAMED_STATEMENTS) return;
  connection.parsedStatements = {};
  client.query("DEALLOCATE ALL").catch(() => {}); // a broken connection fails its next statement anyway
}
/** A new name for a text whose statement went stale (unless another connection's failure renamed it first);
 *  names are never reused, as pg refuses a name a connection prepared for another text. */
function renameStatement(text: string, stale: string): void {
  if (names.get(text) === stale) names.set(text, `parley_${named++}`);
}

const TIMESTAMP = 1114;
const INT8 = 20;
/** Row values as Prisma's $queryRaw gives them (the rest as pg parses them: json, numbers, booleans, text). */
const TYPES = {
  getTypeParser: (oid: number, format?: string): ((v: string) => unknown) => {
    if (oid === TIMESTAMP) return (v: string) => new Date(`${v.replace(" ", "T")}Z`);
    if (oid === INT8) return (v: string) => BigInt(v);
    return pgTypes!.getTypeParser(oid, format as "text") as (v: string) => unknown;
  },
} as pg.CustomTypesConfig;
let pgTypes: typeof pg.types | undefined;

function toPg(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPg);
  return value === undefined ? null : value;
}

/** A pg error as Prisma reports a failed raw statement: P2010, with the SQLSTATE in meta.code. */
function asPrismaRawError(err: unknown): unknown {
  const e = err as { code?: unknown; message?: string } | null;
  if (!e || typeof e.code !== "string" || !/^[0-9A-Z]{5}$/.test(e.code) || !(err instanceof Error)) return err;
  return Object.assign(new Error(`Raw query failed. Code: \`${e.code}\`. Message: \`${e.message}\``, { cause: err }), {
    code: "P2010",
    meta: { code: e.code, message: e.message },
  });
}

/** What a statement of a transaction that has ended throws; its code reads as Prisma's timeout does (busy). */
function transactionEnded(): Error {
  const message = "pg-direct: this transaction has ended (Prisma's timeout?); its statement would run outside it";
  return Object.assign(new Error(message), { code: TRANSACTION_ENDED });
}
