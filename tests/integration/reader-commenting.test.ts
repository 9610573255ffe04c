// What signing in changes for commenting: the article page's sign-in box (JS off), posting as the
// account with the verified mark, the site's commenting modes, returning authors by account, editing
// from any device, and bans by account.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { directReaderSession } from "../support/reader-sign-in.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const ISSUER = "https://id.example.test"; // never reached: the page only shows its button

describe.each(testProviders())("commenting signed in on %s", (provider) => {
  let t: TestApp;
  let threadId: string;
  let slug: string;
  let mod: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(provider, {
      AUTH_OIDC_ISSUER: ISSUER,
      AUTH_OIDC_CLIENT_ID: "parley",
      AUTH_OIDC_CLIENT_SECRET: "secret",
      AUTH_OIDC_NAME: "Example ID",
    });
    const article = await t.deps.db.article.findFirstOrThrow({ include: { thread: true } });
    threadId = article.thread!.id;
    slug = article.slug;
    mod = await signInAs(t, "moderator");
  });
  afterAll(async () => t?.close());

  const setMode = async (settings: Record<string, unknown>) => {
    await t.deps.db.site.update({
      where: { id: "default" },
      data: { settings: { mode: "post-moderate", floodSeconds: 0, duplicateWindowMinutes: 0, ...settings } },
    });
    t.deps.threadCache.forgetThreads(); // as the admin API does after a settings change
  };
  const reader = async (subject?: string, avatarUrl?: string) => {
    const r = await directReaderSession(t, { subject });
    await t.deps.db.readerAccount.update({
      where: { id: r.accountId },
      data: { email: `${subject ?? "r"}@example.test`, avatarUrl },
    });
    return r;
  };
  const post = (body: Record<string, unknown>, r?: { cookie: string; csrfToken: string }) => {
    let req = request(t.app).post(`/api/threads/${threadId}/comments`);
    if (r) req = req.set("Cookie", r.cookie).set("X-Parley-Reader-CSRF", r.csrfToken);
    return req.send(body);
  };

  it("the page (no JavaScript) shows 'or log in with' under the form; signed in, who is commenting instead of the fields", async () => {
    await setMode({});
    const anonymous = await request(t.app).get(`/articles/${slug}`).expect(200);
    expect(anonymous.text).toContain("or log in with");
    expect(anonymous.text).toContain(
      `href="/auth/oidc/start?return=${encodeURIComponent(`/articles/${slug}#respond`)}"`,
    );
    expect(anonymous.text).toContain('id="authorName"');
    // The CSP lets exactly the providers' avatar hosts show images.
    expect(anonymous.headers["content-security-policy"]).toMatch(new RegExp(`img-src 'self' data: ${ISSUER}(;|$)`));

    const r = await reader("ann", `${ISSUER}/a.png`);
    const page = await request(t.app).get(`/articles/${slug}`).set("Cookie", r.cookie).expect(200);
    expect(page.text).toMatch(/You are commenting as <strong class="reader-name">Reader ann<\/strong> \(Example ID\)/);
    expect(page.text).toContain('referrerpolicy="no-referrer"');
    expect(page.text).toContain(`src="${ISSUER}/a.png"`);
    expect(page.text).not.toContain('id="authorName"');
    expect(page.text).toContain('form="reader-logout"');
    expect(page.text).toContain("Switch account: log in with");
  });

  it("posts through the no-JS form as the account (csrf field), marked verified; without the field the cookie does not count", async () => {
    await setMode({});
    const r = await reader("ben");
    const form = request(t.app).post(`/articles/${slug}/comments`).set("Cookie", r.cookie).type("form");
    const refused = await form.send({ body: "No token, no account." });
    expect(refused.status).toBe(303); // back to the form (#respond), nothing stored
    const res = await request(t.app)
      .post(`/articles/${slug}/comments`)
      .set("Cookie", r.cookie)
      .type("form")
      .send({ body: "Posted while signed in.", csrf: r.csrfToken })
      .expect(303);
    const id = /#comment-(\w+)/.exec(res.headers.location!)![1]!;
    const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ authorName: "Reader ben", readerAccountId: r.accountId });
    const page = await request(t.app).get(`/articles/${slug}`).expect(200);
    expect(page.text).toContain('title="Signed in with Example ID"');
  });

  it("signed-in-only: anonymous posts are refused, the form asks to log in; signed-in readers post", async () => {
    await setMode({ commenting: "signed-in-only" });
    const anon = await post({ authorName: "Ann", authorEmail: "ann@example.org", body: "Let me in." });
    expect(anon.status).toBe(403);
    expect(anon.body.error.code).toBe("SIGN_IN_REQUIRED");
    const page = await request(t.app).get(`/articles/${slug}`).expect(200);
    expect(page.text).toContain("This site asks you to log in to comment");
    expect(page.text).not.toContain('id="authorName"');
    expect((await post({ body: "Signed in, so welcome." }, await reader("cat"))).status).toBe(201);
  });

  it("anonymous-held: anonymous comments wait for a moderator, signed-in ones follow the mode", async () => {
    await setMode({ commenting: "anonymous-held" });
    const anon = await post({ authorName: "Dan", authorEmail: "dan@example.org", body: "Anonymous, so held." });
    expect(anon.status).toBe(202);
    expect(anon.body.comment.status).toBe("pending");
    expect((await post({ body: "Signed in, published at once." }, await reader("dee"))).status).toBe(201);
  });

  it("returning authors are recognised by account; typing a signed-in reader's name and email earns nothing", async () => {
    await setMode({ mode: "pre-moderate-first-time" });
    const r = await reader("eve");
    const first = await post({ body: "My first comment here." }, r);
    expect(first.status).toBe(202);
    await request(t.app)
      .post(`/api/moderation/comments/${first.body.comment.id}/actions`)
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send({ action: "approve", revision: 1 })
      .expect(200);
    expect((await post({ body: "Back again, trusted now." }, r)).status).toBe(201);
    const imitation = await post({
      authorName: "Reader eve",
      authorEmail: "eve@example.test",
      body: "I am Eve, honest.",
    });
    expect(imitation.status).toBe(202);
  });

  it("the author edits and deletes from any device by their account; another account cannot", async () => {
    await setMode({});
    const r = await reader("fay");
    const { comment } = (await post({ body: "Written on my phone." }, r)).body;
    const other = await reader("gus");
    const patch = (who: { cookie: string; csrfToken: string }) =>
      request(t.app)
        .patch(`/api/comments/${comment.id}`)
        .set("Cookie", who.cookie)
        .set("X-Parley-Reader-CSRF", who.csrfToken)
        .send({ body: "Corrected on my laptop." });
    expect((await patch(other)).body.error.code).toBe("BAD_EDIT_TOKEN");
    const edited = await patch(r).expect(200);
    expect(edited.body.comment).toMatchObject({ verified: { provider: "Example ID" } });
    await request(t.app)
      .delete(`/api/comments/${comment.id}`)
      .set("Cookie", r.cookie)
      .set("X-Parley-Reader-CSRF", r.csrfToken)
      .send({})
      .expect(200);
  });

  it("a moderator bans by account: the card names the account and provider, the account can no longer post", async () => {
    await setMode({ mode: "pre-moderate-all" });
    const r = await reader("hal");
    const { comment } = (await post({ body: "Something to ban." }, r)).body;
    const queue = await request(t.app)
      .get("/api/moderation/queue?queue=pending")
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .expect(200);
    const card = queue.body.items.find((i: { id: string }) => i.id === comment.id);
    expect(card.account).toEqual({ provider: "oidc", providerLabel: "Example ID", subject: "hal", name: "Reader hal" });
    await request(t.app)
      .post(`/api/moderation/comments/${comment.id}/actions`)
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send({ action: "ban-author", revision: 1 })
      .expect(200);
    expect(await t.deps.db.ban.count({ where: { kind: "account", value: r.accountId } })).toBe(1);
    const again = await post({ body: "Am I still here?" }, r);
    expect(again.body.error.code).toBe("BANNED");
  });
});
