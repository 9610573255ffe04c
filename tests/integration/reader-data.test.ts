// A reader's data, end to end over HTTP: ask by email, follow the mailed link, download JSON and HTML,
// then anonymise or delete; an admin does the same for an address with an audit row; old IP hashes go.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearOldIpHashes } from "../../src/privacy/ip-hash-retention.ts";
import { signInAs } from "../support/moderators.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("a reader's data on %s", (provider) => {
  let t: TestApp;
  let threadId: string;
  beforeAll(async () => {
    t = await createTestApp(provider, { MAIL_WORKER_ENABLED: "false" });
    threadId = (await t.deps.db.thread.findFirstOrThrow({ where: { articleId: { not: null } } })).id;
  });
  afterAll(async () => t?.close());

  const post = (authorEmail: string, body: string, parentId?: string) =>
    request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ authorName: "Robin", authorEmail, authorUrl: "https://robin.example", body, parentId })
      .expect(201);

  async function mailedLink(to: string): Promise<string> {
    await t.deps.mailer.runOnce();
    const mail = await t.deps.db.mailOutbox.findFirstOrThrow({
      where: { kind: "your-data", toAddress: to },
      orderBy: { createdAt: "desc" },
    });
    const url = /https?:\/\/\S+\/your-data\/view\?t=\S+/.exec(mail.textBody ?? "")?.[0];
    expect(url).toBeTruthy();
    return new URL(url!).pathname + new URL(url!).search;
  }

  it("mails a link to what is stored; the page, JSON and HTML show it; anonymise keeps the comments", async () => {
    const mine = await post("robin@example.com", "My first thought.");
    const reply = await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({
        authorName: "Sam",
        authorEmail: "sam@example.com",
        body: "A reply to Robin.",
        parentId: mine.body.comment.id,
      })
      .expect(201);
    const home = await request(t.app).get("/").expect(200);
    expect(home.text).toContain('<a href="/your-data">Your data</a>');

    const asked = await request(t.app)
      .post("/your-data")
      .type("form")
      .send({ email: " Robin@Example.com " })
      .expect(200);
    expect(asked.text).toContain("Check your mailbox");
    // Unknown addresses get the same answer (nothing is revealed); a bad one is refused.
    await request(t.app).post("/your-data").type("form").send({ email: "nobody@example.com" }).expect(200);
    await request(t.app).post("/your-data").type("form").send({ email: "not an address" }).expect(422);

    const link = await mailedLink("robin@example.com");
    const view = await request(t.app).get(link).expect(200);
    expect(view.text).toContain("robin@example.com");
    expect(view.text).toContain("My first thought.");
    const token = new URLSearchParams(link.split("?")[1]).get("t")!;
    const json = await request(t.app).get("/your-data/export.json").query({ t: token }).expect(200);
    expect(json.headers["content-disposition"]).toContain("attachment");
    expect(json.body.comments).toEqual([
      expect.objectContaining({
        authorEmail: "robin@example.com",
        text: "My first thought.",
        ipHash: expect.any(String),
      }),
    ]);
    const page = await request(t.app).get("/your-data/export.html").query({ t: token }).expect(200);
    expect(page.text).toContain("My first thought.");
    await request(t.app)
      .get("/your-data/view")
      .query({ t: token + "x" })
      .expect(403);

    const done = await request(t.app)
      .post("/your-data/erase")
      .type("form")
      .send({ t: token, mode: "anonymise" })
      .expect(200);
    expect(done.text).toContain("Your comments are anonymised");
    const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id: mine.body.comment.id } });
    expect(row).toMatchObject({
      authorName: "Deleted reader",
      authorEmail: "",
      authorUrl: null,
      ipHash: "",
      status: "published",
      bodySource: "My first thought.",
    });
    const audit = await t.deps.db.moderationAction.findMany({
      where: { commentId: row.id, action: "erase-anonymise" },
    });
    expect(audit).toHaveLength(1);
    const listing = await request(t.app).get(`/api/threads/${threadId}/comments`).expect(200);
    expect(listing.body.comments.find((c: { id: string }) => c.id === row.id).authorName).toBe("Deleted reader");
    expect(listing.body.comments.find((c: { id: string }) => c.id === reply.body.comment.id)).toBeTruthy();
  });

  it("deletes a reader's comments, keeping replies under a placeholder, with exact counts", async () => {
    const mine = await post("kim@example.com", "To be deleted.");
    await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({
        authorName: "Lee",
        authorEmail: "lee@example.com",
        body: "Reply that stays.",
        parentId: mine.body.comment.id,
      })
      .expect(201);
    await request(t.app).post("/your-data").type("form").send({ email: "kim@example.com" }).expect(200);
    const token = new URLSearchParams((await mailedLink("kim@example.com")).split("?")[1]).get("t")!;
    await request(t.app).post("/your-data/erase").type("form").send({ t: token, mode: "delete" }).expect(200);
    const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id: mine.body.comment.id } });
    expect(row).toMatchObject({ status: "deleted", bodySource: "", authorEmail: "" });
    const listing = await request(t.app).get(`/api/threads/${threadId}/comments`).expect(200);
    const placeholder = listing.body.comments.find((c: { id: string }) => c.id === row.id);
    expect(placeholder).toMatchObject({ status: "removed", bodyHtml: "", authorName: "" });
    expect(JSON.stringify(listing.body)).not.toContain("To be deleted.");
    expect(listing.body.comments.some((c: { bodyHtml?: string }) => c.bodyHtml?.includes("Reply that stays."))).toBe(
      true,
    );
    const thread = await t.deps.db.thread.findUniqueOrThrow({ where: { id: threadId } });
    expect(thread.publishedCount).toBe(await t.deps.db.comment.count({ where: { threadId, status: "published" } }));
  });

  it("lets an admin export and erase an address, with the admin on the audit row", async () => {
    const admin = await signInAs(t, "admin");
    const mine = await post("ana@example.com", "Admin will erase this.");
    const exp = await request(t.app)
      .get("/api/admin/readers/export")
      .query({ email: "ana@example.com" })
      .set("Cookie", admin.cookie)
      .expect(200);
    expect(exp.body.comments).toHaveLength(1);
    const res = await request(t.app)
      .post("/api/admin/readers/erase")
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send({ email: "ana@example.com", mode: "delete" })
      .expect(200);
    expect(res.body).toEqual({ comments: 1 });
    const audit = await t.deps.db.moderationAction.findFirstOrThrow({
      where: { commentId: mine.body.comment.id, action: "erase-delete" },
    });
    expect(audit).toMatchObject({ moderatorId: admin.id, fromStatus: "published", toStatus: "deleted" });
  });

  it("clears IP hashes older than IP_HASH_RETENTION_DAYS", async () => {
    const fresh = await post("ip@example.com", "Fresh comment.");
    const old = await post("ip@example.com", "Old comment here.");
    await t.deps.db.comment.update({
      where: { id: old.body.comment.id },
      data: { createdAt: new Date(Date.now() - 91 * 86_400_000) },
    });
    expect(await clearOldIpHashes(t.deps)).toBeGreaterThanOrEqual(1);
    expect((await t.deps.db.comment.findUniqueOrThrow({ where: { id: old.body.comment.id } })).ipHash).toBe("");
    expect((await t.deps.db.comment.findUniqueOrThrow({ where: { id: fresh.body.comment.id } })).ipHash).not.toBe("");
  });
});
