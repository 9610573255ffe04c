// How many SQL statements one post sends, with its realtime delivery (README "How posts stay cheap";
// `npm run bench:statements` measures the same on more posts): counted on the driver adapter, so the
// figure does not depend on the machine's load. A signed-in reader's post costs what an anonymous one
// does besides its sign-in: its account comes with the posting read, nothing is read after the commit.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/store/client.ts";
import { allowBulkPosting, LOAD_TEST_ENV, loadComment } from "../support/load-settings.ts";
import { directReaderSession } from "../support/reader-sign-in.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("statements per post on %s", (provider) => {
  let t: TestApp;
  let threadId: string;
  const statements: string[] = [];
  let n = 0;
  // PostgreSQL's poster lock (pg_advisory_xact_lock) is one SQLite does not need; the ban look-up rides
  // on the thread's count update (store/threads.ts addPostedCount), so both stay within the goal.
  const MOST = 8;

  beforeAll(async () => {
    // The spam model's version is checked every SPAM_MODEL_RECHECK_MS (2 s), not per post: kept out of the count.
    t = await createTestApp(provider, { ...LOAD_TEST_ENV, THREAD_CACHE_TTL_MS: "0", SPAM_MODEL_RECHECK_MS: "600000" });
    await allowBulkPosting(t.deps.db);
    // A client on the same database that reports its statements.
    t.deps.db = await createDb(t.db.url, { onStatement: (sql) => statements.push(sql) });
    t.deps.publisher.attach(() => {}); // a socket server listens: events are hydrated as they are sent
    threadId = (await t.deps.db.thread.findFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t?.deps.db.$disconnect();
    await t?.close();
  });

  /** The statements of one post, from its request to the last of its events and queue counts sent. */
  async function countOne(send: (r: request.Test) => request.Test, body: object): Promise<string[]> {
    await t.deps.publisher.flush();
    statements.length = 0;
    await send(request(t.app).post(`/api/threads/${threadId}/comments`))
      .send(body)
      .expect(201);
    await t.deps.publisher.flush();
    return [...statements];
  }

  it("an anonymous post and a signed-in reader's each send at most the goal's statements", async () => {
    const anonymous = () => countOne((r) => r, loadComment(`st-${provider}`, n++));
    await anonymous(); // first-time rows (the rooms' sequences) out of the way
    const one = await anonymous();
    expect(one.length, one.join("\n")).toBeLessThanOrEqual(MOST);

    const reader = await directReaderSession(t);
    const signedIn = () =>
      countOne((r) => r.set("Cookie", reader.cookie).set("X-Parley-Reader-CSRF", reader.csrfToken), {
        body: `Signed in ${n++}.`,
      });
    await signedIn();
    const theirs = await signedIn();
    // Its session and account, read by the sign-in before the post; then the same as anonymous.
    expect(theirs.slice(0, 2).join("\n")).toMatch(/ReaderSession[\s\S]*ReaderAccount/);
    expect(theirs.length - 2, theirs.join("\n")).toBe(one.length);
    const afterCommit = theirs.slice(theirs.lastIndexOf("COMMIT") + 1);
    expect(afterCommit.filter((sql) => sql.includes("ReaderAccount"))).toEqual([]);
  });

  it("the duplicate rule costs a published post no statement: its thread's count update asks it", async () => {
    const duplicateWindow = async (minutes: number) => {
      for (const site of await t.deps.db.site.findMany()) {
        const settings = { ...(site.settings as object), duplicateWindowMinutes: minutes };
        await t.deps.db.site.update({ where: { id: site.id }, data: { settings } });
      }
    };
    const one = async () => countOne((r) => r, loadComment(`dup-${provider}`, n++));
    const without = await one();
    await duplicateWindow(60);
    const withRule = await one();
    await duplicateWindow(0);
    expect(withRule.length, withRule.join("\n")).toBe(without.length);
    expect(withRule.find((sql) => sql.includes('UPDATE "Thread"'))).toMatch(/"bodyHash"/);
  });
});
