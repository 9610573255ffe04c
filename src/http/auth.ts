// Moderator authentication at the HTTP edge: load the session behind the cookie, demand a role,
// demand the CSRF header on cookie-authenticated writes. The route table applies these per group.
import crypto from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { authenticateSession, type AuthedModerator, type ModeratorRole } from "../accounts/authenticate-session.ts";
import { SESSION_COOKIE } from "../accounts/session-token.ts";
import { readCookie } from "../domain/cookies.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in moderator, set by loadSession when the session cookie is valid. */
      moderator?: AuthedModerator;
    }
  }
}

export const CSRF_HEADER = "x-csrf-token";
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Sets req.moderator from the parley_session cookie (an invalid or expired cookie is ignored). */
export function loadSession(deps: Deps): RequestHandler {
  return (req, _res, next) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (!token) return next();
    authenticateSession(deps, token).then((m) => {
      if (m) req.moderator = m;
      next();
    }, next);
  };
}

/** 401 without a session, 403 with too small a role. Admin implies moderator. */
export function requireRole(role: ModeratorRole): RequestHandler {
  return (req, _res, next) => {
    const m = req.moderator;
    if (!m) return next(new AppError("UNAUTHENTICATED"));
    if (role === "admin" && m.role !== "admin") return next(new AppError("FORBIDDEN", { reason: "onlyAdmins" }));
    next();
  };
}

/** For console pages: a browser without a moderator's session is sent to sign in (303) rather than shown a 401. */
export function signInFirst(signInPath: string): RequestHandler {
  return (req, res, next) => {
    if (req.moderator || req.accepts(["json", "html"]) !== "html") return next();
    res.redirect(303, signInPath);
  };
}

function csrfMatches(req: Request, m: AuthedModerator): boolean {
  const sent = req.get(CSRF_HEADER);
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(m.csrfToken);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * A second wall behind the token: a browser names where a request comes from. A write whose Origin
 * is not this server's own (scheme + host the request was sent to; "null" included) or whose
 * Sec-Fetch-Site says another site sent it is refused even with the right token (a leaked token, a
 * sibling subdomain). Clients that send neither header (scripts, old browsers) rely on the token.
 */
function fromOwnOrigin(req: Request): boolean {
  const site = req.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = req.get("origin");
  if (origin === undefined) return true;
  return origin === `${req.protocol}://${req.get("host") ?? ""}`;
}

/** Cookie-authenticated writes must echo the session's CSRF token in X-CSRF-Token and come from our own
 * origin (403 otherwise). */
export const requireCsrf: RequestHandler = (req, _res, next) => {
  if (req.moderator && WRITE_METHODS.has(req.method) && !(csrfMatches(req, req.moderator) && fromOwnOrigin(req))) {
    return next(new AppError("CSRF_FAILED"));
  }
  next();
};

/**
 * For reader routes a moderator may also use (posting a comment): the session counts only when the
 * request proves it came from our page with the CSRF header; otherwise it is an anonymous request.
 */
export const sessionOnlyWithCsrf: RequestHandler = (req, _res, next) => {
  if (req.moderator && !(csrfMatches(req, req.moderator) && fromOwnOrigin(req))) req.moderator = undefined;
  next();
};

export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: req.secure,
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure: req.secure, path: "/" });
}
