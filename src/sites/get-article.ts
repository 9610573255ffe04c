// Use case: one article with its thread, as the article page shows it.
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { readArticleWithThread } from "../store/articles.ts";

export async function getArticle(deps: Deps, slug: string) {
  const article = await readArticleWithThread(deps.db, slug);
  if (!article || !article.thread) throw new AppError("NOT_FOUND", { reason: "noArticleHere" });
  return { ...article, thread: article.thread };
}
