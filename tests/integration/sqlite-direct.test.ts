// store/sqlite-direct.ts: statements sent past Prisma on SQLite's one connection keep the adapter's rules.
// Inside a transaction they are part of it (rolled back with it); outside one they wait for the lock, so
// they never read another request's uncommitted rows; values cross as Prisma writes and reads them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, inTransaction, type Db } from "../../src/store/client.ts";
import { sqliteDate, sqliteExclusive, sqliteInTransaction } from "../../src/store/sqlite-direct.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

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

  const lastCommentAt = (sql: { get<T>(s: string, p?: readonly unknown[]): T | undefined }) =>
    sql.get<{ at: string | null; n: number }>(
      `SELECT "lastCommentAt" AS at, "publishedCount" AS n FROM "Thread" WHERE "id" = ?`,
      [threadId],
    );

  it("writes inside the caller's transaction and is rolled back with it", async () => {
    const before = await sqliteExclusive(db, lastCommentAt);
    const at = new Date("2026-01-02T03:04:05.678Z");
    await expect(
      inTransaction(db, async () => {
        const sql = sqliteInTransaction(db)!;
        sql.run(`UPDATE "Thread" SET "lastCommentAt" = ?, "publishedCount" = "publishedCount" + 1 WHERE "id" = ?`, [
          at,
          threadId,
        ]);
        expect(sqliteDate(lastCommentAt(sql)!.at)).toEqual(at);
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(await sqliteExclusive(db, lastCommentAt)).toEqual(before);
  });

  it("commits with the transaction, in the format Prisma reads back", async () => {
    const at = new Date("2026-03-04T05:06:07.089Z");
    await inTransaction(db, async () => {
      sqliteInTransaction(db)!.run(`UPDATE "Thread" SET "lastCommentAt" = ? WHERE "id" = ?`, [at, threadId]);
    });
    const thread = await db.thread.findUniqueOrThrow({ where: { id: threadId } });
    expect(thread.lastCommentAt).toEqual(at);
    const row = await sqliteExclusive(db, lastCommentAt);
    expect(typeof row!.n).toBe("number"); // integers as numbers, not the connection's BigInts
  });

  it("waits outside a transaction that is open, so it never reads its uncommitted rows", async () => {
    let inside!: () => void;
    const held = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const open = new Promise<void>((resolve) => (release = resolve));
    const writer = inTransaction(db, async (tx) => {
      await tx.$executeRaw`UPDATE "Thread" SET "publishedCount" = 4242 WHERE "id" = ${threadId}`;
      inside();
      await open;
    });
    await held;
    const reading = sqliteExclusive(db, (sql) => lastCommentAt(sql)!.n);
    let read: number | undefined;
    void reading.then((n) => (read = n));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(read).toBeUndefined(); // still waiting for the writer's COMMIT
    release();
    await writer;
    expect(await reading).toBe(4242);
  });

  it("reports its statements as the adapter's are reported", async () => {
    statements.length = 0;
    await sqliteExclusive(db, (sql) => sql.get(`SELECT 1 AS one`));
    expect(statements).toEqual(["SELECT 1 AS one"]);
  });
});
