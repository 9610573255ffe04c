// Use case: an admin registers a site that embeds the widget. Its id is what the script tag names.
import type { Deps } from "../deps.ts";
import { insertSite } from "../store/sites.ts";
import { toSiteView, type SiteView } from "./site-view.ts";

/** Origins already canonical (domain/origins.ts parseOrigin): the request schema checks them. */
export type NewSite = { name: string; allowedOrigins: string[] };

export async function createSite(deps: Deps, input: NewSite): Promise<SiteView> {
  const site = await insertSite(deps.db, { name: input.name, allowedOrigins: input.allowedOrigins });
  deps.log.info({ siteId: site.id, allowedOrigins: input.allowedOrigins }, "site registered");
  return toSiteView(site);
}
