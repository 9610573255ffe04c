// A server process killed with SIGKILL in the middle of a stream of comments: after a restart every
// comment it acknowledged (201/202) is there, counts agree with the rows, and SQLite's file is sound.
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/store/client.ts";
import { startPostingClients, waitFor } from "../support/load-clients.ts";
import { LOAD_TEST_ENV, prepareLoadDatabase } from "../support/load-settings.ts";
import { startServerProcess } from "../support/server-process.ts";
import { testProviders, type TestDatabase } from "../support/test-db.ts";

describe.each(testProviders())("crash under write load on %s", (provider) => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  it("keeps every acknowledged comment and a sound database", { timeout: 180_000 }, async () => {
    const { db, threadId } = await prepareLoadDatabase(provider);
    cleanup.push(() => db.drop());
    const env = { ...LOAD_TEST_ENV, DATABASE_URL: db.url };
    const first = await startServerProcess(env);
    cleanup.push(() => first.stop("SIGKILL"));

    const load = startPostingClients({ url: first.url, threadId, clients: 20, run: `crash${Date.now()}` });
    await waitFor(() => load.acknowledged.size >= 150, 120_000, "150 acknowledged comments");
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull(); // killed by the signal, no exit code
    load.stop();
    await load.done;
    const acknowledged = [...load.acknowledged];
    expect(load.outcomes.filter((o) => o.kind === "answered" && o.status >= 500)).toEqual([]);

    const second = await startServerProcess(env); // starts on the crashed database
    cleanup.push(() => second.stop());
    await expectSound(db, threadId, acknowledged);
    const after = await fetch(`${second.url}/api/threads/${threadId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ authorName: "After", authorEmail: "after@example.org", body: "Still taking comments." }),
    });
    expect(after.status).toBe(201);
  });
});

async function expectSound(test: TestDatabase, threadId: string, acknowledged: string[]) {
  const db = await createDb(test.url);
  try {
    const stored = await db.comment.findMany({ where: { id: { in: acknowledged } }, select: { id: true } });
    expect(stored.length).toBe(acknowledged.length);
    const thread = await db.thread.findUniqueOrThrow({ where: { id: threadId } });
    expect(thread.publishedCount).toBe(await db.comment.count({ where: { threadId, status: "published" } }));
    // A post writes no revision row (its text is revision 1 until an edit: store/revisions.ts).
    expect(await db.commentRevision.count({ where: { comment: { threadId } } })).toBe(0);
    if (test.provider === "sqlite") {
      expect(await db.$queryRawUnsafe("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      expect(await db.$queryRawUnsafe("PRAGMA foreign_key_check")).toEqual([]);
    }
  } finally {
    await db.$disconnect();
  }
}
