// The moderation dashboard on both stores: figures on hand-built data (other sites, older comments,
// system moves and later decisions must not count), the page's charts (SVG with title and desc, a
// table of the figures), who may see it, and refused parameters. The hand-built rows get the columns
// the store writes beside them (flagCodes, decidedAt) from the store's own functions; a decision through
// the API sets decidedAt once.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dashboard } from "../../src/moderation/dashboard.ts";
import { flagCodesOf } from "../../src/store/client.ts";
import { recordFirstDecision, writeCommentFlags } from "../../src/store/comment-status.ts";
import { fakeClock } from "../support/fake-clock.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { registerTestSite } from "../support/sites.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const NOW = new Date("2026-12-07T12:00:00Z");
const at = (iso: string) => new Date(iso);

describe.each(testProviders())("moderation dashboard on %s", (provider) => {
  let t: TestApp;
  let mod: SignedIn;
  let threadA: string;
  let threadB: string;
  let otherThread: string;
  let n = 0;

  async function comment(
    threadId: string,
    createdAt: string,
    status: string,
    extra: { flags?: { code: string; detail?: string }[]; reportCount?: number } = {},
  ) {
    const c = await t.deps.db.comment.create({
      data: {
        threadId,
        authorName: `R${++n}`,
        authorEmail: `r${n}@example.org`,
        ipHash: "h",
        bodySource: "x",
        bodyHtml: "<p>x</p>",
        status: status as never,
        flags: extra.flags ?? [],
        flagCodes: flagCodesOf(extra.flags ?? []),
        metadata: {},
        reportCount: extra.reportCount ?? 0,
        createdAt: at(createdAt),
      },
    });
    return c.id;
  }
  async function decision(commentId: string, createdAt: string, fromStatus: string, moderatorId: string | null) {
    await t.deps.db.moderationAction.create({
      data: {
        commentId,
        moderatorId,
        action: "approve",
        fromStatus: fromStatus as never,
        toStatus: "published",
        revision: 1,
        createdAt: at(createdAt),
      },
    });
    // As change-status.ts records it: a moderator's decision on a waiting comment, the first one kept.
    if (moderatorId && (fromStatus === "pending" || fromStatus === "held"))
      await recordFirstDecision(t.deps.db, commentId, at(createdAt));
  }
  async function report(commentId: string, createdAt: string, reason: string) {
    await t.deps.db.report.create({
      data: { commentId, reporterKey: `k${++n}`, addressHash: `a${n}`, reason, createdAt: at(createdAt) },
    });
  }

  beforeAll(async () => {
    t = await createTestApp(provider, {}, { clock: fakeClock(NOW) });
    mod = await signInAs(t, "moderator", "Mo");
    const threads = await t.deps.db.thread.findMany({ where: { siteId: "default" }, orderBy: { createdAt: "asc" } });
    threadA = threads[0]!.id;
    threadB = threads[1]!.id;
    const other = await registerTestSite(t, ["https://other.example"]);
    otherThread = (await t.deps.db.thread.create({ data: { siteId: other.id, pageKey: "p", title: "Other page" } })).id;

    // Today (Dec 7): 3 published on A, one held for links on A, one pending on B.
    for (const h of ["01", "02", "03"]) await comment(threadA, `2026-12-07T${h}:00:00Z`, "published");
    await comment(threadA, "2026-12-07T04:00:00Z", "held", { flags: [{ code: "too-many-links", detail: "3" }] });
    const waited = await comment(threadB, "2026-12-07T08:00:00Z", "pending");
    // Dec 6: spam by score, by hand, by reports; a banned word; a comment the score held that was approved.
    const byScore = await comment(threadB, "2026-12-06T10:00:00Z", "spam", {
      flags: [{ code: "spam-score", detail: "0.97" }],
    });
    const byHand = await comment(threadB, "2026-12-06T11:00:00Z", "spam");
    const reported = await comment(threadB, "2026-12-06T11:30:00Z", "spam", {
      flags: [{ code: "reported" }],
      reportCount: 3,
    });
    await comment(threadB, "2026-12-06T12:00:00Z", "rejected", { flags: [{ code: "banned-word" }] });
    await comment(threadA, "2026-12-06T13:00:00Z", "published", { flags: [{ code: "spam-score", detail: "0.91" }] });
    // Dec 5: two flags of one code count once; a suspect word beside them; deleted.
    await comment(threadA, "2026-12-05T09:00:00Z", "held", {
      flags: [{ code: "link-broken", detail: "a" }, { code: "link-broken", detail: "b" }, { code: "suspect-word" }],
    });
    await comment(threadA, "2026-12-05T10:00:00Z", "deleted");
    // Older: in 30 days but not 7 (Nov 20), in 90 but not 30 (Oct 1), before 90 (Aug 1).
    await comment(threadA, "2026-11-20T10:00:00Z", "published");
    await comment(threadA, "2026-10-01T10:00:00Z", "spam");
    await comment(threadA, "2026-08-01T10:00:00Z", "published");
    // Another site's comments, decisions and reports never count here.
    const elsewhere = await comment(otherThread, "2026-12-07T05:00:00Z", "spam", { flags: [{ code: "spam-score" }] });
    await decision(elsewhere, "2026-12-07T05:01:00Z", "held", mod.id);
    await report(elsewhere, "2026-12-07T06:00:00Z", "abuse");

    // First decisions: 600 s and 3,600 s on Dec 6, 1,800 s on Dec 7 → medians 2,100 s (Dec 6), 1,800 s (Dec 7, overall).
    await decision(byScore, "2026-12-06T10:10:00Z", "held", mod.id);
    await decision(byScore, "2026-12-07T10:00:00Z", "held", mod.id); // a later one: not the first decision
    await decision(byHand, "2026-12-06T12:00:00Z", "pending", mod.id);
    await decision(waited, "2026-12-07T08:30:00Z", "pending", mod.id);
    await decision(reported, "2026-12-06T12:00:00Z", "published", mod.id); // taken down after publishing: no wait
    await decision(reported, "2026-12-06T11:40:00Z", "held", null); // a system move: not a moderator's decision

    await report(reported, "2026-12-07T09:00:00Z", "spam");
    await report(reported, "2026-12-07T09:10:00Z", "spam");
    await report(reported, "2026-12-07T09:20:00Z", "abuse");
    await report(byHand, "2026-12-05T09:00:00Z", "other");
    await report(byHand, "2026-11-10T09:00:00Z", "other"); // in 30 days, not in 7
  });
  afterAll(async () => t?.close());

  const dashboard = async (query: string) =>
    (await request(t.app).get(`/api/moderation/dashboard?${query}`).set("Cookie", mod.cookie).expect(200))
      .body as Dashboard;

  it("counts the last 7 days of the site's comments per day by outcome", async () => {
    const d = await dashboard("days=7");
    expect(d.site).toEqual({ id: "default", name: expect.any(String) });
    expect(d.dayKeys).toEqual([
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
      "2026-12-07",
    ]);
    expect(d.commentsPerDay.slice(0, 4).every((p) => Object.values(p).every((v) => v === 0))).toBe(true);
    expect(d.commentsPerDay[4]).toEqual({ published: 0, waiting: 1, rejected: 0, spam: 0, deleted: 1 });
    expect(d.commentsPerDay[5]).toEqual({ published: 1, waiting: 0, rejected: 1, spam: 3, deleted: 0 });
    expect(d.commentsPerDay[6]).toEqual({ published: 3, waiting: 2, rejected: 0, spam: 0, deleted: 0 });
  });

  it("says why comments were held, each comment once per reason, by what was decided", async () => {
    const d = await dashboard("days=7");
    const reasons = Object.fromEntries(d.holdReasons.map((r) => [r.code, r]));
    expect(Object.keys(reasons).sort()).toEqual(
      ["banned-word", "link-broken", "reported", "spam-score", "suspect-word", "too-many-links"].sort(),
    );
    expect(reasons["spam-score"]).toMatchObject({ total: 2, byOutcome: { spam: 1, published: 1 } });
    expect(reasons["link-broken"]).toMatchObject({ total: 1, byOutcome: { waiting: 1 } });
    expect(reasons["too-many-links"]).toMatchObject({ total: 1, byOutcome: { waiting: 1 } });
    expect(reasons["banned-word"]).toMatchObject({ total: 1, byOutcome: { rejected: 1 } });
    expect(d.holdReasons[0]!.code).toBe("spam-score"); // the most frequent first
  });

  it("splits spam by what caught it, and times the first decisions", async () => {
    const week = await dashboard("days=7");
    expect(week.spamCaught).toEqual({ score: 1, rules: 0, reports: 1, hand: 1 });
    expect(week.decisions.count).toBe(3);
    expect(week.decisions.medianSeconds).toBeCloseTo(1800, 3);
    expect(week.decisions.perDay[5]).toEqual({ decisions: 2, medianSeconds: expect.closeTo(2100, 3) });
    expect(week.decisions.perDay[6]).toEqual({ decisions: 1, medianSeconds: expect.closeTo(1800, 3) });
    expect(week.decisions.perDay[4]).toEqual({ decisions: 0, medianSeconds: 0 });
    // 90 days reach October's spam (a moderator's, no flag).
    expect((await dashboard("days=90")).spamCaught).toEqual({ score: 1, rules: 0, reports: 1, hand: 2 });
  });

  it("ranks the busiest threads and counts reports per day by reason", async () => {
    const week = await dashboard("days=7");
    expect(week.busiestThreads.map((b) => [b.threadId, b.comments, b.published])).toEqual([
      [threadA, 7, 4],
      [threadB, 5, 0],
    ]);
    expect(week.reportsPerDay[6]).toEqual({ spam: 2, abuse: 1, "off-topic": 0, other: 0 });
    expect(week.reportsPerDay[4]).toEqual({ spam: 0, abuse: 0, "off-topic": 0, other: 1 });
    const month = await dashboard("days=30");
    expect(month.commentsPerDay.reduce((s, p) => s + p.published, 0)).toBe(5); // Nov 20 too
    expect(month.reportsPerDay.reduce((s, p) => s + p.other, 0)).toBe(2);
    const quarter = await dashboard("days=90");
    expect(quarter.dayKeys).toHaveLength(90);
    expect(quarter.commentsPerDay.reduce((s, p) => s + p.spam, 0)).toBe(4); // Oct 1 too, never Aug 1
  });

  it("shows another site's figures on its own", async () => {
    const site = (await t.deps.db.thread.findUniqueOrThrow({ where: { id: otherThread } })).siteId;
    const d = await dashboard(`days=7&site=${site}`);
    expect(d.commentsPerDay[6]).toEqual({ published: 0, waiting: 0, rejected: 0, spam: 1, deleted: 0 });
    expect(d.spamCaught.score).toBe(1);
    expect(d.decisions.count).toBe(1);
    expect(d.reportsPerDay[6]!.abuse).toBe(1);
  });

  it("renders the page: accessible SVG charts, a table of figures, the period and site pickers", async () => {
    const res = await request(t.app)
      .get("/moderate/dashboard?days=7")
      .set("Cookie", mod.cookie)
      .set("Accept", "text/html")
      .expect(200);
    expect(res.headers["cache-control"]).toContain("no-store");
    const page = res.text;
    for (const id of [
      "chart-comments",
      "chart-reasons",
      "chart-spam",
      "chart-decisions",
      "chart-threads",
      "chart-reports",
    ]) {
      expect(page).toMatch(
        new RegExp(`<svg class="chart[^"]*" viewBox="[^"]+" role="img" aria-labelledby="${id}-t ${id}-d"`),
      );
      expect(page).toContain(`<title id="${id}-t">`);
      expect(page).toContain(`<desc id="${id}-d">`);
    }
    expect(page).toContain("<strong>12</strong> comments");
    expect(page).toContain("Median <strong>30 min</strong> over 3 decisions");
    expect(page).toMatch(
      /<tr><th scope="row">Dec 6<\/th><td>1<\/td><td>0<\/td><td>1<\/td><td>3<\/td><td>0<\/td><\/tr>/,
    );
    expect(page).toContain('<a href="/moderate/dashboard?site=default&amp;days=7" aria-current="page">7 days</a>');
    expect(page).toContain('<select id="dash-site" name="site">');
    expect(page).not.toContain("<script");
  });

  it("speaks the console's language: German and French from Accept-Language, with their plurals and dates", async () => {
    const admin = await signInAs(t, "admin", "Ada");
    const get = (lang: string, who = admin) =>
      request(t.app)
        .get("/moderate/dashboard?days=7")
        .set("Cookie", who.cookie)
        .set("Accept", "text/html")
        .set("Accept-Language", lang)
        .expect(200);
    const res = await get("de-DE,de;q=0.9,en;q=0.5");
    expect(res.headers["content-language"]).toBe("de");
    expect(res.headers.vary).toMatch(/Accept-Language/);
    const de = res.text;
    expect(de).toContain('<html lang="de">');
    expect(de).toContain("Zum Inhalt springen");
    expect(de).toMatch(/<title>Übersicht · [^<]+ · Moderation · Parley<\/title>/);
    expect(de).toContain('<a href="/moderate/dashboard" aria-current="page">Übersicht</a>');
    // The admin's links are the console's: Moderators and Reader data too, in German.
    for (const link of ["Warteschlange", "Einstellungen", "Websites", "Moderatoren", "Leserdaten", "Protokoll"])
      expect(de).toContain(`">${link}</a>`);
    expect(de).toContain("<strong>12</strong> Kommentare");
    expect(de).toContain("Median <strong>30 min</strong> bei 3 Entscheidungen");
    expect(de).toMatch(
      /<tr><th scope="row">6\. Dez\.<\/th><td>1<\/td><td>0<\/td><td>1<\/td><td>3<\/td><td>0<\/td><\/tr>/,
    );
    expect(de).toContain(">7 Tage</a>");
    expect(de).toContain("<summary>Die Zahlen</summary>");
    expect(de).toContain("Zu viele Links");
    // No English left: the page's own English words (thread titles are the site's content, not checked).
    const text = de.replace(/<[^>]+>/g, " ");
    for (const english of [
      "Skip to content",
      "Dashboard",
      "Console sections",
      "Queue",
      "Settings",
      "Reader data",
      "Audit log",
      "Comments per day",
      "Why comments were held",
      "Spam: who caught it",
      "Time to a decision",
      "Busiest threads",
      "Reports",
      "The figures",
      "Days are UTC days",
      "counted on the day",
      "the last 7 days",
      "decisions",
      " comments",
      "Most often",
      "Published",
      "Waiting",
      "Rejected",
      "Deleted",
      "Too many links",
      "Learned spam score",
      "Caught by",
      "Median wait",
      "No reports",
      "None in this period",
      "Stacked bars",
      "Dec 6",
      "moderator",
    ])
      expect(text, english).not.toContain(english);
    expect(de).not.toContain('aria-label="Period"');

    // One decision reads singular in German, and French counts its own way.
    const fr = (await get("fr", mod)).text;
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain("Commentaires par jour");
    expect(fr).toContain("Médiane <strong>30 min</strong> sur 3 décisions");
    expect(fr).toContain('<th scope="row">6 déc.</th>');
    expect(fr).not.toContain("Moderators");
    expect(fr).toContain('<span class="role-badge">modérateur</span>');
    // A moderator (not an admin) sees no admin links, in any language.
    expect(fr).not.toContain("#/readers");
  });

  it("the columns the charts read are written by the store: decidedAt by a moderator's first decision, flagCodes with the flags", async () => {
    const id = await comment(threadB, "2026-12-07T11:00:00Z", "pending");
    const approve = await request(t.app)
      .post("/api/moderation/actions/bulk")
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send({ action: "approve", items: [{ id, revision: 1 }] })
      .expect(200);
    expect(approve.body.results[0].ok).toBe(true);
    const decided = await t.deps.db.comment.findUniqueOrThrow({ where: { id } });
    expect(decided.decidedAt).toEqual(NOW);
    expect((await dashboard("days=7")).decisions.count).toBe(4);
    // A later decision (published → spam) is not a first decision on a waiting comment: decidedAt stays.
    await request(t.app)
      .post("/api/moderation/actions/bulk")
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send({ action: "spam", items: [{ id, revision: decided.revision }] })
      .expect(200);
    expect((await t.deps.db.comment.findUniqueOrThrow({ where: { id } })).decidedAt).toEqual(NOW);

    const flagged = await t.deps.db.comment.findUniqueOrThrow({ where: { id } });
    const flags = [{ code: "link-broken", detail: "b" }, { code: "banned-word" }, { code: "link-broken", detail: "a" }];
    expect(await writeCommentFlags(t.deps.db, { ...flagged, flags })).toBe(true);
    expect((await t.deps.db.comment.findUniqueOrThrow({ where: { id } })).flagCodes).toBe(
      '["banned-word","link-broken"]',
    );
  });

  it("sends a browser without a session to sign in; refuses unknown sites and periods", async () => {
    const page = await request(t.app).get("/moderate/dashboard").set("Accept", "text/html").expect(303);
    expect(page.headers.location).toBe("/moderate");
    const api = await request(t.app).get("/api/moderation/dashboard").expect(401);
    expect(api.body.error.code).toBe("UNAUTHENTICATED");
    const days = await request(t.app).get("/api/moderation/dashboard?days=31").set("Cookie", mod.cookie).expect(422);
    expect(days.body.error).toMatchObject({ code: "VALIDATION", field: "days" });
    const site = await request(t.app).get("/api/moderation/dashboard?site=nope").set("Cookie", mod.cookie).expect(404);
    expect(site.body.error.code).toBe("NOT_FOUND");
  });
});
