// writeTogether (src/store/group-commit.ts): posts that arrive together share one transaction on SQLite,
// each in its own savepoint (PostgreSQL: one each). A post that throws rolls back only its own writes and
// gets its own error; the others are stored and answered, and only after their COMMIT.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/store/client.ts";
import { writeTogether } from "../../src/store/group-commit.ts";
import { AppError } from "../../src/domain/errors.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("writeTogether on %s", (provider) => {
  let t: TestApp;
  let threadId: string;
  const statements: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(provider);
    // A second client on the same database that reports its statements, to see the batches.
    t.deps.db = await createDb(t.db.url, { onStatement: (sql) => statements.push(sql) });
    threadId = (await t.deps.db.thread.findFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t?.deps.db.$disconnect();
    await t?.close();
  });

  const insert = (tx: Parameters<Parameters<typeof writeTogether>[1]>[0], name: string) =>
    tx.comment.create({
      data: {
        threadId,
        depth: 1,
        authorName: name,
        authorEmail: `${name}@example.org`,
        ipHash: "x",
        bodySource: name,
        bodyHtml: `<p>${name}</p>`,
        status: "published",
        flags: [],
        metadata: {},
      },
    });

  it("a post that throws in the middle of a batch leaves the others stored, and gets its own error", async () => {
    statements.length = 0;
    const run = `gc${Date.now()}`;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        writeTogether(t.deps, async (tx) => {
          const created = await insert(tx, `${run}-${i}`);
          if (i === 4) throw new AppError("RATE_LIMITED", { message: "slow down", details: { retryAfterSeconds: 1 } });
          if (i === 7)
            await insert(tx, `${run}-2`).then(() =>
              tx.comment.create({ data: { ...created, id: created.id } as never }),
            ); // a failing statement: duplicate primary key
          return created.id;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    expect((results[4] as PromiseRejectedResult).reason).toMatchObject({ code: "RATE_LIMITED" });
    expect((results[7] as PromiseRejectedResult).reason).not.toBeInstanceOf(AppError);

    const stored = await t.deps.db.comment.findMany({
      where: { authorName: { startsWith: run } },
      select: { id: true, authorName: true },
    });
    expect(stored.map((c) => c.authorName).sort()).toEqual([0, 1, 2, 3, 5, 6, 8, 9].map((i) => `${run}-${i}`).sort());
    const ids = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(new Set(stored.map((c) => c.id))).toEqual(new Set(ids));

    // Asked for in one turn of the event loop: on SQLite one transaction (the batch starts on the next).
    expect(statements.filter((s) => s === "BEGIN").length).toBe(provider === "sqlite" ? 1 : 10);
  });

  it("answers a post only after the COMMIT that holds it", async () => {
    statements.length = 0;
    let answeredAfter = -1;
    await writeTogether(t.deps, (tx) => insert(tx, `commit-order-${Date.now()}`)).then(() => {
      answeredAfter = statements.length;
    });
    expect(statements.at(answeredAfter - 1)).toBe("COMMIT");
  });
});
