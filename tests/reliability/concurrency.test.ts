// 2,000 comments from 50 concurrent clients into one thread, over real HTTP, on a machine made busy on
// purpose (two CPU-burning child processes), so the test cannot pass by luck on an idle machine: every
// post is answered 201, or 503 with Retry-After (the client waits and posts again, as a browser's form
// does), never a 500; every acknowledged comment is stored exactly once, and the thread's count agrees.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../support/listen.ts";
import { allowBulkPosting, LOAD_TEST_ENV, loadComment } from "../support/load-settings.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";
import { listWholeThread } from "../support/whole-thread.ts";

const COMMENTS = 2000;
const CLIENTS = 50;
const CPU_HOGS = 2;
/** Posts of one comment before the test gives up on it (a 503 asks the client to come back). */
const MAX_ATTEMPTS = 20;

describe.each(testProviders())("concurrent posting on %s, machine busy", (provider) => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let threadId: string;
  const hogs: ChildProcess[] = [];

  beforeAll(async () => {
    t = await createTestApp(provider, LOAD_TEST_ENV);
    await allowBulkPosting(t.deps.db);
    server = await listen(t.app);
    threadId = (await t.deps.db.thread.findFirstOrThrow({ where: { publishedCount: 0 } })).id;
    for (let i = 0; i < CPU_HOGS; i++) hogs.push(spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }));
  });
  afterAll(async () => {
    for (const hog of hogs) hog.kill("SIGKILL");
    await server?.close();
    await t?.close();
  });

  it(`stores exactly ${COMMENTS} comments posted by ${CLIENTS} clients at once`, { timeout: 1_200_000 }, async () => {
    expect(hogs.every((h) => h.exitCode === null && h.pid !== undefined)).toBe(true);
    const run = `c${Date.now()}`;
    let next = 0;
    const statuses = new Map<number, number>();
    const unanswered: string[] = [];
    const acknowledged = new Set<string>();
    const post = async (n: number) => {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const res = await fetch(`${server.url}/api/threads/${threadId}/comments`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(loadComment(run, n)),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const body = (await res.json()) as { comment?: { id: string }; error?: { code: string; message: string } };
        if (res.status === 201 && body.comment) return acknowledged.add(body.comment.id);
        if (res.status !== 503) return unanswered.push(`${n}: ${res.status} ${JSON.stringify(body.error)}`);
        const retryAfter = Number(res.headers.get("retry-after"));
        if (!(retryAfter >= 1)) return unanswered.push(`${n}: 503 without Retry-After`);
        // Come back when the header says, as a browser's form does (a client that retries at once only feeds the crowd).
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      }
      unanswered.push(`${n}: still 503 after ${MAX_ATTEMPTS} posts`);
    };
    const client = async () => {
      for (let n = next++; n < COMMENTS; n = next++) await post(n);
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));

    expect(unanswered).toEqual([]);
    expect([...statuses.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(statuses.get(201)).toBe(COMMENTS);
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
    // Posts write no revision row (their text is revision 1 until an edit: store/revisions.ts).
    expect(await t.deps.db.commentRevision.count({ where: { comment: { threadId } } })).toBe(0);

    const listed = await listWholeThread(server.url, threadId);
    expect(listed.thread.commentCount).toBe(COMMENTS);
    expect(listed.comments).toHaveLength(COMMENTS);
  });
});
