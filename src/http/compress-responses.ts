// Pages and JSON compressed on the fly (brotli or gzip as Accept-Encoding asks, Vary: Accept-Encoding).
// The compression package leaves HEAD alone, so `curl -I /` said no Content-Encoding while GET said
// gzip; a HEAD must answer GET's headers (RFC 9110 §9.3.2). It is shown the request as a GET: it then
// sets GET's Content-Encoding and drops Content-Length as for GET, and Node sends no body for a HEAD.
import compression from "compression";
import type { Request, RequestHandler } from "express";

export function compressResponses(options: { threshold: number }): RequestHandler {
  const compress = compression(options);
  return (req, res, next) => {
    const asGet = req.method === "HEAD" ? (Object.create(req, { method: { value: "GET" } }) as Request) : req;
    compress(asGet, res, next);
  };
}
