// Reader reports, the author's own edits and deletes, and the author seeing their own pending
// comment, through the real API and database (SQLite and PostgreSQL).
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeClock } from "../support/fake-clock.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";
import { exportParley } from "../../src/import/export-parley.ts";
import { exportReaderData } from "../../src/privacy/reader-data.ts";

const OPEN = "israel-secret-service-pressure-on-kaspersky"; // post-moderated
const PREMOD = "israel-behind-discovery-of-kaspersky-spy-links"; // pre-moderated (article override)

describe.each(testProviders())("reader reports and author edits on %s", (provider) => {
  let t: TestApp;
  let mod: SignedIn;
  let threads: Record<string, string>;
  let n = 0;
  let ip: string;
  const clock = fakeClock(new Date("2030-03-01T10:00:00Z"));

  beforeAll(async () => {
    t = await createTestApp(
      provider,
      { TRUST_PROXY_HOPS: "1", RATE_LIMIT_REPORTS_PER_MIN: "5" },
      { clock },
      {
        siteSettings: {
          mode: "post-moderate",
          floodSeconds: 0,
          duplicateWindowMinutes: 0,
          suspectWords: ["bitcoin"],
          reportThreshold: 3,
          editWindowMinutes: 10,
        },
      },
    );
    await t.deps.db.article.update({ where: { slug: PREMOD }, data: { settings: { mode: "pre-moderate-all" } } });
    mod = await signInAs(t, "moderator");
    const articles = (await request(t.app).get("/api/articles")).body as { slug: string; threadId: string }[];
    threads = Object.fromEntries(articles.map((a) => [a.slug, a.threadId]));
  });
  afterAll(async () => t?.close());
  beforeEach(() => {
    ip = `10.50.${++n}.1`;
    clock.advance(60_000);
  });

  const post = async (body: string, slug = OPEN, parentId?: string) => {
    const res = await request(t.app)
      .post(`/api/threads/${threads[slug]}/comments`)
      .set("X-Forwarded-For", ip)
      .send({ authorName: `Author ${n}`, authorEmail: `author${n}@example.org`, body, parentId });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as { comment: { id: string; status: string }; editToken: string };
  };
  const report = (id: string, reader: string, from = ip, body: object = { reason: "abuse" }) =>
    request(t.app)
      .post(`/api/comments/${id}/reports`)
      .set("X-Forwarded-For", from)
      .set("Cookie", `parley_reader=${reader}`)
      .send(body);
  const patch = (id: string, body: object) =>
    request(t.app).patch(`/api/comments/${id}`).set("X-Forwarded-For", ip).send(body);
  const del = (id: string, body: object) =>
    request(t.app).delete(`/api/comments/${id}`).set("X-Forwarded-For", ip).send(body);
  const row = (id: string) => t.deps.db.comment.findUniqueOrThrow({ where: { id } });
  const count = async (slug = OPEN) =>
    (await t.deps.db.thread.findUniqueOrThrow({ where: { id: threads[slug]! } })).publishedCount;
  const listing = (slug = OPEN, tokens?: string) => {
    const r = request(t.app).get(`/api/threads/${threads[slug]}/comments`);
    return (tokens ? r.set("X-Parley-Edit-Tokens", tokens) : r)
      .expect(200)
      .then((res) => res.body.comments as { id: string; status: string; own?: boolean }[]);
  };

  describe("reports", () => {
    it("takes one report per reader; the threshold holds the comment with a system audit row", async () => {
      const { comment } = await post("A contested opinion.");
      const before = await count();
      await report(comment.id, "reader-token-aaaaaaaa", "10.60.0.1").expect(201);
      const again = await report(comment.id, "reader-token-aaaaaaaa", "10.60.0.1", { reason: "spam" }).expect(409);
      expect(again.body.error.code).toBe("ALREADY_REPORTED");
      await report(comment.id, "reader-token-bbbbbbbb", "10.60.0.1").expect(201); // another browser behind the same address
      // ... is heard, but one address counts once toward the threshold.
      expect(await row(comment.id)).toMatchObject({ status: "published", reportCount: 1 });
      await report(comment.id, "reader-token-bbbbbbb2", "10.60.0.9").expect(201);
      const reported = await request(t.app)
        .get("/api/moderation/queue?queue=reported")
        .set("Cookie", mod.cookie)
        .expect(200);
      const item = reported.body.items.find((i: { id: string }) => i.id === comment.id);
      expect(item.reports).toHaveLength(3);

      await report(comment.id, "reader-token-cccccccc", "10.60.0.2", { reason: "off-topic", note: "derails" }).expect(
        201,
      );
      expect(await row(comment.id)).toMatchObject({
        status: "held",
        reportCount: 3,
        flags: [{ code: "reported", detail: "3 reader reports" }],
      });
      expect(await count()).toBe(before - 1);
      expect((await listing()).map((c) => c.id)).not.toContain(comment.id);
      const audit = await t.deps.db.moderationAction.findMany({ where: { commentId: comment.id } });
      expect(audit).toMatchObject([
        {
          action: "report-threshold",
          moderatorId: null,
          fromStatus: "published",
          toStatus: "held",
          reason: "3 reader reports",
        },
      ]);
      await report(comment.id, "reader-token-dddddddd", "10.60.0.3").expect(404); // no longer public

      // A moderator disagrees: approving publishes it again and settles the reports.
      const { revision } = await row(comment.id);
      await request(t.app)
        .post(`/api/moderation/comments/${comment.id}/actions`)
        .set("Cookie", mod.cookie)
        .set("X-CSRF-Token", mod.csrfToken)
        .send({ action: "approve", revision })
        .expect(200);
      expect(await row(comment.id)).toMatchObject({ status: "published", reportCount: 0, flags: [] });
      expect(await t.deps.db.report.count({ where: { commentId: comment.id, resolvedAt: null } })).toBe(0);
      expect(await count()).toBe(before);
    });

    it("refuses bad reasons and unknown comments, and rate-limits a reporting spree per address", async () => {
      const { comment } = await post("Something to report.");
      expect(
        (await report(comment.id, "reader-token-eeeeeeee", "10.61.0.1", { reason: "dislike" }).expect(422)).body.error
          .field,
      ).toBe("reason");
      await report("no-such-comment", "reader-token-eeeeeeee", "10.61.0.1").expect(404);
      const targets = [];
      for (let i = 0; i < 4; i++) targets.push((await post(`spree target ${i}`)).comment.id);
      for (const id of targets.slice(0, 3)) await report(id, "reader-token-ffffffff", "10.61.0.1").expect(201);
      const limited = await report(targets[3]!, "reader-token-ffffffff", "10.61.0.1").expect(429);
      expect(limited.body.error.code).toBe("RATE_LIMITED");
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    });

    it("cannot be tipped by one address: cookieless repeats, fresh cookies and one IPv6 /64 count once", async () => {
      const { comment } = await post("A comment someone wants gone.");
      const bare = (from: string) =>
        request(t.app)
          .post(`/api/comments/${comment.id}/reports`)
          .set("X-Forwarded-For", from)
          .send({ reason: "spam" });
      await bare("10.63.0.1").expect(201);
      for (let i = 0; i < 2; i++)
        expect((await bare("10.63.0.1").expect(409)).body.error.code).toBe("ALREADY_REPORTED");
      for (let i = 0; i < 2; i++) await report(comment.id, `minted-cookie-${i}-aaaaaaaaaa`, "10.63.0.1").expect(201);
      await bare("2001:db8:63:1::1").expect(201);
      for (let i = 2; i <= 3; i++) await bare(`2001:db8:63:1::${i}`).expect(409); // same /64, same reporter
      expect(await row(comment.id)).toMatchObject({ status: "published", reportCount: 2 });
      await bare("10.63.0.2").expect(201); // a third address: the threshold
      expect(await row(comment.id)).toMatchObject({ status: "held", reportCount: 3 });
    });

    it("gives a reader without a token a reader cookie", async () => {
      const { comment } = await post("Cookie check.");
      const res = await request(t.app)
        .post(`/api/comments/${comment.id}/reports`)
        .set("X-Forwarded-For", "10.62.0.1")
        .send({ reason: "spam" })
        .expect(201);
      expect(String(res.headers["set-cookie"]?.[0])).toMatch(/^parley_reader=[\w-]{20,};.*HttpOnly/);
    });
  });

  describe("author edits and deletes", () => {
    // A post writes no revision row (its text is revision 1 until the first edit: store/revisions.ts);
    // every reader of the history (the Parley export, a reader's data) shows what it showed when every
    // post wrote its revision 1, for a new comment and for one stored that way before.
    it.each(["posted now", "posted with a revision 1 row (before)"])(
      "keeps the history after two edits as it was: %s",
      async (how) => {
        const texts = ["History one.", "History *two*.", "History **three**."];
        const { comment, editToken } = await post(texts[0]!);
        const versions = [await row(comment.id)];
        if (how !== "posted now")
          await t.deps.db.commentRevision.create({
            data: {
              commentId: comment.id,
              revision: 1,
              bodySource: versions[0]!.bodySource,
              bodyHtml: versions[0]!.bodyHtml,
              createdAt: versions[0]!.createdAt,
            },
          });
        const exported = async () => {
          let line: { revisions: unknown } | undefined;
          for await (const l of exportParley(t.deps, "default")) if (l.includes(comment.id)) line ??= JSON.parse(l);
          const mine = (await exportReaderData(t.deps, versions[0]!.authorEmail)).comments;
          return { parley: line?.revisions, reader: mine.find((c) => c.id === comment.id)?.revisions };
        };
        const iso = (d: Date) => d.toISOString();
        expect(await exported()).toEqual({
          parley: [
            {
              revision: 1,
              bodySource: texts[0],
              bodyHtml: versions[0]!.bodyHtml,
              createdAt: iso(versions[0]!.createdAt),
            },
          ],
          reader: [{ revision: 1, bodySource: texts[0], createdAt: iso(versions[0]!.createdAt) }],
        });
        for (const body of texts.slice(1)) {
          clock.advance(60_000);
          await patch(comment.id, { editToken, body }).expect(200);
          versions.push(await row(comment.id));
        }
        // As every post used to write them: revision 1 as posted, then one row per edit at the new revision.
        expect(await exported()).toEqual({
          parley: versions.map((v, i) => ({
            revision: i + 1,
            bodySource: texts[i],
            bodyHtml: v.bodyHtml,
            createdAt: iso(i ? v.editedAt! : v.createdAt),
          })),
          reader: versions.map((v, i) => ({
            revision: i + 1,
            bodySource: texts[i],
            createdAt: iso(i ? v.editedAt! : v.createdAt),
          })),
        });
        expect(await t.deps.db.commentRevision.count({ where: { commentId: comment.id } })).toBe(3);
      },
    );

    it("edits within the window: a new revision, re-moderated, with its links", async () => {
      const { comment, editToken } = await post("First thoughts, see https://a.example");
      clock.advance(5 * 60_000);
      const res = await patch(comment.id, { editToken, body: "Second thoughts, see https://b.example" }).expect(200);
      expect(res.body.comment).toMatchObject({
        id: comment.id,
        status: "published",
        own: true,
        bodySource: "Second thoughts, see https://b.example",
        editedAt: clock.now().toISOString(),
      });
      const stored = await t.deps.db.comment.findUniqueOrThrow({
        where: { id: comment.id },
        include: { revisions: { orderBy: { revision: "asc" } }, links: true },
      });
      expect(stored.revision).toBe(2);
      expect(stored.revisions.map((r) => r.bodySource)).toEqual([
        "First thoughts, see https://a.example",
        "Second thoughts, see https://b.example",
      ]);
      expect(stored.links.map((l) => l.url)).toEqual(["https://b.example/"]); // normalized, as the link cache keys it
      expect(stored.bodyHtml).toContain('href="https://b.example"');
    });

    it("an edit that trips a rule is held again, counted out, and audited", async () => {
      const { comment, editToken } = await post("Plain comment.");
      const before = await count();
      const res = await patch(comment.id, { editToken, body: "Now about bitcoin." }).expect(202);
      expect(res.body.comment.status).toBe("held");
      expect(await row(comment.id)).toMatchObject({
        status: "held",
        flags: [{ code: "suspect-word", detail: "bitcoin" }],
      });
      expect(await count()).toBe(before - 1);
      expect(await t.deps.db.moderationAction.findMany({ where: { commentId: comment.id } })).toMatchObject([
        { action: "edit", moderatorId: null, fromStatus: "published", toStatus: "held", revision: 2 },
      ]);
      // A moderator who loaded revision 1 is refused.
      await request(t.app)
        .post(`/api/moderation/comments/${comment.id}/actions`)
        .set("Cookie", mod.cookie)
        .set("X-CSRF-Token", mod.csrfToken)
        .send({ action: "approve", revision: 1 })
        .expect(409);
    });

    it("refuses a wrong token, a closed window, a reply below, and a refused text — changing nothing", async () => {
      const { comment, editToken } = await post("Original.");
      expect((await patch(comment.id, { editToken: "x".repeat(32), body: "hijack" }).expect(403)).body.error.code).toBe(
        "BAD_EDIT_TOKEN",
      );
      expect((await del(comment.id, { editToken: "x".repeat(32) }).expect(403)).body.error.code).toBe("BAD_EDIT_TOKEN");
      expect((await patch(comment.id, { editToken, body: "x" }).expect(422)).body.error.field).toBe("body"); // too short for the pipeline
      await patch(comment.id, { editToken }).expect(422);

      const replied = await post("Will get a reply.");
      await post("A reply.", OPEN, replied.comment.id);
      expect(
        (await patch(replied.comment.id, { editToken: replied.editToken, body: "changed" }).expect(403)).body.error
          .code,
      ).toBe("HAS_REPLIES");

      clock.advance(10 * 60_000 + 1);
      expect((await patch(comment.id, { editToken, body: "too late" }).expect(403)).body.error.code).toBe(
        "EDIT_WINDOW_CLOSED",
      );
      expect((await del(comment.id, { editToken }).expect(403)).body.error.code).toBe("EDIT_WINDOW_CLOSED");
      expect(await row(comment.id)).toMatchObject({ bodySource: "Original.", revision: 1, status: "published" });
      await patch("no-such-comment", { editToken, body: "x y" }).expect(404);
    });

    it("deletes: status deleted, counted out, audited; afterwards it is gone for the author too", async () => {
      const { comment, editToken } = await post("Regret this.");
      const before = await count();
      const res = await del(comment.id, { editToken }).expect(200);
      expect(res.body).toEqual({ comment: { id: comment.id, status: "deleted" } });
      expect(await count()).toBe(before - 1);
      expect(await t.deps.db.moderationAction.findMany({ where: { commentId: comment.id } })).toMatchObject([
        { action: "author-delete", moderatorId: null, fromStatus: "published", toStatus: "deleted" },
      ]);
      await patch(comment.id, { editToken, body: "back?" }).expect(404);
      expect((await listing(OPEN, editToken)).map((c) => c.id)).not.toContain(comment.id);
    });

    it("shows the delete in the audit log as the author's, not the system's", async () => {
      const { comment, editToken } = await post("Regret this too.");
      await del(comment.id, { editToken }).expect(200);
      const res = await request(t.app)
        .get(`/api/moderation/audit?comment=${comment.id}`)
        .set("Cookie", mod.cookie)
        .expect(200);
      expect(res.body.items).toMatchObject([
        { action: "author-delete", moderator: null, actor: { kind: "author", name: `Author ${n}` } },
      ]);
    });
  });

  describe("the author's own pending comment", () => {
    it("is listed for the holder of its edit token only, with its real status", async () => {
      const { comment, editToken } = await post("Awaiting a moderator.", PREMOD);
      expect(comment.status).toBe("pending");
      expect((await listing(PREMOD)).map((c) => c.id)).not.toContain(comment.id);
      const mine = (await listing(PREMOD, `someone-elses-token-123456,${editToken}`)).find((c) => c.id === comment.id);
      expect(mine).toMatchObject({
        status: "pending",
        own: true,
        bodySource: "Awaiting a moderator.",
        editableUntil: expect.any(String),
      });
      expect((await listing(PREMOD, "someone-elses-token-123456")).map((c) => c.id)).not.toContain(comment.id);
      const res = await request(t.app)
        .get(`/api/threads/${threads[PREMOD]}/comments`)
        .set("X-Parley-Edit-Tokens", editToken)
        .expect(200);
      expect(res.headers["cache-control"]).toBe("private, no-store");
      // It can be edited while it waits, and stays pending.
      expect((await patch(comment.id, { editToken, body: "Awaiting, edited." }).expect(202)).body.comment.status).toBe(
        "pending",
      );
    });

    it("shows on the article page to its author (cookie), marked as awaiting moderation, and to nobody else", async () => {
      const { comment, editToken } = await post("Page-visible only to me.", PREMOD);
      const mine = await request(t.app)
        .get(`/articles/${PREMOD}`)
        .set("Cookie", `parley_edit_tokens=${encodeURIComponent(`${editToken}`)}`)
        .expect(200);
      expect(mine.text).toContain(`id="comment-${comment.id}"`);
      expect(mine.text).toContain("Your comment is awaiting moderation.");
      expect(mine.text).toContain('data-own="1"');
      const theirs = await request(t.app).get(`/articles/${PREMOD}`).expect(200);
      expect(theirs.text).not.toContain(`comment-${comment.id}`);
      expect(theirs.text).not.toContain("Page-visible only to me.");
    });

    it("without JavaScript: the form sets the token cookie, so the reloaded page shows the pending comment", async () => {
      const res = await request(t.app)
        .post(`/articles/${PREMOD}/comments`)
        .set("X-Forwarded-For", ip)
        .type("form")
        .send({ authorName: "No Script", authorEmail: "noscript@example.org", body: "Posted without JavaScript." })
        .expect(303);
      const cookie = (res.headers["set-cookie"] as unknown as string[]).find((c) =>
        c.startsWith("parley_edit_tokens="),
      )!;
      expect(cookie).not.toMatch(/HttpOnly/);
      const page = await request(t.app).get(res.headers.location!).set("Cookie", cookie.split(";")[0]!).expect(200);
      expect(page.text).toContain("Posted without JavaScript.");
      expect(page.text).toContain("Your comment is awaiting moderation.");
    });
  });
});
