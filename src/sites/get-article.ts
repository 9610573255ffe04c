// Use case: one article with its thread, as the article page shows it.
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";

export async function getArticle(deps: Deps, slug: string) {
  const article = await deps.db.article.findUnique({ where: { slug }, include: { thread: true } });
  if (!article || !article.thread) throw new AppError("NOT_FOUND", { message: "There is no article at this address." });
  return { ...article, thread: article.thread };
}
