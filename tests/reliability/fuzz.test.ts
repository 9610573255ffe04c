// Bad input, generated: thousands of malformed requests to every route in app.routeTable (wrong types,
// huge strings, deep JSON, invalid UTF-8, NUL bytes, odd content types, path tricks). Never a 5xx,
// API errors are JSON, the server stays up, and not one row changes anywhere.
import http from "node:http";
import fc from "fast-check";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../src/generated/sqlite/client.ts";
import type { RouteSpec } from "../../src/http/routes.ts";
import { CRAFTED_CURSORS, CRAFTED_IDS } from "../support/crafted-input.ts";
import { listen } from "../support/listen.ts";
import { LOAD_TEST_ENV } from "../support/load-settings.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const RUNS = 2500;

type RawRequest = {
  method: string;
  path: string;
  contentType?: string;
  body?: Buffer;
  accept: string;
  origin?: string | null;
};
type RawResponse = { status: number; contentType: string; body: string };

function send(base: string, r: RawRequest): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { accept: r.accept, connection: "keep-alive" };
    if (r.contentType !== undefined) headers["content-type"] = r.contentType;
    if (r.origin) headers.origin = r.origin;
    if (r.body) headers["content-length"] = r.body.length;
    const req = http.request(
      { host: url.hostname, port: url.port, method: r.method, path: r.path, headers, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end(r.body);
  });
}

function isJsonError(res: RawResponse): boolean {
  if (!/json/.test(res.contentType)) return false;
  try {
    return typeof (JSON.parse(res.body) as { error?: { code?: unknown } }).error?.code === "string";
  } catch {
    return false;
  }
}

/** Row counts of every table, by model name. */
async function countRows(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (t.deps.db as unknown as Record<string, { count(): Promise<number> }>)[
      model[0]!.toLowerCase() + model.slice(1)
    ]!;
    counts[model] = await delegate.count();
  }
  return counts;
}

const PATH_TRICKS = [
  "..%2f..%2fetc",
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "%00",
  "a%00b",
  "..",
  "%2e%2e",
  "%2e%2e%2f",
  "%E0%A4%A",
  "%ff%fe",
  "%",
  "%C0%AE%C0%AE%2F",
  "__proto__",
  "constructor",
  "%20",
  "x".repeat(3000),
  "%F0%9F%92%A9",
  "'%20OR%201=1--",
  "%3Cscript%3E",
];
const NOT_EMAILS: unknown[] = [
  "",
  "no-at-sign",
  "a@",
  "@b.c",
  "a@b@c",
  42,
  null,
  true,
  [],
  {},
  ["a@b.org"],
  "x".repeat(300) + "@example.org",
  "a\u0000@example.org",
  "a @example.org",
];
const CONTENT_TYPES = [
  undefined,
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "application/json; charset=utf-16",
  'application/json; charset="',
  "text/plain",
  "text/html",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/xml",
  "*/*",
  ";;;",
  "application/vnd.api+json",
];

const oddString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "\udfff\ud800",
    "\u202e",
    "<script>alert(1)</script>",
    '\'; DROP TABLE "Comment"; --',
    "x".repeat(70_000),
    "😀".repeat(5000),
  ),
);
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(oddString, { maxLength: 3 }),
  fc.dictionary(oddString, oddString, { maxKeys: 3 }),
);

/** A comment-shaped JSON body that is never valid (its email is not one), with odd values elsewhere. */
const brokenComment = fc
  .record(
    {
      authorName: oddValue,
      authorEmail: fc.constantFrom(...NOT_EMAILS),
      authorUrl: fc.oneof(oddValue, fc.constantFrom("javascript:alert(1)", "http://a\u0000b", "file:///etc/passwd")),
      body: oddValue,
      parentId: fc.oneof(oddValue, fc.constantFrom(...PATH_TRICKS)),
      editToken: oddValue,
      email: oddValue,
      password: oddValue,
      reason: oddValue,
    },
    { requiredKeys: ["authorEmail"] },
  )
  .map((o) => Buffer.from(JSON.stringify(o)));

const body = fc.oneof(
  brokenComment,
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? "null")),
  fc.integer({ min: 100, max: 30_000 }).map((n) => Buffer.from("[".repeat(n) + "]".repeat(n))),
  fc.integer({ min: 100, max: 20_000 }).map((n) => Buffer.from('{"a":'.repeat(n) + "1" + "}".repeat(n))),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.constant(Buffer.from([0x7b, 0x22, 0x62, 0x6f, 0x64, 0x79, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])), // {"body":"<invalid UTF-8>"}
  fc.constant(Buffer.from(`{"body":"${"x".repeat(80_000)}"}`)),
  fc
    .string({ maxLength: 200 })
    .map((s) =>
      Buffer.from(`authorName=${encodeURIComponent(s)}&authorEmail=%ff&body=%00&parentId=..%2f&remember=1&body=2`),
    ),
  fc.constant(Buffer.from('{"__proto__":{"status":"published"},"constructor":{"prototype":{"x":1}}}')),
  fc.constant(Buffer.alloc(0)),
);

