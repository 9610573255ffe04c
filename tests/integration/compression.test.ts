// Scripts, styles and pages go out compressed with Vary: Accept-Encoding: public/ files from the copies
// written at build time (brotli preferred, gzip otherwise, HEAD answered like GET), pages on the fly.
// Raw HTTP on a real port, so nothing decodes the bodies for us.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressPublic } from "../../scripts/precompress.ts";
import { listen } from "../support/listen.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const PUBLIC = path.resolve(import.meta.dirname, "../../public");
type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function get(url: string, encoding: string | null, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: encoding ? { "Accept-Encoding": encoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

const decode = (a: Answer): Buffer =>
  a.headers["content-encoding"] === "br"
    ? zlib.brotliDecompressSync(a.body)
    : a.headers["content-encoding"] === "gzip"
      ? zlib.gunzipSync(a.body)
      : a.body;

describe("compressed responses", () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    precompressPublic(); // what `npm run build:widget` does after bundling
    t = await createTestApp();
    server = await listen(t.app);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it("sends /embed.js gzipped to a browser that asks for gzip, and the bytes are the bundle's", async () => {
    const a = await get(`${server.url}/embed.js`, "gzip");
    expect(a.status).toBe(200);
    expect(a.headers["content-encoding"]).toBe("gzip");
    expect(a.headers.vary).toMatch(/Accept-Encoding/i);
    expect(a.headers["content-type"]).toMatch(/javascript/);
    expect(a.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(Number(a.headers["content-length"])).toBe(a.body.length);
    expect(decode(a).equals(fs.readFileSync(path.join(PUBLIC, "embed.js")))).toBe(true);
    expect(a.body.length).toBeLessThan(15 * 1024);
  });

  it("prefers brotli when offered, and answers HEAD with the same headers (curl -I)", async () => {
    const br = await get(`${server.url}/embed.js`, "gzip, deflate, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(decode(br).equals(fs.readFileSync(path.join(PUBLIC, "embed.js")))).toBe(true);
    const head = await get(`${server.url}/embed.js`, "gzip", "HEAD");
    expect(head.headers["content-encoding"]).toBe("gzip");
    expect(head.headers.vary).toMatch(/Accept-Encoding/i);
    expect(head.body.length).toBe(0);
  });

  it("sends plain bytes, still with Vary, to a client that accepts no encoding", async () => {
    const a = await get(`${server.url}/embed.js`, null);
    expect(a.headers["content-encoding"]).toBeUndefined();
    expect(a.headers.vary).toMatch(/Accept-Encoding/i);
    expect(a.body.equals(fs.readFileSync(path.join(PUBLIC, "embed.js")))).toBe(true);
  });

  it.each(["/static/js/article.js", "/static/css/parley.css", "/count.js", "/embed-live.js"])(
    "compresses %s",
    async (url) => {
      const a = await get(`${server.url}${url}`, "br;q=0, gzip");
      expect(a.status).toBe(200);
      expect(a.headers["content-encoding"]).toBe("gzip");
      expect(a.headers.vary).toMatch(/Accept-Encoding/i);
    },
  );

  it("compresses pages and JSON on the fly", async () => {
    const page = await get(`${server.url}/`, "gzip");
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(page.headers.vary).toMatch(/Accept-Encoding/i);
    expect(decode(page).toString()).toContain("</html>");
    const article = await get(`${server.url}/articles/israel-behind-discovery-of-kaspersky-spy-links`, "br");
    expect(article.headers["content-encoding"]).toBe("br");
    expect(decode(article).toString()).toContain("Kaspersky");
  });

  it.each(["/", "/your-data"])(
    "answers HEAD for %s (a page made per request) with GET's Content-Encoding and Vary",
    async (url) => {
      const page = await get(`${server.url}${url}`, "gzip");
      const head = await get(`${server.url}${url}`, "gzip", "HEAD");
      expect(page.headers["content-encoding"]).toBe("gzip");
      expect(head.status).toBe(page.status);
      expect(head.headers["content-encoding"]).toBe(page.headers["content-encoding"]);
      expect(head.headers.vary).toBe(page.headers.vary);
      expect(head.headers["content-type"]).toBe(page.headers["content-type"]);
      expect(head.headers["content-length"]).toBe(page.headers["content-length"]);
      expect(head.body.length).toBe(0);
    },
  );

  it("answers HEAD for an article page with GET's Content-Encoding, length and ETag, before and after the page is kept in memory", async () => {
    const url = `${server.url}/articles/israel-secret-service-pressure-on-kaspersky`;
    const pick = (a: Answer) => ({
      encoding: a.headers["content-encoding"],
      length: a.headers["content-length"],
      etag: a.headers.etag,
      vary: a.headers.vary,
    });
    const firstHead = await get(url, "gzip", "HEAD"); // through Express: the compression middleware skips HEAD
    const page = await get(url, "gzip");
    const keptHead = await get(url, "gzip", "HEAD"); // answered from memory (ready-responses.ts)
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(Number(page.headers["content-length"])).toBe(page.body.length);
    expect(pick(firstHead)).toEqual(pick(page));
    expect(pick(keptHead)).toEqual(pick(page));
    expect(firstHead.body.length + keptHead.body.length).toBe(0);
  });

  it("never sends a compressed copy older than its file (edited since the build)", async () => {
    const file = path.join(PUBLIC, "css/parley.css");
    const copy = `${file}.gz`;
    const old = new Date(fs.statSync(file).mtimeMs - 60_000);
    fs.writeFileSync(copy, zlib.gzipSync("stale"));
    fs.utimesSync(copy, old, old);
    try {
      const a = await get(`${server.url}/static/css/parley.css`, "gzip");
      expect(a.headers["content-encoding"]).toBe("gzip"); // compressed on the fly instead
      expect(decode(a).equals(fs.readFileSync(file))).toBe(true);
    } finally {
      precompressPublic();
    }
  });
});
