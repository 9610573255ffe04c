// "Email me a sign-in link" (src/identity/email-sign-in.ts) at the HTTP edge: asking (the article
// page's no-JS form, or JSON from the widget and the page's script), the mailed link's page, and the
// one click that uses it. Limited per IP (quota) and per address (limiter), both from rate-limit.ts.
import type { Request, Response } from "express";
import { z } from "zod";
import { publicUrl } from "../config/config.ts";
import { AppError, isAppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import {
  describeEmailSignIn,
  finishEmailSignIn,
  requestEmailSignIn,
  WIDGET_TOKEN_FRAGMENT,
} from "../identity/email-sign-in.ts";
import { READER_SESSION_COOKIE } from "../identity/reader-session-token.ts";
import { checkReturnAddress } from "../identity/return-address.ts";
import { readCookie } from "../domain/cookies.ts";
import { DEFAULT_SITE_ID } from "../sites/ensure-default-site.ts";
import { renderEmailSignInConfirm, renderSignInLinkSent, renderSignInRefused } from "../views/sign-in-pages.ts";
import { ZSiteId } from "./embed-schemas.ts";
import type { Quota } from "./rate-limit.ts";
import { setReaderCookie } from "./reader-auth.ts";
import { ZCreateComment } from "./schemas.ts";
import { validate } from "./validate.ts";
import { sitePageCatalog } from "./page-language.ts";
import { readerMessage } from "./reader-messages.ts";

// The comment form's own fields and messages: the reader types the name they comment under.
const ZAsk = ZCreateComment.pick({ authorName: true, authorEmail: true }).extend({
  return: z.string().max(2000).optional(),
});
const ZAskJson = ZAsk.extend({
  widget: z.boolean().optional(),
  nonce: z
    .string()
    .regex(/^[\w-]{16,64}$/)
    .optional(),
});
const ZToken = z.object({ t: z.string().min(20).max(200) });

export function emailSignInHandlers(deps: Deps, limits: { links: (req: Request) => Quota }) {
  const ownOrigin = new URL(publicUrl(deps.config)).origin;
  const perAddress = deps.rateLimits.limiter("email-sign-in-address", {
    limit: deps.config.AUTH_EMAIL_LINKS_PER_ADDRESS_PER_HOUR,
    windowMs: 3600_000,
  });

  async function ask(
    req: Request,
    input: z.infer<typeof ZAskJson> & { language?: string },
    siteId: string,
  ): Promise<void> {
    const quota = limits.links(req);
    await quota.check();
    const wait = await perAddress.take(input.authorEmail.toLowerCase());
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      throw new AppError("RATE_LIMITED", {
        reason: minutes === 1 ? "tooManyLinksMinute" : "tooManyLinksMinutes",
        params: { minutes },
        details: { retryAfterSeconds: wait },
      });
    }
    await requestEmailSignIn(deps, {
      email: input.authorEmail,
      name: input.authorName,
      siteId,
      returnTo: input.return,
      widget: !!input.widget,
      widgetNonce: input.nonce,
      ownOrigin,
      language: input.language,
    });
    await quota.spend();
  }

  const page = (res: Response, status: number, body: string) =>
    res.status(status).set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" }).type("html").send(body);
  const refused = async (req: Request, res: Response, err: unknown) => {
    if (!isAppError(err) || err.status >= 500) throw err;
    const m = await sitePageCatalog(deps, req, res);
    page(res, err.status, renderSignInRefused(m, readerMessage(m, err), "/", null));
  };

  return {
    /** POST /api/reader/email-link?site= (JSON): 202 when the link is on its way. */
    async askJson(req: Request, res: Response) {
      const { site } = validate(z.object({ site: ZSiteId }), req.query);
      const input = validate(ZAskJson, req.body ?? {});
      await ask(req, input, site);
      res.status(202).json({ sent: true, email: input.authorEmail.toLowerCase() });
    },

    /** POST /auth/email/request (the article page's no-JS form). */
    async askForm(req: Request, res: Response) {
      const input = validate(ZAsk, req.body ?? {});
      const m = await sitePageCatalog(deps, req, res);
      let back: string;
      try {
        back = checkReturnAddress(input.return, ownOrigin);
      } catch {
        back = "/";
      }
      try {
        await ask(req, { ...input, return: back, language: m.lang }, DEFAULT_SITE_ID);
      } catch (err) {
        if (isAppError(err) && err.code === "RATE_LIMITED") {
          res.set("Retry-After", String((err.details as { retryAfterSeconds?: number })?.retryAfterSeconds ?? 60));
          return void page(res, 429, renderSignInRefused(m, readerMessage(m, err), back, null));
        }
        throw err;
      }
      page(res, 200, renderSignInLinkSent(m, input.authorEmail.toLowerCase(), back));
    },

    /** GET /auth/email/verify?t=: who the link signs in, and the button that does it. */
    async confirmPage(req: Request, res: Response) {
      const parsed = ZToken.safeParse(req.query);
      try {
        if (!parsed.success) throw new AppError("INVALID_LINK", { reason: "signInLinkNotValid" });
        const who = await describeEmailSignIn(deps, parsed.data.t);
        // The click's answer goes back to the widget's page on its site: CSP form-action follows redirects.
        const back = new URL(who.returnTo, ownOrigin).origin;
        const csp = res.getHeader("Content-Security-Policy");
        if (back !== ownOrigin && typeof csp === "string")
          res.set("Content-Security-Policy", csp.replace("form-action 'self'", `form-action 'self' ${back}`));
        const m = await sitePageCatalog(deps, req, res);
        page(res, 200, renderEmailSignInConfirm(m, { token: parsed.data.t, name: who.name, email: who.email }));
      } catch (err) {
        await refused(req, res, err);
      }
    },

    /** POST /auth/email/verify: uses the link (once), then back to the page, signed in. */
    async verify(req: Request, res: Response) {
      // Only Parley's own page posts here: another site cannot sign a visitor into someone else's account.
      const fetchSite = req.get("sec-fetch-site");
      const origin = req.get("origin");
      if (fetchSite ? fetchSite !== "same-origin" : origin && origin !== ownOrigin) throw new AppError("FORBIDDEN");
      const parsed = ZToken.safeParse(req.body ?? {});
      try {
        if (!parsed.success) throw new AppError("INVALID_LINK", { reason: "signInLinkNotValid" });
        const done = await finishEmailSignIn(deps, parsed.data.t, readCookie(req, READER_SESSION_COOKIE));
        res.set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });
        if (done.widgetSiteId) {
          const back = new URL(done.returnTo, ownOrigin);
          // token.nonce: the widget takes the token only with a nonce it made when it asked for the link.
          back.hash = `${WIDGET_TOKEN_FRAGMENT}=${done.token}.${done.widgetNonce ?? ""}`;
          return void res.redirect(303, back.href);
        }
        setReaderCookie(req, res, done.token, done.expiresAt);
        res.redirect(303, done.returnTo || "/");
      } catch (err) {
        await refused(req, res, err);
      }
    },
  };
}
