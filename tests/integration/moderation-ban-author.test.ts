// Banning an author through the real API (SQLite and PostgreSQL): the sweep of their other pending and
// held comments on the site (and published ones on request), one audit row and one realtime event per
// comment, the preview the console asks with, and concurrent bans / decisions about one author
// (which deadlocked on PostgreSQL before decisions took the poster lock).
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { listen } from "../support/listen.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";
import type { PublishEvent } from "../../src/domain/events.ts";

describe.each(testProviders())("ban-author on %s", (provider) => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let mod: SignedIn;
  let threadIds: string[];
  let events: PublishEvent[];
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp(
      provider,
      { TRUST_PROXY_HOPS: "1" },
      {},
      { siteSettings: { mode: "pre-moderate-all", floodSeconds: 0, duplicateWindowMinutes: 0 } },
    );
    server = await listen(t.app);
    mod = await signInAs(t, "moderator", "Mia");
    threadIds = ((await request(server.url).get("/api/articles")).body as { threadId: string }[]).map(
      (a) => a.threadId,
    );
    const publish = t.deps.publisher.publish.bind(t.deps.publisher);
    t.deps.publisher.publish = (e) => {
      events.push(e);
      publish(e);
    };
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });
  beforeEach(async () => {
    events = [];
    await t.deps.db.ban.deleteMany({});
  });

  /** A comment by `email`, left pending (pre-moderate-all), or moved to `status` by a moderator. */
  const post = async (email: string, opts: { thread?: number; status?: "published" | "held" } = {}) => {
    const res = await request(server.url)
      .post(`/api/threads/${threadIds[opts.thread ?? n % 2]}/comments`)
      .set("X-Forwarded-For", `198.51.100.${(++n % 200) + 1}`)
      .send({ authorName: "Bo", authorEmail: email, body: `comment ${n} by ${email}` });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    const id = res.body.comment.id as string;
    if (opts.status === "published") await act(id, { action: "approve", revision: 1 }).expect(200);
    if (opts.status === "held") await t.deps.db.comment.update({ where: { id }, data: { status: "held" } });
    return id;
  };
  const act = (id: string, body: object) =>
    request(server.url)
      .post(`/api/moderation/comments/${id}/actions`)
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send(body);
  const bulk = (body: object) =>
    request(server.url)
      .post("/api/moderation/actions/bulk")
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send(body);
  const preview = (id: string) =>
    request(server.url)
      .get(`/api/moderation/comments/${id}/ban-preview`)
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken);
  const statusOf = async (id: string) => (await t.deps.db.comment.findUniqueOrThrow({ where: { id } })).status;
  const revisionOf = async (id: string) => (await t.deps.db.comment.findUniqueOrThrow({ where: { id } })).revision;
  const countsAgree = async () => {
    for (const id of threadIds) {
      const thread = await t.deps.db.thread.findUniqueOrThrow({ where: { id } });
      expect(thread.publishedCount).toBe(
        await t.deps.db.comment.count({ where: { threadId: id, status: "published" } }),
      );
    }
  };

  it("previews what a ban would take down: the author's other comments by status", async () => {
    const email = "prev@example.org";
    const target = await post(email);
    await post(email);
    await post(email, { status: "held" });
    await post(email, { status: "published" });
    await post(email, { status: "published" });
    await post("someone-else@example.org");
    const res = await preview(target).expect(200);
    expect(res.body).toEqual({
      comment: { id: target, authorName: "Bo", authorEmail: email },
      others: { pending: 1, held: 1, published: 2 },
      alreadyBanned: false,
    });
    await preview("no-such-comment").expect(404);
  });

  it("rejects the author's other pending and held comments, with an audit row and an event each; published ones stay", async () => {
    const email = "sweep@example.org";
    const target = await post(email);
    const pending = await post(email, { thread: 1 });
    const held = await post(email, { status: "held" });
    const published = await post(email, { status: "published" });
    const other = await post("bystander@example.org");
    events = [];
    const res = await act(target, { action: "ban-author", revision: 1, reason: "spam run" }).expect(200);
    expect(res.body.comment).toMatchObject({ id: target, status: "rejected" });
    expect([...res.body.alsoRejected].sort()).toEqual([pending, held].sort());
    expect(await statusOf(pending)).toBe("rejected");
    expect(await statusOf(held)).toBe("rejected");
    expect(await statusOf(published)).toBe("published");
    expect(await statusOf(other)).toBe("pending");
    for (const id of [pending, held]) {
      const audit = await t.deps.db.moderationAction.findMany({ where: { commentId: id, action: "ban-author" } });
      expect(audit).toMatchObject([{ moderatorId: mod.id, toStatus: "rejected", reason: "spam run" }]);
    }
    const changed = events
      .filter((e) => e.type === "comment:status-changed")
      .map((e) => e.commentId)
      .sort();
    expect(changed).toEqual([target, pending, held].sort());
    await countsAgree();
  });

  it("with rejectPublished, also takes their published comments down and fixes the thread counts", async () => {
    const email = "takedown@example.org";
    const target = await post(email);
    const pub1 = await post(email, { status: "published", thread: 0 });
    const pub2 = await post(email, { status: "published", thread: 1 });
    const res = await act(target, { action: "ban-author", revision: 1, rejectPublished: true }).expect(200);
    expect([...res.body.alsoRejected].sort()).toEqual([pub1, pub2].sort());
    expect(await statusOf(pub1)).toBe("rejected");
    expect(await statusOf(pub2)).toBe("rejected");
    await countsAgree();
    const again = await preview(target).expect(200);
    expect(again.body).toMatchObject({ others: { pending: 0, held: 0, published: 0 }, alreadyBanned: true });
  });

  it("refuses a non-boolean rejectPublished with 422 and changes nothing", async () => {
    const target = await post("strict@example.org");
    const res = await act(target, { action: "ban-author", revision: 1, rejectPublished: "yes" }).expect(422);
    expect(res.body.error.code).toBe("VALIDATION");
    expect(await statusOf(target)).toBe("pending");
    expect(await t.deps.db.ban.count()).toBe(0);
  });

  it("bulk ban of several comments by one author: every item done, none reported stale", async () => {
    const email = "bulk@example.org";
    const ids = [await post(email), await post(email), await post(email)];
    const res = await bulk({ action: "ban-author", items: ids.map((id) => ({ id, revision: 1 })) }).expect(200);
    expect(res.body.results.map((r: { ok: boolean; status: string }) => [r.ok, r.status])).toEqual(
      Array(3).fill([true, "rejected"]),
    );
  });

  it("unban lifts the ban on the email and address, with an audit row; the author may post again", async () => {
    const email = "oops@example.org";
    const target = await post(email);
    await act(target, { action: "ban-author", revision: 1 }).expect(200);
    const banned = await request(server.url)
      .post(`/api/threads/${threadIds[0]}/comments`)
      .set("X-Forwarded-For", "192.0.2.77")
      .send({ authorName: "Bo", authorEmail: email, body: "let me back in" });
    expect(banned.body.error.code).toBe("BANNED");
    const unban = (body: object) =>
      request(server.url)
        .post(`/api/moderation/comments/${target}/unban`)
        .set("Cookie", mod.cookie)
        .set("X-CSRF-Token", mod.csrfToken)
        .send(body);
    await expect(
      unban({ reason: "wrong person" })
        .expect(200)
        .then((r) => r.body),
    ).resolves.toEqual({ lifted: 2 });
    expect(await t.deps.db.ban.count()).toBe(0);
    const audit = await t.deps.db.moderationAction.findMany({ where: { commentId: target, action: "unban-author" } });
    expect(audit).toMatchObject([
      { moderatorId: mod.id, reason: "wrong person", fromStatus: "rejected", toStatus: "rejected" },
    ]);
    expect(await statusOf(target)).toBe("rejected"); // restoring the comment is its own decision
    await request(server.url)
      .post(`/api/threads/${threadIds[0]}/comments`)
      .set("X-Forwarded-For", "192.0.2.78")
      .send({ authorName: "Bo", authorEmail: email, body: "thanks, back again" })
      .expect(202);
    const again = await unban({}).expect(422);
    expect(again.body.error).toMatchObject({ code: "ACTION_NOT_ALLOWED", message: "This author is not banned." });
    await request(server.url)
      .post("/api/moderation/comments/no-such-comment/unban")
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send({})
      .expect(404);
  });

  it("concurrent bans of one author's comments, approvals and bulk bans all finish: no deadlock, no 500, counts agree", async () => {
    for (let round = 0; round < 3; round++) {
      const email = `race${round}@example.org`;
      const ids: string[] = [];
      for (let i = 0; i < 8; i++)
        ids.push(await post(email, { status: i % 2 ? "published" : undefined, thread: i % 2 }));
      const answers = await Promise.all([
        act(ids[0]!, { action: "ban-author", revision: await revisionOf(ids[0]!), rejectPublished: true }),
        act(ids[1]!, { action: "ban-author", revision: await revisionOf(ids[1]!), rejectPublished: true }),
        act(ids[2]!, { action: "approve", revision: await revisionOf(ids[2]!) }),
        act(ids[3]!, { action: "reject", revision: await revisionOf(ids[3]!) }),
        bulk({
          action: "ban-author",
          rejectPublished: true,
          items: [
            { id: ids[4]!, revision: await revisionOf(ids[4]!) },
            { id: ids[5]!, revision: await revisionOf(ids[5]!) },
          ],
        }),
        bulk({
          action: "approve",
          items: [
            { id: ids[6]!, revision: await revisionOf(ids[6]!) },
            { id: ids[7]!, revision: await revisionOf(ids[7]!) },
          ],
        }),
      ]);
      // Each answer is a decision or a clean 409 "someone else decided first".
      for (const a of answers) expect([200, 409], JSON.stringify(a.body)).toContain(a.status);
      for (const a of answers.filter((x) => x.body.results)) {
        for (const r of a.body.results) if (!r.ok) expect(["CONFLICT", "ACTION_NOT_ALLOWED"]).toContain(r.error.code);
      }
      // The bans ran with rejectPublished: nothing by this author is left up or waiting.
      const left = await t.deps.db.comment.count({
        where: { authorEmail: email, status: { in: ["pending", "held", "published"] } },
      });
      expect(left).toBe(0);
      await countsAgree();
      await t.deps.db.ban.deleteMany({});
    }
  });
});
