// Mail transports: a moderator's own alert setting (console), and the readers' confirmation and
// unsubscribe pages. Thin: each turns the request into plain values and calls a use case.
// Unsubscribing answers GET (the link in the mail), POST (RFC 8058 One-Click: the mail client posts
// "List-Unsubscribe=One-Click"; the signed token in the URL is all that counts, the body is not read)
// and the page's own Undo / Unsubscribe-after-all forms.
import type { Request, Response } from "express";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { ALERT_MODES, readAlertMode, writeAlertMode, type AlertMode } from "../store/moderator-alerts.ts";
import { confirmAddress } from "../mail/confirm-address.ts";
import { setUnsubscribed } from "../mail/unsubscribe.ts";
import { renderConfirmedPage, renderUnsubscribedPage } from "../views/mail-pages.ts";
import { rememberProvenAddress } from "./email-proof-cookie.ts";
import { validate } from "./validate.ts";
import { sitePageCatalog } from "./page-language.ts";

const token = (v: unknown) => (typeof v === "string" ? v : "");
/** The token the page's Undo / Unsubscribe-after-all forms post back. */
const formToken = (req: Request) => token((req.body as Record<string, unknown> | undefined)?.t);

const ZAlertMode = z.object({ alertMode: z.enum(ALERT_MODES as [AlertMode, ...AlertMode[]]) });

/** The pages a mail's signed link opens: never cached, and the link (its token) not passed on as a referrer. */
function sendPrivatePage(res: Response, page: string): void {
  res.set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" }).type("html").send(page);
}

export function mailHandlers(deps: Deps) {
  /** Stops (or, undone, restarts) what the token names, and shows the page that offers the way back. */
  async function unsubscribed(req: Request, res: Response, t: string, stop: boolean): Promise<void> {
    const done = await setUnsubscribed(deps, t, stop);
    sendPrivatePage(res, renderUnsubscribedPage(await sitePageCatalog(deps, req, res), done, t));
  }

  return {
    async myAlerts(req: Request, res: Response) {
      res.json({ alertMode: await readAlertMode(deps.db, req.moderator!.id) });
    },

    async confirm(req: Request, res: Response) {
      const confirmed = await confirmAddress(deps, req.query.t);
      // This browser has now shown it reads that mailbox: its posts with the address count as the owner's.
      rememberProvenAddress(req, res, deps.config, confirmed.address, deps.clock.now());
      sendPrivatePage(res, renderConfirmedPage(await sitePageCatalog(deps, req, res), confirmed));
    },

    /** GET (the mail's link) and POST (One-Click) both stop; the page offers Undo. */
    unsubscribe: (req: Request, res: Response) => unsubscribed(req, res, token(req.query.t), true),
    undoUnsubscribe: (req: Request, res: Response) => unsubscribed(req, res, formToken(req), false),
    redoUnsubscribe: (req: Request, res: Response) => unsubscribed(req, res, formToken(req), true),

    async setMyAlerts(req: Request, res: Response) {
      const { alertMode } = validate(ZAlertMode, req.body ?? {});
      await writeAlertMode(deps.db, req.moderator!.id, alertMode, deps.clock.now());
      res.json({ alertMode });
    },
  };
}
