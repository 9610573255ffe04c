// One comment (or one poster) cannot occupy the link checker (issue #18 item 7): at most
// linkCheckMaxPerComment links of a comment are fetched, at most linkCheckMaxPerPosterPerHour per poster
// per hour (in memory, and in Redis when REDIS_URL is set), the rest show "not checked" (state `skipped`)
// to readers and moderators and are never fetched by the sweep either; and a batch of results drops the
// cached listings of the threads citing them once, not the whole cache once per link.
// The fake web on 127.0.0.1 counts every fetch. SQLite and PostgreSQL.
import crypto from "node:crypto";
import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_SITE_SETTINGS, type SiteSettings } from "../../src/config/site-settings.ts";
import { signInAs } from "../support/moderators.ts";
import { manualClock, startFakeWeb, type FakeWeb } from "../support/fake-web.ts";
import { createTestApp, RELAXED_SITE_SETTINGS, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const HOUR = 3600_000;
const NEWS_SLUG = "israel-secret-service-pressure-on-kaspersky";
const PETE_SLUG = "israel-behind-discovery-of-kaspersky-spy-links";

type Ref = { url: string; state: string };

const stores = (provider: "sqlite" | "postgres") => [
  { provider, store: "memory", env: {} as Record<string, string> },
  ...(process.env.PARLEY_TEST_REDIS
    ? [
        {
          provider,
          store: "Redis",
          env: {
            REDIS_URL: process.env.PARLEY_TEST_REDIS,
            REDIS_CHANNEL_PREFIX: `caps-${crypto.randomBytes(4).toString("hex")}`,
          },
        },
      ]
    : []),
];

describe.each(testProviders().flatMap(stores))(
  "link-check caps on $provider, limits in $store",
  ({ provider, env }) => {
    let t: TestApp;
    let web: FakeWeb;
    let thread: string;
    let otherThread: string;
    let poster = 0;
    let run = 0;
    const clock = manualClock();

    beforeAll(async () => {
      web = await startFakeWeb(clock.now);
      t = await createTestApp(provider, { ...env, THREAD_CACHE_TTL_MS: "60000" }, { linkFetcher: web.fetcher, clock });
      const articles = await request(t.app).get("/api/articles").expect(200);
      thread = articles.body.find((a: { slug: string }) => a.slug === NEWS_SLUG).threadId;
      otherThread = articles.body.find((a: { slug: string }) => a.slug === PETE_SLUG).threadId;
    });
    afterAll(async () => {
      await t?.close();
      await web?.close();
    });
    afterEach(async () => {
      await t.deps.linkChecker.idle();
      vi.restoreAllMocks();
      expect(web.dialled.every((a) => a.startsWith("127."))).toBe(true);
    });

    const setSettings = (settings: Partial<SiteSettings>) =>
      t.deps.db.site.update({
        where: { id: "default" },
        data: { settings: { ...RELAXED_SITE_SETTINGS, ...settings } },
      });
    /** `n` fresh pages (each answers 200), as paths. */
    const pages = (n: number) => {
      run++;
      return Array.from({ length: n }, (_, i) => {
        const path = `/caps-${run}-${i}`;
        web.page(path, { status: 200, title: `Page ${i}` });
        return path;
      });
    };
    /** A comment citing every path as a source [1] … [n] (cited sources do not count toward maxLinks). */
    const citing = (paths: string[]) =>
      `Sources: ${paths.map((_, i) => `[${i + 1}]`).join(" ")}.\n\n` +
      paths.map((p, i) => `[${i + 1}] ${web.url("news.test", p)}`).join("\n");
    /** Posts as a new reader (same address: supertest's), a minute after the last post. */
    const post = (body: string, status = 201) => {
      clock.advance(60_000);
      poster++;
      return request(t.app)
        .post(`/api/threads/${thread}/comments`)
        .send({ authorName: `Reader ${poster}`, authorEmail: `caps${poster}@example.org`, body })
        .expect(status);
    };
    const settle = () => t.deps.linkChecker.idle();
    const fetched = (paths: string[]) => paths.map((p) => web.hits(p));
    const listed = async (commentId: string, threadId = thread): Promise<Ref[]> => {
      const list = await request(t.app).get(`/api/threads/${threadId}/comments`).expect(200);
      return list.body.comments.find((c: { id: string }) => c.id === commentId).references;
    };
    const states = (refs: Ref[]) => refs.map((r) => r.state);

    it("checks the first 20 links of a comment by default; the rest show “not checked”, and the sweep leaves them", async () => {
      await setSettings({});
      clock.advance(2 * HOUR); // a fresh hourly allowance
      const paths = pages(25);
      const res = await post(citing(paths));
      await settle();
      expect(fetched(paths)).toEqual([...Array(20).fill(1), ...Array(5).fill(0)]);
      expect(DEFAULT_SITE_SETTINGS.linkCheckMaxPerComment).toBe(20);
      expect(states(await listed(res.body.comment.id))).toEqual([...Array(20).fill("ok"), ...Array(5).fill("skipped")]);

      // The periodic sweep fetches what is due for visible comments, never what the caps refused.
      clock.advance(60_000);
      await t.deps.linkChecker.sweep();
      await settle();
      expect(fetched(paths.slice(20))).toEqual([0, 0, 0, 0, 0]);

      // The article page says so in words, with the same vocabulary as every other state.
      const page = await request(t.app).get(`/articles/${NEWS_SLUG}`).expect(200);
      const item = page.text.slice(page.text.indexOf(`id="comment-${res.body.comment.id}"`));
      expect(item.match(/not checked: too many links/g)).toHaveLength(5);
    });

    it("holds a comment of bare links by maxLinks anyway, and shows moderators which links were skipped", async () => {
      await setSettings({ maxLinks: 2, linkCheckMaxPerComment: 3 });
      clock.advance(2 * HOUR);
      const paths = pages(5);
      const res = await post(`See ${paths.map((p) => web.url("papers.test", p)).join(" and ")}`, 202);
      await settle();
      expect(fetched(paths)).toEqual([1, 1, 1, 0, 0]);
      const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id: res.body.comment.id } });
      expect(row.status).toBe("held");
      expect((row.flags as { code: string }[]).map((f) => f.code)).toContain("too-many-links");
      const mod = await signInAs(t, "moderator");
      const queue = await request(t.app)
        .get("/api/moderation/queue?queue=held&sort=newest")
        .set("Cookie", mod.cookie)
        .expect(200);
      const item = queue.body.items.find((i: { id: string }) => i.id === res.body.comment.id);
      expect(states(item.links)).toEqual(["ok", "ok", "ok", "skipped", "skipped"]);
    });

    it("caps a poster's fetches per hour (by address here), counting only links not already checked", async () => {
      await setSettings({ linkCheckMaxPerPosterPerHour: 8 });
      clock.advance(2 * HOUR);
      const first = pages(5);
      const a = await post(citing(first));
      await settle();
      expect(fetched(first)).toEqual([1, 1, 1, 1, 1]);

      const second = pages(5);
      const b = await post(citing(second));
      await settle();
      expect(fetched(second)).toEqual([1, 1, 1, 0, 0]);
      expect(states(await listed(b.body.comment.id))).toEqual(["ok", "ok", "ok", "skipped", "skipped"]);

      // Links already in the cache cost nothing: two of the first comment's links and one new one.
      const third = pages(1);
      const c = await post(citing([first[0]!, first[1]!, third[0]!]));
      await settle();
      expect(fetched(third)).toEqual([0]);
      expect(states(await listed(c.body.comment.id))).toEqual(["ok", "ok", "skipped"]);
      expect(states(await listed(a.body.comment.id))).toEqual(["ok", "ok", "ok", "ok", "ok"]);

      // An hour later the poster has a new allowance.
      clock.advance(HOUR);
      const later = pages(2);
      await post(citing(later));
      await settle();
      expect(fetched(later)).toEqual([1, 1]);
    });

    it("drops the cached listing of the thread citing a batch of results once, and no other thread", async () => {
      await setSettings({});
      clock.advance(2 * HOUR);
      await t.deps.threadCache.get(thread);
      const other = await t.deps.threadCache.get(otherThread);
      const forget = vi.spyOn(t.deps.threadCache, "forget");
      const forgetThreads = vi.spyOn(t.deps.threadCache, "forgetThreads");

      const paths = pages(6);
      const res = await post(citing(paths));
      await settle();
      expect(fetched(paths)).toEqual(Array(6).fill(1));
      // The post drops its thread; the six results drop it once more, as one batch, and nothing else.
      expect(forgetThreads.mock.calls).toEqual([[thread], [thread]]);
      expect(forget.mock.calls.map(([e]) => e.type)).toEqual(Array(6).fill("link:checked")); // announced, dropping nothing
      expect(await t.deps.threadCache.get(otherThread)).toBe(other);
      expect(states(await listed(res.body.comment.id))).toEqual(Array(6).fill("ok"));
    });
  },
);
