// Sign-in with identity providers (src/identity/): start, the provider's callback, who am I, sign out.
// Thin: each turns a request into parameters for a use case. Refusals become a page that says why,
// never a 500; nothing is stored for a refused sign-in.
import type { Request, Response } from "express";
import { z } from "zod";
import { publicUrl } from "../config/config.ts";
import { AppError, isAppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { finishReaderSignIn, verifySignIn, type FlowContext } from "../identity/finish-sign-in.ts";
import { finishModeratorLink, finishModeratorSignIn } from "../identity/moderator-sign-in.ts";
import { SESSION_COOKIE } from "../accounts/session-token.ts";
import { renderProviderLinked } from "../views/moderator-link-pages.ts";
import { setSessionCookie } from "./auth.ts";
import { ipHashOf } from "./middleware.ts";
import type { loginThrottle } from "./login-throttle.ts";
import { emailSignInOffered } from "../identity/email-sign-in.ts";
import { READER_SESSION_COOKIE, SIGN_IN_FLOW_COOKIE } from "../identity/reader-session-token.ts";
import { providersShownOn } from "../identity/site-providers.ts";
import { startSignIn } from "../identity/start-sign-in.ts";
import { deleteReaderSession, findSiteForSignIn } from "../store/reader-accounts.ts";
import { DEFAULT_SITE_ID } from "../sites/ensure-default-site.ts";
import { resolveSiteSettings } from "../config/site-settings.ts";
import { renderPopupSignedIn, renderSignInRefused } from "../views/sign-in-pages.ts";
import { consolePageCatalog, sitePageCatalog } from "./page-language.ts";
import { readerMessage } from "./reader-messages.ts";
import { ZSiteId } from "./embed-schemas.ts";
import { clearFlowCookie, clearReaderCookie, setFlowCookie, setReaderCookie } from "./reader-auth.ts";
import { checkReturnAddress } from "../identity/return-address.ts";
import { validate } from "./validate.ts";
import { readCookie } from "../domain/cookies.ts";

const ZProviderParams = z.object({ provider: z.string().regex(/^[a-z0-9-]{1,40}$/) });
const ZStart = z.object({
  return: z.string().max(2000).optional(),
  site: ZSiteId.optional(),
  popup: z.literal("1").optional(),
  origin: z.string().max(300).optional(),
  /** The nonce the widget made when it opened the popup: handed back with the token, which it accepts only with it. */
  nonce: z
    .string()
    .regex(/^[\w-]{16,64}$/)
    .optional(),
});

/** The console's provider sign-ins count against the password sign-in's throttle (per address). */
export const providerAttempt = (deps: Deps, req: Request, provider: string) => ({
  email: `identity-provider:${provider}`,
  addressHash: ipHashOf(deps, req),
});

export function identityHandlers(deps: Deps, opts: { throttle: ReturnType<typeof loginThrottle> }) {
  const base = publicUrl(deps.config);
  const ownOrigin = new URL(base).origin;
  const callbackUrl = (provider: string) => `${base}/auth/${provider}/callback`;
  /** A page saying why; a popup also tells its opener, but only on the origin its flow was checked for. */
  const refused = async (
    req: Request,
    res: Response,
    err: unknown,
    popup: { origin: string | null; nonce?: string | null } | null,
    back: string | null,
    backText?: string,
  ) => {
    if (!isAppError(err) || (err.status >= 500 && err.code !== "PROVIDER_UNAVAILABLE")) throw err;
    const m = await sitePageCatalog(deps, req, res);
    res.set("Cache-Control", "no-store");
    res
      .status(err.status)
      .type("html")
      .send(renderSignInRefused(m, readerMessage(m, err), back, popup, backText));
  };

  /** A popup on Parley's origin must keep its cross-origin opener (the widget) to post the token back:
   * helmet's default COOP (same-origin) would sever it. Nothing else of Parley's opens in a popup. */
  const keepOpener = (res: Response) => res.set("Cross-Origin-Opener-Policy", "unsafe-none");

  return {
    /** GET /auth/:provider/start: to the provider, or a page saying why not (the comment form still works). */
    async start(req: Request, res: Response) {
      const { provider } = validate(ZProviderParams, req.params);
      const q = validate(ZStart, req.query);
      const popup = q.popup ? { siteId: q.site ?? "", origin: q.origin ?? "", nonce: q.nonce ?? null } : undefined;
      if (popup) keepOpener(res);
      let back: string | null;
      try {
        back = popup ? null : checkReturnAddress(q.return, ownOrigin);
      } catch {
        back = null; // an allowed site's page, or refused below with its reason
      }
      try {
        if (popup && (!popup.siteId || !popup.origin)) throw new AppError("BAD_REQUEST", { reason: "popupNamesSite" });
        const { flowToken, url } = await startSignIn(deps, {
          provider,
          returnTo: q.return,
          popup,
          siteId: q.site ?? DEFAULT_SITE_ID,
          ownOrigin,
          callbackUrl: callbackUrl(provider),
        });
        setFlowCookie(req, res, flowToken);
        res.set("Cache-Control", "no-store").redirect(303, url.href);
      } catch (err) {
        await refused(req, res, err, popup ? { origin: null } : null, back);
      }
    },

    /** GET /auth/:provider/callback: the provider's answer, for whichever sign-in the flow was (reader,
     * the console's, or a moderator using an invitation to link a provider). */
    async callback(req: Request, res: Response) {
      const { provider } = validate(ZProviderParams, req.params);
      let flow: FlowContext | null = null;
      clearFlowCookie(req, res);
      keepOpener(res); // the flow may be a popup's: known only once it is read
      try {
        const verified = await verifySignIn(
          deps,
          { provider, flowToken: readCookie(req, SIGN_IN_FLOW_COOKIE), callbackUrl: new URL(req.originalUrl, base) },
          (f) => (flow = f),
        );
        res.set("Cache-Control", "no-store");
        if (verified.flow.purpose === "moderator") {
          const attempt = providerAttempt(deps, req, provider);
          try {
            const done = await finishModeratorSignIn(deps, verified, readCookie(req, SESSION_COOKIE));
            await opts.throttle.succeeded(attempt);
            setSessionCookie(req, res, done.token, done.expiresAt);
            return void res.redirect(303, "/moderate");
          } catch (err) {
            if (isAppError(err) && (err.code === "NOT_LINKED" || err.code === "ACCOUNT_DISABLED"))
              await opts.throttle.failed(attempt);
            throw err;
          }
        }
        if (verified.flow.purpose === "moderator-link") {
          const linked = await finishModeratorLink(deps, verified);
          return void res.type("html").send(renderProviderLinked(consolePageCatalog(req, res), linked));
        }
        const result = await finishReaderSignIn(deps, verified, readCookie(req, READER_SESSION_COOKIE));
        if (result.popupOrigin) {
          const a = result.account;
          const m = await sitePageCatalog(deps, req, res);
          return void res.type("html").send(
            renderPopupSignedIn(m, {
              origin: result.popupOrigin,
              nonce: result.widgetNonce,
              token: result.token,
              expiresAt: result.expiresAt.toISOString(),
              reader: {
                name: a.displayName,
                provider: a.provider,
                providerLabel: deps.identity.spec(a.provider)?.label ?? a.provider,
                avatarUrl: a.avatarUrl,
              },
            }),
          );
        }
        setReaderCookie(req, res, result.token, result.expiresAt);
        res.redirect(303, result.returnTo || "/");
      } catch (err) {
        const f = flow as FlowContext | null;
        if (f && f.purpose !== "reader") return refused(req, res, err, null, "/moderate", "Back to the console");
        await refused(
          req,
          res,
          err,
          f?.popupOrigin ? { origin: f.popupOrigin, nonce: f.widgetNonce } : null,
          f?.returnTo || null,
        );
      }
    },

    /** GET /api/reader/me: who is signed in (cookie here, or the widget's header token), and the CSRF token for writes. */
    async me(req: Request, res: Response) {
      res.set("Cache-Control", "private, no-store");
      const r = req.reader;
      if (!r) return void res.json({ reader: null });
      res.json({
        reader: { name: r.name, provider: r.provider, providerLabel: r.providerLabel, avatarUrl: r.avatarUrl },
        csrfToken: req.readerVia === "cookie" ? r.csrfToken : undefined,
      });
    },

    /** POST /api/reader/logout (JSON; cookie + CSRF header, or the widget's token): ends the session. */
    async logout(req: Request, res: Response) {
      if (!req.reader) throw new AppError("UNAUTHENTICATED");
      await deleteReaderSession(deps.db, req.reader.sessionId);
      if (req.readerVia === "cookie") clearReaderCookie(req, res);
      res.status(204).end();
    },

    /** POST /auth/logout (the no-JS form, with its csrf field): ends the session and goes back. */
    async logoutForm(req: Request, res: Response) {
      const body = (req.body ?? {}) as Record<string, unknown>;
      let back: string;
      try {
        back = checkReturnAddress(typeof body.return === "string" ? body.return : "/", ownOrigin);
      } catch {
        back = "/";
      }
      if (req.reader && req.readerVia === "cookie") {
        await deleteReaderSession(deps.db, req.reader.sessionId);
        clearReaderCookie(req, res);
      }
      res.redirect(303, back);
    },

    /** GET /api/embed/sign-in?site=: what the widget offers (commenting mode, providers and whether each answers). */
    async options(req: Request, res: Response) {
      const { site: siteId } = validate(z.object({ site: ZSiteId }), req.query);
      const site = await findSiteForSignIn(deps.db, siteId);
      if (!site) throw new AppError("SITE_NOT_FOUND");
      res.set("Cache-Control", "no-cache");
      res.json({
        commenting: resolveSiteSettings(site.settings).commenting,
        providers: providersShownOn(deps, site.settings),
        emailLink: emailSignInOffered(deps, site.settings),
        startUrl: `${base}/auth`,
      });
    },
  };
}
