// Moderators' mail alerts, against a real SMTP server on loopback: each moderator picks "each",
// "hourly" or "none" in the console; "each" mails every held / reported comment with a link to its
// card, "hourly" mails one digest.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueModeratorDigests } from "../../src/mail/moderator-alerts.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

let smtp: SmtpSink;
let t: TestApp;
let threadId: string;
let mia: SignedIn;
let max: SignedIn;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp(
    "sqlite",
    { SMTP_URL: smtp.url, PUBLIC_URL: "http://parley.test" },
    {},
    { siteSettings: { mode: "pre-moderate-all", floodSeconds: 0, duplicateWindowMinutes: 0, reportThreshold: 1 } },
  );
  threadId = (await t.deps.db.thread.findFirstOrThrow({ where: { articleId: { not: null } } })).id;
  mia = await signInAs(t, "moderator", "Mia");
  max = await signInAs(t, "moderator", "Max");
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const setAlerts = (who: SignedIn, alertMode: string) =>
  request(t.app)
    .put("/api/moderation/me/alerts")
    .set("Cookie", who.cookie)
    .set("X-CSRF-Token", who.csrfToken)
    .send({ alertMode });

describe("moderator alerts", () => {
  it("each moderator chooses; 'each' mails every held comment with a link to its card", async () => {
    expect((await request(t.app).get("/api/moderation/me/alerts").set("Cookie", mia.cookie).expect(200)).body).toEqual({
      alertMode: "none",
    });
    await setAlerts(mia, "each").expect(200);
    await setAlerts(max, "hourly").expect(200);
    await setAlerts(max, "sometimes").expect(422);
    const held = await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ body: "Hold me <script>x</script>", authorName: "Nina", authorEmail: "nina@example.org" })
      .expect(202);
    await t.deps.mailer.runOnce();
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual([mia.email]);
    expect(mail.subject).toMatch(/^A comment is pending on “/);
    expect(mail.html).toContain("Hold me &lt;script&gt;x&lt;/script&gt;");
    expect(mail.text).toContain(`http://parley.test/moderate#/queue/all?comment=${held.body.comment.id}`);
    // The card link's filter: the queue API answers that one comment.
    const one = await request(t.app)
      .get("/api/moderation/queue")
      .query({ queue: "all", comment: held.body.comment.id })
      .set("Cookie", mia.cookie)
      .expect(200);
    expect(one.body.items.map((i: { id: string }) => i.id)).toEqual([held.body.comment.id]);
  });

  it("reports that hold a published comment alert too; the hourly digest lists what waited", async () => {
    const published = await t.deps.db.comment.findFirstOrThrow({ where: { threadId, status: "published" } });
    await request(t.app).post(`/api/comments/${published.id}/reports`).send({ reason: "abuse" }).expect(201);
    await t.deps.mailer.runOnce();
    const alert = smtp.mails.at(-1)!;
    expect(alert.to).toEqual([mia.email]);
    expect(alert.subject).toMatch(/^A comment is reported on “/);

    // An hour later (Max's cursor moved back an hour), Max gets one digest of both.
    await t.deps.db.moderator.update({
      where: { id: max.id },
      data: { alertCursor: new Date(Date.now() - 3600_000 - 1000) },
    });
    expect(await queueModeratorDigests(t.deps, new Date())).toBe(1);
    expect(await queueModeratorDigests(t.deps, new Date())).toBe(0); // not again within the hour
    await t.deps.mailer.runOnce();
    const digest = smtp.mails.find((m) => m.to[0] === max.email)!;
    expect(digest.subject).toBe("2 comments wait for moderation"); // the held one and the reported one
    expect(digest.text).toContain("Hold me <script>x</script>");
    expect(digest.text).toContain("/moderate#/queue/all?comment=");
  });
});
