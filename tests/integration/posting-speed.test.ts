// The spam score's posting speed (src/comments/posting-speed.ts), through the real routes on both stores:
// a signed render time (the article page's form carries it where the site asks for proof of work) is
// posted back by the page's script and the no-JS form; otherwise the page's script and the widget send
// the milliseconds they measured themselves. The server records the seconds from render to post with
// the comment's spam signals, the model learns the bucket as a feature, and the moderator's card says
// it in words. A stamp that does not verify counts as nothing, and the client's number beside it is not
// trusted instead.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { featuresOfStoredComment } from "../../src/spam/learn-from-decision.ts";
import { signFormStamp } from "../../src/comments/proof-of-work.ts";
import { describeSpamReasons } from "../../src/spam/describe-features.ts";
import { fakeClock, type FakeClock } from "../support/fake-clock.ts";
import { signInAs } from "../support/moderators.ts";
import { createTestApp, RELAXED_SITE_SETTINGS, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("posting speed on %s", (provider) => {
  let t: TestApp;
  let clock: FakeClock;
  let threadId: string;
  let slug: string;
  let n = 0;

  beforeAll(async () => {
    clock = fakeClock(new Date());
    t = await createTestApp(
      provider,
      {},
      { clock },
      { siteSettings: { ...RELAXED_SITE_SETTINGS, mode: "pre-moderate-all" } },
    );
    const thread = await t.deps.db.thread.findFirstOrThrow({
      where: { siteId: "default", articleId: { not: null } },
      include: { article: true },
    });
    threadId = thread.id;
    slug = thread.article!.slug;
  });
  afterAll(async () => t?.close());

  const comment = () => ({ authorName: "Ann", authorEmail: `ann${++n}@example.org`, body: `A thought, number ${n}` });
  const stampOfPage = async () => {
    const page = await request(t.app).get(`/articles/${slug}`).expect(200);
    return { page: page.text, stamp: /name="formStamp" value="([^"]+)"/.exec(page.text)?.[1] };
  };
  const recorded = async (id: string) => {
    const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id } });
    const spam = (row.metadata as { spam?: { signals?: { postedAfterMs?: number | null } } }).spam;
    return { postedAfterMs: spam?.signals?.postedAfterMs, features: [...featuresOfStoredComment(row).keys()] };
  };
  const postJson = async (extra: object) => {
    const res = await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ ...comment(), ...extra })
      .expect(202);
    return res.body.comment.id as string;
  };

  it("a signed render time posted to the API: seconds from render to post, a feature the model learns", async () => {
    const stamp = signFormStamp(t.deps); // as the page's form carries it
    clock.advance(4000);
    const fast = await recorded(await postJson({ formStamp: stamp }));
    expect(fast.postedAfterMs).toBe(4000);
    expect(fast.features).toContain("speed:≤5");
    clock.advance(116_000);
    const slow = await recorded(await postJson({ formStamp: stamp }));
    expect(slow.postedAfterMs).toBe(120_000);
    expect(slow.features).toContain("speed:≤300");
  });

  it("the widget and the page's script send what they measured; a forged or backdated stamp counts as nothing", async () => {
    const widget = await recorded(await postJson({ formAgeMs: 12_345 }));
    expect(widget.postedAfterMs).toBe(12_345);
    expect(widget.features).toContain("speed:≤15");

    const stamp = signFormStamp(t.deps);
    const [at, mac] = stamp.split(".");
    clock.advance(2000);
    for (const forged of [`${Number(at) - 60_000}.${mac}`, `${at}.${"x".repeat(mac!.length)}`, "garbage"]) {
      const r = await recorded(await postJson({ formStamp: forged, formAgeMs: 90_000 }));
      expect(r.postedAfterMs).toBeNull();
      expect(r.features.some((f) => f.startsWith("speed:"))).toBe(false);
    }
    const none = await recorded(await postJson({}));
    expect(none.postedAfterMs).toBeNull();
  });

  it("the moderator's card says it in words, and the reasons name it when it pushed towards spam", async () => {
    const stamp = signFormStamp(t.deps);
    clock.advance(3000);
    const id = await postJson({ formStamp: stamp });
    const mod = await signInAs(t, "moderator");
    const queue = await request(t.app)
      .get("/api/moderation/queue?queue=pending&sort=newest")
      .set("Cookie", mod.cookie)
      .expect(200);
    const item = queue.body.items.find((i: { id: string }) => i.id === id);
    expect(item.spam).toMatchObject({ postedAfterSeconds: 3 });
    expect(
      describeSpamReasons([{ feature: "speed:≤5", count: 1, weight: 2, spam: 30, ham: 1 }], 3000).join("; "),
    ).toContain("posted 3 s after the page loaded");
  });

  it("with proof of work on, the page's form carries the signed time (one per response) and the no-JS form posts it", async () => {
    const settings = { ...RELAXED_SITE_SETTINGS, mode: "pre-moderate-all", proofOfWork: true };
    await t.deps.db.site.update({ where: { id: "default" }, data: { settings } });
    t.deps.threadCache.forgetThreads();
    const { page, stamp } = await stampOfPage();
    expect(stamp).toMatch(/^\d+\.[\w-]+$/);
    expect(page).toContain('name="homepage"');
    clock.advance(1000);
    expect((await stampOfPage()).stamp).not.toBe(stamp); // the shared page, the time filled in per reader
    clock.advance(19_000);
    const res = await request(t.app)
      .post(`/articles/${slug}/comments`)
      .type("form")
      .send({ ...comment(), formStamp: stamp!, homepage: "" })
      .expect(303);
    expect(res.headers.location).not.toMatch(/#respond$/);
    const row = await t.deps.db.comment.findFirstOrThrow({ where: { threadId }, orderBy: { createdAt: "desc" } });
    expect((await recorded(row.id)).postedAfterMs).toBe(20_000);
  });
});
