// Use case: the admin's view of the settings: the site's (defaults filled in) and each article's overrides.
import { resolveSettings, validStoredSettings, type SiteSettings } from "../config/site-settings.ts";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { listArticleSettings } from "../store/articles.ts";
import { readSiteSettings } from "../store/sites.ts";

export type ArticleSettingsView = { slug: string; title: string; closed: boolean; overrides: Partial<SiteSettings> };

export async function getSettings(
  deps: Deps,
  siteId: string,
): Promise<{ site: SiteSettings; articles: ArticleSettingsView[] }> {
  const stored = await readSiteSettings(deps.db, siteId);
  if (stored === undefined) throw new AppError("NOT_FOUND", { reason: "noSuchSite" });
  const articles = await listArticleSettings(deps.db, siteId);
  return {
    site: resolveSettings(stored),
    articles: articles.map((a) => ({
      slug: a.slug,
      title: a.title,
      closed: a.thread?.closed ?? false,
      overrides: validStoredSettings(a.settings),
    })),
  };
}
