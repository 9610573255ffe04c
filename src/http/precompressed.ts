// Serves public/ files from the brotli or gzip copy written at build time (scripts/precompress.ts),
// as the request's Accept-Encoding allows, for GET and HEAD alike, with Vary: Accept-Encoding. A copy
// older than its file (edited since the build) is never used: the plain file goes out instead, and
// the compression middleware in app.ts compresses it on the fly.
import fs from "node:fs";
import path from "node:path";
import type { NextFunction, Request, Response } from "express";

const SUFFIX = { br: ".br", gzip: ".gz" } as const;
const SERVABLE = /^\/(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_.-]+\.(?:js|css|svg)$/;

/** Sends the compressed copy of `file` and resolves true, or resolves false (nothing sent). */
export async function sendPrecompressed(
  req: Request,
  res: Response,
  file: string,
  options: { maxAge?: string | number; cacheControl?: boolean } = {},
): Promise<boolean> {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  res.vary("Accept-Encoding");
  // Brotli whenever acceptable at all (smaller by a tenth here), gzip otherwise.
  const encoding = req.acceptsEncodings("br") === "br" ? "br" : req.acceptsEncodings("gzip") === "gzip" ? "gzip" : null;
  if (!encoding) return false;
  const copy = `${file}${SUFFIX[encoding]}`;
  const [source, compressed] = await Promise.all([statOrNull(file), statOrNull(copy)]);
  if (!source || !compressed || compressed.mtimeMs < source.mtimeMs) return false;
  res.setHeader("Content-Encoding", encoding);
  res.type(path.extname(file));
  await new Promise<void>((resolve, reject) => res.sendFile(copy, options, (err) => (err ? reject(err) : resolve())));
  return true;
}

/** In front of express.static for `root`: the compressed copy when there is a fresh one. */
export function precompressedStatic(root: string, options: { maxAge: string | number }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!SERVABLE.test(req.path) || req.path.includes("..")) return next();
    sendPrecompressed(req, res, path.join(root, req.path), options).then((sent) => (sent ? undefined : next()), next);
  };
}

async function statOrNull(file: string): Promise<fs.Stats | null> {
  return fs.promises.stat(file).catch(() => null);
}
