// Posts that share one group commit (src/store/group-commit.ts) obey the poster rules between them: a
// later post sees an earlier one's row in the batch's transaction, so the same text again from the same
// address is refused as a duplicate and a second post by one email within the flood window as a flood;
// a banned poster's post is refused; and those refusals roll back only their own savepoints, so their
// batch-mates are stored, counted and answered. The posts are held back behind a write in
// progress until all of them wait, so they form one batch (one BEGIN).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createComment } from "../../src/comments/create-comment.ts";
import { threadRoom } from "../../src/realtime/events.ts";
import { DEFAULT_SITE_ID } from "../../src/sites/ensure-default-site.ts";
import { createDb, type Db } from "../../src/store/client.ts";
import { postsWaiting, writeTogether } from "../../src/store/group-commit.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

// PostgreSQL: on SQLite a write in progress holds the one connection, so the posts' reads would wait for
// it too (group-commit.test.ts batches there without the posts' reads).
describe.skipIf(!testProviders().includes("postgres"))("posts in one batch on PostgreSQL", () => {
  let t: TestApp;
  let original: Db;
  let threadId: string;
  const statements: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(
      "postgres",
      {},
      {},
      { siteSettings: { mode: "post-moderate", floodSeconds: 15, duplicateWindowMinutes: 10 } },
    );
    threadId = (await t.deps.db.thread.findFirstOrThrow()).id;
    // A client on the same database that reports its statements, to see the batch.
    original = t.deps.db;
    t.deps.db = await createDb(t.db.url, { onStatement: (sql) => statements.push(sql) });
  });
  afterAll(async () => {
    if (t && original) {
      await t.deps.db.$disconnect();
      t.deps.db = original;
    }
    await t?.close();
  });

  const post = (email: string, body: string, ip: string) =>
    createComment(t.deps, { threadId, body, authorName: email.split("@")[0], authorEmail: email, ipHash: ip });

  it("refuses the duplicate and the banned post of a batch and stores their batch-mates", async () => {
    await t.deps.db.ban.create({
      data: { siteId: DEFAULT_SITE_ID, kind: "email", value: "banned@example.org", createdAt: new Date() },
    });
    const before = (await t.deps.db.thread.findUniqueOrThrow({ where: { id: threadId } })).publishedCount;

    // A write in progress: the posts below wait for it, then go together.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = writeTogether(t.deps, {}, () => held);
    const results = Promise.allSettled([
      post("ann@example.org", "Said twice in one batch.", "ip-home"),
      post("anne@example.org", "Said twice in one batch.", "ip-home"), // another email, the same address
      post("banned@example.org", "Let me in.", "ip-banned"),
      post("bob@example.org", "Something else.", "ip-bob"),
      post("bob@example.org", "And more, at once.", "ip-bob"),
    ]);
    await vi.waitFor(() => expect(postsWaiting(t.deps.db)).toBe(5), { timeout: 10_000 });
    statements.length = 0;
    release();
    await holding;
    const [ann, anne, banned, bob1, bob2] = await results;

    expect(statements.filter((s) => s === "BEGIN")).toHaveLength(1); // the five posts: one transaction
    // Of each pair, the one that reached the batch first is stored and the other refused.
    const outcomes = (...pair: PromiseSettledResult<unknown>[]) =>
      pair.map((r) => (r.status === "fulfilled" ? "stored" : (r.reason as { code?: string }).code)).sort();
    expect(outcomes(ann, anne)).toEqual(["DUPLICATE_COMMENT", "stored"]);
    expect(outcomes(bob1, bob2)).toEqual(["RATE_LIMITED", "stored"]);
    expect(banned).toMatchObject({ status: "rejected", reason: { code: "BANNED" } });

    const stored = await t.deps.db.comment.findMany({
      where: { threadId, authorEmail: { endsWith: "@example.org" } },
      select: { authorEmail: true },
    });
    const storedFromHome = ann.status === "fulfilled" ? "ann@example.org" : "anne@example.org";
    expect(stored.map((c) => c.authorEmail).sort()).toEqual([storedFromHome, "bob@example.org"]);
    const after = (await t.deps.db.thread.findUniqueOrThrow({ where: { id: threadId } })).publishedCount;
    expect(after).toBe(before + 2);
    // The refused posts' events were rolled back with them: the thread's room holds the stored two's,
    // numbered without a gap, and its sequence where they end.
    const room = threadRoom(threadId);
    const events = await t.deps.db.realtimeEvent.findMany({ where: { room }, orderBy: { seq: "asc" } });
    expect(events.filter((e) => e.type === "comment:created")).toHaveLength(2);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect((await t.deps.db.roomSequence.findUniqueOrThrow({ where: { room } })).seq).toBe(events.length);
  });
});
