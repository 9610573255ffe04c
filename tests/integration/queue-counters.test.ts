// The moderation queues' counts are kept as changes appended by triggers on Comment (store/queue-counts.ts),
// not counted by a scan: after many posts, decisions and reports at once (and folds of the changes
// meanwhile), the counts equal what a GROUP BY over the comments says, on both databases.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countQueueRows, foldQueueCountChanges, type QueueCounts } from "../../src/store/queue-counts.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { decide } from "../support/realtime-app.ts";
import { LOAD_TEST_ENV } from "../support/load-settings.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("queue counts kept as changes on %s", (provider) => {
  let t: TestApp;
  let mod: SignedIn;
  let threadId: string;
  let n = 0;

  const env = { ...LOAD_TEST_ENV, RATE_LIMIT_REPORTS_PER_MIN: "0" };

  beforeAll(async () => {
    t = await createTestApp(
      provider,
      env,
      {},
      {
        siteSettings: {
          mode: "post-moderate",
          floodSeconds: 0,
          duplicateWindowMinutes: 0,
          suspectWords: ["kettle"],
          reportThreshold: 100,
        },
      },
    );
    mod = await signInAs(t, "moderator");
    threadId = (await request(t.app).get("/api/articles")).body[0].threadId;
  });
  afterAll(async () => t?.close());

  /** What a scan of the comments says. */
  async function truth(): Promise<QueueCounts> {
    const groups = await t.deps.db.comment.groupBy({ by: ["status"], _count: { _all: true } });
    const of = (s: string) => groups.find((g) => g.status === s)?._count._all ?? 0;
    const reported = await t.deps.db.comment.count({ where: { status: "published", reportCount: { gt: 0 } } });
    const all = groups.reduce((sum, g) => sum + g._count._all, 0) - of("deleted");
    return { pending: of("pending"), held: of("held"), reported, rejected: of("rejected"), spam: of("spam"), all };
  }

  const post = async (held: boolean, app = t.app) => {
    const i = n++;
    const res = await request(app)
      .post(`/api/threads/${threadId}/comments`)
      .set("X-Forwarded-For", `10.77.${i >> 8}.${i & 255}`)
      .send({
        authorName: `Counted ${i}`,
        authorEmail: `counted-${i}@example.org`,
        body: `Post ${i}${held ? " kettle" : ""}.`,
      });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body.comment.id as string;
  };
  const report = (id: string, reader: number) =>
    request(t.app)
      .post(`/api/comments/${id}/reports`)
      .set("X-Forwarded-For", `10.78.0.${reader}`)
      .set("Cookie", `parley_reader=reader-token-${String(reader).padStart(8, "0")}`)
      .send({ reason: "abuse" })
      .expect(201);

  it("equal a GROUP BY after concurrent posts, decisions, reports and folds", async () => {
    const first = await Promise.all(Array.from({ length: 24 }, (_, i) => post(i % 2 === 0)));
    const held = first.filter((_, i) => i % 2 === 0);
    const published = first.filter((_, i) => i % 2 === 1);
    expect(await countQueueRows(t.deps.db)).toEqual(await truth());

    // Everything at once: more posts, a decision on every held comment, removals and reports of
    // published ones, and folds of the changes while they happen.
    const actions: ("approve" | "reject" | "spam")[] = ["approve", "reject", "spam"];
    await Promise.all([
      ...Array.from({ length: 16 }, (_, i) => post(i % 3 === 0)),
      ...held.map((id, i) => decide(t, mod, id, actions[i % 3]!)),
      ...published.slice(0, 4).map((id) => decide(t, mod, id, "delete")),
      ...published.slice(4, 10).flatMap((id, i) => [report(id, 2 * i + 1), report(id, 2 * i + 2)]),
      foldQueueCountChanges(t.deps.db, t.deps.dbProvider),
      foldQueueCountChanges(t.deps.db, t.deps.dbProvider),
    ]);
    const counts = await countQueueRows(t.deps.db);
    expect(counts).toEqual(await truth());
    expect(counts.reported).toBeGreaterThan(0);
    expect(counts.spam).toBeGreaterThan(0);

    // A reported comment decided on leaves the reported queue; a fold keeps every count.
    await decide(t, mod, published[4]!, "reject");
    await foldQueueCountChanges(t.deps.db, t.deps.dbProvider);
    expect(await countQueueRows(t.deps.db)).toEqual(await truth());
    expect(await t.deps.db.queueCountChange.count()).toBeLessThanOrEqual(8); // one row per queue after a fold
  });

  it("are folded by the publisher once 256 comments have moved, so the counts' sum stays short", async () => {
    // A second server on this database: its publisher counts moved comments from zero. (t's publisher
    // still counts the ~70 the case above moved, so it folded after ~190 of these posts, at whichever
    // counts event its 250 ms timer picked: 30 to 80 posts' rows were left, 67 to 167 rows seen.)
    const own = await createTestApp(provider, env, {}, { shared: t.db });
    try {
      const posts = (count: number) => Promise.all(Array.from({ length: count }, () => post(false, own.app)));
      const rows = () => t.deps.db.queueCountChange.count();
      // Its first delivery round also folds (the hourly prune): over before the rows are counted.
      await posts(1);
      await own.deps.publisher.flush();
      const before = await rows();

      // 255 moved comments: no fold yet, even after the counts event (flush() sends it now, not in
      // 250 ms): every post's two change rows are there.
      for (let i = 0; i < 254; i += 30) await posts(Math.min(30, 254 - i));
      await own.deps.publisher.flush();
      expect(await rows()).toBe(before + 2 * 254);

      // 270: the counts event after the 256th folds, flush()'s at the latest, leaving one row per queue
      // and at most the 14 later posts' rows (540 rows in all without the fold).
      await posts(15);
      await own.deps.publisher.flush();
      expect(await rows()).toBeLessThanOrEqual(8 + 2 * 14);
      expect(await countQueueRows(t.deps.db)).toEqual(await truth());
    } finally {
      await own.close();
    }
  });
});
