// Signed-in readers at the HTTP edge, separate from moderators (src/http/auth.ts): their own cookie
// on Parley's pages, or a per-site token in a header from the widget (third-party cookies are blocked
// there). A cookie session counts on a write only with its CSRF token (header, or the form's field);
// a header token cannot be sent by another site's form, so it needs none.
import crypto from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import type { Deps } from "../deps.ts";
import { authenticateReader, type AuthedReader } from "../identity/authenticate-reader.ts";
import { READER_SESSION_COOKIE, READER_TOKEN_HEADER, SIGN_IN_FLOW_COOKIE } from "../identity/reader-session-token.ts";
import { SIGN_IN_FLOW_TTL_MS } from "../identity/start-sign-in.ts";
import { readCookie } from "../domain/cookies.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in reader, from their cookie or their widget token. */
      reader?: AuthedReader;
      readerVia?: "cookie" | "token";
    }
  }
}

export const READER_CSRF_HEADER = "x-parley-reader-csrf";
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Sets req.reader from the header token, else the cookie; an invalid or expired one is ignored. */
export function loadReader(deps: Deps): RequestHandler {
  return (req, _res, next) => {
    const header = req.get(READER_TOKEN_HEADER);
    const token = header || readCookie(req, READER_SESSION_COOKIE);
    if (!token) return next();
    authenticateReader(deps, token).then((r) => {
      // A widget token is a bearer header only; a cookie session is never a widget's token.
      if (r && (header ? r.siteId : !r.siteId)) {
        req.reader = r;
        req.readerVia = header ? "token" : "cookie";
      }
      next();
    }, next);
  };
}

export function readerCsrfMatches(r: AuthedReader, sent: unknown): boolean {
  if (typeof sent !== "string" || !sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(r.csrfToken);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** On writes, a cookie session counts only with its CSRF token (header or the no-JS form's `csrf` field). */
export const readerOnlyWithCsrf: RequestHandler = (req, _res, next) => {
  if (req.reader && req.readerVia === "cookie" && WRITE_METHODS.has(req.method)) {
    const sent = req.get(READER_CSRF_HEADER) ?? (req.body as Record<string, unknown> | undefined)?.csrf;
    if (!readerCsrfMatches(req.reader, sent)) req.reader = undefined;
  }
  next();
};

/** The reader a comment is posted as (after readerOnlyWithCsrf), in the use case's terms. */
export function commentingReader(req: Request) {
  const r = req.reader;
  return r
    ? {
        accountId: r.accountId,
        siteId: r.siteId,
        name: r.name,
        email: r.email,
        provider: r.provider,
        providerLabel: r.providerLabel,
      }
    : null;
}

const cookieBase = (req: Request) => ({ httpOnly: true, sameSite: "lax" as const, secure: req.secure, path: "/" });

export function setReaderCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  res.cookie(READER_SESSION_COOKIE, token, { ...cookieBase(req), expires: expiresAt });
}

export function clearReaderCookie(req: Request, res: Response): void {
  res.clearCookie(READER_SESSION_COOKIE, cookieBase(req));
}

/** Lax: the provider's redirect back is a top-level GET, which carries it; other sites' requests do not read it. */
export function setFlowCookie(req: Request, res: Response, token: string): void {
  res.cookie(SIGN_IN_FLOW_COOKIE, token, { ...cookieBase(req), path: "/auth", maxAge: SIGN_IN_FLOW_TTL_MS });
}

export function clearFlowCookie(req: Request, res: Response): void {
  res.clearCookie(SIGN_IN_FLOW_COOKIE, { ...cookieBase(req), path: "/auth" });
}
