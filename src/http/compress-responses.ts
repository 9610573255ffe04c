// Pages and JSON compressed on the fly (brotli or gzip as Accept-Encoding asks, Vary: Accept-Encoding).
// The compression package leaves HEAD alone, so `curl -I /` said no Content-Encoding while GET said
// gzip; a HEAD must answer GET's headers (RFC 9110 §9.3.2). It is shown the request as a GET: it then
// sets GET's Content-Encoding and drops Content-Length as for GET, and Node sends no body for a HEAD.
import { promisify } from "node:util";
import zlib from "node:zlib";
import compression from "compression";
import type { Request, RequestHandler } from "express";

/** Smaller responses go out as they are (the compression package's own default too). */
export const COMPRESSION_THRESHOLD = 1024;

export function compressResponses(options: { threshold: number }): RequestHandler {
  const compress = compression(options);
  return (req, res, next) => {
    const asGet = req.method === "HEAD" ? (Object.create(req, { method: { value: "GET" } }) as Request) : req;
    compress(asGet, res, next);
  };
}

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
/** The compression package's settings: zlib's default gzip level, brotli at quality 4. */
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };

/** `bytes` compressed as the middleware above compresses them (for answers sent before Express). */
export function compressedAsMiddlewareDoes(bytes: Buffer, encoding: "br" | "gzip"): Promise<Buffer> {
  return encoding === "br" ? brotli(bytes, BROTLI) : gzip(bytes);
}
