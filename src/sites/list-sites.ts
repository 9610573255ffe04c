// Use case: an admin lists the registered sites (the hosted blog's "default" site included).
import type { Deps } from "../deps.ts";
import { listSiteRows } from "../store/sites.ts";
import { toSiteView, type SiteView } from "./site-view.ts";

export async function listSites(deps: Deps): Promise<SiteView[]> {
  return (await listSiteRows(deps.db)).map(toSiteView);
}
