// Use case: an admin renames a site or replaces its list of allowed origins. The list is replaced,
// not merged, so removing an origin is as explicit as adding one.
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { updateSiteRow } from "../store/sites.ts";
import { toSiteView, type SiteView } from "./site-view.ts";

/** Origins already canonical (domain/origins.ts parseOrigin): the request schema checks them. */
export type SiteChange = { name?: string; allowedOrigins?: string[] };

export async function updateSite(deps: Deps, siteId: string, input: SiteChange): Promise<SiteView> {
  const site = await updateSiteRow(deps.db, siteId, input);
  if (!site) throw new AppError("SITE_NOT_FOUND");
  deps.log.info({ siteId, changed: Object.keys(input) }, "site updated");
  return toSiteView(site);
}
