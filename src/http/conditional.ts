// HTTP revalidation: a client that sends back the ETag it holds gets an empty 304 instead of the body.
import crypto from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Request, Response } from "express";

/** Sets ETag and Cache-Control, and answers 304 when the client already has this version (returns true). */
export function answeredNotModified(req: Request, res: Response, etag: string, cacheControl: string): boolean {
  res.setHeader("ETag", etag);
  res.setHeader("Cache-Control", cacheControl);
  if (!req.fresh) return false;
  res.status(304).end();
  return true;
}

/** A weak ETag over everything a rendered response depends on. */
export function weakEtag(...parts: string[]): string {
  const hash = crypto.createHash("sha1");
  for (const p of parts) hash.update(p).update("\0");
  return `W/"${hash.digest("base64url")}"`;
}

/** Express's req.fresh (its `fresh` package) for a response with this ETag and no Last-Modified, for
 * answers sent before Express: If-None-Match names it, weakly compared (or is "*"; it outranks
 * If-Modified-Since, which alone is never fresh here), and Cache-Control does not say no-cache. */
export function notModified(headers: IncomingHttpHeaders, etag: string): boolean {
  const noneMatch = headers["if-none-match"];
  if (!noneMatch) return false;
  if (/(?:^|,)\s*?no-cache\s*?(?:,|$)/.test(headers["cache-control"] ?? "")) return false;
  if (noneMatch === "*") return true;
  return noneMatch
    .split(",")
    .map((token) => token.replace(/^ +| +$/g, ""))
    .some((match) => match === etag || match === `W/${etag}` || `W/${match}` === etag);
}
