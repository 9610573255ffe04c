// A reader's mails in the language of the page they asked from: the notify boxes' confirmation and the
// replies that follow (the language is kept with the subscription), the article page's script (its
// `lang`), "Your data" and the sign-in link. Moderators' mail and a reader with no language stay English.
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queueThreadDigests } from "../../src/mail/thread-digests.ts";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../support/smtp-sink.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const NEWS = "/articles/israel-secret-service-pressure-on-kaspersky";
let smtp: SmtpSink;
let t: TestApp;
let threadId: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp("sqlite", { SMTP_URL: smtp.url, PUBLIC_URL: "http://parley.test" });
  threadId = (await t.deps.db.thread.findFirstOrThrow({ where: { pageKey: NEWS.split("/").pop() } })).id;
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});
beforeEach(() => {
  smtp.mails.length = 0;
});

const send = () => t.deps.mailer.runOnce();
const confirmLink = (mail: ReceivedMail) => /http:\/\/parley\.test(\/mail\/confirm\?t=[\w.-]+)/.exec(mail.text)![1]!;

describe("mail language", () => {
  it("a German page's notify box: the confirmation and the later reply mail in German", async () => {
    const posted = await request(t.app)
      .post(`${NEWS}/comments`)
      .set("Accept-Language", "de-DE,de;q=0.9")
      .type("form")
      .send({ authorName: "Lea", authorEmail: "lea@example.org", body: "Aus Berlin.", notifyReplies: "1" })
      .expect(303);
    await send();
    expect(smtp.mails).toHaveLength(1);
    const confirm = smtp.mails[0]!;
    expect(confirm.subject).toBe("Bestätige deine E-Mail-Adresse für Parley");
    expect(confirm.text).toContain("Meine Adresse bestätigen: http://parley.test/mail/confirm");
    expect(confirm.html).toContain('<html lang="de">');
    await request(t.app).get(confirmLink(confirm)).set("Accept-Language", "de").expect(200);

    const leaId = posted.headers.location!.split("#comment-")[1]!;
    smtp.mails.length = 0;
    await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ body: "A reply in English.", authorName: "Sam", authorEmail: "sam@example.org", parentId: leaId })
      .expect(201);
    await send();
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.subject).toMatch(/^Sam hat auf deinen Kommentar zu „Espionage.*“ geantwortet$/);
    expect(smtp.mails[0]!.text).toContain("Diese Mails abbestellen");
  });

  it("a French page's thread subscription: the digest in French", async () => {
    await request(t.app)
      .post(`${NEWS}/comments`)
      .set("Accept-Language", "fr-FR")
      .type("form")
      .send({ authorName: "Zoé", authorEmail: "zoe.digest@example.org", body: "Je suis.", notifyThread: "1" })
      .expect(303);
    await send();
    await request(t.app).get(confirmLink(smtp.mails[0]!)).expect(200);
    smtp.mails.length = 0;
    await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ body: "News for the digest.", authorName: "Sam", authorEmail: "sam@example.org" })
      .expect(201);
    expect(await queueThreadDigests(t.deps, new Date())).toBe(1);
    await send();
    const digest = smtp.mails.find((m) => m.to[0] === "zoe.digest@example.org")!;
    expect(digest.subject).toMatch(/^1 nouveau commentaire sur «\u00a0Espionage.*\u00a0»$/);
    expect(digest.text).toContain("Sam a écrit\u202f:");
  });

  it("the article page's script sends its page language; without one, mail is English", async () => {
    const post = (email: string, lang?: string) =>
      request(t.app)
        .post(`/api/threads/${threadId}/comments`)
        .send({
          body: "Notify me.",
          authorName: "Zoé",
          authorEmail: email,
          notifyThread: true,
          ...(lang ? { lang } : {}),
        })
        .expect(201);
    await post("zoe@example.org", "fr");
    await post("kim@example.org");
    await post("odd@example.org", "xx"); // an unknown language is no error: English
    await send();
    const subjects = Object.fromEntries(smtp.mails.map((m) => [m.to[0], m.subject]));
    expect(subjects).toEqual({
      "zoe@example.org": "Confirmez votre adresse e-mail pour Parley",
      "kim@example.org": "Confirm your email address for Parley",
      "odd@example.org": "Confirm your email address for Parley",
    });
  });

  it("Your data and the sign-in link: the page's language", async () => {
    await request(t.app)
      .post("/your-data")
      .set("Accept-Language", "fr")
      .type("form")
      .send({ email: "ada@example.org" })
      .expect(200);
    await request(t.app)
      .post("/auth/email/request")
      .set("Accept-Language", "de")
      .type("form")
      .send({ authorName: "Ada", authorEmail: "ada@example.org", return: NEWS })
      .expect(200);
    await send();
    const subjects = smtp.mails.map((m) => m.subject).sort();
    expect(subjects).toEqual(["Dein Anmeldelink für Parley", "Vos commentaires et vos données sur Parley"]);
  });
});
