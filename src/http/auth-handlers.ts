// Sign-in, sign-out and "who am I" for the moderator console. Failed logins are throttled by address
// and by (email, address), and slowed down per email, never locked per email (login-throttle.ts): a
// password cannot be guessed at speed, and nobody can lock a moderator out by guessing.
import type { Request, Response } from "express";
import { z } from "zod";
import { AppError, isAppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import type { AuthedModerator } from "../accounts/authenticate-session.ts";
import { logIn } from "../accounts/log-in.ts";
import { logOut } from "../accounts/log-out.ts";
import { clearSessionCookie, setSessionCookie } from "./auth.ts";
import { SESSION_COOKIE } from "../accounts/session-token.ts";
import { readCookie } from "../domain/cookies.ts";
import { ipHashOf } from "./middleware.ts";
import { validate } from "./validate.ts";
import { LOGIN_FAILURES, type loginThrottle } from "./login-throttle.ts";
import { notifyLoginFailures } from "../accounts/notify-login-failures.ts";
import { setTimeout as sleep } from "node:timers/promises";

const ZLogin = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) });

const publicModerator = (m: AuthedModerator) => ({ id: m.id, email: m.email, name: m.name, role: m.role });

export function authHandlers(deps: Deps, opts: { throttle: ReturnType<typeof loginThrottle> }) {
  const { throttle } = opts;
  return {
    async login(req: Request, res: Response) {
      const input = validate(ZLogin, req.body ?? {});
      const attempt = { email: input.email, addressHash: ipHashOf(deps, req) };
      const wait = await throttle.refusedFor(attempt);
      if (wait > 0)
        throw new AppError("RATE_LIMITED", {
          reason: "tooManyFailedSignIns",
          details: { retryAfterSeconds: wait },
        });
      const hold = await throttle.slowdownMs(attempt);
      if (hold > 0) await sleep(hold);
      try {
        const { moderator, token, expiresAt } = await logIn(deps, input, readCookie(req, SESSION_COOKIE));
        await throttle.succeeded(attempt);
        setSessionCookie(req, res, token, expiresAt);
        res.json({ moderator: publicModerator(moderator), csrfToken: moderator.csrfToken });
      } catch (err) {
        if (isAppError(err) && err.code === "INVALID_CREDENTIALS" && (await throttle.failed(attempt)))
          await notifyLoginFailures(deps, input.email, {
            count: LOGIN_FAILURES.limit,
            windowMs: LOGIN_FAILURES.windowMs,
          });
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
