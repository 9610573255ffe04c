// 2,000 comments from 50 concurrent clients into one thread, over real HTTP: every one acknowledged,
// every one stored exactly once, no 5xx, and the thread's count agrees with its rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../support/listen.ts";
import { allowBulkPosting, LOAD_TEST_ENV, loadComment } from "../support/load-settings.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";
import { listWholeThread } from "../support/whole-thread.ts";

const COMMENTS = 2000;
const CLIENTS = 50;

describe.each(testProviders())("concurrent posting on %s", (provider) => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let threadId: string;

  beforeAll(async () => {
    t = await createTestApp(provider, LOAD_TEST_ENV);
    await allowBulkPosting(t.deps.db);
    server = await listen(t.app);
    threadId = (await t.deps.db.thread.findFirstOrThrow({ where: { publishedCount: 0 } })).id;
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it(`stores exactly ${COMMENTS} comments posted by ${CLIENTS} clients at once`, { timeout: 240_000 }, async () => {
    const run = `c${Date.now()}`;
    let next = 0;
    const statuses = new Map<number, number>();
    const acknowledged = new Set<string>();
    const client = async () => {
      for (let n = next++; n < COMMENTS; n = next++) {
        const res = await fetch(`${server.url}/api/threads/${threadId}/comments`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(loadComment(run, n)),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const body = (await res.json()) as { comment?: { id: string } };
        if (res.status === 201 && body.comment) acknowledged.add(body.comment.id);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));

    expect(Object.fromEntries(statuses)).toEqual({ 201: COMMENTS });
    expect(acknowledged.size).toBe(COMMENTS);
    const rows = await t.deps.db.comment.findMany({
      where: { threadId },
      select: { id: true, authorEmail: true, status: true },
    });
    expect(rows).toHaveLength(COMMENTS);
    expect(new Set(rows.map((r) => r.authorEmail)).size).toBe(COMMENTS);
    expect(rows.every((r) => acknowledged.has(r.id) && r.status === "published")).toBe(true);
    const thread = await t.deps.db.thread.findUniqueOrThrow({ where: { id: threadId } });
    expect(thread.publishedCount).toBe(COMMENTS);
    expect(await t.deps.db.commentRevision.count({ where: { comment: { threadId } } })).toBe(COMMENTS);

    const listed = await listWholeThread(server.url, threadId);
    expect(listed.thread.commentCount).toBe(COMMENTS);
    expect(listed.comments).toHaveLength(COMMENTS);
  });
});
