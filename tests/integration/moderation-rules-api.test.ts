// The moderation rules through the real API and database: the shipped defaults (first-time
// moderation, flood, duplicates), bans, closed threads, word lists, links, moderators' trust, and the
// admin settings API that changes them. SQLite and PostgreSQL.
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SITE_SETTINGS } from "../../src/config/site-settings.ts";
import { lookAlikeKey } from "../../src/domain/names.ts";
import { markAddressVerified } from "../../src/store/email-addresses.ts";
import { listReaderNamesLike, upsertReaderAccount } from "../../src/store/reader-accounts.ts";
import { signToken } from "../../src/mail/signed-tokens.ts";
import { fakeClock } from "../support/fake-clock.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { registerTestSite } from "../support/sites.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const NEWS_SLUG = "israel-secret-service-pressure-on-kaspersky";

describe.each(testProviders())("moderation rules on %s", (provider) => {
  let t: TestApp;
  let threadId: string;
  let admin: SignedIn;
  let n = 0;
  const clock = fakeClock(new Date("2030-01-01T00:00:00Z"));
  // Each test posts as its own reader from its own address unless it says otherwise.
  let who: { authorName: string; authorEmail: string; ip: string };

  beforeAll(async () => {
    t = await createTestApp(provider, { TRUST_PROXY_HOPS: "1" }, { clock }, { siteSettings: {} });
    threadId = (await request(t.app).get("/api/articles")).body.find(
      (a: { slug: string }) => a.slug === NEWS_SLUG,
    ).threadId;
    admin = await signInAs(t, "admin");
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    n++;
    who = { authorName: `Reader ${n}`, authorEmail: `reader${n}@example.org`, ip: `10.9.${n}.1` };
    clock.advance(60_000);
  });

  const post = (body: string, as: Partial<typeof who> & { cookie?: string } = {}) => {
    const p = { ...who, ...as };
    return request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .set("X-Forwarded-For", p.ip)
      .set("Cookie", as.cookie ?? "")
      .send({ authorName: p.authorName, authorEmail: p.authorEmail, body });
  };
  /** The reader confirmed their address (a link we mailed) and this browser holds the proof cookie. */
  const proveEmail = async (email: string) => {
    await markAddressVerified(t.deps.db, email.toLowerCase(), clock.now());
    return `parley_email_proof=${signToken(t.deps.config.MAIL_SIGNING_SECRET, "email-proof", { a: email.toLowerCase() })}`;
  };
  const settings = (patch: object) =>
    request(t.app)
      .put("/api/admin/settings")
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send(patch)
      .expect(200);
  const articleSettings = (patch: object) =>
    request(t.app)
      .put(`/api/admin/articles/${NEWS_SLUG}/settings`)
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send(patch);
  const row = (id: string) => t.deps.db.comment.findUniqueOrThrow({ where: { id } });
  const count = () => t.deps.db.comment.count();

  it("ships WordPress-like defaults: a first-time author waits; once published, the same name + confirmed email goes straight through", async () => {
    const first = await post("My first comment here.").expect(202);
    expect(first.body.comment.status).toBe("pending");
    expect((await row(first.body.comment.id)).metadata).toMatchObject({ firstTime: true });
    await t.deps.db.comment.update({ where: { id: first.body.comment.id }, data: { status: "published" } });
    clock.advance(20_000);
    // An email nobody confirmed proves nothing: still a first-timer.
    expect((await post("Second comment, unconfirmed.").expect(202)).body.comment.status).toBe("pending");
    const cookie = await proveEmail(who.authorEmail);
    clock.advance(20_000);
    expect(
      (
        await post("Third comment, trusted now.", {
          authorName: who.authorName.toUpperCase() + " ",
          authorEmail: who.authorEmail.toUpperCase(),
          cookie,
        }).expect(201)
      ).body.comment.status,
    ).toBe("published");
    // Same email, another name: a first-timer again.
    clock.advance(20_000);
    expect(
      (await post("Fourth comment, other name.", { authorName: "Someone Else", cookie }).expect(202)).body.comment
        .status,
    ).toBe("pending");
  });

  it("someone using a regular's confirmed email without their proof waits, flagged; the regular is not held, nor banned with them", async () => {
    const regular = { ...who };
    const cookie = await proveEmail(regular.authorEmail);
    const first = await post("The regular's first comment.", { cookie }).expect(202);
    await t.deps.db.comment.update({ where: { id: first.body.comment.id }, data: { status: "published" } });
    clock.advance(20_000);
    const fake = await post("Imitating the regular.", { ip: "10.66.6.6" }).expect(202);
    const stored = await row(fake.body.comment.id);
    expect(stored.status).toBe("pending");
    expect(stored.flags).toEqual([expect.objectContaining({ code: "unverified-known-email" })]);
    // The moderator bans the imitator: their address, not the regular's email.
    const mod = await signInAs(t, "moderator", "Imitation Judge");
    const ban = await request(t.app)
      .post(`/api/moderation/comments/${fake.body.comment.id}/actions`)
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send({ action: "ban-author", revision: stored.revision })
      .expect(200);
    expect(ban.body.alsoRejected).toEqual([]);
    expect(await t.deps.db.ban.count({ where: { kind: "email", value: regular.authorEmail } })).toBe(0);
    clock.advance(20_000);
    expect((await post("The regular, unaffected.", { cookie }).expect(201)).body.comment.status).toBe("published");
    clock.advance(20_000);
    await post("The imitator again.", { ip: "10.66.6.6" }).expect(403);
  });

  it("an approved first-timer's edit stays published (count and history too); a flagged edit is held", async () => {
    const mod = await signInAs(t, "moderator", "Edit Approver");
    const first = await post("My first comment, soon approved.").expect(202);
    const { id } = first.body.comment as { id: string };
    const approve = async () =>
      request(t.app)
        .post(`/api/moderation/comments/${id}/actions`)
        .set("Cookie", mod.cookie)
        .set("X-CSRF-Token", mod.csrfToken)
        .send({ action: "approve", revision: (await row(id)).revision })
        .expect(200);
    await approve();
    const published = (await t.deps.db.thread.findUniqueOrThrow({ where: { id: threadId } })).publishedCount;
    const edit = (body: string) =>
      request(t.app)
        .patch(`/api/comments/${id}`)
        .set("X-Forwarded-For", who.ip)
        .send({ body, editToken: first.body.editToken });
    expect((await edit("My first comment, approved, with a typo fixed.").expect(200)).body.comment.status).toBe(
      "published",
    );
    expect((await t.deps.db.thread.findUniqueOrThrow({ where: { id: threadId } })).publishedCount).toBe(published);
    const queue = await request(t.app)
      .get(`/api/moderation/queue?queue=all&q=${encodeURIComponent(who.authorEmail)}`)
      .set("Cookie", mod.cookie)
      .expect(200);
    expect(queue.body.items[0].authorHistory).toMatchObject({ published: 1 });
    clock.advance(20_000);
    const cookie = await proveEmail(who.authorEmail);
    expect((await post("My second comment goes straight through.", { cookie }).expect(201)).body.comment.status).toBe(
      "published",
    );
    // A content rule on the new text still holds it.
    await settings({ suspectWords: ["lottery"] });
    expect((await edit("Now about the lottery.").expect(202)).body.comment.status).toBe("held");
    await settings({ suspectWords: [] });
  });

  it("normalises names, refuses empty-after-normalising names and bodies, and holds moderator look-alikes", async () => {
    await settings({ mode: "post-moderate" });
    const mod = await signInAs(t, "moderator", "Marta Quill");
    let k = 0;
    const as = (authorName: string, body = `Look-alike comment number ${++k}.`) => {
      clock.advance(20_000);
      return post(body, {
        authorName,
        authorEmail: `look${n}-${k}-${clock.now().getTime()}@example.org`,
      });
    };
    // Invisible and bidi characters are stripped, compatibility forms folded (NFKC).
    const clean = await as("Jo\u200bsé \u202eRiva\u202c  Ｐｅｒｅｚ").expect(201);
    expect((await row(clean.body.comment.id)).authorName).toBe("José Riva Perez");
    // A name or a body of only invisible characters is empty.
    for (const name of ["\u200b\u200c\u2060", "\u202e\u202d", "\u3164"]) {
      const res = await as(name).expect(422);
      expect(res.body.error.field, JSON.stringify(name)).toBe("authorName");
    }
    const emptyBody = await as("Someone Real", "\u200b\u200b\u200d\ufeff\u2060").expect(422);
    expect(emptyBody.body.error.field).toBe("body");
    // An exact copy, a Cyrillic look-alike, a zero-width-split and a fullwidth copy of a moderator's name are held.
    for (const name of ["Marta Quill", "Маrtа Quill", "Mar\u200bta Quill", "ＭＡＲＴＡ ＱＵＩＬＬ", "Marta Qui11"]) {
      const res = await as(name).expect(202);
      expect(await row(res.body.comment.id), JSON.stringify(name)).toMatchObject({
        status: "held",
        flags: [{ code: "name-like-moderator", detail: "Marta Quill" }],
      });
    }
    // The moderator, signed in, posts under their own name and is published, with the badge in the payload.
    clock.advance(20_000);
    const own = await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send({ authorName: "Marta Quill", authorEmail: mod.email, body: "Speaking as the moderator." })
      .expect(201);
    expect(own.body.comment).toMatchObject({ status: "published", byModerator: true });
    const listed = await request(t.app).get(`/api/threads/${threadId}/comments`).expect(200);
    const byId = new Map(listed.body.comments.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(own.body.comment.id)).toMatchObject({ byModerator: true });
    expect(byId.get(clean.body.comment.id)).toMatchObject({ byModerator: false });
    const page = await request(t.app).get(`/articles/${NEWS_SLUG}`).expect(200);
    expect(page.text).toMatch(new RegExp(`id="comment-${own.body.comment.id}"[\\s\\S]*?class="moderator-badge"`));
    await settings({ mode: DEFAULT_SITE_SETTINGS.mode });
  });

  it("holds names confusable with a signed-in reader's, like a moderator's (issue #18: accepted before)", async () => {
    await settings({ mode: "post-moderate" });
    const ada = await upsertReaderAccount(
      t.deps.db,
      { provider: "github", subject: `ada-${n}`, displayName: "Ada Lovelace", avatarUrl: null, email: null },
      clock.now(),
    );
    let k = 0;
    const as = (authorName: string) => {
      clock.advance(20_000);
      return post(`Reader look-alike comment ${++k}.`, { authorName, authorEmail: `ada${n}-${k}@example.org` });
    };
    for (const name of ["Ada Lovelace", "Аdа Lovelace", "ADA LOVELACE", "Ada Love\u200blace", "Ada LoveIace"]) {
      const res = await as(name).expect(202);
      expect(await row(res.body.comment.id), JSON.stringify(name)).toMatchObject({
        status: "held",
        flags: [{ code: "name-like-reader", detail: "Ada Lovelace" }],
      });
    }
    // A different name is not held; the account itself is never its own look-alike; a disabled one counts no more.
    expect((await as("Ada Lovelock").expect(201)).body.comment.status).toBe("published");
    expect(await listReaderNamesLike(t.deps.db, lookAlikeKey("Ada Lovelace"), ada.id)).toEqual([]);
    await t.deps.db.readerAccount.update({ where: { id: ada.id }, data: { disabledAt: clock.now() } });
    expect((await as("Ada Lovelace").expect(201)).body.comment.status).toBe("published");
    await settings({ mode: DEFAULT_SITE_SETTINGS.mode });
  });

  it("refuses a second comment from the same poster within 15 s (429, Retry-After) and stores nothing", async () => {
    await post("first").expect(202);
    clock.advance(5_000);
    const before = await count();
    const sameEmail = await post("second", { ip: "10.200.0.1" }).expect(429);
    expect(sameEmail.body.error.code).toBe("RATE_LIMITED");
    expect(sameEmail.headers["retry-after"]).toBe("10");
    expect(await count()).toBe(before);
    // Another reader at the same address is not this poster (per address: floodPerAddress per window).
    await post("third", { authorEmail: "other@example.org", authorName: "Other" }).expect(202);
    clock.advance(11_000);
    await post("second, later").expect(202);
  });

  it("refuses the poster's exact duplicate (409) but not someone else's", async () => {
    await post("Exactly this text.").expect(202);
    clock.advance(60_000);
    const dup = await post("  Exactly   this text. ").expect(409);
    expect(dup.body.error.code).toBe("DUPLICATE_COMMENT");
    await post("Exactly this text.", {
      authorName: "Other",
      authorEmail: "other2@example.org",
      ip: "10.201.0.1",
    }).expect(202);
  });

  it("refuses banned emails and addresses with 403 BANNED", async () => {
    const posted = await post("before the ban").expect(202);
    const { ipHash } = await row(posted.body.comment.id);
    await t.deps.db.ban.create({ data: { siteId: "default", kind: "ip", value: ipHash } });
    clock.advance(60_000);
    const before = await count();
    expect((await post("after the ban", { authorEmail: "fresh@example.org" }).expect(403)).body.error.code).toBe(
      "BANNED",
    );
    await t.deps.db.ban.create({
      data: {
        siteId: "default",
        kind: "email",
        value: "banned@example.org",
        expiresAt: new Date(clock.now().getTime() + 3600_000),
      },
    });
    await post("by email", { authorEmail: "Banned@Example.org", ip: "10.202.0.1" }).expect(403);
    expect(await count()).toBe(before);
    clock.advance(3600_000 + 1);
    await post("ban expired", { authorEmail: "banned@example.org", ip: "10.202.0.1" }).expect(202);
  });

  it("refuses too short and too long comments with the site's limits", async () => {
    await settings({ minLength: 5, maxLength: 50 });
    expect((await post("tiny").expect(422)).body.error).toMatchObject({ code: "VALIDATION", field: "body" });
    expect((await post("x".repeat(51)).expect(422)).body.error.message).toContain("50 characters");
    await settings({ minLength: DEFAULT_SITE_SETTINGS.minLength, maxLength: DEFAULT_SITE_SETTINGS.maxLength });
  });

  it("closes a thread by hand and by age, per article", async () => {
    await articleSettings({ closed: true }).expect(200);
    expect((await post("closed?").expect(403)).body.error.code).toBe("THREAD_CLOSED");
    const page = await request(t.app).get(`/articles/${NEWS_SLUG}`).expect(200);
    expect(page.text).toContain("Comments are closed.");
    await articleSettings({ closed: false }).expect(200);
    // The demo article was published in 2017: a 30-day auto-close shuts it.
    await articleSettings({ autoCloseAfterDays: 30 }).expect(200);
    await post("too old").expect(403);
    expect((await request(t.app).get(`/articles/${NEWS_SLUG}`)).text).toContain("Comments are closed.");
    await articleSettings({ autoCloseAfterDays: null }).expect(200);
    await post("open again").expect(202);
  });

  it("a thread an admin closes shows closed at once, even to readers it was just served to from the cache", async () => {
    const listing = () => request(t.app).get(`/api/threads/${threadId}/comments`).expect(200);
    expect((await listing()).body.thread.closed).toBe(false); // now in the thread cache (2 s)
    await request(t.app).get(`/articles/${NEWS_SLUG}`).expect(200);
    await articleSettings({ closed: true }).expect(200);
    expect((await listing()).body.thread.closed).toBe(true);
    expect((await request(t.app).get(`/articles/${NEWS_SLUG}`)).text).toContain("Comments are closed.");
    await settings({ autoCloseAfterDays: 30 }); // a site rule: every cached thread it governs is re-read
    await articleSettings({ closed: false }).expect(200);
    expect((await listing()).body.thread.closed).toBe(true);
    await settings({ autoCloseAfterDays: DEFAULT_SITE_SETTINGS.autoCloseAfterDays });
    expect((await listing()).body.thread.closed).toBe(false);
  });

  it("keeps settings per site: ?site= changes an embedding site's rules and leaves the blog's alone", async () => {
    const site = await registerTestSite(t, ["https://blog.example"], {});
    const asAdmin = (req: request.Test) => req.set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrfToken);
    const changed = await asAdmin(request(t.app).put("/api/admin/settings").query({ site: site.id }))
      .send({ mode: "pre-moderate-all" })
      .expect(200);
    expect(changed.body.site.mode).toBe("pre-moderate-all");
    expect(
      (await asAdmin(request(t.app).get("/api/admin/settings").query({ site: site.id })).expect(200)).body,
    ).toMatchObject({ site: { mode: "pre-moderate-all" }, articles: [] });
    expect((await asAdmin(request(t.app).get("/api/admin/settings")).expect(200)).body.site.mode).toBe(
      DEFAULT_SITE_SETTINGS.mode,
    );

    // The site's rule governs its embedded pages: a known author is still held there.
    const page = await t.deps.db.thread.create({
      data: { siteId: site.id, pageKey: "https://blog.example/post", title: "A post" },
    });
    const held = await request(t.app)
      .post(`/api/threads/${page.id}/comments`)
      .set("X-Forwarded-For", who.ip)
      .send({ authorName: who.authorName, authorEmail: who.authorEmail, body: "On the blog." })
      .expect(202);
    expect(held.body.comment.status).toBe("pending");

    const missing = await asAdmin(request(t.app).put("/api/admin/settings").query({ site: "no-such-site" }))
      .send({ mode: "post-moderate" })
      .expect(404);
    expect(missing.body.error.code).toBe("NOT_FOUND");
    expect(
      (await asAdmin(request(t.app).get("/api/admin/settings").query({ site: "" })).expect(422)).body.error.field,
    ).toBe("site");
  });

  it("maxLinks counts only links that are not cited sources: Pete's comment, with [A] and [B], is not held for them", async () => {
    const seed = await import("../../prisma/seed/israel-behind-discovery-of-kaspersky-spy-links.json", {
      with: { type: "json" },
    });
    const pete = seed.default.comments[0]!.bodyText;
    await settings({ mode: "post-moderate" });
    const res = await post(pete).expect(201);
    expect((await row(res.body.comment.id)).flags).toEqual([]);
    clock.advance(20_000);
    // The same two links, bare: held at maxLinks = 2.
    const bare = await post(
      "See http://gentleseas.blogspot.com.au/2016/12/x.html and https://en.wikipedia.org/wiki/Eugene_Kaspersky",
    ).expect(202);
    expect((await row(bare.body.comment.id)).flags).toEqual([{ code: "too-many-links", detail: "2 links, limit 2" }]);
    await settings({ mode: DEFAULT_SITE_SETTINGS.mode });
  });

  it("rejects banned words, holds suspect words and link-heavy comments, recording why", async () => {
    await settings({ bannedWords: ["casino*"], suspectWords: ["crypto"], mode: "post-moderate" });
    const banned = await post("Visit my casinos").expect(202);
    expect(await row(banned.body.comment.id)).toMatchObject({
      status: "rejected",
      flags: [{ code: "banned-word", detail: "casinos" }],
    });
    clock.advance(20_000);
    const suspect = await post("Crypto with https://a.example and https://b.example").expect(202);
    expect(await row(suspect.body.comment.id)).toMatchObject({
      status: "held",
      flags: [
        { code: "suspect-word", detail: "Crypto" },
        { code: "too-many-links", detail: "2 links, limit 2" },
      ],
    });
    clock.advance(20_000);
    expect((await post("A fine comment.").expect(201)).body.comment.status).toBe("published");
    await settings({ bannedWords: [], suspectWords: [], mode: DEFAULT_SITE_SETTINGS.mode });
  });

  it("article overrides win over the site: pre-moderate one article while the site post-moderates", async () => {
    await settings({ mode: "post-moderate" });
    await articleSettings({ mode: "pre-moderate-all" }).expect(200);
    await post("held by the article's rule").expect(202);
    await articleSettings({ mode: null }).expect(200);
    clock.advance(20_000);
    await post("published by the site's rule").expect(201);
    await settings({ mode: DEFAULT_SITE_SETTINGS.mode });
  });

  it("publishes a signed-in moderator at once, but only with the CSRF header", async () => {
    const mod = await signInAs(t, "moderator", "Mo Derator");
    const asMod = (csrf?: string, body = "Official answer with https://a.example https://b.example") => {
      const r = request(t.app)
        .post(`/api/threads/${threadId}/comments`)
        .set("Cookie", mod.cookie)
        .set("X-Forwarded-For", who.ip);
      return (csrf ? r.set("X-CSRF-Token", csrf) : r).send({ authorName: "Mo Derator", authorEmail: mod.email, body });
    };
    const trusted = await asMod(mod.csrfToken).expect(201);
    expect(await row(trusted.body.comment.id)).toMatchObject({ status: "published", moderatorId: mod.id });
    clock.advance(60_000);
    const plain = await asMod(undefined, "Unofficial https://a.example https://b.example").expect(202); // no header: an ordinary reader's comment
    expect(await row(plain.body.comment.id)).toMatchObject({ status: "held", moderatorId: null });
  });

  it("admin settings API: reads defaults, validates types and refuses unknown keys", async () => {
    const got = await request(t.app).get("/api/admin/settings").set("Cookie", admin.cookie).expect(200);
    expect(got.body.site).toMatchObject({
      mode: "pre-moderate-first-time",
      floodSeconds: 15,
      maxLinks: 2,
      reportThreshold: 3,
      editWindowMinutes: 10,
      autoCloseAfterDays: 0,
    });
    expect(got.body.articles.map((a: { slug: string }) => a.slug)).toContain(NEWS_SLUG);
    const bad = await request(t.app)
      .put("/api/admin/settings")
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send({ floodSeconds: "ten" })
      .expect(422);
    expect(bad.body.error.field).toBe("floodSeconds");
    await request(t.app)
      .put("/api/admin/settings")
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send({ floodSecs: 10 })
      .expect(422);
    await request(t.app)
      .put("/api/admin/settings")
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send({ mode: "anything-goes" })
      .expect(422);
    const changed = await settings({ reportThreshold: 5 });
    expect(changed.body.site).toMatchObject({ reportThreshold: 5, floodSeconds: 15 });
    const overrides = await articleSettings({ editWindowMinutes: 30 }).expect(200);
    expect(overrides.body).toEqual({ overrides: { editWindowMinutes: 30 }, closed: false });
    await articleSettings({ nope: 1 }).expect(422);
    await request(t.app)
      .put("/api/admin/articles/no-such-article/settings")
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send({})
      .expect(404);
    await settings({ reportThreshold: 3 });
    await articleSettings({ editWindowMinutes: null }).expect(200);
  });

  it("refuses bad settings in plain words, by field, and changes nothing", async () => {
    const before = (await t.deps.db.site.findUniqueOrThrow({ where: { id: "default" } })).settings;
    const refused = await request(t.app)
      .put("/api/admin/settings")
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrfToken)
      .send({ firstTimeApprovedThreshold: 0, commentsPerPage: 501, maxLinks: 1.5, mode: "anything-goes" })
      .expect(422);
    // `field` and `message` are the first bad one in the settings' order; `fields` has every one.
    const modes = "Must be one of “post-moderate”, “pre-moderate-all”, “pre-moderate-first-time”.";
    expect(refused.body).toEqual({
      error: {
        code: "VALIDATION",
        message: modes,
        reason: "oneOf",
        params: { values: "“post-moderate”, “pre-moderate-all”, “pre-moderate-first-time”" },
        field: "mode",
        fields: {
          mode: modes,
          firstTimeApprovedThreshold: "Must be at least 1.",
          maxLinks: "Must be a whole number.",
          commentsPerPage: "Must be 500 or less.",
        },
        // Each field's reason, so the console words it in the moderator's language
        fieldReasons: {
          mode: {
            reason: "oneOf",
            params: { values: "“post-moderate”, “pre-moderate-all”, “pre-moderate-first-time”" },
          },
          firstTimeApprovedThreshold: { reason: "atLeast", params: { n: 1 } },
          maxLinks: { reason: "wholeNumber" },
          commentsPerPage: { reason: "atMost", params: { n: 500 } },
        },
      },
    });
    expect((await t.deps.db.site.findUniqueOrThrow({ where: { id: "default" } })).settings).toEqual(before);

    const overrides = await articleSettings({ bannedWords: ["fine", ""], holdBrokenLinks: "yes" }).expect(422);
    expect(overrides.body.error).toMatchObject({
      code: "VALIDATION",
      field: "bannedWords.1",
      fields: { "bannedWords.1": "Must not be empty.", holdBrokenLinks: "Must be true or false." },
      fieldReasons: { "bannedWords.1": { reason: "notEmpty" }, holdBrokenLinks: { reason: "trueOrFalse" } },
    });
  });
});
