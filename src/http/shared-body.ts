// A response body many readers share (an anonymous article page, a thread's first page of JSON): made
// once per version of what it shows, held as bytes, compressed once per encoding by the first request
// that accepts it, sent with a strong ETag (one per encoding: the bytes differ) and answered with an
// empty 304 when the client already holds it. A cached hit is then headers plus one write.
import crypto from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Request, Response } from "express";

export type SharedBody = {
  readonly type: string;
  readonly identity: Buffer;
  /** Hash of the bytes: the ETag without its quotes and encoding suffix. */
  readonly tag: string;
  readonly encoded: { br?: Promise<Buffer>; gzip?: Promise<Buffer> };
  /** The compressed copies made so far, for answers that cannot wait (ready-responses.ts). */
  readonly ready: { br?: Buffer; gzip?: Buffer };
};

export type Encoding = "br" | "gzip";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const SUFFIX: Record<Encoding, string> = { br: "-br", gzip: "-gz" };

export function sharedBody(text: string, type: string): SharedBody {
  const identity = Buffer.from(text);
  const tag = crypto.createHash("sha1").update(identity).digest("base64url");
  return { type, identity, tag, encoded: {}, ready: {} };
}

/** Brotli whenever acceptable at all, gzip otherwise (as the precompressed static files), else none:
 * from the Accept-Encoding header, q-values and "*" included. */
export function preferredEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  let br = -1;
  let gzip = -1;
  let any = -1;
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.split(";").map((p) => p.trim());
    let q = 1;
    for (const p of params) if (p.startsWith("q=")) q = Number(p.slice(2)) || 0;
    if (name === "br") br = q;
    else if (name === "gzip") gzip = q;
    else if (name === "*") any = q;
  }
  if ((br >= 0 ? br : any) > 0) return "br";
  return (gzip >= 0 ? gzip : any) > 0 ? "gzip" : null;
}

/** Compressed once per body and encoding; concurrent first requests share the work. */
export function encodedBytes(body: SharedBody, encoding: Encoding): Promise<Buffer> {
  let bytes = body.encoded[encoding];
  if (!bytes) {
    // Quality 5: most of brotli's gain at a few milliseconds for a large page (11 takes ~100× longer).
    bytes =
      encoding === "br"
        ? brotli(body.identity, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.identity.length,
            },
          })
        : gzip(body.identity);
    body.encoded[encoding] = bytes;
    bytes.then(
      (b) => (body.ready[encoding] = b),
      () => {}, // the request that awaits it sees the error
    );
  }
  return bytes;
}

export function etagOf(body: SharedBody, encoding: Encoding | null): string {
  return `"${body.tag}${encoding ? SUFFIX[encoding] : ""}"`;
}

/** Sends `body` (or a 304), with `cacheControl` and Vary: Accept-Encoding. */
export async function sendShared(req: Request, res: Response, body: SharedBody, cacheControl: string): Promise<void> {
  res.vary("Accept-Encoding");
  const encoding = preferredEncoding(req.headers["accept-encoding"]);
  res.setHeader("ETag", etagOf(body, encoding));
  res.setHeader("Cache-Control", cacheControl);
  if (req.fresh) return void res.status(304).end();
  const bytes = encoding ? await encodedBytes(body, encoding) : body.identity;
  if (encoding) res.setHeader("Content-Encoding", encoding); // the compression middleware leaves it alone
  res.setHeader("Content-Type", body.type);
  res.setHeader("Content-Length", bytes.length);
  res.end(req.method === "HEAD" ? undefined : bytes);
}
