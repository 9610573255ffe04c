// Use case: a thread with the settings that govern it (defaults ← site ← article), as the pipeline,
// the edit window and the report threshold need them.
import { resolveSettings, type SiteSettings } from "../../config/site-settings.ts";
import { AppError } from "../../domain/errors.ts";
import type { Deps } from "../../deps.ts";

export type GovernedThread = {
  id: string; siteId: string; closed: boolean; articleId: string | null; articleSlug: string | null;
  /** Article publication, else thread creation: auto-close counts from here. */
  startedAt: Date;
  settings: SiteSettings;
};

export async function getThreadSettings(deps: Deps, threadId: string): Promise<GovernedThread> {
  const thread = await deps.db.thread.findUnique({
    where: { id: threadId },
    include: { site: { select: { settings: true } }, article: { select: { slug: true, settings: true, publishedAt: true } } },
  });
  if (!thread) throw new AppError("THREAD_NOT_FOUND");
  const settings = resolveSettings(thread.site.settings, thread.article?.settings, (key) =>
    deps.log.warn({ threadId, key }, "ignoring an invalid stored setting"),
  );
  return {
    id: thread.id, siteId: thread.siteId, closed: thread.closed, articleId: thread.articleId, articleSlug: thread.article?.slug ?? null,
    startedAt: thread.article?.publishedAt ?? thread.createdAt, settings,
  };
}
