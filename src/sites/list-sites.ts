// Use case: an admin lists the registered sites (the hosted blog's "default" site included).
import type { Deps } from "../deps.ts";
import { toSiteView, type SiteView } from "./site-view.ts";

export async function listSites(deps: Deps): Promise<SiteView[]> {
  const sites = await deps.db.site.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { _count: { select: { threads: true } } },
  });
  return sites.map(toSiteView);
}
