// The language of a page Parley renders: the site's setting, or with "auto" the reader's
// Accept-Language among the languages Parley speaks, else English. Sets Content-Language, and
// Vary: Accept-Language where the header decided (a shared cache must keep one copy per language).
import type { Request, Response } from "express";
import type { SiteSettings } from "../config/site-settings.ts";
import type { Deps } from "../deps.ts";
import { readSiteLanguage } from "../sites/site-language.ts";
import { acceptLanguageTags, pickLang, type Lang } from "../client/i18n/languages.ts";
import { PAGE_CATALOGS, type PageCatalog } from "../client/i18n/page-catalogs.ts";

/** The language of the site's pages for this reader. */
export function readerLanguage(req: Request, setting: SiteSettings["language"]): Lang {
  return setting === "auto" ? pickLang(acceptLanguageTags(req.get("accept-language"))) : setting;
}

export function pageCatalog(req: Request, res: Response, setting: SiteSettings["language"]): PageCatalog {
  const lang = readerLanguage(req, setting);
  if (setting === "auto") res.vary("Accept-Language");
  res.set("Content-Language", lang);
  return PAGE_CATALOGS[lang];
}

/** The moderator console's language (/moderate and the dashboard beside it): the moderator's own
 *  Accept-Language, never a site's setting, as one console serves every site. */
export const consoleLanguage = (req: Request, res: Response): Lang => pageCatalog(req, res, "auto").lang;

/** The catalog of a page that belongs to a site but to no thread (the hosted blog's by default). If the
 *  settings cannot be read (the database is what failed, on an error page), Accept-Language decides. */
export async function sitePageCatalog(deps: Deps, req: Request, res: Response, siteId?: string): Promise<PageCatalog> {
  const setting = await readSiteLanguage(deps, siteId).catch(() => "auto" as const);
  return pageCatalog(req, res, setting);
}

/** The catalog of a moderator's page outside the console (password reset, provider invitation): the
 *  moderator's Accept-Language, as the console's shell. */
export const consolePageCatalog = (req: Request, res: Response): PageCatalog => pageCatalog(req, res, "auto");
