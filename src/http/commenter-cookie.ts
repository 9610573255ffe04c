// "Save my name, email, and website in this browser": like WordPress's comment cookies, so a reader
// without JavaScript does not retype them. httpOnly (the page fills the form server-side), Lax.
import type { Request, Response } from "express";
import { readCookie } from "../domain/cookies.ts";

const NAME = "parley_commenter";
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

export type SavedCommenter = { authorName?: string; authorEmail?: string; authorUrl?: string };

export function readCommenter(req: Request): SavedCommenter {
  const raw = readCookie(req, NAME);
  if (!raw) return {};
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Record<string, unknown>;
    const pick = (k: string) => (typeof v[k] === "string" ? v[k].slice(0, 300) : undefined);
    return { authorName: pick("authorName"), authorEmail: pick("authorEmail"), authorUrl: pick("authorUrl") };
  } catch {
    return {};
  }
}

export function saveCommenter(res: Response, c: SavedCommenter, secure: boolean): void {
  const value = Buffer.from(JSON.stringify(c)).toString("base64url");
  res.cookie(NAME, value, { httpOnly: true, sameSite: "lax", secure, maxAge: ONE_YEAR_MS, path: "/" });
}

export function forgetCommenter(res: Response): void {
  res.clearCookie(NAME, { path: "/" });
}
