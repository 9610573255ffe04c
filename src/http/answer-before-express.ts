// The public reads that need no session (routes.ts `addDirect`: the widget's page and counts, the
// thread API's pages) answered on Node's request before Express, with the answer Express would give,
// header for header and byte for byte: helmet's headers (taken from helmet once), CORS as the route's
// guard decides (embed-cors.ts), the read's Cache-Control and Vary, res.json()'s ETag and 304 or
// sendShared()'s, and compression's choices (compress-responses.ts: brotli or gzip from the threshold
// up, Vary: Accept-Encoding, HEAD as GET). Express's request and response objects and its middleware
// cost more CPU than an uncached widget read itself (README "Uncached widget reads, where the time goes").
// Whatever it cannot answer identically goes to Express untouched, before a byte is written: another
// method or path shape (a trailing slash, an escape, a control character), an Accept-Encoding with
// weights or wildcards or only deflate, a refused origin, and any error of the read (validation, an
// unknown site or thread, a new thread to create, a rate limit, a failure). What it learned of such a
// request (the CORS verdict, the read's AppError) goes with it (direct-read.ts handOver): Express
// renders the same error without looking up or reading again.
import type { IncomingMessage, ServerResponse } from "node:http";
import querystring from "node:querystring";
import type { TLSSocket } from "node:tls";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { AppError } from "../domain/errors.ts";
import type { CreationQuota } from "../sites/find-or-create-embed-thread.ts";
import { notModified } from "./conditional.ts";
import { handOver, type DirectRoute, type Learned, type ReadRequest, type Reply } from "./direct-read.ts";
import { corsHeaders } from "./embed-cors.ts";
import { compressedAsMiddlewareDoes } from "./compress-responses.ts";
import type { ReadyResponses } from "./ready-responses.ts";
import { encodedBytes, etagOf, type Encoding } from "./shared-body.ts";

export type AnswerBeforeExpress = (req: IncomingMessage, res: ServerResponse) => boolean;

export type BeforeExpressOptions = {
  routes: DirectRoute[];
  /** The headers helmet sets on every response (headersSetBy). */
  securityHeaders: [string, string][];
  /** Express's own: the ETag of a body (app.get("etag fn")), its trust in proxies (app.get("trust proxy fn")). */
  etag: (body: Buffer) => string;
  trustProxy: (address: string | undefined, hop: number) => boolean;
  /** compress-responses.ts's threshold. */
  threshold: number;
  ready: ReadyResponses;
  /** Where a request goes when it is not answered here. */
  express: (req: IncomingMessage, res: ServerResponse) => void;
  /** For the failures it leaves to Express (deps.log). */
  log: Pick<Logger, "warn">;
};

/** A new thread is Express's to create: its quota is per client address, which Express works out. */
const NEW_THREAD = new Error("a new thread: left to Express");
const CREATE_NOTHING: CreationQuota = {
  check: () => Promise.reject(NEW_THREAD),
  spend: () => Promise.reject(NEW_THREAD),
};

