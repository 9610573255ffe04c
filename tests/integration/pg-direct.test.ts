// A post's statements sent past Prisma on PostgreSQL (store/pg-direct.ts): on the connection of the
// transaction Prisma opened, from the pool Prisma uses. They must stay inside that transaction (a late
// statement after Prisma's timeout refuses, rather than running on its own or in the connection's next
// transaction), be run again with it after a deadlock, keep the pool's connections bounded, and hand rows
// back as Prisma's $queryRaw does.
import { execFile } from "node:child_process";
import pg from "pg";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, isUniqueViolation, type Db, type Tx } from "../../src/store/client.ts";
import { databaseBusyError } from "../../src/store/db-errors.ts";
import { writeTogether } from "../../src/store/group-commit.ts";
import { pgDirect, pgTransaction } from "../../src/store/pg-direct.ts";
import { lockKeys } from "../../src/store/poster-locks.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/test-db.ts";

const signal = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe.skipIf(!testProviders().includes("postgres"))("statements past Prisma on PostgreSQL", () => {
  let database: TestDatabase;
  let db: Db;
  const deps = () => ({ db, dbProvider: "postgres" as const });

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    db = await createDb(database.url);
    await db.$executeRawUnsafe(`CREATE TABLE "DirectProbe" ("n" int NOT NULL)`);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const probes = async () =>
    (await db.$queryRawUnsafe<{ n: number }[]>(`SELECT "n" FROM "DirectProbe" ORDER BY "n"`)).map((r) => r.n);

  it("run in the post's transaction: rolled back with it", async () => {
    await expect(
      writeTogether(deps(), async (tx) => {
        expect(pgDirect(tx)).not.toBeNull(); // the post's transaction is marked
        await pgDirect(tx)!.rows(`INSERT INTO "DirectProbe" ("n") VALUES ($1)`, [1]);
        await tx.$executeRawUnsafe(`INSERT INTO "DirectProbe" ("n") VALUES (2)`); // Prisma's, same transaction
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await probes()).toEqual([]);
    await writeTogether(deps(), (tx) => pgDirect(tx)!.rows(`INSERT INTO "DirectProbe" ("n") VALUES ($1)`, [3]));
    expect(await probes()).toEqual([3]);
    await db.$executeRawUnsafe(`DELETE FROM "DirectProbe"`);
  });

  it("refuses a statement of a transaction Prisma's timeout has ended", async () => {
    const late: unknown[] = [];
    const started = signal();
    const outcome = pgTransaction(
      db,
      (body: (tx: Tx) => Promise<void>) => db.$transaction(body, { timeout: 100 }),
      async (tx) => {
        started.resolve();
        await new Promise((resolve) => setTimeout(resolve, 400)); // Prisma rolls back and frees the connection
        late.push(
          await pgDirect(tx)!
            .rows(`INSERT INTO "DirectProbe" ("n") VALUES (9)`)
            .catch((e: unknown) => e),
        );
      },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    await started.promise;
    // Meanwhile the connection goes back to the pool and serves others.
    await Promise.all(Array.from({ length: 12 }, () => db.$queryRawUnsafe(`SELECT pg_sleep(0.05)::text`)));
    const error = await outcome;
    await new Promise((resolve) => setTimeout(resolve, 500)); // the late work has run
    expect(late).toEqual([expect.objectContaining({ code: "TRANSACTION_ENDED" })]);
    expect(await probes()).toEqual([]); // not run on its own, nor in another transaction
    expect(databaseBusyError(error)?.code).toBe("SERVICE_BUSY");
  });

  it("keeps sending a transaction's statements after a nested transaction inside it rolled back", async () => {
    await writeTogether(deps(), async (tx) => {
      const nested = (tx as unknown as Db).$transaction(async (inner) => {
        await inner.$executeRawUnsafe(`INSERT INTO "DirectProbe" ("n") VALUES (4)`);
        throw new Error("nested refused");
      });
      await expect(nested).rejects.toThrow("nested refused"); // ROLLBACK TO SAVEPOINT, not the transaction's end
      await pgDirect(tx)!.rows(`INSERT INTO "DirectProbe" ("n") VALUES ($1)`, [5]);
    });
    expect(await probes()).toEqual([5]);
    await db.$executeRawUnsafe(`DELETE FROM "DirectProbe"`);
  });

  it("reads a connection lost in a transaction as busy, with nothing of it stored", async () => {
    const kill = async (pid: number) => {
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query("SELECT pg_terminate_backend($1)", [pid]);
      await admin.end();
    };
    const outcomes = await Promise.all([
      // Ended by the server while the statement runs: 57P01.
      writeTogether(deps(), async (tx) => {
        await pgDirect(tx)!.rows(`INSERT INTO "DirectProbe" ("n") VALUES (7)`);
        await tx.$queryRawUnsafe(`SELECT pg_terminate_backend(pg_backend_pid())`);
      }).catch((e: unknown) => e),
      // Lost between two statements: pg's own error, without a code.
      writeTogether(deps(), async (tx) => {
        const [row] = await pgDirect(tx)!.rows<{ pid: number }>(
          `INSERT INTO "DirectProbe" ("n") VALUES (8) RETURNING pg_backend_pid() AS "pid"`,
        );
        await kill(row!.pid);
        await new Promise((resolve) => setTimeout(resolve, 100));
        await pgDirect(tx)!.rows(`SELECT 1`);
      }).catch((e: unknown) => e),
    ]);
    for (const e of outcomes) expect(e).toMatchObject({ code: "SERVICE_BUSY" });
    expect(await probes()).toEqual([]);
  });

  it("runs a post's transaction again after a deadlock met in its statements", async () => {
    let holding = 0;
    const bothHold = new Promise<void>((resolve) => {
      const check = setInterval(() => holding >= 2 && (clearInterval(check), resolve()), 5);
    });
    const attempts = { a: 0, b: 0 };
    const post = (name: "a" | "b", first: string, second: string) =>
      writeTogether(deps(), async (tx) => {
        attempts[name]++;
        expect(pgDirect(tx)).not.toBeNull();
        await lockKeys(tx, "postgres", [first]); // past Prisma
        holding++;
        await bothHold;
        await lockKeys(tx, "postgres", [second]);
        return name;
      });
    const results = await Promise.allSettled([post("a", "key:1", "key:2"), post("b", "key:2", "key:1")]);
    expect(results).toEqual([
      { status: "fulfilled", value: "a" },
      { status: "fulfilled", value: "b" },
    ]);
    expect(attempts.a + attempts.b).toBe(3); // PostgreSQL chose one victim; it ran a second time
  }, 20_000);

  it("uses the pool Prisma uses: at most its 10 connections", async () => {
    const busy = Array.from({ length: 25 }, (_, i) =>
      i % 2
        ? writeTogether(deps(), (tx) => pgDirect(tx)!.rows(`SELECT pg_sleep(0.05)`))
        : pgDirect(db)!.rows(`SELECT pg_sleep(0.05)`),
    );
    await Promise.all(busy);
    const [row] = await pgDirect(db)!.rows<{ n: bigint }>(
      `SELECT count(*) AS "n" FROM pg_stat_activity WHERE datname = current_database()`,
    );
    expect(Number(row!.n)).toBeLessThanOrEqual(10);
  });

  it("prepares a statement on the pool again once its table's columns change", async () => {
    const all = () => pgDirect(db)!.rows(`SELECT * FROM "DirectProbe"`);
    for (let i = 0; i < 3; i++) await all(); // prepared on the pool's connection
    await db.$executeRawUnsafe(`ALTER TABLE "DirectProbe" ADD COLUMN "y" text`);
    try {
      for (let i = 0; i < 3; i++) expect(await all()).toEqual([]);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "DirectProbe" DROP COLUMN "y"`);
    }
  });

  it("reports a unique violation as one (isUniqueViolation reads its SQLSTATE)", async () => {
    await db.$executeRawUnsafe(`CREATE TABLE "UniqueProbe" ("k" text PRIMARY KEY)`);
    const insert = () => pgDirect(db)!.rows(`INSERT INTO "UniqueProbe" ("k") VALUES ($1)`, ["same"]);
    await insert();
    const err = await insert().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "P2010", meta: { code: "23505" } });
    expect(isUniqueViolation(err)).toBe(true);
    expect(
      isUniqueViolation(
        await pgDirect(db)!
          .rows(`SELECT 1/0`)
          .catch((e: unknown) => e),
      ),
    ).toBe(false);
  });

  it("a pool connection dropped while idle does not end the process", async () => {
    // In a process of its own: the pool's 'error' event without a listener would throw there.
    const script = `
      import pg from "pg";
      import { createDb } from "./src/store/client.ts";
      import { pgDirect } from "./src/store/pg-direct.ts";
      const db = await createDb(process.env.DB_URL);
      const [{ pid }] = await pgDirect(db).rows("SELECT pg_backend_pid() AS pid"); // now idle in the pool
      const admin = new pg.Client({ connectionString: process.env.DB_URL });
      await admin.connect();
      await admin.query("SELECT pg_terminate_backend($1)", [pid]);
      await admin.end();
      await new Promise((resolve) => setTimeout(resolve, 300));
      console.log("alive", (await pgDirect(db).rows("SELECT 1 AS one"))[0].one);
      process.exit(0); // $disconnect ends the pool only once Prisma has used it`;
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", script],
        { env: { ...process.env, DB_URL: database.url }, timeout: 20_000 },
        (error, stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(run.stdout.trim(), run.stderr).toBe("alive 1");
    expect(run.code).toBe(0);
  }, 30_000);

  it("keeps a post's statement prepared whatever texts came before, and a connection's prepared few", async () => {
    const direct = pgDirect(db)!; // one after another: the pool's same idle connection
    for (let i = 0; i < 300; i++) await direct.rows(`SELECT ${i} AS "n"`); // texts that vary with an input
    const text = `SELECT count(*) AS "n" FROM "DirectProbe" WHERE "n" > $1`;
    await direct.rows(text, [0]);
    const prepared = await direct.rows<{ statement: string }>(`SELECT "statement" FROM pg_prepared_statements`);
    expect(prepared.map((p) => p.statement)).toContain(text);
    expect(prepared.length).toBeLessThanOrEqual(130);
  });

  it("hands rows back as Prisma's $queryRaw does", async () => {
    const text = `SELECT $1::timestamp(3) AS "at", 5::bigint AS "big", 3 AS "small", '{"a":[1]}'::jsonb AS "doc", true AS "yes"`;
    const at = new Date("2026-12-07T23:04:05.678Z");
    const [direct] = await pgDirect(db)!.rows(text, [at]);
    const [prisma] = await db.$queryRawUnsafe<unknown[]>(text, at);
    expect(direct).toEqual(prisma);
    expect(direct).toEqual({ at, big: 5n, small: 3, doc: { a: [1] }, yes: true });
  });
});

describe.skipIf(!testProviders().includes("postgres"))("posts past Prisma after a migration elsewhere", () => {
  let t: TestApp;
  let threadId: string;

  beforeAll(async () => {
    t = await createTestApp("postgres");
    threadId = (await t.deps.db.thread.findFirstOrThrow({ where: { articleId: { not: null } } })).id;
  });
  afterAll(async () => t?.close());

  const post = (n: number) =>
    request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ authorName: "Mig Ration", authorEmail: "migration@example.org", body: `Post number ${n}.` });
  const statuses = async (from: number) => {
    const out: number[] = [];
    for (let n = from; n < from + 3; n++) out.push((await post(n)).status); // one after another: the same connection
    return out;
  };

  it("answer 503, nothing stored, when the connection is lost mid-post", async () => {
    const count = () => t.deps.db.comment.count();
    const before = await count();
    // The post's INSERT ends its own connection (as a server restart or failover would).
    await t.deps.db.$executeRawUnsafe(`CREATE FUNCTION "lose_connection"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$`);
    await t.deps.db.$executeRawUnsafe(
      `CREATE TRIGGER "lose_connection" BEFORE INSERT ON "Comment" FOR EACH ROW EXECUTE FUNCTION "lose_connection"()`,
    );
    try {
      const res = await post(100);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("SERVICE_BUSY");
      expect(res.headers["retry-after"]).toBeDefined();
    } finally {
      await t.deps.db.$executeRawUnsafe(`DROP TRIGGER "lose_connection" ON "Comment"`);
      await t.deps.db.$executeRawUnsafe(`DROP FUNCTION "lose_connection"()`);
    }
    expect(await count()).toBe(before);
    expect((await post(101)).status).toBe(201); // the pool has left the lost connection behind
  });

  it("keep answering 201 once another instance adds a column to Comment", async () => {
    expect(await statuses(0)).toEqual([201, 201, 201]); // the post's statements are prepared on the connections
    await t.deps.db.$executeRawUnsafe(`ALTER TABLE "Comment" ADD COLUMN "x" text`);
    try {
      expect(await statuses(3)).toEqual([201, 201, 201]);
    } finally {
      await t.deps.db.$executeRawUnsafe(`ALTER TABLE "Comment" DROP COLUMN "x"`);
    }
  });

  it("and once a column they return changes its type (its prepared statements are made again)", async () => {
    expect(await statuses(6)).toEqual([201, 201, 201]);
    await t.deps.db.$executeRawUnsafe(`ALTER TABLE "Comment" ALTER COLUMN "authorUrl" TYPE varchar(2000)`);
    try {
      expect(await statuses(9)).toEqual([201, 201, 201]);
    } finally {
      await t.deps.db.$executeRawUnsafe(`ALTER TABLE "Comment" ALTER COLUMN "authorUrl" TYPE text`);
    }
  });
});
