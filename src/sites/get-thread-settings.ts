// Use case: a thread with the settings that govern it (defaults ← site ← article), as the pipeline,
// the edit window and the report threshold need them, read in one query (store/threads.ts readGoverningRow).
import { resolveSettings } from "../config/site-settings.ts";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import type { GovernedThread } from "../domain/thread.ts";
import { readGoverningRow } from "../store/threads.ts";

export async function getThreadSettings(deps: Deps, threadId: string): Promise<GovernedThread> {
  const thread = await readGoverningRow(deps.db, threadId);
  if (!thread) throw new AppError("THREAD_NOT_FOUND");
  const settings = resolveSettings(thread.siteSettings, thread.articleId ? thread.articleSettings : undefined, (key) =>
    deps.log.warn({ threadId, key }, "ignoring an invalid stored setting"),
  );
  return {
    id: thread.id,
    siteId: thread.siteId,
    closed: thread.closed,
    articleId: thread.articleId,
    articleSlug: thread.articleSlug,
    startedAt: thread.articlePublishedAt ?? thread.createdAt,
    settings,
  };
}
