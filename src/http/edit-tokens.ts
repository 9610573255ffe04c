// Where a reader's edit tokens travel: the X-Parley-Edit-Tokens header (scripts, the widget) and the
// parley_edit_tokens cookie (the article page, set by the page's script and by the no-JS form).
// Not httpOnly: the page's script keeps it in step with localStorage.
import type { IncomingMessage } from "node:http";
import type { Request, Response } from "express";
import { MAX_EDIT_TOKENS, parseEditTokens } from "../comments/own-comments.ts";
import { readCookie } from "../domain/cookies.ts";

export const EDIT_TOKENS_HEADER = "x-parley-edit-tokens";
export const EDIT_TOKENS_COOKIE = "parley_edit_tokens";
/** The cookie keeps fewer tokens than a request may name: it rides along with every page request. */
const COOKIE_TOKENS = 20;

export function editTokensFromHeader(req: Pick<IncomingMessage, "headers">): string[] {
  const header = req.headers[EDIT_TOKENS_HEADER];
  return parseEditTokens(typeof header === "string" ? header : undefined);
}

export function editTokensFromCookie(req: Request): string[] {
  return parseEditTokens(readCookie(req, EDIT_TOKENS_COOKIE));
}

export function rememberEditToken(req: Request, res: Response, token: string): void {
  const tokens = [...editTokensFromCookie(req).filter((t) => t !== token), token].slice(
    -Math.min(COOKIE_TOKENS, MAX_EDIT_TOKENS),
  );
  res.cookie(EDIT_TOKENS_COOKIE, tokens.join(","), {
    httpOnly: false,
    sameSite: "lax",
    secure: req.secure,
    maxAge: 30 * 24 * 3600 * 1000,
    path: "/",
  });
}
