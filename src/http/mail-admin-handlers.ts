// Admin transports for the console's Outbox: the list, one mail's preview, lifting a bounce.
// The preview is the stored HTML itself, served under a CSP that runs nothing and loads nothing
// (and sandboxed): a mail is shown as a mail client would, never as part of the console.
import type { Request, Response } from "express";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { allowAddressAgain, listOutboxForConsole, previewOutboxMail } from "../mail/outbox-console.ts";
import { validate } from "./validate.ts";

const ZOutboxQuery = z.object({
  status: z.enum(["queued", "sending", "sent", "stored", "failed", "skipped"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const ZMailParams = z.object({ id: z.string().min(1).max(64) });
const ZAddressBody = z.object({ address: z.string().trim().min(3).max(254) });

export function mailAdminHandlers(deps: Deps) {
  return {
    async outbox(req: Request, res: Response) {
      res.set("Cache-Control", "no-store").json(await listOutboxForConsole(deps, validate(ZOutboxQuery, req.query)));
    },

    async preview(req: Request, res: Response) {
      const { id } = validate(ZMailParams, req.params);
      const mail = await previewOutboxMail(deps, id);
      const asText = req.query.format === "text";
      res.set({
        "Cache-Control": "no-store",
        "Content-Security-Policy":
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox",
        "X-Frame-Options": "SAMEORIGIN",
      });
      if (asText || !mail.htmlBody) res.type("text/plain; charset=utf-8").send(mail.textBody ?? "(not rendered yet)");
      else res.type("html").send(mail.htmlBody);
    },

    async liftSuppression(req: Request, res: Response) {
      const { address } = validate(ZAddressBody, req.body ?? {});
      await allowAddressAgain(deps, address);
      res.status(204).end();
    },
  };
}
