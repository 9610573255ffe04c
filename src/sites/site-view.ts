// The shape of a registered site as the admin API shows it.
import { storedOrigins } from "../domain/origins.ts";

export type SiteView = { id: string; name: string; allowedOrigins: string[]; createdAt: string; threadCount: number };

import type { SiteRow } from "../store/sites.ts";

export function toSiteView(site: SiteRow): SiteView {
  return {
    id: site.id,
    name: site.name,
    allowedOrigins: storedOrigins(site.allowedOrigins),
    createdAt: site.createdAt.toISOString(),
    threadCount: site.threadCount,
  };
}
