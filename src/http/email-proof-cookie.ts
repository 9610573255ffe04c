// Proof that this browser's reader owns an address: set when they follow a confirmation link, a signed
// token per address (MAIL_SIGNING_SECRET; nothing stored server-side), at most five addresses per browser.
// A post naming a verified address counts as its owner's only with this proof (README "How first-time
// moderation can be fooled"). httpOnly and SameSite=Lax: other sites' pages cannot post with it.
import type { Request, Response } from "express";
import type { Config } from "../config/config.ts";
import { signToken, verifyToken } from "../mail/signed-tokens.ts";
import { readCookie } from "../domain/cookies.ts";

const NAME = "parley_email_proof";
const MAX = 5;
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

export function provenAddresses(req: Request, config: Config, now: Date): string[] {
  const raw = readCookie(req, NAME);
  if (!raw) return [];
  return raw
    .split("~")
    .slice(0, MAX)
    .flatMap((t) => {
      const p = verifyToken<{ a?: unknown }>(config.MAIL_SIGNING_SECRET, "email-proof", t, now);
      return typeof p?.a === "string" ? [p.a] : [];
    });
}

export function rememberProvenAddress(req: Request, res: Response, config: Config, address: string, now: Date): void {
  const others = provenAddresses(req, config, now).filter((a) => a !== address);
  const tokens = [address, ...others]
    .slice(0, MAX)
    .map((a) => signToken(config.MAIL_SIGNING_SECRET, "email-proof", { a }));
  res.cookie(NAME, tokens.join("~"), {
    httpOnly: true,
    sameSite: "lax",
    secure: req.secure,
    maxAge: TWO_YEARS_MS,
    path: "/",
  });
}
