// The public reads answered before Express (src/http/answer-before-express.ts) give Express's answer
// exactly: one matrix of requests (encodings, HEAD, ETags and 304s, allowed, refused and own origins,
// edit tokens, errors, new threads, odd spellings) sent to two servers on the same app and database,
// one with the answers before Express, one without, compared on status, every header but Date (names,
// order and values) and the body's bytes; and what it must leave to Express reaches Express.
import http from "node:http";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { compressedAsMiddlewareDoes } from "../../src/http/compress-responses.ts";
import { listen } from "../support/listen.ts";
import { registerTestSite } from "../support/sites.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

// Counts the JSON bodies compressed on the fly (the answers before Express call it; the middleware has its own).
vi.mock("../../src/http/compress-responses.ts", async (original) => {
  const actual = await original<typeof import("../../src/http/compress-responses.ts")>();
  return { ...actual, compressedAsMiddlewareDoes: vi.fn(actual.compressedAsMiddlewareDoes) };
});

const BLOG = "https://blog.example.com";
const OTHER = "https://evil.example";
const PAGE = `${BLOG}/posts/parity`;

type Answer = { status: number; headers: string[]; body: Buffer };

/** A raw request (no headers but these and Host), its answer as sent: status, raw headers, bytes. */
function send(url: string, method: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          if (res.rawHeaders[i]!.toLowerCase() !== "date") raw.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
        resolve({ status: res.statusCode!, headers: raw, body: Buffer.concat(chunks) });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

if (!process.env.PARLEY_TEST_PG) console.warn("⚠️  reads-before-express: PostgreSQL not reachable, SQLite only.");

describe.each(testProviders().flatMap((p) => [[p, "0"] as const, [p, "60000"] as const]))(
  "reads before Express on %s (thread cache TTL %s ms)",
  (provider, ttl) => {
    let t: TestApp;
    let fast: Awaited<ReturnType<typeof listen>>;
    let plain: Awaited<ReturnType<typeof listen>>;
    let reachedExpress = 0;
    let expressThrows = false;
    let siteId: string;
    let embedThread: string;
    let hostedThread: string;
    let editToken: string;

    beforeAll(async () => {
      // TRUST_PROXY_HOPS=1: X-Forwarded-Proto counts in CORS's same-origin check.
      t = await createTestApp(provider, { THREAD_CACHE_TTL_MS: ttl, TRUST_PROXY_HOPS: "1" });
      // Count what reaches Express, through either server (the fast path hands requests to app.handle too).
      const app = t.app as unknown as { handle: (...args: unknown[]) => unknown };
      const handle = app.handle.bind(app);
      app.handle = (...args: unknown[]) => {
        reachedExpress++;
        if (expressThrows) throw new Error("Express failed to take the request");
        return handle(...args);
      };
      // Only the answers before Express differ between the two (no answers from memory on either).
      fast = await listen(
        Object.assign((q: http.IncomingMessage, s: http.ServerResponse) => t.app(q, s), {
          answerBeforeExpress: t.app.answerBeforeExpress,
        }),
      );
      plain = await listen((q, s) => t.app(q, s));
      siteId = (await registerTestSite(t, [BLOG])).id;
      const first = await request(t.app).get("/api/embed/threads").query({ site: siteId, page: PAGE }).expect(200);
      embedThread = first.body.thread.id;
      hostedThread = (await request(t.app).get("/api/articles").expect(200)).body[0].threadId;
      for (let i = 0; i < 8; i++) {
        const posted = await request(t.app)
          .post(`/api/threads/${embedThread}/comments`)
          .send({
            authorName: `Reader ${i}`,
            authorEmail: `r${i}@example.org`,
            body: `Comment ${i}: ${"words ".repeat(40)}`,
          })
          .expect(201);
        editToken = posted.body.editToken;
      }
    });
    afterAll(async () => {
      await fast?.close();
      await plain?.close();
      await t?.close();
    });

    /** Sends one request to both servers (fast first), expects identical answers; returns the fast one and whether it reached Express. */
    async function both(method: string, path: string, headers: (base: string) => Record<string, string> = () => ({})) {
      const before = reachedExpress;
      // Each server's own address reads "SELF" (an echoed Origin may name it).
      const own = (base: string, x: Answer) => ({
        ...x,
        headers: x.headers.map((h) => h.replaceAll(base.slice(7), "SELF")),
      });
      const a = own(fast.url, await send(fast.url + path, method, headers(fast.url)));
      const viaExpress = reachedExpress > before;
      const b = own(plain.url, await send(plain.url + path, method, headers(plain.url)));
      expect({ status: a.status, headers: a.headers }, `${method} ${path}`).toEqual({
        status: b.status,
        headers: b.headers,
      });
      expect(a.body.equals(b.body), `${method} ${path}: the same bytes`).toBe(true);
      return { ...a, viaExpress };
    }

    const widget = (extra = "&limit=10&sort=newest") =>
      `/api/embed/threads?site=${siteId}&page=${encodeURIComponent(PAGE)}${extra}`;
    const counts = (extra = "") =>
      `/api/embed/counts?site=${siteId}&page=${encodeURIComponent(PAGE)}&page=nowhere${extra}`;
    const api = (id: string, extra = "") => `/api/threads/${id}/comments${extra}`;
    const encodings: Record<string, string>[] = [
      {},
      { "accept-encoding": "gzip" },
      { "accept-encoding": "gzip, deflate, br, zstd" },
      { "accept-encoding": "zstd" },
    ];

    it("answers the widget's page, its counts and the thread API's pages itself, as Express does", async () => {
      const paths = [
        widget(),
        widget("&limit=1&sort=oldest"),
        counts(),
        counts(`&pages=a,b`),
        api(hostedThread),
        api(embedThread),
        api(embedThread, "?limit=2&sort=newest"),
      ];
      for (const path of paths)
        for (const method of ["GET", "HEAD"])
          for (const headers of [...encodings, { origin: BLOG }, { origin: BLOG, "accept-encoding": "br" }] as Record<
            string,
            string
          >[]) {
            const answer = await both(method, path, () => headers);
            const refused = headers.origin && path.includes(hostedThread); // the demo site allows no other origin
            expect(answer.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(refused ? 403 : 200);
            expect(answer.viaExpress, `${method} ${path} ${JSON.stringify(headers)}`).toBe(!!refused);
          }
    });

    it("answers a later page, the reader's own comments and a same-origin caller itself", async () => {
      const next = JSON.parse(
        (await send(plain.url + api(embedThread, "?limit=2"), "GET", {})).body.toString(),
      ).nextCursor;
      expect(next).toBeTruthy();
      const cases: [string, Record<string, string>][] = [
        [api(embedThread, `?limit=2&cursor=${encodeURIComponent(next)}`), {}],
        [api(embedThread), { "x-parley-edit-tokens": editToken }],
        [widget(), { "x-parley-edit-tokens": editToken, "accept-encoding": "br" }],
        [widget(), { cookie: "parley_edit_tokens=x; theme=dark" }],
      ];
      for (const [path, headers] of cases) {
        const answer = await both("GET", path, () => headers);
        expect([answer.status, answer.viaExpress]).toEqual([200, false]);
      }
      // Its own origin behind a proxy that says https, as Express's req.protocol sees it: https is its
      // own (no CORS); http is another origin, which the site does not allow (Express's 403, whose
      // message names the origin, so each server's differs).
      const selfOrigin = (base: string, proto: string) => ({
        origin: base.replace("http:", `${proto}:`),
        "x-forwarded-proto": "https",
      });
      const own = await both("GET", widget(), (base) => selfOrigin(base, "https"));
      expect([own.status, own.viaExpress]).toEqual([200, false]);
      const before = reachedExpress;
      expect((await send(fast.url + widget(), "GET", selfOrigin(fast.url, "http"))).status).toBe(403);
      expect(reachedExpress).toBe(before + 1);
    });

    it("answers 304 to an ETag it gave, as Express does, and the full answer when the client insists", async () => {
      for (const path of [widget(), counts(), api(embedThread)])
        for (const encoding of encodings) {
          const etag = (await both("GET", path, () => encoding)).headers.find((h) => h.startsWith("ETag: "))!.slice(6);
          const conditions: [Record<string, string>, number][] = [
            [{ "if-none-match": etag }, 304],
            [{ "if-none-match": `"other", ${etag}` }, 304],
            [{ "if-none-match": "*" }, 304],
            [{ "if-none-match": etag, "cache-control": "no-cache" }, 200],
            [{ "if-none-match": '"other"' }, 200],
            [{ "if-modified-since": new Date().toUTCString() }, 200],
          ];
          for (const [extra, status] of conditions) {
            const answer = await both("GET", path, () => ({ ...encoding, ...extra }));
            expect([answer.status, answer.viaExpress]).toEqual([status, false]);
          }
        }
    });

    it("leaves to Express, untouched, what it cannot answer as Express does", async () => {
      const cases: [string, string, Record<string, string>][] = [
        ["GET", widget(), { origin: OTHER }], // refused: 403
        ["GET", widget(), { "accept-encoding": "deflate" }], // the middleware would deflate
        ["GET", widget(), { "accept-encoding": "gzip;q=0.5, br;q=0" }],
        ["GET", widget(), { "accept-encoding": "*" }],
        ["GET", `/api/embed/threads?site=${siteId}&page=${encodeURIComponent(`${BLOG}/new-${ttl}`)}`, {}], // creates a thread
        ["GET", `/api/embed/threads?site=nosuchsite&page=x`, {}], // 404
        ["GET", widget("&limit=0"), {}], // 422
        ["GET", `/api/embed/threads?site=${siteId}&site=${siteId}&page=x`, {}], // 422
        ["GET", `/api/embed/threads?site=${siteId}&page=a%00b`, {}], // control character in the query: 422
        ["GET", `/api/embed/counts?site=${siteId}`, {}], // no page: 422
        ["GET", api("nosuchthread"), {}], // 404
        ["GET", api(embedThread, "?limit=abc"), {}], // 422
        ["GET", `/api/threads/a%00b/comments`, {}], // control character in the path: 400
        ["GET", `/api/threads/${embedThread}/comments/`, {}], // Express's trailing slash
        ["GET", `/API/embed/threads?site=${siteId}&page=x`, {}], // Express matches paths case-insensitively
        ["OPTIONS", widget(), { origin: BLOG, "access-control-request-method": "GET" }], // preflight
        ["POST", widget(), {}],
        ["DELETE", api(embedThread), {}],
      ];
      for (const [method, path, headers] of cases) {
        const answer = await both(method, path, () => headers);
        expect(answer.viaExpress, `${method} ${path} ${JSON.stringify(headers)}`).toBe(true);
      }
    });

    it("looks up the site and reads once for what it leaves to Express, as Express alone does", async () => {
      // Each look-up a direct read may make: the thread's listing, and the CORS guard's site look-ups.
      const counts = { threadCacheGet: 0, threadFind: 0, siteFind: 0 };
      const restore: (() => void)[] = [];
      const count = <T extends object>(target: T, method: keyof T & string, name: keyof typeof counts) => {
        const own = target[method] as (...args: unknown[]) => unknown;
        (target as Record<string, unknown>)[method] = (...args: unknown[]) => (counts[name]++, own.apply(target, args));
        restore.push(() => ((target as Record<string, unknown>)[method] = own));
      };
      count(t.deps.threadCache, "get", "threadCacheGet");
      count(t.deps.db.thread, "findUnique", "threadFind");
      count(t.deps.db.site, "findUnique", "siteFind");
      const costOf = async (base: string, path: string, headers: Record<string, string>) => {
        for (const name of Object.keys(counts) as (keyof typeof counts)[]) counts[name] = 0;
        const before = reachedExpress;
        const { status } = await send(base + path, "GET", headers);
        return { status, viaExpress: reachedExpress > before, ...counts };
      };
      try {
        const cases: [string, Record<string, string>, number][] = [
          [api("nosuchthread"), {}, 404],
          [api("nosuchthread"), { origin: BLOG }, 404],
          [api(hostedThread), { origin: BLOG }, 403], // the demo site allows no other origin
          [api(embedThread, "?limit=abc"), { origin: BLOG }, 422],
          [`/api/embed/threads?site=nosuchsite&page=x`, { origin: BLOG }, 404],
          [widget(), { origin: OTHER }, 403],
        ];
        for (const [path, headers, status] of cases) {
          const fastCost = await costOf(fast.url, path, headers);
          const expressCost = await costOf(plain.url, path, headers);
          expect(fastCost, `${path} ${JSON.stringify(headers)}`).toEqual({ ...expressCost, viaExpress: true });
          expect(expressCost.status).toBe(status);
        }
        // The counts see the look-ups (else the comparison proves nothing).
        expect(await costOf(plain.url, api("nosuchthread"), { origin: BLOG })).toMatchObject({
          threadCacheGet: 1,
          threadFind: expect.any(Number),
        });
        expect((await costOf(plain.url, api(hostedThread), { origin: BLOG })).threadFind).toBeGreaterThan(0);
      } finally {
        for (const undo of restore) undo();
      }
    });

    it("answers HEAD with GET's headers without compressing the body it does not send", async () => {
      const compressed = vi.mocked(compressedAsMiddlewareDoes);
      // Private JSON (the reader's own comments), over the compression threshold: compressed per request.
      const headers = { "x-parley-edit-tokens": editToken, "accept-encoding": "br" };
      const before = compressed.mock.calls.length;
      const head = await both("HEAD", api(embedThread), () => headers);
      expect([head.status, head.viaExpress]).toEqual([200, false]);
      expect(head.headers).toContain("Content-Encoding: br");
      expect(compressed.mock.calls.length).toBe(before);
      const get = await both("GET", api(embedThread), () => headers);
      expect([get.status, get.viaExpress]).toEqual([200, false]);
      expect(compressed.mock.calls.length).toBe(before + 1);
    });

    it("logs its own failures and leaves the request to Express; a failure to hand it over ends it", async () => {
      const warned: unknown[][] = [];
      const log = t.deps.log as unknown as Record<string, unknown>;
      const cache = t.deps.threadCache as unknown as Record<string, unknown>;
      const warn = log.warn;
      const get = cache.get as (...args: unknown[]) => unknown;
      log.warn = (...args: unknown[]) => void warned.push(args);
      let failOnce = true;
      cache.get = (...args: unknown[]) => {
        if (!failOnce) return get.apply(t.deps.threadCache, args);
        failOnce = false;
        return Promise.reject(new Error("the disk is on fire"));
      };
      try {
        const before = reachedExpress;
        expect((await send(fast.url + api(embedThread), "GET", {})).status).toBe(200);
        expect(reachedExpress).toBe(before + 1);
        expect(warned).toHaveLength(1);
        expect(String((warned[0]![0] as { err: Error }).err.message)).toBe("the disk is on fire");
        // What Express answers as usual (an AppError, a new thread) is no failure: nothing logged.
        expect((await send(fast.url + api("nosuchthread"), "GET", {})).status).toBe(404);
        const fresh = `/api/embed/threads?site=${siteId}&page=${encodeURIComponent(`${BLOG}/logged-${ttl}`)}`;
        expect((await send(fast.url + fresh, "GET", {})).status).toBe(200);
        expect(warned).toHaveLength(1);
        // Express throws as it takes the request: the response ends at once, logged, not left hanging.
        expressThrows = true;
        await expect(send(fast.url + widget(), "GET", { origin: OTHER })).rejects.toThrow(/socket hang up|ECONNRESET/);
        expect(warned).toHaveLength(2);
      } finally {
        expressThrows = false;
        log.warn = warn;
        cache.get = get;
      }
    });

    it.runIf(ttl !== "0")("keeps its API page 1 for the answers from memory as Express would", async () => {
      // A thread no answer was kept for yet (Express keeps its own answers too).
      const page = `${BLOG}/memory-${ttl}`;
      const id = (await request(t.app).get("/api/embed/threads").query({ site: siteId, page }).expect(200)).body.thread
        .id;
      const fromMemory: boolean[] = [];
      // Answers from memory (watched), then before Express, then Express.
      const full = await listen(
        Object.assign((q: http.IncomingMessage, s: http.ServerResponse) => t.app(q, s), {
          answerFromMemory: (q: http.IncomingMessage, s: http.ServerResponse) => {
            const answered = t.app.answerFromMemory(q, s);
            fromMemory.push(answered);
            return answered;
          },
          answerBeforeExpress: t.app.answerBeforeExpress,
        }),
      );
      try {
        const before = reachedExpress;
        await send(full.url + api(id), "GET", { "accept-encoding": "br" }); // before Express, remembered
        const memory = await send(full.url + api(id), "GET", { "accept-encoding": "br" });
        expect(reachedExpress).toBe(before);
        expect(fromMemory).toEqual([false, true]);
        const express = await send(plain.url + api(id), "GET", { "accept-encoding": "br" });
        expect(memory.status).toBe(200);
        expect(memory.body.equals(express.body)).toBe(true);
        // From memory the names go out in lower case (ready-responses.ts writes them as one object).
        const lower = (headers: string[]) => new Set(headers.map((h) => h.toLowerCase()));
        expect(lower(memory.headers)).toEqual(lower(express.headers));
      } finally {
        await full.close();
      }
    });
  },
);
