// Thin transports for the embed widget's API and the admin's site registration.
import type { Request, Response } from "express";
import type { Deps } from "../deps.ts";
import { countEmbedComments } from "../comments/count-embed-comments.ts";
import type { CreationQuota } from "../sites/find-or-create-embed-thread.ts";
import { getEmbedThread } from "../comments/get-embed-thread.ts";
import { createSite } from "../sites/create-site.ts";
import { listSites } from "../sites/list-sites.ts";
import { updateSite } from "../sites/update-site.ts";
import { pickLang } from "../client/i18n/languages.ts";
import { renderEmbedDemoPage } from "../views/embed-demo-page.ts";
import { ZCreateSite, ZEmbedCountsQuery, ZEmbedThreadQuery, ZSiteParams, ZUpdateSite } from "./embed-schemas.ts";
import { editTokensFromHeader } from "./edit-tokens.ts";
import { validate } from "./validate.ts";

/** newThreads: the caller's allowance for creating threads (routes.ts sets the limit). */
export function embedHandlers(deps: Deps, limits: { newThreads?: (req: Request) => CreationQuota } = {}) {
  return {
    async thread(req: Request, res: Response) {
      const query = validate(ZEmbedThreadQuery, req.query);
      // Per reader (their own pending comments are included), so never cached.
      res
        .set("Cache-Control", "no-store")
        .json(await getEmbedThread(deps, query, editTokensFromHeader(req), limits.newThreads?.(req)));
    },

    async counts(req: Request, res: Response) {
      const { site, pages } = validate(ZEmbedCountsQuery, req.query);
      res.set("Cache-Control", "public, max-age=30").json({ counts: await countEmbedComments(deps, site, pages) });
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
