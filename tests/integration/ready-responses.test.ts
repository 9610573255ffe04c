// Shared answers from memory, before Express (src/http/ready-responses.ts), through the production HTTP
// server: an anonymous reader's repeat request gets the very bytes and headers Express gave, compressed
// or not, and a 304 for its ETag; anyone who brings something of their own, and any thread that changed
// (on this instance at once, on another within its TTL), goes through Express again.
import http from "node:http";
import zlib from "node:zlib";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createThreadCache } from "../../src/comments/thread-cache.ts";
import { loadThread, threadVersion } from "../../src/comments/load-thread.ts";
import type { Deps } from "../../src/deps.ts";
import { listen } from "../support/listen.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const SLUG = "israel-secret-service-pressure-on-kaspersky";
const PAGE = `/articles/${SLUG}`;

/** The app behind the production server, counting the requests that reached Express. */
function counted(app: ReturnType<typeof createApp>) {
  const seen = { express: 0 };
  const handler = Object.assign(
    (req: http.IncomingMessage, res: http.ServerResponse) => {
      seen.express++;
      app(req, res);
    },
    { answerFromMemory: app.answerFromMemory },
  );
  return { handler, seen };
}

/** A plain GET through node:http (fetch would add headers of its own and decode the body). */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "identity", ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const { date: _date, ...rest } = res.headers;
          resolve({ status: res.statusCode!, headers: rest, body: Buffer.concat(chunks) });
        });
      })
      .on("error", reject);
  });
}

describe.each(testProviders())("answers from memory on %s", (provider) => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let seen: { express: number };
  let threadId: string;
  beforeAll(async () => {
    t = await createTestApp(provider, { THREAD_CACHE_TTL_MS: "60000" });
    const c = counted(t.app);
    seen = c.seen;
    server = await listen(c.handler);
    threadId = (await request(t.app).get("/api/articles")).body.find((a: { slug: string }) => a.slug === SLUG).threadId;
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it("sends an anonymous reader's repeat request the bytes and headers Express sent, without Express", async () => {
    const first = await get(server.url + PAGE);
    expect(first.status).toBe(200);
    const before = seen.express;
    const again = await get(server.url + PAGE);
    expect(seen.express).toBe(before);
    expect(again.body.equals(first.body)).toBe(true);
    expect(again.headers).toEqual(first.headers);
    expect(again.headers["content-security-policy"]).toContain("default-src 'self'");
    // The ETag answers a 304 from memory too.
    const revalidated = await get(server.url + PAGE, { "if-none-match": again.headers.etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(seen.express).toBe(before);
  });

  it("sends the brotli and gzip copies once made, each with its own ETag", async () => {
    const plain = await get(server.url + PAGE);
    for (const [encoding, decode] of [
      ["br", zlib.brotliDecompressSync],
      ["gzip", zlib.gunzipSync],
    ] as const) {
      const raw = () => get(server.url + PAGE, { "accept-encoding": encoding });
      const viaExpress = await raw();
      const before = seen.express;
      const fromMemory = await raw();
      expect(seen.express).toBe(before);
      expect(fromMemory.headers["content-encoding"]).toBe(encoding);
      expect(fromMemory.headers.etag).toBe(viaExpress.headers.etag);
      expect(fromMemory.headers.etag).not.toBe(plain.headers.etag);
      expect(decode(fromMemory.body).equals(plain.body)).toBe(true);
    }
  });

  it("keeps one page per language when the reader's Accept-Language decides it", async () => {
    const de = { "accept-language": "de-DE,de;q=0.9" };
    const fr = { "accept-language": "fr" };
    const german = await get(server.url + PAGE, de);
    const french = await get(server.url + PAGE, fr);
    expect(german.headers["content-language"]).toBe("de");
    expect(french.headers["content-language"]).toBe("fr");
    const before = seen.express;
    const germanAgain = await get(server.url + PAGE, de);
    const frenchAgain = await get(server.url + PAGE, fr);
    expect(seen.express).toBe(before);
    expect(germanAgain.body.equals(german.body)).toBe(true);
    expect(frenchAgain.body.equals(french.body)).toBe(true);
    expect(germanAgain.body.equals(frenchAgain.body)).toBe(false);
  });

  it("never answers from memory a reader who brings a Parley cookie, a query or an Origin", async () => {
    await get(server.url + PAGE);
    const personal: Record<string, string>[] = [
      { cookie: "parley_edit_tokens=abcdefghijklmnopqrstuv" },
      { origin: "https://elsewhere.example" },
    ];
    for (const headers of personal) {
      const before = seen.express;
      await get(server.url + PAGE, headers);
      expect(seen.express).toBe(before + 1);
    }
    const before = seen.express;
    await get(`${server.url}${PAGE}?utm_source=feed`);
    expect(seen.express).toBe(before + 1);
    // Unrelated cookies do not make a page personal.
    await get(server.url + PAGE, { cookie: "theme=dark" });
    expect(seen.express).toBe(before + 1);
  });

  it("goes through Express again once the thread changed, and shows the change", async () => {
    const api = `/api/threads/${threadId}/comments`;
    await get(server.url + PAGE);
    await get(server.url + api);
    const created = await request(t.app)
      .post(api)
      .send({ authorName: "Memory Reader", authorEmail: "memory@example.org", body: "Shown at once." })
      .expect(201);
    const before = seen.express;
    const page = await get(server.url + PAGE);
    const listing = await get(server.url + api);
    expect(seen.express).toBe(before + 2);
    expect(page.body.toString()).toContain(`id="comment-${created.body.comment.id}"`);
    expect(listing.body.toString()).toContain(created.body.comment.id);
    await get(server.url + api);
    expect(seen.express).toBe(before + 2); // and from memory again after that
  });

  it("a second instance on the same database serves the write within its TTL", async () => {
    const otherDeps: Deps = {
      ...t.deps,
      threadCache: createThreadCache({
        ttlMs: 300,
        load: (id) => loadThread(otherDeps, id),
        version: (id) => threadVersion(otherDeps, id), // as compose.ts builds it
      }),
    };
    const other = await listen(createApp(otherDeps));
    try {
      await get(other.url + PAGE);
      await get(other.url + PAGE); // now from memory
      const created = await request(t.app)
        .post(`/api/threads/${threadId}/comments`)
        .send({ authorName: "Memory Reader", authorEmail: "memory@example.org", body: "Written on instance one." })
        .expect(201);
      const started = Date.now();
      let seenThere = false;
      while (!seenThere && Date.now() - started < 5000)
        seenThere = (await get(other.url + PAGE)).body.toString().includes(`id="comment-${created.body.comment.id}"`);
      expect(seenThere).toBe(true);
    } finally {
      await other.close();
    }
  });
});
