// Use case: published-comment counts for a list of a site's pages, in one query, for the
// `data-parley-count` elements of a host's index page. Pages without a thread yet count 0
// (and no thread is created for them).
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";

export async function countEmbedComments(
  deps: Deps,
  siteId: string,
  pageKeys: string[],
): Promise<Record<string, number>> {
  const site = await deps.db.site.findUnique({ where: { id: siteId }, select: { id: true } });
  if (!site) throw new AppError("SITE_NOT_FOUND");
  const counts = new Map(pageKeys.map((key) => [key, 0]));
  const threads = await deps.db.thread.findMany({
    where: { siteId, pageKey: { in: [...counts.keys()] } },
    select: { pageKey: true, publishedCount: true },
  });
  for (const t of threads) counts.set(t.pageKey, t.publishedCount);
  // fromEntries defines own properties, so a page id like "__proto__" stays a plain key.
  return Object.fromEntries(counts);
}
