// Moderator accounts beyond sign-in: an admin changes a moderator's role or disables them, and a
// moderator who forgot their password resets it by email (form pages, no script needed). Thin:
// each turns the request into plain values for a use case in src/accounts/.
import type { Request, Response } from "express";
import { z } from "zod";
import { changeModerator, ZModeratorChange } from "../accounts/change-moderator.ts";
import { completePasswordReset, PASSWORD_RESET_MINUTES, requestPasswordReset } from "../accounts/reset-password.ts";
import { ZNewModerator } from "../accounts/create-moderator.ts";
import { AppError, isAppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { renderForgotPassword, renderNewPasswordForm, renderPasswordResetDone } from "../views/password-reset-pages.ts";
import { consolePageCatalog } from "./page-language.ts";
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import type { Quota } from "./rate-limit.ts";
import { readerMessage } from "./reader-messages.ts";
import { validate } from "./validate.ts";

const ZIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const ZForgot = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Please enter a valid email address.")),
});
const ZReset = z.object({ t: z.string().min(20).max(200), password: ZNewModerator.shape.password });
const ZResetLink = z.object({ t: z.string().min(20).max(200) });

export function accountHandlers(deps: Deps, limits: { resets: (req: Request) => Quota }) {
  const perAddress = deps.rateLimits.limiter("password-reset-address", { limit: 3, windowMs: 3600_000 });
  const send = (res: Response, status: number, body: string) =>
    res.status(status).set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" }).type("html").send(body);
  /** A reset link that is malformed or no longer in the form: the "not valid" page, in the moderator's language. */
  const refuseResetLink = (res: Response, m: PageCatalog) =>
    send(
      res,
      400,
      renderPasswordResetDone(
        m,
        readerMessage(m, new AppError("INVALID_LINK", { reason: "resetLinkNotValid" })),
        false,
      ),
    );

  return {
    /** PATCH /api/admin/moderators/:id { role?, disabled? } */
    async changeModerator(req: Request, res: Response) {
      const { id } = validate(ZIdParams, req.params);
      const change = validate(ZModeratorChange, req.body ?? {});
      res.json({ moderator: await changeModerator(deps, req.moderator!.id, id, change) });
    },

    /** GET /moderate/forgot-password */
    async forgotPage(req: Request, res: Response) {
      send(res, 200, renderForgotPassword(consolePageCatalog(req, res), false, PASSWORD_RESET_MINUTES));
    },

    /** POST /moderate/forgot-password (form): the same answer whether or not the account exists. */
    async forgot(req: Request, res: Response) {
      const quota = limits.resets(req);
      await quota.check();
      const { email } = validate(ZForgot, req.body ?? {});
      // Past the per-address limit nothing more is mailed, and the answer stays the same (nothing revealed).
      if ((await perAddress.take(email)) === 0) await requestPasswordReset(deps, email);
      await quota.spend();
      send(res, 200, renderForgotPassword(consolePageCatalog(req, res), true, PASSWORD_RESET_MINUTES));
    },

    /** GET /moderate/reset-password?t= : the form for the new password. */
    async resetPage(req: Request, res: Response) {
      const parsed = ZResetLink.safeParse(req.query);
      const m = consolePageCatalog(req, res);
      if (!parsed.success) return void refuseResetLink(res, m);
      send(res, 200, renderNewPasswordForm(m, parsed.data.t));
    },

    /** POST /moderate/reset-password (form): sets the password once, ends every session. */
    async reset(req: Request, res: Response) {
      const m = consolePageCatalog(req, res);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const parsed = ZReset.safeParse(body);
      if (!parsed.success) {
        const t = typeof body.t === "string" && body.t.length <= 200 ? body.t : "";
        const message = parsed.error.issues.find((i) => i.path[0] === "password")?.message;
        if (t && message) return void send(res, 422, renderNewPasswordForm(m, t, message));
        return void refuseResetLink(res, m);
      }
      try {
        await completePasswordReset(deps, parsed.data.t, parsed.data.password);
        send(res, 200, renderPasswordResetDone(m, m.passwordSet, true));
      } catch (err) {
        if (!isAppError(err) || err.status >= 500) throw err;
        send(res, err.status, renderPasswordResetDone(m, readerMessage(m, err), false));
      }
    },
  };
}
