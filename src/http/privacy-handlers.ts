// Transports for a reader's data (src/privacy/): the no-JS pages behind the "Your data" link, and the
// admin API that does the same for an address (with the admin's id on every audit row).
import type { Request, Response } from "express";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import type { Quota } from "./rate-limit.ts";
import { addressOfLink, eraseReaderData, exportReaderData, requestReaderData } from "../privacy/reader-data.ts";
import {
  renderYourDataDownload,
  renderYourDataErased,
  renderYourDataRequest,
  renderYourDataView,
} from "../views/your-data-page.ts";
import { validate } from "./validate.ts";
import { sitePageCatalog } from "./page-language.ts";

const ZEmail = z.string().trim().toLowerCase().email().max(320);
const ZErase = z.object({ t: z.string().min(1).max(2000), mode: z.enum(["anonymise", "delete"]) });
const ZAdminErase = z.object({ email: ZEmail, mode: z.enum(["anonymise", "delete"]) });
const html = (res: Response, body: string, status = 200) =>
  res.status(status).type("html").setHeader("Cache-Control", "no-store").send(body);

export function privacyHandlers(deps: Deps, quotas: { requests: (req: Request) => Quota }) {
  return {
    async requestPage(req: Request, res: Response) {
      html(res, renderYourDataRequest(await sitePageCatalog(deps, req, res)));
    },

    async request(req: Request, res: Response) {
      const m = await sitePageCatalog(deps, req, res);
      const sent = (req.body as { email?: unknown } | undefined)?.email;
      const email = ZEmail.safeParse(sent);
      if (!email.success)
        return html(
          res,
          renderYourDataRequest(m, { error: m.enterEmail, email: typeof sent === "string" ? sent : "" }),
          422,
        );
      const quota = quotas.requests(req);
      await quota.check();
      await requestReaderData(deps, email.data, m.lang);
      await quota.spend();
      html(res, renderYourDataRequest(m, { sent: true }));
    },

    async view(req: Request, res: Response) {
      const token = typeof req.query.t === "string" ? req.query.t : "";
      const data = await exportReaderData(deps, addressOfLink(deps, token));
      html(res, renderYourDataView(await sitePageCatalog(deps, req, res), data, token));
    },

    async exportJson(req: Request, res: Response) {
      const data = await exportReaderData(deps, addressOfLink(deps, req.query.t));
      res.setHeader("Content-Disposition", 'attachment; filename="parley-my-data.json"');
      res.setHeader("Cache-Control", "no-store");
      res.json(data);
    },

    async exportHtml(req: Request, res: Response) {
      const data = await exportReaderData(deps, addressOfLink(deps, req.query.t));
      res.setHeader("Content-Disposition", 'attachment; filename="parley-my-data.html"');
      html(res, renderYourDataDownload(await sitePageCatalog(deps, req, res), data));
    },

    async erase(req: Request, res: Response) {
      const { t, mode } = validate(ZErase, req.body ?? {});
      const { comments } = await eraseReaderData(deps, addressOfLink(deps, t), mode, { moderatorId: null });
      html(res, renderYourDataErased(await sitePageCatalog(deps, req, res), mode, comments));
    },

    async adminExport(req: Request, res: Response) {
      const { email } = validate(z.object({ email: ZEmail }), req.query);
      res.json(await exportReaderData(deps, email));
    },

    async adminErase(req: Request, res: Response) {
      const { email, mode } = validate(ZAdminErase, req.body ?? {});
      res.json(await eraseReaderData(deps, email, mode, { moderatorId: req.moderator!.id }));
    },
  };
}
