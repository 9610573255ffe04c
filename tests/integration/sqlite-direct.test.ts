// store/sqlite-direct.ts: statements sent past Prisma on SQLite's one connection keep the adapter's rules.
// Inside a transaction marked by directWithin they are part of it (rolled back with it), and only while it
// is the one open: once Prisma's timeout has ended it they refuse, even inside the next request's
// transaction. Outside one they wait for the lock, so they never read another request's uncommitted
// rows; values cross as Prisma writes and reads them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, inTransaction, type Db, type Tx } from "../../src/store/client.ts";
import { databaseBusyError } from "../../src/store/db-errors.ts";
import {
  directWithin,
  sqliteDate,
  sqliteDirect,
  sqliteExclusive,
  sqliteInTransaction,
  type SqliteStatements,
} from "../../src/store/sqlite-direct.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

/** A promise and the function that resolves it. */
function signal() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("statements past Prisma on SQLite", () => {
  let t: TestApp;
  let db: Db;
  let threadId: string;
  const statements: string[] = [];

  beforeAll(async () => {
    t = await createTestApp("sqlite");
    db = await createDb(t.db.url, { onStatement: (sql) => statements.push(sql) });
    threadId = (await db.thread.findFirstOrThrow()).id;
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.close();
  });

  const lastCommentAt = (sql: Pick<SqliteStatements, "get">) =>
    sql.get<{ at: string | null; n: number }>(
      `SELECT "lastCommentAt" AS at, "publishedCount" AS n FROM "Thread" WHERE "id" = ?`,
      [threadId],
    );
  const setLastCommentAt = (sql: Pick<SqliteStatements, "run">, at: Date) =>
    sql.run(`UPDATE "Thread" SET "lastCommentAt" = ?, "publishedCount" = "publishedCount" + 1 WHERE "id" = ?`, [
      at,
      threadId,
    ]);
  /** A transaction marked by directWithin, as writeTogether's batches are. */
  const marked = <T>(work: (tx: Tx) => Promise<T>) => inTransaction(db, (tx) => directWithin(db, tx, () => work(tx)));

  it("writes inside the marked transaction and is rolled back with it", async () => {
    const before = await sqliteExclusive(db, lastCommentAt);
    const at = new Date("2026-01-02T03:04:05.678Z");
    await expect(
      marked(async (tx) => {
        await sqliteDirect(tx, (sql) => setLastCommentAt(sql, at));
        expect(sqliteDate(lastCommentAt(sqliteInTransaction(tx))!.at)).toEqual(at);
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(await sqliteExclusive(db, lastCommentAt)).toEqual(before);
  });

  it("commits with the transaction, in the format Prisma reads back", async () => {
    const at = new Date("2026-03-04T05:06:07.089Z");
    await marked(async (tx) => {
      await sqliteDirect(tx, (sql) => setLastCommentAt(sql, at));
    });
    const thread = await db.thread.findUniqueOrThrow({ where: { id: threadId } });
    expect(thread.lastCommentAt).toEqual(at);
    const row = await sqliteDirect(db, lastCommentAt); // the client itself: under the lock
    expect(typeof row!.n).toBe("number"); // integers as numbers, not the connection's BigInts
  });

  it("gives a transaction not marked no statements of its own", async () => {
    await inTransaction(db, async (tx) => {
      expect(() => sqliteInTransaction(tx)).toThrow(/not a transaction marked/);
    });
  });

  it("refuses a statement of a transaction Prisma's timeout has ended, though another is open by then", async () => {
    // The reviewer's race: A is marked and outlives its timeout; B begins once A's end releases the lock;
    // A's statements, savepoints included, would run inside B and be committed with it.
    const before = await sqliteExclusive(db, lastCommentAt);
    const aStarted = signal();
    const bOpen = signal();
    const late: unknown[] = [];
    const a = db
      .$transaction(
        (tx) =>
          directWithin(db, tx, async () => {
            const sql = sqliteInTransaction(tx); // fetched once, as writeBatch does
            aStarted.resolve();
            await bOpen.promise; // Prisma's timeout ended A meanwhile, or B could not have begun
            late.push(await sqliteDirect(tx, (s) => setLastCommentAt(s, new Date()))!.catch((e: unknown) => e));
            for (const statement of ["SAVEPOINT post", "ROLLBACK TO post", "RELEASE post"]) {
              try {
                late.push(sql.run(statement));
              } catch (e) {
                late.push(e);
              }
            }
          }),
        { timeout: 100 },
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    await aStarted.promise;
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1`;
      bOpen.resolve();
      await a; // B stays open while A's late work runs
    });

    expect(late).toHaveLength(4);
    for (const refusal of late) expect(refusal).toMatchObject({ code: "TRANSACTION_ENDED" });
    expect(await sqliteExclusive(db, lastCommentAt)).toEqual(before); // nothing of A in B's COMMIT
    expect(databaseBusyError(await a)?.code).toBe("SERVICE_BUSY"); // its posts are told "busy", not a 500
  });

  it("waits outside a transaction that is open, so it never reads its uncommitted rows", async () => {
    const inside = signal();
    const release = signal();
    const writer = inTransaction(db, async (tx) => {
      await tx.$executeRaw`UPDATE "Thread" SET "publishedCount" = 4242 WHERE "id" = ${threadId}`;
      inside.resolve();
      await release.promise;
    });
    await inside.promise;
    const reading = sqliteExclusive(db, (sql) => lastCommentAt(sql)!.n);
    let read: number | undefined;
    void reading.then((n) => (read = n));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(read).toBeUndefined(); // still waiting for the writer's COMMIT
    release.resolve();
    await writer;
    expect(await reading).toBe(4242);
  });

  it("reports its statements as the adapter's are reported", async () => {
    statements.length = 0;
    await sqliteExclusive(db, (sql) => sql.get(`SELECT 1 AS one`));
    expect(statements).toEqual(["SELECT 1 AS one"]);
  });
});
