// Use case: the articles this server hosts, newest first, with their thread and published count.
import type { Deps } from "../deps.ts";
import { resolveSettings } from "../config/site-settings.ts";
import { shownCount } from "../domain/thread.ts";
import { listArticleRows } from "../store/articles.ts";

export type ArticleListItem = {
  slug: string;
  title: string;
  category: string | null;
  dek: string | null;
  authorName: string;
  publishedAt: string | null;
  threadId: string;
  commentCount: number;
};

export async function listArticles(deps: Deps): Promise<ArticleListItem[]> {
  const rows = await listArticleRows(deps.db);
  return rows.flatMap((a) =>
    a.thread
      ? [
          {
            slug: a.slug,
            title: a.title,
            category: a.category,
            dek: a.dek,
            authorName: a.authorName,
            publishedAt: a.publishedAt?.toISOString() ?? null,
            threadId: a.thread.id,
            commentCount: shownCount(a.thread, resolveSettings(a.site.settings, a.settings).showPingbacks),
          },
        ]
      : [],
  );
}
