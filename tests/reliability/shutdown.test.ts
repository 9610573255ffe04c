// SIGTERM in the middle of a stream of posts and reads: requests already in progress are answered,
// later ones are refused (never cut off mid-answer), the process exits 0, and every acknowledged
// comment is stored. A connection that reaches the kernel just as the listener closes is reset before
// the server ever reads it: a client sees that like a refusal (nothing was received, nothing stored).
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/store/client.ts";
import { startPostingClients, waitFor, type Outcome } from "../support/load-clients.ts";
import { LOAD_TEST_ENV, prepareLoadDatabase } from "../support/load-settings.ts";
import { startServerProcess } from "../support/server-process.ts";
import { testProviders } from "../support/test-db.ts";

/** After SIGTERM a request may be refused, or reset before any answer; never cut off once answered. */
const acceptableAfterSigterm = (o: Outcome) =>
  o.kind !== "failed" || o.code === "ECONNREFUSED" || (o.code === "ECONNRESET" && !o.afterResponse);

describe.each(testProviders())("graceful shutdown on %s", (provider) => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  it("finishes in-flight requests on SIGTERM and loses nothing", { timeout: 180_000 }, async () => {
    const { db, threadId } = await prepareLoadDatabase(provider);
    cleanup.push(() => db.drop());
    const server = await startServerProcess({ ...LOAD_TEST_ENV, DATABASE_URL: db.url, SHUTDOWN_GRACE_MS: "30000" });
    cleanup.push(() => server.stop("SIGKILL"));

    const load = startPostingClients({
      url: server.url,
      threadId,
      clients: 20,
      run: `term${Date.now()}`,
      readEvery: 3,
    });
    await waitFor(() => load.acknowledged.size >= 100, 120_000, "100 acknowledged comments");
    const answeredBefore = load.outcomes.length;
    const sigtermAt = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    await load.done; // every client stops at its first refused connection

    expect(load.outcomes.length).toBeGreaterThan(answeredBefore); // requests in progress at SIGTERM were answered
    expect(load.outcomes.filter((o) => o.kind === "answered" && o.status >= 500)).toEqual([]);
    expect(load.outcomes.filter((o) => o.at < sigtermAt && o.kind === "failed")).toEqual([]);
    expect(load.outcomes.filter((o) => !acceptableAfterSigterm(o))).toEqual([]);
    expect(server.logs.some((l) => l.includes("grace period over"))).toBe(false);

    const check = await createDb(db.url);
    try {
      const stored = await check.comment.count({ where: { id: { in: [...load.acknowledged] } } });
      expect(stored).toBe(load.acknowledged.size);
      const thread = await check.thread.findUniqueOrThrow({ where: { id: threadId } });
      expect(thread.publishedCount).toBe(await check.comment.count({ where: { threadId, status: "published" } }));
    } finally {
      await check.$disconnect();
    }
  });
});
