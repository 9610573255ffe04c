// Use case: the language setting of a site's pages (the hosted blog's, by default), for the pages that
// belong to no thread: the index, sign-in, "Your data", the pages a mail links to, error pages.
import { resolveSiteSettings, type SiteSettings } from "../config/site-settings.ts";
import type { Deps } from "../deps.ts";
import { readSiteSettings } from "../store/sites.ts";
import { DEFAULT_SITE_ID } from "./ensure-default-site.ts";

export async function readSiteLanguage(deps: Deps, siteId = DEFAULT_SITE_ID): Promise<SiteSettings["language"]> {
  return resolveSiteSettings(await readSiteSettings(deps.db, siteId)).language;
}
