// Thin transports for the embed widget's API and the admin's site registration.
import type { Request, Response } from "express";
import type { Deps } from "../deps.ts";
import { countEmbedComments } from "../comments/count-embed-comments.ts";
import { getEmbedThread } from "../comments/get-embed-thread.ts";
import { createSite } from "../sites/create-site.ts";
import { listSites } from "../sites/list-sites.ts";
import { updateSite } from "../sites/update-site.ts";
import { pickLang } from "../client/i18n/languages.ts";
import { renderEmbedDemoPage } from "../views/embed-demo-page.ts";
import { ZCreateSite, ZEmbedCountsQuery, ZEmbedThreadQuery, ZSiteParams, ZUpdateSite } from "./embed-schemas.ts";
import { editTokensFromHeader } from "./edit-tokens.ts";
import type { ReadRequest, Reply } from "./direct-read.ts";
import { validate } from "./validate.ts";

export function embedHandlers(deps: Deps) {
  return {
    /** The widget's page (a direct read, direct-read.ts): the thread is created on a page's first visit. */
    async thread(at: ReadRequest): Promise<Reply> {
      const query = validate(ZEmbedThreadQuery, at.query);
      // Per reader (their own pending comments are included), so never cached.
      const view = await getEmbedThread(deps, query, editTokensFromHeader(at), at.creating);
      return { cacheControl: "no-store", json: view };
    },

    async counts(at: ReadRequest): Promise<Reply> {
      const { site, pages } = validate(ZEmbedCountsQuery, at.query);
      return { cacheControl: "public, max-age=30", json: { counts: await countEmbedComments(deps, site, pages) } };
    },

    async demoPage(req: Request, res: Response) {
      const theme = req.query.theme === "light" || req.query.theme === "dark" ? req.query.theme : "auto";
      // ?lang=de / fr: the demo page's <html lang>, which the widget follows by default.
      const lang = pickLang([typeof req.query.lang === "string" ? req.query.lang : null]);
      res.type("html").send(renderEmbedDemoPage({ parleyOrigin: `${req.protocol}://${req.get("host")}`, theme, lang }));
    },

    async listSites(_req: Request, res: Response) {
      res.json({ sites: await listSites(deps) });
    },

    async createSite(req: Request, res: Response) {
      res.status(201).json({ site: await createSite(deps, validate(ZCreateSite, req.body ?? {})) });
    },

    async updateSite(req: Request, res: Response) {
      const { siteId } = validate(ZSiteParams, req.params);
      res.json({ site: await updateSite(deps, siteId, validate(ZUpdateSite, req.body ?? {})) });
    },
  };
}
