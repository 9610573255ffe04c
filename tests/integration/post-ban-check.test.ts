// A post's ban check (SQLite and PostgreSQL). A published comment's ban is looked up by its thread's
// count update (store/threads.ts addPostedCount), sent under the poster lock right after the INSERT and
// before the flood and duplicate checks: the same refusal (403 BANNED) as a held comment's own look-up,
// the ban still first, and on PostgreSQL a ban committed while the post waited for the lock is seen.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { posterKeys } from "../../src/moderation/poster-lock.ts";
import { DEFAULT_SITE_ID } from "../../src/sites/ensure-default-site.ts";
import { lockKeys } from "../../src/store/poster-locks.ts";
import { startPostingApp, type PostingApp } from "../support/posting-app.ts";
import { testProviders } from "../support/test-db.ts";

const BANNED = { code: "BANNED", message: "You cannot comment here." };

describe.each(testProviders())("a post's ban check on %s", (provider) => {
  let t: PostingApp;
  let n = 0;

  beforeAll(async () => {
    t = await startPostingApp(provider);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await t.deps.db.ban.deleteMany({});
    t.clock.advance(3_600_000); // out of the last test's flood and duplicate windows
  });

  const post = (ip: string, email: string, body = `comment ${++n}`) => t.post(ip, email, body);
  const ban = (kind: "email" | "ip", value: string, expiresAt: Date | null = null) =>
    t.deps.db.ban.create({ data: { siteId: DEFAULT_SITE_ID, kind, value, expiresAt, createdAt: t.clock.now() } });
  const published = async () =>
    (await t.deps.db.thread.findUniqueOrThrow({ where: { id: t.threadId } })).publishedCount;
  const inAWhile = (ms: number) => new Date(t.clock.now().getTime() + ms);

  it("refuses a banned email's post with 403 and stores nothing; the thread's count stays", async () => {
    await ban("email", "banned@example.org");
    const before = await published();
    const res = await post("203.0.113.10", "banned@example.org");
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject(BANNED);
    expect(await t.deps.db.comment.count({ where: { authorEmail: "banned@example.org" } })).toBe(0);
    expect(await published()).toBe(before);
  });

  it("answers a banned poster who also floods and repeats with the ban, not 429 or 409", async () => {
    const first = await post("203.0.113.11", "both@example.org", "Said once.");
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // Within the flood window and the same text: without the ban this is refused as a flood.
    expect((await post("203.0.113.11", "both@example.org", "Said once.")).status).toBe(429);
    await ban("email", "both@example.org");
    const res = await post("203.0.113.11", "both@example.org", "Said once.");
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject(BANNED);
  });

  it("matches a ban on the address (another email from it) and ignores an expired one", async () => {
    const first = await post("203.0.113.12", "addr@example.org");
    expect(first.status).toBe(201);
    const { ipHash, createdAt } = await t.deps.db.comment.findUniqueOrThrow({ where: { id: first.body.comment.id } });
    // The count update stamps the thread as Prisma would have (subscriptions compare it with their cursor).
    const thread = await t.deps.db.thread.findUniqueOrThrow({ where: { id: t.threadId } });
    expect(thread.lastCommentAt?.toISOString()).toBe(createdAt.toISOString());
    await ban("ip", ipHash, inAWhile(-1000));
    t.clock.advance(60_000);
    expect((await post("203.0.113.12", "other@example.org")).status).toBe(201);
    await t.deps.db.ban.updateMany({ data: { expiresAt: inAWhile(3_600_000) } });
    t.clock.advance(60_000);
    const res = await post("203.0.113.12", "third@example.org");
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject(BANNED);
  });

  // PostgreSQL only: SQLite has one writer, a post never runs beside a ban's transaction.
  it.runIf(provider === "postgres")("sees a ban committed while the post waited for the poster lock", async () => {
    const email = "waiting@example.org";
    const before = await published();
    let held!: () => void;
    const lockHeld = new Promise<void>((resolve) => (held = resolve));
    // What a ban does (moderation/ban-author): the poster's lock, then the ban row, committed together.
    const banning = t.deps.db.$transaction(
      async (tx) => {
        await lockKeys(tx, provider, posterKeys(DEFAULT_SITE_ID, { email }));
        held();
        await untilAnAdvisoryLockIsAwaited();
        await tx.ban.create({
          data: { siteId: DEFAULT_SITE_ID, kind: "email", value: email, createdAt: t.clock.now() },
        });
      },
      { maxWait: 30_000, timeout: 30_000 },
    );
    await lockHeld;
    const answer = post("203.0.113.13", email).then((r) => r); // sent now: it waits for the lock
    await banning;
    const res = await answer;
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.error).toMatchObject(BANNED);
    expect(await t.deps.db.comment.count({ where: { authorEmail: email } })).toBe(0);
    expect(await published()).toBe(before);
  });

  /** Returns once some transaction waits for an advisory lock (the post, queued behind the ban). */
  async function untilAnAdvisoryLockIsAwaited() {
    for (;;) {
      const [row] = await t.deps.db.$queryRaw<{ n: bigint | number }[]>`
        SELECT COUNT(*) AS "n" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`;
      if (Number(row!.n) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
});
