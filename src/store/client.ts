// Prisma client factory: one models file, two generated clients, picked from the URL scheme.
// App code is typed against the SQLite client; the PostgreSQL client is structurally the same.
import type { Prisma, PrismaClient } from "../generated/sqlite/client.ts";
import { logStatements, type OnStatement } from "./statement-log.ts";
import { withTransientCompilerSource } from "./query-compiler.ts";
import { databaseBusyError, isRetryableConflict, sqlStateOf } from "./db-errors.ts";
import { registerSqlite } from "./sqlite-direct.ts";
import { connectionsShown, registerPg } from "./pg-direct.ts";

export type Db = PrismaClient;
/** A transaction's handle: every store function that writes takes one, so use cases compose them in one commit. */
export type Tx = Prisma.TransactionClient;
export type DbProvider = "sqlite" | "postgres";
/** A value for a JSON column (metadata, flags, settings, a mail's data). */
export type JsonValue = Prisma.InputJsonValue;
/** A JSON object for a JSON column. */
export type JsonObject = Prisma.InputJsonObject;
/** How long a transaction may wait for its turn (maxWait) and run (timeout), in ms. */
export type TransactionLimits = { maxWait?: number; timeout?: number };

/**
 * Runs `work` in one transaction: everything it writes is committed together, or nothing is. A deadlock
 * or serialization failure runs it again (store/db-errors.ts); a busy database throws AppError SERVICE_BUSY.
 * `work` may therefore run more than once: it must act only through `tx` (effects go after the commit).
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, limits?: TransactionLimits): Promise<T> {
  return retryingConflicts(() => db.$transaction(work, limits));
}

/** Transaction attempts in all when PostgreSQL picks ours as a deadlock or serialization victim. */
const TRANSACTION_ATTEMPTS = 4;

/** Runs a whole transaction again after a conflict (a short random pause first, so the rivals part);
 * any other busy error, or the last conflict, becomes SERVICE_BUSY. */
export async function retryingConflicts<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (err) {
      if (attempt < TRANSACTION_ATTEMPTS && isRetryableConflict(err)) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
        continue;
      }
      throw databaseBusyError(err) ?? err;
    }
  }
}

export function providerOf(url: string): DbProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** The SQLite file path of a file: URL (relative paths are relative to the working directory). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

/** `onStatement`: told every statement sent to the database (bench/statements.ts; group-commit.test.ts counts BEGINs
 *  with it). `onPoolError`: told when PostgreSQL drops an idle pooled connection (the pool replaces it). */
export async function createDb(
  url: string,
  options: { onStatement?: OnStatement; onPoolError?: (err: Error) => void } = {},
): Promise<Db> {
  const { onStatement, onPoolError = (err) => console.error("database: an idle pooled connection failed:", err) } =
    options;
  if (providerOf(url) === "postgres") {
    const { PrismaClient: PgClient } = await import("../generated/postgres/client.ts");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { default: pg } = await import("pg");
    // The pool is ours, handed to Prisma's adapter, so a post's statements sent past Prisma use the same
    // 10 connections (store/pg-direct.ts); $disconnect ends it.
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // Listened to from the start: PrismaPg adds its listener only at its first query, and a pool 'error'
    // (an idle connection dropped: a server restart, pg_terminate_backend) with none would end the process.
    pool.on("error", onPoolError);
    const adapter = connectionsShown(new PrismaPg(pool, { disposeExternalPool: true }));
    const db = new PgClient({
      adapter: onStatement ? logStatements(adapter, onStatement) : adapter,
      ...LEAN_COMPILER,
    }) as unknown as Db;
    registerPg(db, pool, pg.types, onStatement);
    return db;
  }
  const { PrismaClient: SqliteClient } = await import("../generated/sqlite/client.ts");
  const { sqliteAdapterFactory } = await import("./sqlite-connection.ts");
  // One connection for the process, its PRAGMAs set once (src/store/sqlite-connection.ts, README "SQLite settings").
  const adapter = sqliteAdapterFactory(url);
  const db = new SqliteClient({
    adapter: onStatement ? logStatements(adapter, onStatement) : adapter,
    ...LEAN_COMPILER,
  });
  registerSqlite(db, adapter, onStatement);
  return db;
}

/** The query compiler's source text is dropped once it is built (src/store/query-compiler.ts). */
const LEAN_COMPILER = { __internal: { configOverride: withTransientCompilerSource } } as object;

/** A unique constraint refused the row: Prisma's P2002, SQLite's own code for a statement sent past Prisma
 *  (store/sqlite-direct.ts), or PostgreSQL's SQLSTATE 23505 for a raw one (store/pg-direct.ts: P2010).
 *  The one place that knows the codes. */
export function isUniqueViolation(err: unknown): boolean {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  if (code === "P2002" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") return true;
  return sqlStateOf(err) === "23505";
}

/** Answers when the database does (the health check): one trivial round trip. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}

/** Closes the client's connections (shutdown). */
export async function disconnectDb(db: Db): Promise<void> {
  await db.$disconnect();
}

/**
 * Comment.flagCodes for a comment's flags: their distinct codes, sorted, as JSON text. Written beside
 * `flags` wherever a comment's flags are written (insertComment, markCommentStatus, writeCommentFlags,
 * insertImportedComments), so the dashboard reads reasons from an index instead of every row's flags.
 */
export function flagCodesOf(flags: unknown): string {
  const codes = Array.isArray(flags)
    ? flags.map((f) => (f as { code?: unknown } | null)?.code).filter((c): c is string => typeof c === "string")
    : [];
  return JSON.stringify([...new Set(codes)].sort());
}
