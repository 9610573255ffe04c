// The duplicate rule by stored hash (domain/body-hash.ts, Comment.bodyHash), on SQLite and PostgreSQL:
// the same text (modulo spacing and Unicode form) by the same poster (email OR address) within the
// window is refused; other text by that poster, or the same text by someone else, is not. Edits and
// comments stored before the column existed (null, filled on start by store/body-hashes.ts) count too.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyHashOf } from "../../src/domain/body-hash.ts";
import { hashUnhashedBodies } from "../../src/store/body-hashes.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("duplicate rule by body hash on %s", (provider) => {
  let t: TestApp;
  let threadId: string;

  beforeAll(async () => {
    t = await createTestApp(
      provider,
      { TRUST_PROXY_HOPS: "1" },
      {},
      { siteSettings: { mode: "post-moderate", floodSeconds: 0, duplicateWindowMinutes: 60 } },
    );
    threadId = (await request(t.app).get("/api/articles")).body[0].threadId;
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (body: string, who: { ip: string; email: string }) =>
    request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .set("X-Forwarded-For", who.ip)
      .send({ authorName: "Sam", authorEmail: who.email, body });

  it("refuses the same text by the same email or address, and stores its hash", async () => {
    const first = await post("The same words, once.", { ip: "192.0.2.1", email: "sam@example.org" }).expect(201);
    const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id: first.body.comment.id } });
    expect(row.bodyHash).toBe(bodyHashOf("The same words, once."));

    // Same email from elsewhere, spacing and a full-width letter changed (NFKC): a duplicate.
    const byEmail = await post("  The same   words, ｏnce. ", { ip: "192.0.2.2", email: "sam@example.org" });
    expect(byEmail.status).toBe(409);
    expect(byEmail.body.error.code).toBe("DUPLICATE_COMMENT");
    // Same address, another email: a duplicate.
    expect((await post("The same words, once.", { ip: "192.0.2.1", email: "alias@example.org" })).status).toBe(409);
    // The same poster with other text, and someone else with the same text: not duplicates.
    await post("Different words this time.", { ip: "192.0.2.1", email: "sam@example.org" }).expect(201);
    await post("The same words, once.", { ip: "192.0.2.9", email: "someone@example.org" }).expect(201);
  });

  it("compares with an edited comment's new text", async () => {
    const who = { ip: "192.0.2.20", email: "editor@example.org" };
    const { comment, editToken } = (await post("Before the edit.", who).expect(201)).body;
    await request(t.app)
      .patch(`/api/comments/${comment.id}`)
      .set("X-Forwarded-For", who.ip)
      .send({ editToken, body: "After the edit." })
      .expect(200);
    await post("Before the edit.", who).expect(201);
    expect((await post("After the edit.", who)).status).toBe(409);
  });

  it("refuses an edit to the text of the poster's other comment, not to its own (poster-comments.ts sameBodySince)", async () => {
    const who = { ip: "192.0.2.40", email: "twice@example.org" };
    await post("The first of two.", who).expect(201);
    const { comment, editToken } = (await post("The second of two.", who).expect(201)).body;
    const edit = (body: string) =>
      request(t.app).patch(`/api/comments/${comment.id}`).set("X-Forwarded-For", who.ip).send({ editToken, body });
    expect((await edit("The first of two.")).status).toBe(409);
    await edit("The second of two.").expect(200);
  });

  it("hashes comments stored before the column existed, then refuses their duplicates", async () => {
    const who = { ip: "192.0.2.30", email: "old@example.org" };
    const { comment } = (await post("Written before the upgrade.", who).expect(201)).body;
    await t.deps.db.comment.update({ where: { id: comment.id }, data: { bodyHash: null } });
    expect(await hashUnhashedBodies(t.deps.db)).toBe(1);
    expect(await hashUnhashedBodies(t.deps.db)).toBe(0);
    expect((await post("Written before the upgrade.", who)).status).toBe(409);
  });
});