/** Returns true when it takes the request: then it answers it, or hands it to Express untouched. */
export function answerBeforeExpress(o: BeforeExpressOptions): AnswerBeforeExpress {
  const routes = o.routes.map((route) => ({ route, pattern: patternOf(route.path) }));
  return (req, res) => {
    const url = req.url ?? "";
    if ((req.method !== "GET" && req.method !== "HEAD") || /[^\x21-\x7e]|#/.test(url)) return false;
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    const found = routes.find((r) => r.pattern.test(path));
    const encoding = found && encodingFor(req.headers["accept-encoding"]);
    if (!found || encoding === undefined) return false;
    const at: ReadRequest = {
      query: querystring.parse(q < 0 ? "" : url.slice(q + 1)), // Express's "simple" query parser
      params: { ...found.pattern.exec(path)!.groups },
      headers: req.headers,
      creating: CREATE_NOTHING,
    };
    answer(o, found.route, at, req, res, encoding)
      .then(
        (answered) => answered || o.express(req, res),
        (err: unknown) => {
          if (!(err instanceof AppError) && err !== NEW_THREAD)
            o.log.warn({ err, url }, "a read before Express failed: left to Express");
          if (res.headersSent) return void res.destroy(err as Error);
          for (const name of res.getHeaderNames()) res.removeHeader(name); // had setting them failed
          o.express(req, res);
        },
      )
      .catch((err: unknown) => {
        o.log.warn({ err, url }, "handing a request to Express failed");
        res.destroy(err as Error);
      });
    return true;
  };
}

type Answer = { status: 200 | 304; body?: Buffer; chunked?: boolean };

async function answer(
  o: BeforeExpressOptions,
  route: DirectRoute,
  at: ReadRequest,
  req: IncomingMessage,
  res: ServerResponse,
  encoding: Encoding | null,
): Promise<boolean> {
  const origin = req.headers.origin;
  const verdict = await route.cors.decide(origin, () => `${protocolOf(req, o.trustProxy)}://${req.headers.host}`, at);
  const learned: Learned = { route, verdict };
  handOver(req, learned);
  if (verdict === "refuse") return false;
  const reply = await route.read(at).catch((err: unknown) => {
    if (err instanceof AppError) learned.error = err;
    throw err;
  });
  // In the order Express sets them: helmet's, Vary (CORS's "Origin" first), CORS's, then the read's.
  const headers = new Map<string, string>(o.securityHeaders);
  const vary = ["Origin"];
  headers.set("Vary", "");
  if (verdict === "allow") for (const [name, value] of corsHeaders(origin!)) headers.set(name, value);
  if (reply.vary) vary.push(reply.vary);
  const sent =
    "json" in reply
      ? await asJson(o, reply, req, headers, vary, encoding)
      : await asShared(reply.shared, reply.cacheControl, req, headers, vary, encoding);
  // Nothing is written before this line: until here, any failure leaves the request to Express.
  headers.set("Vary", vary.join(", "));
  for (const [name, value] of headers) res.setHeader(name, value);
  res.statusCode = sent.status;
  if (sent.status === 304 || req.method === "HEAD") res.end();
  else if (sent.chunked) {
    res.write(sent.body); // compression streams its output: chunked, no Content-Length
    res.end();
  } else res.end(sent.body);
  if ("shared" in reply && reply.remember) o.ready.remember(req, res, reply.shared, reply.remember);
  return true;
}

/** As res.json() sends it (Express's weak ETag, its 304), then the compression middleware. */
async function asJson(
  o: BeforeExpressOptions,
  reply: Reply & { json: unknown },
  req: IncomingMessage,
  headers: Map<string, string>,
  vary: string[],
  encoding: Encoding | null,
): Promise<Answer> {
  const body = Buffer.from(JSON.stringify(reply.json));
  const etag = o.etag(body);
  headers.set("Cache-Control", reply.cacheControl);
  if (notModified(req.headers, etag)) return (headers.set("ETag", etag), { status: 304 });
  headers.set("Content-Type", "application/json; charset=utf-8");
  vary.push("Accept-Encoding");
  if (!encoding || body.length < o.threshold) {
    headers.set("Content-Length", String(body.length)).set("ETag", etag);
    return { status: 200, body };
  }
  headers.set("ETag", etag).set("Content-Encoding", encoding);
  if (req.method === "HEAD") return { status: 200, chunked: true }; // GET's headers; no body to compress
  return { status: 200, body: await compressedAsMiddlewareDoes(body, encoding), chunked: true };
}

/** As sendShared() sends it (shared-body.ts); the compression middleware leaves that alone. */
async function asShared(
  shared: Parameters<typeof encodedBytes>[0],
  cacheControl: string,
  req: IncomingMessage,
  headers: Map<string, string>,
  vary: string[],
  encoding: Encoding | null,
): Promise<Answer> {
  vary.push("Accept-Encoding");
  const etag = etagOf(shared, encoding);
  headers.set("ETag", etag).set("Cache-Control", cacheControl);
  if (notModified(req.headers, etag)) return { status: 304 };
  const body = encoding ? await encodedBytes(shared, encoding) : shared.identity;
  if (encoding) headers.set("Content-Encoding", encoding);
  headers.set("Content-Type", shared.type).set("Content-Length", String(body.length));
  return { status: 200, body };
}

/** What both sendShared() and the compression package choose for a plain list of codings ("gzip,
 * deflate, br"): br, else gzip, else none (null); undefined for anything they might read apart (weights,
 * "*", odd tokens, deflate alone: the middleware would deflate), which Express answers. */
function encodingFor(header: string | undefined): Encoding | null | undefined {
  if (!header) return null;
  const codings = header
    .toLowerCase()
    .split(",")
    .map((c) => c.trim());
  if (codings.some((c) => !/^[a-z0-9_.+-]+$/.test(c))) return undefined;
  if (codings.includes("br")) return "br";
  if (codings.includes("gzip")) return "gzip";
  return codings.includes("deflate") ? undefined : null;
}

/** A route path ("/api/threads/:threadId/comments") as an exact, case-sensitive pattern whose
 * parameters are plain ids: any other spelling Express might also match is Express's to answer. */
function patternOf(path: string): RegExp {
  const parts = path
    .split("/")
    .map((part) =>
      part.startsWith(":") ? `(?<${part.slice(1)}>[A-Za-z0-9_-]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    );
  return new RegExp(`^${parts.join("/")}$`);
}

/** req.protocol as Express 5 works it out (express/lib/request.js), for CORS's same-origin check. */
function protocolOf(req: IncomingMessage, trust: BeforeExpressOptions["trustProxy"]): string {
  const proto = (req.socket as TLSSocket).encrypted ? "https" : "http";
  if (!trust(req.socket.remoteAddress, 0)) return proto;
  const header = (req.headers["x-forwarded-proto"] as string | undefined) || proto;
  const index = header.indexOf(",");
  return index !== -1 ? header.substring(0, index).trim() : header.trim();
}

/** The headers a middleware that sets the same ones on every response (helmet) sets, in its order. */
export function headersSetBy(middleware: RequestHandler): [string, string][] {
  const set: [string, string][] = [];
  let done = false;
  const res = { setHeader: (name: string, value: unknown) => void set.push([name, String(value)]), removeHeader() {} };
  middleware({} as never, res as never, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error("the middleware refused");
    done = true;
  });
  if (!done) throw new Error("the middleware did not finish at once: its headers may depend on the request");
  return set;
}
