// A real PostgreSQL deadlock runs the victim's transaction again (store/client.ts retryingConflicts,
// store/db-errors.ts). The deadlock is met in a raw statement, where a post waits on its locks and rows,
// and Prisma reports it there as P2010 with the SQLSTATE (40P01) inside, not as P2034: db-errors.test.ts
// builds its errors by hand, so this one is made by two real transactions taking two locks in turns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, inTransaction, type Db } from "../../src/store/client.ts";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/test-db.ts";

describe.skipIf(!testProviders().includes("postgres"))("a deadlock on PostgreSQL", () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    db = await createDb(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("is run again, so both transactions commit", async () => {
    // Each takes its first lock, waits until the other holds its own, then asks for the other's.
    let holding = 0;
    const bothHold = new Promise<void>((resolve) => {
      const check = setInterval(() => holding >= 2 && (clearInterval(check), resolve()), 5);
    });
    const attempts = { a: 0, b: 0 };
    const transaction = (name: "a" | "b", first: number, second: number) =>
      inTransaction(db, async (tx) => {
        attempts[name]++;
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${first}::bigint)`;
        holding++;
        await bothHold;
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${second}::bigint)`;
        return name;
      });
    const results = await Promise.allSettled([transaction("a", 7001, 7002), transaction("b", 7002, 7001)]);
    expect(results).toEqual([
      { status: "fulfilled", value: "a" },
      { status: "fulfilled", value: "b" },
    ]);
    // PostgreSQL chose one victim; it ran a second time.
    expect(attempts.a + attempts.b).toBe(3);
  }, 20_000);
});
