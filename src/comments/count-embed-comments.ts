// Use case: published-comment counts (pingbacks only where the site shows them) for a list of a site's pages, in one query, for the
// `data-parley-count` elements of a host's index page. Pages without a thread yet count 0
// (and no thread is created for them).
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { resolveSiteSettings } from "../config/site-settings.ts";
import { shownCount } from "../domain/thread.ts";
import { readSiteSettings } from "../store/sites.ts";
import { readCountsByPageKey } from "../store/threads.ts";

export async function countEmbedComments(
  deps: Deps,
  siteId: string,
  pageKeys: string[],
): Promise<Record<string, number>> {
  const stored = await readSiteSettings(deps.db, siteId);
  if (stored === undefined) throw new AppError("SITE_NOT_FOUND");
  const { showPingbacks } = resolveSiteSettings(stored);
  const counts = new Map(pageKeys.map((key) => [key, 0]));
  for (const [pageKey, published] of await readCountsByPageKey(deps.db, siteId, [...counts.keys()]))
    counts.set(pageKey, shownCount(published, showPingbacks));
  // fromEntries defines own properties, so a page id like "__proto__" stays a plain key.
  return Object.fromEntries(counts);
}
