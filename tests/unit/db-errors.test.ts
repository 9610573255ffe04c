// What a database error under load becomes (issue #18 item 5): a deadlock or serialization failure runs
// the transaction again, a busy database (no pooled connection in time, SQLite busy, a lock given up on)
// is SERVICE_BUSY (503 with Retry-After, nothing stored), anything else stays what it was (a 500).
// Errors built by hand in the shapes Prisma's driver adapters raise.
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/domain/errors.ts";
import { retryingConflicts } from "../../src/store/client.ts";
import { databaseBusyError, isRetryableConflict } from "../../src/store/db-errors.ts";

const prismaError = (code: string, meta: Record<string, unknown> = {}) =>
  Object.assign(new Error(`prisma ${code}`), { name: "PrismaClientKnownRequestError", code, meta });

describe("database errors under load", () => {
  it("retries a transaction PostgreSQL aborted as a deadlock or serialization victim (P2034), then succeeds", async () => {
    let runs = 0;
    const value = await retryingConflicts(async () => {
      if (++runs < 3) throw prismaError("P2034");
      return "stored";
    });
    expect(value).toBe("stored");
    expect(runs).toBe(3);
  });

  it("gives up after a few conflicts with SERVICE_BUSY, never the raw error", async () => {
    let runs = 0;
    const err = await retryingConflicts(async () => {
      runs++;
      throw prismaError("P2034");
    }).catch((e: unknown) => e);
    expect(runs).toBe(4);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "SERVICE_BUSY", status: 503, details: { retryAfterSeconds: 2 } });
  });

  it("answers a busy database with SERVICE_BUSY at once (no retry): pool wait, expired transaction, SQLite busy", async () => {
    for (const code of ["P2028", "P2024", "P1008", "P2037"]) {
      let runs = 0;
      const err = await retryingConflicts(async () => {
        runs++;
        throw prismaError(code);
      }).catch((e: unknown) => e);
      expect([code, runs, (err as AppError).code]).toEqual([code, 1, "SERVICE_BUSY"]);
    }
  });

  it("recognises a lock or statement timeout by its SQLSTATE wherever the adapter put it", () => {
    const lock = prismaError("P2010", { driverAdapterError: { cause: { originalCode: "55P03" } } });
    expect(databaseBusyError(lock)?.code).toBe("SERVICE_BUSY");
    expect(databaseBusyError(Object.assign(new Error("x"), { cause: { originalCode: "57014" } }))?.code).toBe(
      "SERVICE_BUSY",
    );
  });

  it("recognises SQLite's busy and locked codes, extended ones included, from a statement sent past Prisma", () => {
    const sqliteError = (code: string) => Object.assign(new Error(code), { name: "SqliteError", code });
    for (const code of [
      "SQLITE_BUSY",
      "SQLITE_BUSY_RECOVERY", // another instance recovering the WAL
      "SQLITE_BUSY_SNAPSHOT",
      "SQLITE_BUSY_TIMEOUT",
      "SQLITE_LOCKED",
      "SQLITE_LOCKED_SHAREDCACHE",
      "TRANSACTION_ENDED", // a direct statement after Prisma's timeout ended its transaction
    ])
      expect([code, databaseBusyError(sqliteError(code))?.code]).toEqual([code, "SERVICE_BUSY"]);
    for (const code of ["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_ERROR", "SQLITE_BUSYNESS"])
      expect([code, databaseBusyError(sqliteError(code))]).toEqual([code, null]);
  });

  it("leaves every other error alone: a unique violation, a bug, an AppError", async () => {
    expect(databaseBusyError(prismaError("P2002"))).toBeNull();
    expect(databaseBusyError(new TypeError("undefined is not a function"))).toBeNull();
    expect(databaseBusyError(new AppError("CONFLICT"))).toBeNull();
    expect(isRetryableConflict(prismaError("P2028"))).toBe(false);
    const bug = new TypeError("boom");
    await expect(retryingConflicts(() => Promise.reject(bug))).rejects.toBe(bug);
  });
});
