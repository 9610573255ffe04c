// Link citations end to end: the pipeline phase, the background checker against a fake web on
// 127.0.0.1, the LinkCheck cache and its TTLs, queue moves with "system" audit rows, the preview
// endpoint and the Sources list readers see. SQLite and PostgreSQL.
import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLinkChecker } from "../../src/citations/link-checker.ts";
import { applyLinkVerdict } from "../../src/comments/apply-link-verdict.ts";
import { signInAs } from "../support/moderators.ts";
import { directReaderSession } from "../support/reader-sign-in.ts";
import { startFakeWeb, manualClock, type FakeWeb } from "../support/fake-web.ts";
import type { SiteSettings } from "../../src/config/site-settings.ts";
import { createTestApp, RELAXED_SITE_SETTINGS, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const PETE_SLUG = "israel-behind-discovery-of-kaspersky-spy-links";
const NEWS_SLUG = "israel-secret-service-pressure-on-kaspersky";
const HOUR = 3600_000;

describe.each(testProviders())("link citations on %s", (provider) => {
  let t: TestApp;
  let web: FakeWeb;
  let thread: string;
  let peteThread: string;
  let poster = 0;
  const clock = manualClock();

  beforeAll(async () => {
    web = await startFakeWeb(clock.now);
    t = await createTestApp(provider, {}, { linkFetcher: web.fetcher, clock });
    await setSettings({});
    const articles = await request(t.app).get("/api/articles").expect(200);
    thread = articles.body.find((a: { slug: string }) => a.slug === NEWS_SLUG).threadId;
    peteThread = articles.body.find((a: { slug: string }) => a.slug === PETE_SLUG).threadId;
  });
  afterAll(async () => {
    await t?.close();
    await web?.close();
  });
  afterEach(async () => {
    await t.deps.linkChecker.idle();
    await setSettings({});
    expect(web.dialled.every((a) => a.startsWith("127."))).toBe(true);
  });

  /** Posts as a new reader a minute after the last post (flood rules see distinct, spaced posters). */
  const post = (body: string, threadId = thread) => {
    clock.advance(60_000);
    poster++;
    return request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ authorName: `Reader ${poster}`, authorEmail: `reader${poster}@example.org`, body });
  };
  const settle = () => t.deps.linkChecker.idle();
  const row = async (id: string) => {
    const c = await t.deps.db.comment.findUniqueOrThrow({ where: { id } });
    return { ...c, flags: c.flags as { code: string; detail?: string }[] };
  };
  const count = async (threadId = thread) =>
    (await t.deps.db.thread.findUniqueOrThrow({ where: { id: threadId } })).publishedCount;
  // Post-moderation without link-count or flood limits, so only the citation checks decide.
  const BASE_SETTINGS = { ...RELAXED_SITE_SETTINGS, maxLinks: 0 };
  const setSettings = (settings: Partial<SiteSettings>) =>
    t.deps.db.site.update({ where: { id: "default" }, data: { settings: { ...BASE_SETTINGS, ...settings } } });

  it("holds a comment whose citation is dead once the background check answers 404", async () => {
    web.page("/dead-report", { status: 404 });
    const before = await count();
    const res = await post(`The minister denied it [A].\n\n[A] ${web.url("dead.test", "/dead-report")}`).expect(201);
    const id = res.body.comment.id;
    expect(res.body.comment.references).toEqual([
      expect.objectContaining({ label: "A", domain: "dead.test", state: "unchecked" }),
    ]);
    expect(await count()).toBe(before + 1);

    await settle();
    const held = await row(id);
    expect(held.status).toBe("held");
    expect(held.flags).toMatchObject([
      { code: "link-broken", detail: expect.stringMatching(/^\[A\] .*dead-report answered 404$/) },
    ]);
    expect(await count()).toBe(before);
    const audit = await t.deps.db.moderationAction.findMany({ where: { commentId: id } });
    expect(audit).toEqual([
      expect.objectContaining({
        moderatorId: null,
        action: "link-check",
        fromStatus: "published",
        toStatus: "held",
        revision: 1,
        reason: expect.stringContaining("link-broken"),
      }),
    ]);
    const cached = await t.deps.db.linkCheck.findUniqueOrThrow({
      where: { url: web.url("dead.test", "/dead-report") },
    });
    expect(cached).toMatchObject({ state: "broken", httpStatus: 404 });
    const list = await request(t.app).get(`/api/threads/${thread}/comments`).expect(200);
    expect(list.body.comments.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it("shows moderators every link's state, redirect chain and final URL, and why the comment was held", async () => {
    web.page("/moved-away", { status: 301, location: "/gone" });
    web.page("/gone", { status: 404, title: "Not here" });
    web.page("/fine-source", { status: 200, title: "A fine source" });
    const res = await post(
      `Claim [A], context [B].\n\n[A] ${web.url("news.test", "/moved-away")}\n[B] ${web.url("papers.test", "/fine-source#section")}`,
    ).expect(201);
    await settle();
    const mod = await signInAs(t, "moderator");
    const queue = await request(t.app)
      .get("/api/moderation/queue?queue=held&sort=newest")
      .set("Cookie", mod.cookie)
      .expect(200);
    const item = queue.body.items.find((i: { id: string }) => i.id === res.body.comment.id);
    expect(item.flags).toMatchObject([
      { code: "link-broken", detail: expect.stringContaining("answered 404"), detailCode: "answered" },
    ]);
    expect(item.links).toEqual([
      expect.objectContaining({
        label: "A",
        url: web.url("news.test", "/moved-away"),
        state: "broken",
        httpStatus: 404,
        title: null,
        finalUrl: web.url("news.test", "/gone"),
        redirectChain: [{ url: web.url("news.test", "/moved-away"), status: 301 }],
      }),
      expect.objectContaining({
        label: "B",
        url: web.url("papers.test", "/fine-source#section"),
        state: "ok",
        httpStatus: 200,
        title: "A fine source",
        redirectChain: [],
      }),
    ]);
    const audit = await request(t.app)
      .get(`/api/moderation/audit?comment=${res.body.comment.id}`)
      .set("Cookie", mod.cookie)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ moderator: null, action: "link-check", fromStatus: "published", toStatus: "held" }),
    ]);
  });

  it("publishes a comment with good citations and lists its checked sources", async () => {
    web.page("/report", { status: 200, title: "Ministry report on the breach" });
    web.page("/old-link", { status: 301, location: "/report" });
    const res = await post(
      `The report [A] and the follow-up [B] agree.\n\n[A] ${web.url("news.test", "/report")}\n[B] ${web.url("papers.test", "/old-link")}`,
    ).expect(201);
    await settle();
    expect((await row(res.body.comment.id)).status).toBe("published");

    const list = await request(t.app).get(`/api/threads/${thread}/comments`).expect(200);
    const shown = list.body.comments.find((c: { id: string }) => c.id === res.body.comment.id);
    expect(shown.references).toEqual([
      {
        label: "A",
        url: web.url("news.test", "/report"),
        title: "Ministry report on the breach",
        domain: "news.test",
        state: "ok",
        checkedAt: expect.any(String),
        missingFragment: null,
      },
      {
        label: "B",
        url: web.url("papers.test", "/old-link"),
        title: "Ministry report on the breach",
        domain: "papers.test",
        state: "redirected",
        checkedAt: expect.any(String),
        missingFragment: null,
      },
    ]);
    expect(JSON.stringify(shown.references)).not.toMatch(/redirectChain|httpStatus|finalUrl/);

    const page = await request(t.app).get(`/articles/${NEWS_SLUG}`).expect(200);
    const item = page.text.slice(page.text.indexOf(`id="comment-${res.body.comment.id}"`));
    expect(item).toContain("Sources");
    expect(item).toContain("Ministry report on the breach");
    expect(item.match(/link checked/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it("never holds Pete: his real-internet links are unreachable here, and unreachable is not broken", async () => {
    expect(await t.deps.linkChecker.sweep()).toBeGreaterThanOrEqual(2);
    await settle();
    const pete = await t.deps.db.comment.findFirstOrThrow({ where: { threadId: peteThread, authorName: "Pete" } });
    expect(pete.status).toBe("published");
    expect(pete.flags).toMatchObject([]);
    const list = await request(t.app).get(`/api/threads/${peteThread}/comments`).expect(200);
    const refs = list.body.comments.find((c: { id: string }) => c.id === pete.id).references;
    expect(refs.map((r: { label: string; domain: string; state: string }) => [r.label, r.domain, r.state])).toEqual([
      ["A", "gentleseas.blogspot.com.au", "unreachable"],
      ["B", "en.wikipedia.org", "unreachable"],
    ]);
    expect(web.dialled.every((a) => a === "127.0.0.1")).toBe(true);
  });

  it("caches results with their TTL and re-checks only after it passes", async () => {
    web.page("/cached", { status: 200, title: "Cached page" });
    const url = web.url("news.test", "/cached");
    await post(`Source [A].\n\n[A] ${url}`).expect(201);
    await settle();
    const first = await t.deps.db.linkCheck.findUniqueOrThrow({ where: { url } });
    expect(first.expiresAt.getTime() - first.checkedAt.getTime()).toBe(24 * HOUR);
    expect(web.hits("/cached")).toBe(1);

    await post(`Same source, cited again [1].\n\n[1] ${url}`).expect(201);
    await settle();
    expect(web.hits("/cached")).toBe(1); // served from the cache

    clock.advance(23 * HOUR);
    await t.deps.linkChecker.sweep();
    expect(web.hits("/cached")).toBe(1);
    clock.advance(2 * HOUR);
    await t.deps.linkChecker.sweep();
    await settle();
    expect(web.hits("/cached")).toBe(2);

    web.page("/flaky", { status: 503 });
    await post(`Down [A].\n\n[A] ${web.url("news.test", "/flaky")}`).expect(201);
    await settle();
    const failed = await t.deps.db.linkCheck.findUniqueOrThrow({ where: { url: web.url("news.test", "/flaky") } });
    expect(failed.state).toBe("broken");
    expect(failed.expiresAt.getTime() - failed.checkedAt.getTime()).toBe(1 * HOUR);
  });

  it("moves a published comment to held when a re-check finds its link dead, with a system audit row", async () => {
    web.page("/rots", { status: 200, title: "Here today" });
    const res = await post(`As reported [A].\n\n[A] ${web.url("news.test", "/rots")}`).expect(201);
    await settle();
    const id = res.body.comment.id;
    expect((await row(id)).status).toBe("published");
    const before = await count();

    web.page("/rots", { status: 410 });
    clock.advance(25 * HOUR);
    await t.deps.linkChecker.sweep();
    await settle();
    expect(await row(id)).toMatchObject({
      status: "held",
      flags: [{ code: "link-broken", detail: expect.stringContaining("answered 410") }],
    });
    expect(await count()).toBe(before - 1);
    const audit = await t.deps.db.moderationAction.findFirstOrThrow({ where: { commentId: id } });
    expect(audit).toMatchObject({ moderatorId: null, action: "link-check", fromStatus: "published", toStatus: "held" });
  });

  it("checks each comment's #fragment against the page's anchors, cached once, and never holds for a missing one", async () => {
    web.page("/guide", {
      status: 200,
      title: "Install guide",
      body: `<h2 id="install">Install</h2><a name="old-anchor"></a>`,
    });
    const hitsBefore = web.hits("/guide");
    const posts = [];
    for (const fragment of ["install", "no-such-part", "old-anchor"]) {
      posts.push(
        (await post(`See [A].\n\n[A] ${web.url("news.test", `/guide#${fragment}`)}`).expect(201)).body.comment
          .id as string,
      );
      await settle();
    }
    const [good, bad, named] = posts as [string, string, string];
    expect(web.hits("/guide") - hitsBefore).toBe(1); // one fetch, one cache row, three fragments
    const cached = await t.deps.db.linkCheck.findUniqueOrThrow({ where: { url: web.url("news.test", "/guide") } });
    expect(cached.anchors).toEqual({ ids: ["install", "old-anchor"], complete: true });
    expect(await row(bad)).toMatchObject({ status: "published", flags: [] });

    const list = await request(t.app).get(`/api/threads/${thread}/comments`).expect(200);
    const missing = (id: string) =>
      list.body.comments
        .find((c: { id: string }) => c.id === id)
        .references.map((r: { missingFragment: string | null }) => r.missingFragment);
    expect([good, bad, named].map(missing)).toEqual([[null], ["no-such-part"], [null]]);
    const page = await request(t.app).get(`/articles/${NEWS_SLUG}`).expect(200);
    const item = (id: string) => page.text.slice(page.text.indexOf(`id="comment-${id}"`)).split('id="comment-')[1]!;
    expect(item(bad)).toContain("#no-such-part not found on the page");
    expect(item(good)).not.toContain("not found on the page");

    const mod = await signInAs(t, "moderator");
    const queue = await request(t.app)
      .get("/api/moderation/queue?queue=all&sort=newest")
      .set("Cookie", mod.cookie)
      .expect(200);
    const fragmentOf = (id: string) =>
      queue.body.items.find((i: { id: string }) => i.id === id).links.map((l: { fragment: unknown }) => l.fragment);
    expect([good, bad, named].map(fragmentOf)).toEqual([
      [{ fragment: "install", status: "found" }],
      [{ fragment: "no-such-part", status: "missing" }],
      [{ fragment: "old-anchor", status: "found" }],
    ]);
  });

  it("re-checks on edit: the new text's links replace the old ones and are checked", async () => {
    web.page("/first-source", { status: 200, title: "First source" });
    web.page("/withdrawn", { status: 404 });
    const res = await post(`Claim [A].\n\n[A] ${web.url("news.test", "/first-source")}`).expect(201);
    await settle();
    const id = res.body.comment.id;
    expect((await row(id)).status).toBe("published");

    const withdrawnHits = web.hits("/withdrawn");
    const edited = await request(t.app)
      .patch(`/api/comments/${id}`)
      .send({
        body: `Claim [A], now with [B].\n\n[A] ${web.url("news.test", "/first-source")}\n[B] ${web.url("papers.test", "/withdrawn#p2")}`,
        editToken: res.body.editToken,
      })
      .expect(200);
    // The answer is the comment as edited: the check of [B] starts only after it was read (no race).
    expect(edited.body.comment.status).toBe("published");
    expect(edited.body.comment.references.map((r: { label: string; state: string }) => [r.label, r.state])).toEqual([
      ["A", "ok"],
      ["B", "unchecked"],
    ]);
    expect(
      await t.deps.db.commentLink.findMany({
        where: { commentId: id },
        select: { url: true, label: true },
        orderBy: { label: "asc" },
      }),
    ).toEqual([
      { url: web.url("news.test", "/first-source"), label: "A" },
      { url: web.url("papers.test", "/withdrawn"), label: "B" },
    ]);
    await settle();
    expect(web.hits("/withdrawn")).toBe(withdrawnHits + 1); // the check saw the new text's link
    expect(await row(id)).toMatchObject({
      status: "held",
      flags: [{ code: "link-broken", detail: expect.stringContaining("[B]") }],
    });
  });

  it("holds until links are checked when the site asks, then publishes the comment when they pass", async () => {
    await setSettings({ holdUntilLinksChecked: true });
    web.page("/fine", { status: 200, title: "Fine" });
    const before = await count();
    const res = await post(`Checked source [A].\n\n[A] ${web.url("news.test", "/fine")}`).expect(202);
    const id = res.body.comment.id;
    expect((await row(id)).flags).toMatchObject([{ code: "links-unchecked", detail: "1 link is not checked yet" }]);
    await settle();
    expect(await row(id)).toMatchObject({ status: "published", flags: [] });
    expect(await count()).toBe(before + 1);
    const audit = await t.deps.db.moderationAction.findFirstOrThrow({ where: { commentId: id } });
    expect(audit).toMatchObject({ moderatorId: null, action: "link-check", fromStatus: "held", toStatus: "published" });

    // A first-time author on a pre-moderated site goes on to the pending queue, not straight out.
    await setSettings({ holdUntilLinksChecked: true, mode: "pre-moderate-first-time" });
    const newcomer = await post(`New here [A].\n\n[A] ${web.url("news.test", "/fine")}`).expect(202);
    await settle();
    expect(await row(newcomer.body.comment.id)).toMatchObject({ status: "pending", flags: [] });

    web.page("/also-dead", { status: 404 });
    const dead = await post(`Dead source [A].\n\n[A] ${web.url("news.test", "/also-dead")}`).expect(202);
    await settle();
    expect(await row(dead.body.comment.id)).toMatchObject({
      status: "held",
      flags: [{ code: "link-broken", detail: expect.any(String) }],
    });
  });

  it("releases a signed-in returning reader's comment after its link check, counted by their account", async () => {
    // Published once before, as their account: on a first-time site they are returning by it (moderation-mode).
    const reader = await directReaderSession(t);
    const asReader = (body: string) => {
      clock.advance(60_000);
      return request(t.app)
        .post(`/api/threads/${thread}/comments`)
        .set("Cookie", reader.cookie)
        .set("X-Parley-Reader-CSRF", reader.csrfToken)
        .send({ body });
    };
    expect((await asReader("My first comment here.").expect(201)).body.comment.status).toBe("published");

    await setSettings({ holdUntilLinksChecked: true, mode: "pre-moderate-first-time" });
    web.page("/reader-fine", { status: 200, title: "Fine" });
    const res = await asReader(`Checked source [A].\n\n[A] ${web.url("news.test", "/reader-fine")}`).expect(202);
    const id = res.body.comment.id;
    expect((await row(id)).flags).toMatchObject([{ code: "links-unchecked", detail: "1 link is not checked yet" }]);
    await settle();
    // The verdict's defaults see the account (not an unproven email): published, not sent to the pending queue.
    expect(await row(id)).toMatchObject({ status: "published", flags: [], readerAccountId: reader.accountId });
  });

  it("checks before answering when the site asks for blocking checks", async () => {
    await setSettings({ linkCheckBlocking: true, linkCheckBlockingMs: 2000 });
    web.page("/blocking-dead", { status: 404 });
    const res = await post(`Gone [A].\n\n[A] ${web.url("news.test", "/blocking-dead")}`).expect(202);
    expect((await row(res.body.comment.id)).flags).toMatchObject([
      { code: "link-broken", detail: expect.stringContaining("answered 404") },
    ]);
  });

  it("holds unresolved citations, unsafe links and denied domains at once, with reason codes", async () => {
    await setSettings({ linkDenyDomains: ["spam.test"] });
    const unresolved = await post("As [C] shows, it was planned.").expect(202);
    expect((await row(unresolved.body.comment.id)).flags).toMatchObject([
      { code: "citation-unresolved", detail: "[C] has no source" },
    ]);
    const ip = await post("Look at http://10.1.2.3/admin").expect(202);
    const masked = await post(`[https://news.test/report](${web.url("spam.test", "/x")})`).expect(202);
    await settle();
    // The checker refuses to fetch a private address: refused counts as broken too.
    expect((await row(ip.body.comment.id)).flags.map((f) => f.code)).toEqual(["link-unsafe", "link-broken"]);
    expect((await row(masked.body.comment.id)).flags.map((f) => f.code).sort()).toEqual([
      "link-broken",
      "link-denied-domain",
      "link-unsafe",
    ]);

    web.page("/to-spam", { status: 302, location: web.url("spam.test", "/landing") });
    web.page("/landing", { status: 200, title: "Buy now" });
    const redirect = await post(`Innocent [A].\n\n[A] ${web.url("news.test", "/to-spam")}`).expect(201);
    await settle();
    expect(await row(redirect.body.comment.id)).toMatchObject({
      status: "held",
      flags: [{ code: "link-denied-domain", detail: expect.stringContaining("redirects to spam.test") }],
    });

    // Wikipedia's own markers inside a quotation are not the commenter's citations.
    await post("> He studied there.[15] It prepared officers.[7][8]\n\nQuite a CV.").expect(201);
  });

  it("previews citations and known link states without writing anything", async () => {
    web.page("/known-dead", { status: 404 });
    await post(`[A] cited.\n\n[A] ${web.url("news.test", "/known-dead")}`).expect(201);
    await settle();
    const tables = async () => [
      await t.deps.db.comment.count(),
      await t.deps.db.linkCheck.count(),
      await t.deps.db.commentLink.count(),
    ];
    const before = await tables();
    const hitsBefore = web.hits("/known-dead");

    const res = await request(t.app)
      .post("/api/citations/preview")
      .send({
        body: `See [A] and [C].\n\n[A] ${web.url("news.test", "/known-dead")}\n\nAlso ${web.url("news.test", "/never-seen")}`,
        threadId: thread,
      })
      .expect(200);
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        code: "unresolved-marker",
        severity: "error",
        label: "C",
        message: "[C] has no source",
      }),
    ]);
    expect(res.body.citations).toEqual([expect.objectContaining({ label: "A", state: "broken" })]);
    expect(res.body.links.map((l: { label: string | null; state: string }) => [l.label, l.state])).toEqual([
      ["A", "broken"],
      [null, "unchecked"],
    ]);
    expect(res.body.linkCount).toBe(2);
    expect(res.body.holdReasons.map((f: { code: string }) => f.code).sort()).toEqual([
      "citation-unresolved",
      "link-broken",
    ]);
    expect(await tables()).toEqual(before);
    expect(web.hits("/known-dead")).toBe(hitsBefore);

    await request(t.app).post("/api/citations/preview").send({}).expect(422);
    await request(t.app).post("/api/citations/preview").set("content-type", "text/plain").send("body=x").expect(415);
    await request(t.app).post("/api/citations/preview").send({ body: "x", threadId: "nope" }).expect(404);
  });

  it("previews with the post's own extraction: Markdown definitions, quoted lists, autolinks, nothing from code", async () => {
    await setSettings({});
    const u = (path: string) => web.url("news.test", path);
    const body = [
      "Claim [A] and [B].",
      `[A]: ${u("/def-a")}`,
      `> quoted [B]\n> [B] ${u("/def-b")}`,
      `See <${u("/auto")}> and \`${u("/in-code")}\``,
      `    ${u("/indented-code")}`,
    ].join("\n\n");
    const preview = await request(t.app).post("/api/citations/preview").send({ body, threadId: thread }).expect(200);
    const res = await post(body).expect(201);
    await settle();
    const stored = (await row(res.body.comment.id)).metadata as {
      links: string[];
      citations: { sources: { url: string; label: string | null }[] };
    };
    const sources = stored.citations.sources.map((s) => [s.label, new URL(s.url).pathname]);
    expect(sources).toEqual([
      ["A", "/def-a"],
      ["B", "/def-b"],
      [null, "/auto"],
    ]);
    expect(
      preview.body.links.map((l: { label: string | null; url: string }) => [l.label, new URL(l.url).pathname]),
    ).toEqual(sources);
    expect(preview.body.problems).toEqual([]);
    // The [A] marker is a link to its definition, the quoted list stays in the body: three links rendered.
    expect(preview.body.linkCount).toBe(3);
    expect(stored.links.map((href) => new URL(href).pathname)).toEqual(["/def-a", "/def-b", "/auto"]);
  });

  it("lets only one of several instances fetch a URL that is due", async () => {
    web.page("/shared", { status: 200, title: "Shared" });
    await setSettings({});
    const { commentLink } = t.deps.db;
    const res = await post(`Popular [A].\n\n[A] ${web.url("news.test", "/shared")}`).expect(201);
    await settle();
    expect(await commentLink.count({ where: { commentId: res.body.comment.id } })).toBe(1);
    const hits = web.hits("/shared");
    clock.advance(25 * HOUR);
    const others = [1, 2, 3].map(() =>
      createLinkChecker(t.deps, web.fetcher, (id, opts) => applyLinkVerdict(t.deps, id, opts)),
    );
    // Every URL the earlier tests cited is due too, and a sweep takes a batch (oldest first): sweep
    // with all four instances until none finds work, so /shared is reached however many came before.
    for (let round = 0; round < 20; round++) {
      const found = await Promise.all([t.deps.linkChecker.sweep(), ...others.map((c) => c.sweep())]);
      await Promise.all([settle(), ...others.map((c) => c.idle())]);
      if (found.every((n) => n === 0)) break;
    }
    expect(web.hits("/shared")).toBe(hits + 1);
  });
});

describe("citation preview rate limit", () => {
  it("answers 429 past RATE_LIMIT_PREVIEWS_PER_MIN from one address", async () => {
    const t = await createTestApp("sqlite", { RATE_LIMIT_PREVIEWS_PER_MIN: "2" });
    try {
      for (let i = 0; i < 2; i++) await request(t.app).post("/api/citations/preview").send({ body: "[A]" }).expect(200);
      const limited = await request(t.app).post("/api/citations/preview").send({ body: "[A]" }).expect(429);
      expect(limited.body.error.code).toBe("RATE_LIMITED");
    } finally {
      await t.close();
    }
  });
});
