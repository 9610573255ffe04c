// What a database error means for the request that met it, decided in the one place that knows the
// drivers' codes. Under load PostgreSQL can (1) abort a transaction as a deadlock victim or a
// serialization failure (40P01 / 40001: Prisma's P2034, or P2010 carrying the SQLSTATE when the statement
// was raw): nothing of it was stored and running it again is the documented answer; (2) not give a transaction a pooled connection in time (P2028, or a
// transaction that outlived its timeout and was rolled back), refuse a connection (53300 → P2037), or
// give up on a lock or a statement (55P03, 57014), or (3) lose the transaction's connection (57P01-57P03,
// class 08, pg's codeless "Connection terminated..."); SQLite can stay busy past its timeout (SQLITE_BUSY →
// P1008), or meet a lock held elsewhere (SQLITE_BUSY_RECOVERY while another instance recovers the WAL,
// SQLITE_LOCKED*). Those are "the server is busy": nothing was stored, and the client is told to come back
// (503 SERVICE_BUSY with Retry-After), never a 500.
import { AppError } from "../domain/errors.ts";

/** Seconds a client is asked to wait after a busy answer. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** Thrown by a statement sent past Prisma in a transaction its timeout has ended (store/sqlite-direct.ts). */
export const TRANSACTION_ENDED = "TRANSACTION_ENDED";

/** Thrown by a statement sent past Prisma whose prepared plan went stale (a migration changed its table's
 *  columns; store/pg-direct.ts): it is prepared again, and the transaction may run again. */
export const STATEMENT_REPREPARED = "STATEMENT_REPREPARED";

const RETRYABLE = new Set(["P2034", STATEMENT_REPREPARED]);
const BUSY = new Set(["P2028", "P2024", "P2037", "P1008", TRANSACTION_ENDED]);
// SQLite's own codes (a statement sent past Prisma, store/sqlite-direct.ts): SQLITE_BUSY and its extended
// codes (_RECOVERY, _SNAPSHOT, _TIMEOUT), SQLITE_LOCKED and its (_SHAREDCACHE, _VTAB).
const SQLITE_BUSY = /^SQLITE_(BUSY|LOCKED)(_|$)/;
const CONFLICT_SQLSTATES = new Set(["40001", "40P01"]);
const BUSY_SQLSTATES = new Set([...CONFLICT_SQLSTATES, "53300", "55P03", "57014"]);
// The connection lost: the server shutting down or ended it (57P01 admin, 57P02 crash, 57P03 cannot connect
// now), class 08 (connection exception); or pg's own errors, without a code, for a connection that broke
// or a socket that closed. The transaction died with it: nothing was stored.
const CONNECTION_LOST_SQLSTATE = /^(57P0[1-3]|08[0-9A-Z]{3})$/;
const CONNECTION_LOST_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE"]);
const CONNECTION_LOST_MESSAGE =
  /^(Connection terminated|Client has encountered a connection error and is not queryable)/;

/** A deadlock or serialization failure: the whole transaction was rolled back and may run again. */
export function isRetryableConflict(err: unknown): boolean {
  return RETRYABLE.has(codeOf(err) ?? "") || CONFLICT_SQLSTATES.has(sqlStateOf(err) ?? "");
}

/** The error as the one the client is given when it says "busy, nothing stored" (else null). */
export function databaseBusyError(err: unknown): AppError | null {
  if (err instanceof AppError) return null;
  const code = codeOf(err);
  const sqlState = sqlStateOf(err);
  const busyCode = code && (BUSY.has(code) || RETRYABLE.has(code) || SQLITE_BUSY.test(code));
  if (!busyCode && !(sqlState && BUSY_SQLSTATES.has(sqlState)) && !isConnectionLost(err)) return null;
  return new AppError("SERVICE_BUSY", { details: { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS }, cause: err });
}

function isConnectionLost(err: unknown): boolean {
  const code = codeOf(err);
  const sqlState = sqlStateOf(err) ?? code;
  if (sqlState && CONNECTION_LOST_SQLSTATE.test(sqlState)) return true;
  if (code) return CONNECTION_LOST_CODES.has(code);
  return err instanceof Error && CONNECTION_LOST_MESSAGE.test(err.message);
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** A driver's own code (SQLSTATE), wherever Prisma's driver adapter put it (a raw statement's P2010 too). */
export function sqlStateOf(err: unknown): string | undefined {
  const e = err as {
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } }; code?: unknown };
    cause?: { originalCode?: unknown; code?: unknown };
  } | null;
  const found = e?.meta?.driverAdapterError?.cause?.originalCode ?? e?.cause?.originalCode ?? e?.meta?.code;
  return typeof found === "string" ? found : undefined;
}