describe.each(testProviders())("malformed requests on %s", (provider) => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let routes: RouteSpec[];
  let threadId: string;
  let slug: string;
  let commentId: string;

  beforeAll(async () => {
    t = await createTestApp(provider, LOAD_TEST_ENV);
    server = await listen(t.app);
    routes = t.app.routeTable;
    const article = await t.deps.db.article.findFirstOrThrow({ include: { thread: true } });
    threadId = article.thread!.id;
    slug = article.slug;
    commentId = (await t.deps.db.comment.findFirstOrThrow()).id;
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it(
    `answers ${RUNS} malformed requests with 4xx (or 2xx/3xx for valid reads) and changes nothing`,
    { timeout: 300_000 },
    async () => {
      const before = await countRows(t);
      const param = fc.oneof(
        fc.constant(threadId),
        fc.constant(slug),
        fc.constant(commentId),
        fc.constantFrom(...PATH_TRICKS),
        fc.string({ maxLength: 30 }).map(encodeURIComponent),
      );
      const query = fc.oneof(
        fc.constant(""),
        fc.constantFrom(
          "?replytocom=%00",
          "?held=1&replytocom[]=x",
          "?since=-1",
          "?since=1e400",
          "?since=abc&since=2",
          "?site=%ff&thread=..%2f",
          "?site=%00&page=%00&thread=%00",
          "?replytocom=a%00&since=%00",
          "?queue=all&limit=9999&cursor=%00",
          "?q=%25&sort=__proto__",
        ),
        fc.constantFrom(...CRAFTED_CURSORS).map((c) => `?queue=all&cursor=${encodeURIComponent(c)}`),
        fc
          .constantFrom(...CRAFTED_IDS)
          .map((id) => `?comment=${encodeURIComponent(id)}&site=${encodeURIComponent(id)}`),
      );
      const request = fc.record({
        route: fc.constantFrom(...routes),
        otherMethod: fc.option(fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"), { freq: 5 }),
        params: fc.array(param, { minLength: 4, maxLength: 4 }),
        query,
        body,
        contentType: fc.constantFrom(...CONTENT_TYPES),
        accept: fc.constantFrom("application/json", "text/html", "*/*", ""),
        origin: fc.option(fc.constantFrom("https://elsewhere.example", "null", "http://127.0.0.1:1")),
      });

      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          let i = 0;
          const path = r.route.path.replace(/:\w+/g, () => r.params[i++ % 4]!) + r.query;
          const method = r.otherMethod ?? r.route.method.toUpperCase();
          const res = await send(server.url, {
            method,
            path,
            contentType: r.contentType,
            body: method === "GET" ? undefined : r.body,
            accept: r.accept,
            origin: r.origin,
          }).catch((err: Error) => err);
          const where = `${method} ${path.slice(0, 100)} (${r.contentType}, ${r.body.length} bytes: ${r.body.subarray(0, 40).toString("latin1")})`;
          if (res instanceof Error) return void failures.push(`${where} → ${res.message}`);
          if (res.status >= 500 || res.status < 200)
            failures.push(`${where} → ${res.status} ${res.body.slice(0, 200)}`);
          if (res.status >= 400 && path.startsWith("/api/") && !isJsonError(res))
            failures.push(`${where} → not a JSON error: ${res.status} ${res.contentType}`);
        }),
        // Failures are collected (short) rather than thrown: the shrunk counterexample can hold 80 kB bodies.
        { numRuns: RUNS },
      );
      expect(failures.slice(0, 20)).toEqual([]);
      expect((await send(server.url, { method: "GET", path: "/healthz", accept: "application/json" })).status).toBe(
        200,
      );
      expect(await countRows(t)).toEqual(before);
    },
  );
});

describe.each(testProviders())("text the database cannot hold, on %s", (provider) => {
  let t: TestApp;
  let threadId: string;
  let slug: string;
  beforeAll(async () => {
    t = await createTestApp(provider, LOAD_TEST_ENV);
    const article = await t.deps.db.article.findFirstOrThrow({ include: { thread: true } });
    threadId = article.thread!.id;
    slug = article.slug;
  });
  afterAll(async () => t?.close());

  it("refuses a NUL in an otherwise valid comment with 422 naming the field, and stores nothing", async () => {
    const before = await t.deps.db.comment.count();
    for (const field of ["authorName", "body", "authorEmail"] as const) {
      const comment = {
        authorName: "Nul Tester",
        authorEmail: "nul@example.org",
        body: "Hello there.",
        [field]: field === "authorEmail" ? "nul\u0000@example.org" : "Hello\u0000there",
      };
      const res = await request(t.app).post(`/api/threads/${threadId}/comments`).send(comment);
      expect(res.status).toBe(422);
      expect(res.body.error.field).toBe(field);
      const form = await request(t.app).post(`/articles/${slug}/comments`).type("form").send(comment);
      expect(form.status).toBe(303); // refused: back to the form's anchor with the message
      expect(form.headers.location).toMatch(/#respond$/);
    }
    expect(await t.deps.db.comment.count()).toBe(before);
  });

  it("refuses a NUL in the widget's site id even before CORS looks the site up", async () => {
    for (const path of ["/api/embed/threads?site=%00&page=x", "/api/embed/counts?site=a%00b&pages=x"]) {
      const res = await request(t.app).get(path).set("Origin", "https://elsewhere.example");
      expect(res.status).toBe(422);
      expect(res.body.error.field).toBe("site");
    }
  });

  it("takes a malformed reply target (a NUL, a long or odd id) as none: the article page, not a 500", async () => {
    for (const target of ["a%00", "%00", "x".repeat(65), "a%20b", "%E2%80%AE"]) {
      const res = await request(t.app).get(`/articles/${slug}?replytocom=${target}`);
      expect(res.status, target).toBe(200);
      expect(res.text).toContain('id="respond"');
    }
  });

  it("answers 400 to control characters in a path, before any lookup", async () => {
    for (const path of [
      `/articles/a%00b`,
      `/api/threads/%00/comments`,
      `/api/threads/x%0Ay/comments`,
      `/api/threads/x%7F/events`,
    ]) {
      const res = await request(t.app)
        .get(path)
        .set("Accept", "application/json")
        .set("Origin", "https://elsewhere.example");
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("BAD_REQUEST");
    }
  });
});
