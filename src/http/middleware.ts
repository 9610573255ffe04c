import type { Request, RequestHandler } from "express";
import { AppError } from "../domain/errors.ts";
import { hashIp } from "../domain/ip-hash.ts";
import type { Deps } from "../deps.ts";

/** API writes are accepted as JSON only: a 415 otherwise, and a cheap guard against cross-site forms. */
export const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody =
    req.headers["content-length"] !== "0" && (req.headers["content-length"] || req.headers["transfer-encoding"]);
  if (hasBody && !req.is("application/json")) return next(new AppError("UNSUPPORTED_MEDIA_TYPE"));
  next();
};

/** Keyed hash of the client's address: enough to ban or rate-limit a poster, useless if the DB leaks. */
export function ipHashOf(deps: Deps, req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
  return hashIp(deps.config.IP_HASH_SECRET, ip);
}

/** Wraps an async handler so a rejected promise reaches the error handler (Express 5 does this too; explicit is clearer in tables). */
export type AsyncHandler = (req: Request, res: Parameters<RequestHandler>[1]) => Promise<unknown>;
export const handle =
  (fn: AsyncHandler): RequestHandler =>
  (req, res, next) => {
    fn(req, res).catch(next);
  };

/** No route takes control characters in its path (ids and slugs never hold them, and PostgreSQL cannot
 * compare text with a NUL): a 400 before any lookup, for every route. Query strings are each route's
 * to validate. */
export const refuseControlCharacters: RequestHandler = (req, _res, next) => {
  const path = req.originalUrl.split("?")[0] ?? "";
  if (/%(?:[01][0-9a-f]|7f)/i.test(path) || /[\u0000-\u001f\u007f]/.test(path)) {
    return next(new AppError("BAD_REQUEST", { reason: "controlCharacters" }));
  }
  next();
};
