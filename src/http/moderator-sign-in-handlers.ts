// Moderators signing in with an identity provider (src/identity/moderator-sign-in.ts) at the HTTP
// edge: the console's "Sign in with <provider>", an admin's invitation to link a provider (its page and
// the choice that starts the flow), and the admin API that invites and unlinks. The provider's answer
// comes back to the readers' callback (/auth/:provider/callback, identity-handlers.ts): one redirect
// address per provider to register.
import type { Request, Response } from "express";
import { z } from "zod";
import { publicUrl } from "../config/config.ts";
import { AppError, isAppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import {
  describeInvitation,
  inviteModeratorIdentity,
  startModeratorLink,
  startModeratorSignIn,
  unlinkIdentity,
} from "../identity/moderator-sign-in.ts";
import { consolePageCatalog } from "./page-language.ts";
import { readerMessage } from "./reader-messages.ts";
import { renderInvitation } from "../views/moderator-link-pages.ts";
import { renderSignInRefused } from "../views/sign-in-pages.ts";
import { providerAttempt } from "./identity-handlers.ts";
import type { loginThrottle } from "./login-throttle.ts";
import { setFlowCookie } from "./reader-auth.ts";
import { validate } from "./validate.ts";

const ZProvider = z.string().regex(/^[a-z0-9-]{1,40}$/);
const ZInvitation = z.object({ t: z.string().min(20).max(200) });
const ZModeratorParams = z.object({ id: z.string().min(1).max(64) });
const ZIdentityParams = ZModeratorParams.extend({ identityId: z.string().min(1).max(64) });

export function moderatorSignInHandlers(deps: Deps, opts: { throttle: ReturnType<typeof loginThrottle> }) {
  const base = publicUrl(deps.config);
  const callbackUrl = (provider: string) => `${base}/auth/${provider}/callback`;
  const page = (res: Response, status: number, body: string) =>
    res.status(status).set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" }).type("html").send(body);
  const refused = (req: Request, res: Response, err: unknown) => {
    if (!isAppError(err) || (err.status >= 500 && err.code !== "PROVIDER_UNAVAILABLE")) throw err;
    if (err.code === "RATE_LIMITED")
      res.set("Retry-After", String((err.details as { retryAfterSeconds?: number })?.retryAfterSeconds ?? 60));
    // In the moderator's language, as the console's shell is (Accept-Language).
    const m = consolePageCatalog(req, res);
    page(res, err.status, renderSignInRefused(m, readerMessage(m, err), "/moderate", null, m.backToConsole));
  };

  return {
    /** GET /moderate/sign-in/:provider: the console's "Sign in with <provider>", throttled like passwords. */
    async signIn(req: Request, res: Response) {
      const provider = validate(z.object({ provider: ZProvider }), req.params).provider;
      try {
        const wait = await opts.throttle.refusedFor(providerAttempt(deps, req, provider));
        if (wait > 0)
          throw new AppError("RATE_LIMITED", {
            reason: "tooManyFailedSignIns",
            details: { retryAfterSeconds: wait },
          });
        const { flowToken, url } = await startModeratorSignIn(deps, { provider, callbackUrl: callbackUrl(provider) });
        setFlowCookie(req, res, flowToken);
        res.set("Cache-Control", "no-store").redirect(303, url.href);
      } catch (err) {
        refused(req, res, err);
      }
    },

    /** GET /moderate/link-provider?t=: whose account the invitation links, and a button per provider. */
    async invitationPage(req: Request, res: Response) {
      try {
        const parsed = ZInvitation.safeParse(req.query);
        if (!parsed.success) throw new AppError("INVALID_LINK", { reason: "invitationNotValid" });
        const who = await describeInvitation(deps, parsed.data.t);
        page(res, 200, renderInvitation(consolePageCatalog(req, res), { token: parsed.data.t, ...who }));
      } catch (err) {
        refused(req, res, err);
      }
    },

    /** GET /moderate/link-provider/:provider?t= (a button on the invitation's page): to that provider. Starting
     * uses nothing (a scanner following it gets nowhere): the invitation is used when the provider vouches. */
    async invitationStart(req: Request, res: Response) {
      try {
        const provider = validate(z.object({ provider: ZProvider }), req.params).provider;
        const parsed = ZInvitation.safeParse(req.query);
        if (!parsed.success) throw new AppError("INVALID_LINK", { reason: "invitationNotValid" });
        const { flowToken, url } = await startModeratorLink(deps, {
          token: parsed.data.t,
          provider,
          callbackUrl: callbackUrl(provider),
        });
        setFlowCookie(req, res, flowToken);
        res.set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" }).redirect(303, url.href);
      } catch (err) {
        refused(req, res, err);
      }
    },

    /** POST /api/admin/moderators/:id/identity-invitations: mailed (or, with no relay, the link to hand over). */
    async invite(req: Request, res: Response) {
      const { id } = validate(ZModeratorParams, req.params);
      const invitation = await inviteModeratorIdentity(deps, req.moderator!.id, id);
      res.set("Cache-Control", "no-store").status(201).json({ invitation });
    },

    /** DELETE /api/admin/moderators/:id/identities/:identityId: unlink (audited). */
    async unlink(req: Request, res: Response) {
      const { id, identityId } = validate(ZIdentityParams, req.params);
      await unlinkIdentity(deps, req.moderator!.id, id, identityId);
      res.status(204).end();
    },
  };
}
