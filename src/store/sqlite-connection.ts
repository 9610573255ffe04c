// The SQLite driver: better-sqlite3 through @prisma/adapter-better-sqlite3, on ONE connection for the
// process. (The libsql setup it replaces leaked a connection per write transaction: README "SQLite
// settings" has the measurements that chose this one.)
// The adapter runs every statement on that connection and locks only transactions against each other, so
// a plain statement sent while a transaction is open (a read of a thread, a session touch, between two
// awaits of a group-commit batch) would run INSIDE that transaction: reading its uncommitted rows, or
// being rolled back with a post's savepoint. `oneAtATime` gives plain statements the same lock, as the
// libsql adapter did: a transaction holds the connection from BEGIN to COMMIT.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";

/** Set on the one connection when it opens, so they hold for every statement the server sends. */
export const SQLITE_CONNECTION_PRAGMAS = [
  "PRAGMA journal_mode = WAL", // readers go on while a comment is written (a property of the file)
  "PRAGMA synchronous = FULL", // every acknowledged comment survives a power cut (README "SQLite settings")
  "PRAGMA busy_timeout = 5000", // another process (an instance, a migration, a backup) holding the write lock
  "PRAGMA foreign_keys = ON",
  // SQLite's own default page cache, 2 MB: better-sqlite3 is built with 16 MB, which a growing database
  // fills and the process then holds for good; pages beyond it come from the OS's file cache (README
  // "SQLite settings").
  "PRAGMA cache_size = -2000",
].join(";\n");

/** What the factory hands out besides the adapter: the open connection and the adapter's lock. */
export type SqliteHandle = {
  /** The open connection (once Prisma has opened it, null before) with its own prepared statements,
   *  integers as numbers (store/sqlite-direct.ts). */
  direct(): DirectConnection | null;
  /** Waits for the adapter's lock (no transaction open), as a plain statement sent through Prisma does. */
  lock(): Promise<() => void>;
  /** A token for the transaction open now (null if none): a new one at each BEGIN, gone once it ends. It
   *  tells a transaction's late work (Prisma's timeout ended it meanwhile) from the one open now. */
  transaction(): object | null;
};

/** A better-sqlite3 database as store/sqlite-direct.ts uses it. */
export type DirectConnection = { prepare(sql: string): DirectStatement };
export type DirectStatement = {
  reader: boolean;
  all(params: readonly unknown[]): unknown[];
  run(params: readonly unknown[]): { changes: number };
  safeIntegers(on: boolean): DirectStatement;
};

export function sqliteAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory & SqliteHandle {
  const inner = new PrismaBetterSqlite3({ url: url.replace(/\?.*$/, ""), timeout: 5000 });
  let direct: DirectConnection | null = null;
  const lock = createLock();
  const open: OpenTransaction = { token: null };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      const client = (adapter as unknown as { client: BetterSqliteDatabase }).client;
      direct = { prepare: client.prepare.bind(client) as unknown as DirectConnection["prepare"] };
      reusePreparedStatements(client);
      return oneAtATime(await withPragmas(adapter), lock, open);
    },
    connectToShadowDb: async () => oneAtATime(await inner.connectToShadowDb(), createLock(), { token: null }),
    direct: () => direct,
    lock,
    transaction: () => open.token,
  };
}

/** What the adapter uses of a better-sqlite3 statement. */
type BetterSqliteStatement = {
  reader: boolean;
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  columns(): unknown[];
  raw(on?: boolean): BetterSqliteStatement;
};
type BetterSqliteDatabase = { prepare(sql: string): BetterSqliteStatement };
/** The transaction holding the lock, by a token of its own (SqliteHandle.transaction). */
type OpenTransaction = { token: object | null };

/** Statements kept prepared; Prisma sends a few dozen distinct texts, an import a few more. */
const PREPARED_STATEMENTS = 256;

/**
 * The adapter prepares every statement it runs (`client.prepare(sql).bind(args)`): SQLite parses and
 * plans the same few dozen texts again for every post (7% of a post's CPU in a profile of the peer
 * bench). This keeps the last PREPARED_STATEMENTS statements by text and hands the adapter a view
 * that binds per call instead (a better-sqlite3 statement can be bound once only). Safe to share:
 * every use runs to completion synchronously (run, all), and SQLite re-plans a statement by itself
 * when the schema changes (a migration).
 */
function reusePreparedStatements(db: BetterSqliteDatabase): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, BetterSqliteStatement>();
  db.prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (stmt)
      cache.delete(sql); // re-inserted below: the map's order is least recently used first
    else {
      stmt = prepare(sql);
      if (cache.size >= PREPARED_STATEMENTS) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return boundPerCall(stmt);
  };
}

/** A prepared statement as the adapter uses it, with the arguments bound for one call only. */
function boundPerCall(stmt: BetterSqliteStatement): BetterSqliteStatement & { bind(args: unknown[]): unknown } {
  return {
    reader: stmt.reader,
    run: (...params) => stmt.run(...params),
    all: (...params) => stmt.all(...params),
    columns: () => stmt.columns(),
    raw: (on = true) => stmt.raw(on),
    bind: (args: unknown[]) => ({
      reader: stmt.reader,
      run: () => stmt.run(args),
      columns: () => stmt.columns(),
      raw: () => ({ all: () => stmt.raw(true).all(args) }),
    }),
  };
}

async function withPragmas(adapter: SqlDriverAdapter): Promise<SqlDriverAdapter> {
  await adapter.executeScript(SQLITE_CONNECTION_PRAGMAS);
  return adapter;
}

function oneAtATime(
  adapter: SqlDriverAdapter,
  lock: () => Promise<() => void>,
  open: OpenTransaction,
): SqlDriverAdapter {
  const locked =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A) => {
      const release = await lock();
      try {
        return await f(...a);
      } finally {
        release();
      }
    };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: locked((q: SqlQuery) => adapter.queryRaw(q)),
    executeRaw: locked((q: SqlQuery) => adapter.executeRaw(q)),
    executeScript: locked((s: string) => adapter.executeScript(s)),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
    async startTransaction(level) {
      const release = await lock();
      let tx: Transaction;
      try {
        tx = await adapter.startTransaction(level);
      } catch (e) {
        release();
        throw e;
      }
      const token = {};
      open.token = token;
      // Its token goes as its end begins (Prisma's timeout calls rollback while the work may go on).
      const finish = (end: () => Promise<void>) => () => {
        if (open.token === token) open.token = null;
        return end().finally(release);
      };
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (q) => tx.queryRaw(q),
        executeRaw: (q) => tx.executeRaw(q),
        commit: finish(() => tx.commit()),
        rollback: finish(() => tx.rollback()),
        createSavepoint: tx.createSavepoint?.bind(tx),
        rollbackToSavepoint: tx.rollbackToSavepoint?.bind(tx),
        releaseSavepoint: tx.releaseSavepoint?.bind(tx),
      };
    },
  };
}

/** A FIFO lock: resolves to the function that releases it. */
function createLock(): () => Promise<() => void> {
  let tail = Promise.resolve();
  return () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const turn = tail.then(() => release);
    tail = tail.then(() => held);
    return turn;
  };
}
