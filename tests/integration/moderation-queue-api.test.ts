// The moderation queue and decisions through the real API and database (SQLite and PostgreSQL):
// queue contents and filters, cursor pages, the state machine, 409 on stale or concurrent decisions,
// one transaction for status + audit row + thread count, bans, bulk decisions and the audit log.
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.ts";
import { decideComment } from "../../src/moderation/decide-comment.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";
import type { PublishEvent } from "../../src/domain/events.ts";

const PETE_SLUG = "israel-behind-discovery-of-kaspersky-spy-links";
const NEWS_SLUG = "israel-secret-service-pressure-on-kaspersky";

describe.each(testProviders())("moderation queue and actions on %s", (provider) => {
  let t: TestApp;
  let mod: SignedIn;
  let mod2: SignedIn;
  let threads: Record<string, string>;
  let events: PublishEvent[];
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp(
      provider,
      {},
      {},
      { siteSettings: { mode: "pre-moderate-all", floodSeconds: 0, duplicateWindowMinutes: 0 } },
    );
    mod = await signInAs(t, "moderator", "Mia");
    mod2 = await signInAs(t, "moderator", "Max");
    const articles = (await request(t.app).get("/api/articles")).body as { slug: string; threadId: string }[];
    threads = Object.fromEntries(articles.map((a) => [a.slug, a.threadId]));
    const publish = t.deps.publisher.publish.bind(t.deps.publisher);
    t.deps.publisher.publish = (e) => {
      events.push(e);
      publish(e);
    };
  });
  afterAll(async () => t?.close());
  beforeEach(() => {
    events = [];
  });

  const post = async (body: string, opts: { slug?: string; name?: string; email?: string; parentId?: string } = {}) => {
    const res = await request(t.app)
      .post(`/api/threads/${threads[opts.slug ?? NEWS_SLUG]}/comments`)
      .send({
        authorName: opts.name ?? `Reader ${++n}`,
        authorEmail: opts.email ?? `reader${n}@example.org`,
        body,
        parentId: opts.parentId,
      });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body.comment as { id: string; status: string };
  };
  const queue = (params: Record<string, string | number>, who: SignedIn = mod) =>
    request(t.app)
      .get("/api/moderation/queue")
      .query(params)
      .set("Cookie", who.cookie)
      .expect(200)
      .then((r) => r.body);
  const act = (id: string, body: object, who: SignedIn = mod) =>
    request(t.app)
      .post(`/api/moderation/comments/${id}/actions`)
      .set("Cookie", who.cookie)
      .set("X-CSRF-Token", who.csrfToken)
      .send(body);
  const row = (id: string) => t.deps.db.comment.findUniqueOrThrow({ where: { id } });
  const threadCount = async (slug = NEWS_SLUG) =>
    (await t.deps.db.thread.findUniqueOrThrow({ where: { id: threads[slug]! } })).publishedCount;
  const audits = (commentId: string) =>
    t.deps.db.moderationAction.findMany({ where: { commentId }, orderBy: { createdAt: "asc" } });

  it("lists a pending comment with everything a moderator needs to decide", async () => {
    const parent = await post("The parent comment, which says quite a lot about the subject at hand.", {
      slug: PETE_SLUG,
    });
    await act(parent.id, { action: "approve", revision: 1 }).expect(200);
    const c = await post("A reply citing [A].\n\n[A] https://example.org/source", {
      slug: PETE_SLUG,
      name: "Quinn",
      email: "Quinn@Example.org",
      parentId: parent.id,
    });
    const page = await queue({ queue: "pending", q: "citing" });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: c.id,
      revision: 1,
      status: "pending",
      authorName: "Quinn",
      authorEmail: "quinn@example.org",
      authorUrl: null,
      ipHash: expect.stringMatching(/^[0-9a-f]{8}$/),
      bodySource: expect.stringContaining("citing [A]"),
      bodyHtml: expect.stringContaining("<p>"),
      flags: [],
      reportCount: 0,
      reports: [],
      editedAt: null,
      thread: { id: threads[PETE_SLUG], title: expect.any(String), url: `/articles/${PETE_SLUG}` },
      article: { slug: PETE_SLUG, title: expect.stringContaining("Israel") },
      parent: {
        id: parent.id,
        authorName: expect.stringMatching(/^Reader/),
        excerpt: expect.stringMatching(/^The parent comment/),
      },
      authorHistory: { published: 0, rejected: 0, spam: 0, total: 1, firstComment: true },
      links: [
        {
          url: "https://example.org/source",
          label: "A",
          state: "unchecked",
          httpStatus: null,
          title: null,
          finalUrl: null,
          redirectChain: [],
        },
      ],
    });
    expect(page.counts).toMatchObject({ pending: expect.any(Number), held: 0, reported: 0, all: expect.any(Number) });
  });

  it("marks a first comment only when the author has no other published comment", async () => {
    const email = "regular@example.org";
    const approved = await post("An approved comment from a regular.", { name: "Regular", email });
    await act(approved.id, { action: "approve", revision: 1 }).expect(200);
    const later = await post("A second comment from the regular, approved and then reported.", {
      name: "Regular",
      email,
    });
    await act(later.id, { action: "approve", revision: 1 }).expect(200);
    await request(t.app)
      .post(`/api/comments/${later.id}/reports`)
      .set("X-Forwarded-For", "10.77.0.1")
      .send({ reason: "spam" })
      .expect(201);
    const reported = (await queue({ queue: "reported", q: "approved and then reported" })).items;
    expect(reported).toHaveLength(1);
    expect(reported[0].authorHistory).toMatchObject({ published: 2, firstComment: false });

    const lone = await post("A lone comment, approved and then reported.", { name: "Lone", email: "lone@example.org" });
    await act(lone.id, { action: "approve", revision: 1 }).expect(200);
    await request(t.app)
      .post(`/api/comments/${lone.id}/reports`)
      .set("X-Forwarded-For", "10.77.0.2")
      .send({ reason: "spam" })
      .expect(201);
    expect((await queue({ queue: "reported", q: "lone comment" })).items[0].authorHistory).toMatchObject({
      published: 1,
      firstComment: true,
    });

    const fresh = await post("A brand-new author's pending comment.", {
      name: "Newcomer",
      email: "newcomer@example.org",
    });
    const pending = (await queue({ queue: "pending", q: "brand-new author" })).items;
    expect(pending.map((i: { id: string }) => i.id)).toEqual([fresh.id]);
    expect(pending[0].authorHistory).toMatchObject({ published: 0, total: 1, firstComment: true });

    const regularAgain = await post("The regular writes a third time, pending.", { name: "Regular", email });
    expect((await queue({ queue: "pending", q: "third time" })).items[0].authorHistory).toMatchObject({
      published: 2,
      total: 3,
      firstComment: false,
    });
    await act(regularAgain.id, { action: "reject", revision: 1 }).expect(200); // leave the pending queue as it was
  });

  it("filters by article and searches text, name and email case-insensitively", async () => {
    const a = await post("Zebra crossing thoughts", { name: "Ursula Umber", email: "uu@example.org" });
    const b = await post("Nothing to see", { slug: PETE_SLUG, name: "Vic", email: "zebra-fan@example.org" });
    const ids = async (p: Record<string, string>) =>
      (await queue({ queue: "pending", ...p })).items.map((i: { id: string }) => i.id);
    expect(await ids({ q: "ZEBRA" })).toEqual([a.id, b.id]);
    expect(await ids({ q: "zebra", article: NEWS_SLUG })).toEqual([a.id]);
    expect(await ids({ q: "ursula umber" })).toEqual([a.id]);
    expect(await ids({ q: "Zebra-Fan@" })).toEqual([b.id]);
    expect(await ids({ q: "zebra", sort: "newest" })).toEqual([b.id, a.id]);
  });

  it("pages with a stable cursor: no repeats, no gaps, even when comments arrive between pages", async () => {
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push((await post(`paging item ${i}`)).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queue({ queue: "pending", q: "paging item", limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor ?? undefined;
      if (pages++ === 0) mine.push((await post("paging item late")).id);
    } while (cursor);
    expect(seen).toEqual(mine);
    const bad = await request(t.app).get("/api/moderation/queue?cursor=garbage").set("Cookie", mod.cookie).expect(422);
    expect(bad.body.error.field).toBe("cursor");
    await request(t.app).get("/api/moderation/queue?queue=nope").set("Cookie", mod.cookie).expect(422);
    await request(t.app).get("/api/moderation/queue?limit=101").set("Cookie", mod.cookie).expect(422);
  });

  it("approve: published, counted, audited in one go, announced after the commit", async () => {
    const c = await post("approve me");
    const before = await threadCount();
    const res = await act(c.id, { action: "approve", revision: 1, reason: "fine" }).expect(200);
    expect(res.body.comment).toEqual({ id: c.id, status: "published", revision: 2 });
    expect(res.body.counts).toMatchObject({ pending: expect.any(Number) });
    expect(await threadCount()).toBe(before + 1);
    expect((await row(c.id)).publishedAt).toBeInstanceOf(Date);
    expect(await audits(c.id)).toMatchObject([
      {
        action: "approve",
        moderatorId: mod.id,
        fromStatus: "pending",
        toStatus: "published",
        reason: "fine",
        revision: 1,
      },
    ]);
    expect(events).toContainEqual({
      type: "comment:status-changed",
      commentId: c.id,
      from: "pending",
      to: "published",
      action: "approve",
      by: { id: mod.id, name: "Mia" },
      reason: "fine",
    });
    const list = await request(t.app).get(`/api/threads/${threads[NEWS_SLUG]}/comments`).expect(200);
    expect(list.body.comments.map((x: { id: string }) => x.id)).toContain(c.id);
  });

  it("refuses a decision on a stale revision or a status someone else changed (409), and nonsense (422)", async () => {
    const c = await post("stale me");
    await t.deps.db.comment.update({ where: { id: c.id }, data: { revision: 2 } }); // the author edited it
    expect((await act(c.id, { action: "approve", revision: 1 }).expect(409)).body.error.code).toBe("CONFLICT");
    expect((await row(c.id)).status).toBe("pending");
    expect((await act(c.id, { action: "reject", revision: 2 }).expect(200)).body.comment.revision).toBe(3);
    await act(c.id, { action: "approve", revision: 2 }).expect(409); // decided on before the rejection
    await act(c.id, { action: "approve", revision: 3, status: "pending" }).expect(409); // the console showed another status
    expect((await act(c.id, { action: "reject", revision: 3 }).expect(422)).body.error.code).toBe("ACTION_NOT_ALLOWED");
    await act("no-such-comment", { action: "approve", revision: 1 }).expect(404);
    expect((await act(c.id, { action: "promote", revision: 2 }).expect(422)).body.error.field).toBe("action");
    expect((await act(c.id, { action: "approve" }).expect(422)).body.error.field).toBe("revision");
    expect(await audits(c.id)).toHaveLength(1);
  });

  it("two moderators deciding on the same view: one wins, the other gets 409, one audit row", async () => {
    const c = await post("race me");
    const before = await threadCount();
    const [a, b] = await Promise.all([
      act(c.id, { action: "approve", revision: 1 }, mod),
      act(c.id, { action: "reject", revision: 1 }, mod2),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a.body.comment.status : b.body.comment.status;
    expect((await row(c.id)).status).toBe(winner);
    expect(await audits(c.id)).toHaveLength(1);
    expect(await threadCount()).toBe(before + (winner === "published" ? 1 : 0));
  });

  it("writes no status without its audit row: a failing audit insert rolls the decision back", async () => {
    const c = await post("atomic me");
    const before = await threadCount();
    const failingAudit = new Proxy(t.deps.db, {
      get(db, key) {
        if (key !== "$transaction") return Reflect.get(db, key);
        return (fn: (tx: unknown) => Promise<unknown>) =>
          db.$transaction((tx) =>
            fn(
              new Proxy(tx, {
                get: (inner, k) =>
                  k === "moderationAction"
                    ? {
                        create: async () => {
                          throw new Error("disk full");
                        },
                      }
                    : Reflect.get(inner, k),
              }),
            ),
          );
      },
    });
    const deps: Deps = { ...t.deps, db: failingAudit };
    await expect(
      decideComment(deps, { commentId: c.id, action: "approve", revision: 1, moderator: { id: mod.id, name: "Mia" } }),
    ).rejects.toThrow("disk full");
    expect(await row(c.id)).toMatchObject({ status: "pending", publishedAt: null });
    expect(await threadCount()).toBe(before);
    expect(await audits(c.id)).toHaveLength(0);
    expect(events.filter((e) => e.type === "comment:status-changed")).toHaveLength(0);
  });

  it("delete and restore return a comment to where it was, keeping the count right", async () => {
    const c = await post("delete me");
    await act(c.id, { action: "approve", revision: 1 }).expect(200);
    const published = await threadCount();
    await act(c.id, { action: "delete", revision: 2 }).expect(200);
    expect(await threadCount()).toBe(published - 1);
    const restored = await act(c.id, { action: "restore", revision: 3 }).expect(200);
    expect(restored.body.comment).toEqual({ id: c.id, status: "published", revision: 4 });
    expect(await threadCount()).toBe(published);
    await act(c.id, { action: "spam", revision: 4 }).expect(200);
    await act(c.id, { action: "restore", revision: 5 }).expect(200);
    expect((await row(c.id)).status).toBe("published");
    expect((await audits(c.id)).map((a) => `${a.action}:${a.fromStatus}>${a.toStatus}`)).toEqual([
      "approve:pending>published",
      "delete:published>deleted",
      "restore:deleted>published",
      "spam:published>spam",
      "restore:spam>published",
    ]);
  });

  it("ban-author rejects the comment and bans the email and address, and the author cannot post again", async () => {
    const c = await post("buy my stuff", { name: "Spammer", email: "spammer@example.org" });
    const res = await act(c.id, { action: "ban-author", revision: 1, reason: "spam run" }).expect(200);
    expect(res.body.comment.status).toBe("rejected");
    const bans = await t.deps.db.ban.findMany({ where: { moderatorId: mod.id } });
    expect(bans.map((b) => b.kind).sort()).toEqual(["email", "ip"]);
    expect(bans.every((b) => b.reason === "spam run")).toBe(true);
    const again = await request(t.app)
      .post(`/api/threads/${threads[NEWS_SLUG]}/comments`)
      .send({ authorName: "Spammer", authorEmail: "spammer@example.org", body: "again" })
      .expect(403);
    expect(again.body.error.code).toBe("BANNED");
    await t.deps.db.ban.deleteMany({}); // everyone in this suite posts from 127.0.0.1
  });

  it("bulk: decides each item on its own revision and reports each result", async () => {
    const a = await post("bulk a");
    const b = await post("bulk b");
    const res = await request(t.app)
      .post("/api/moderation/actions/bulk")
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send({
        action: "spam",
        items: [
          { id: a.id, revision: 1 },
          { id: b.id, revision: 7 },
          { id: "missing", revision: 1 },
        ],
      })
      .expect(200);
    expect(res.body.results).toEqual([
      { id: a.id, ok: true, status: "spam" },
      { id: b.id, ok: false, error: { code: "CONFLICT", message: expect.any(String) } },
      { id: "missing", ok: false, error: { code: "COMMENT_NOT_FOUND", message: expect.any(String) } },
    ]);
    expect(res.body.counts.spam).toBeGreaterThanOrEqual(1);
    expect((await row(b.id)).status).toBe("pending");
    // Every decision bumps the revision: the same bulk from a stale view is refused item by item.
    const again = await request(t.app)
      .post("/api/moderation/actions/bulk")
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send({ action: "reject", items: [{ id: a.id, revision: 1 }] })
      .expect(200);
    expect(again.body.results[0]).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ id: `c${i}`, revision: 1 }));
    await request(t.app)
      .post("/api/moderation/actions/bulk")
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send({ action: "spam", items: tooMany })
      .expect(422);
    await request(t.app)
      .post("/api/moderation/actions/bulk")
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send({ action: "spam", items: [] })
      .expect(422);
  });

  it("counts match the queues, and the audit log pages newest first", async () => {
    const counts = (await request(t.app).get("/api/moderation/counts").set("Cookie", mod.cookie).expect(200)).body;
    for (const q of ["pending", "held", "reported", "rejected", "spam", "all"] as const) {
      let total = 0;
      let cursor: string | undefined;
      do {
        const page = await queue({ queue: q, limit: 100, ...(cursor ? { cursor } : {}) });
        total += page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(total, q).toBe(counts[q]);
    }
    const first = (await request(t.app).get("/api/moderation/audit?limit=3").set("Cookie", mod.cookie).expect(200))
      .body;
    expect(first.items).toHaveLength(3);
    expect(first.items[0]).toMatchObject({
      moderator: { id: expect.any(String), name: expect.any(String) },
      action: expect.any(String),
      createdAt: expect.any(String),
    });
    const second = (
      await request(t.app)
        .get(`/api/moderation/audit?limit=3&cursor=${first.nextCursor}`)
        .set("Cookie", mod.cookie)
        .expect(200)
    ).body;
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((i: { id: string }) => i.id)).size).toBe(6);
    const times = all.map((i: { createdAt: string }) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
