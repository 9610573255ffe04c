// Sign-in, sign-out and "who am I" for the moderator console. Failed logins are limited per IP and
// per email (5 per 15 minutes each) so a password cannot be guessed at speed from one place, nor one
// account's password from many.
import type { Request, Response } from "express";
import { z } from "zod";
import { AppError, isAppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import type { AuthedModerator } from "../accounts/authenticate-session.ts";
import { logIn } from "../accounts/log-in.ts";
import { logOut } from "../accounts/log-out.ts";
import { clearSessionCookie, setSessionCookie } from "./auth.ts";
import { ipHashOf } from "./middleware.ts";
import { validate } from "./validate.ts";

const ZLogin = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) });
export const LOGIN_FAILURES = { limit: 5, windowMs: 15 * 60_000 };

const publicModerator = (m: AuthedModerator) => ({ id: m.id, email: m.email, name: m.name, role: m.role });

export function authHandlers(deps: Deps) {
  const failures = deps.rateLimits.limiter("login-failures", LOGIN_FAILURES);
  return {
    async login(req: Request, res: Response) {
      const input = validate(ZLogin, req.body ?? {});
      const keys = [`ip:${ipHashOf(deps, req)}`, `email:${input.email.toLowerCase()}`];
      const wait = Math.max(...(await Promise.all(keys.map((k) => failures.retryAfterSeconds(k)))));
      if (wait > 0)
        throw new AppError("RATE_LIMITED", {
          message: "Too many failed sign-ins; try again later.",
          details: { retryAfterSeconds: wait },
        });
      try {
        const { moderator, token, expiresAt } = await logIn(deps, input);
        await failures.reset(keys[1]!);
        setSessionCookie(req, res, token, expiresAt);
        res.json({ moderator: publicModerator(moderator), csrfToken: moderator.csrfToken });
      } catch (err) {
        if (isAppError(err) && err.code === "INVALID_CREDENTIALS") await Promise.all(keys.map((k) => failures.hit(k)));
        throw err;
      }
    },

    async logout(req: Request, res: Response) {
      await logOut(deps, req.moderator!.sessionId);
      clearSessionCookie(req, res);
      res.status(204).end();
    },

    async me(req: Request, res: Response) {
      const m = req.moderator!;
      res.json({ moderator: publicModerator(m), csrfToken: m.csrfToken });
    },
  };
}
