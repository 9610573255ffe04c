// The Article table: the articles this server hosts, each with its thread (pageKey = slug).
import type { Db, JsonObject, Tx } from "./client.ts";

export type NewArticle = {
  siteId: string;
  slug: string;
  title: string;
  category: string | null;
  dek: string | null;
  authorName: string;
  authorBio: string | null;
  publishedAt: Date | null;
  bodyMarkdown: string;
  bodyHtml: string;
  closingLine: string | null;
};

/** Whether an article has this slug. */
export async function articleExists(db: Db | Tx, slug: string): Promise<boolean> {
  return (await db.article.findUnique({ where: { slug }, select: { id: true } })) !== null;
}

/** Writes an article and its thread (keyed by the slug, at /articles/<slug>); returns the thread's id. */
export async function insertArticleWithThread(tx: Tx, a: NewArticle): Promise<{ threadId: string }> {
  const article = await tx.article.create({
    data: {
      ...a,
      settings: {},
      thread: { create: { siteId: a.siteId, pageKey: a.slug, title: a.title, url: `/articles/${a.slug}` } },
    },
    include: { thread: { select: { id: true } } },
  });
  return { threadId: article.thread!.id };
}

/** The article with this slug and its whole thread row (null when there is none). */
export function readArticleWithThread(db: Db | Tx, slug: string) {
  return db.article.findUnique({ where: { slug }, include: { thread: true } });
}

/** Every article with its thread's id and published counts, its settings and its site's, newest first
 *  (unpublished last). */
export function listArticleRows(db: Db | Tx) {
  return db.article.findMany({
    orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    include: {
      thread: { select: { id: true, publishedCount: true, pingbackCount: true } },
      site: { select: { settings: true } },
    },
  });
}

/** The site's articles' setting overrides (JSON as stored) and whether each thread is closed, newest first. */
export function listArticleSettings(
  db: Db | Tx,
  siteId: string,
): Promise<{ slug: string; title: string; settings: unknown; thread: { closed: boolean } | null }[]> {
  return db.article.findMany({
    where: { siteId },
    orderBy: [{ publishedAt: "desc" }, { slug: "asc" }],
    select: { slug: true, title: true, settings: true, thread: { select: { closed: true } } },
  });
}

/** One article's overrides (JSON as stored) and its thread's id and state; null when there is no such slug. */
export function readArticleSettings(
  db: Db | Tx,
  slug: string,
): Promise<{ id: string; settings: unknown; thread: { id: string; closed: boolean } | null } | null> {
  return db.article.findUnique({
    where: { slug },
    select: { id: true, settings: true, thread: { select: { id: true, closed: true } } },
  });
}

/** Replaces the article's overrides. */
export async function writeArticleSettings(
  tx: Tx,
  articleId: string,
  settings: Record<string, unknown>,
): Promise<void> {
  await tx.article.update({ where: { id: articleId }, data: { settings: settings as JsonObject } });
}
