// Use case: the admin's view of the settings: the site's (defaults filled in) and each article's overrides.
import { resolveSettings, validStoredSettings, type SiteSettings } from "../config/site-settings.ts";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";

export type ArticleSettingsView = { slug: string; title: string; closed: boolean; overrides: Partial<SiteSettings> };

export async function getSettings(
  deps: Deps,
  siteId: string,
): Promise<{ site: SiteSettings; articles: ArticleSettingsView[] }> {
  const site = await deps.db.site.findUnique({ where: { id: siteId }, select: { settings: true } });
  if (!site) throw new AppError("NOT_FOUND", { message: "There is no such site." });
  const articles = await deps.db.article.findMany({
    where: { siteId },
    orderBy: [{ publishedAt: "desc" }, { slug: "asc" }],
    select: { slug: true, title: true, settings: true, thread: { select: { closed: true } } },
  });
  return {
    site: resolveSettings(site.settings),
    articles: articles.map((a) => ({
      slug: a.slug,
      title: a.title,
      closed: a.thread?.closed ?? false,
      overrides: validStoredSettings(a.settings),
    })),
  };
}
