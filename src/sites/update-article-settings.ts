// Use case: an admin overrides site settings for one article (null removes an override), and may
// close or reopen its thread (`closed`, stored on the thread, not among the overrides). Readers of the
// thread hear of a close or reopen live (thread:state, planned by the publisher after the commit).
import { validStoredSettings, type SiteSettings, type TArticleSettingsPatch } from "../config/site-settings.ts";
import { AppError } from "../domain/errors.ts";
import { afterCommit } from "../after-commit.ts";
import type { Deps } from "../deps.ts";
import { readArticleSettings, writeArticleSettings } from "../store/articles.ts";
import { inTransaction } from "../store/client.ts";
import { writeThreadClosed } from "../store/threads.ts";

export async function updateArticleSettings(
  deps: Deps,
  slug: string,
  patch: TArticleSettingsPatch & { closed?: boolean },
): Promise<{ overrides: Partial<SiteSettings>; closed: boolean }> {
  const { closed, ...settings } = patch;
  const result = await inTransaction(deps.db, async (tx) => {
    const article = await readArticleSettings(tx, slug);
    if (!article) throw new AppError("NOT_FOUND", { reason: "noArticleSlug" });
    const next: Record<string, unknown> = { ...validStoredSettings(article.settings) };
    for (const [key, value] of Object.entries(settings)) {
      if (value === null) delete next[key];
      else if (value !== undefined) next[key] = value;
    }
    await writeArticleSettings(tx, article.id, next);
    const wasClosed = article.thread?.closed ?? false;
    let isClosed = wasClosed;
    if (closed !== undefined && article.thread) {
      await writeThreadClosed(tx, article.thread.id, closed);
      isClosed = closed;
    }
    return {
      overrides: next,
      closed: isClosed,
      closedChanged: isClosed !== wasClosed,
      threadId: article.thread?.id,
    };
  });
  const { threadId } = result;
  // The cached listing carries the governing settings: a closed thread shows closed at once.
  if (threadId)
    afterCommit(deps, {
      dropThreads: [threadId],
      publish: result.closedChanged ? [{ type: "thread:settings-changed", threadId }] : [],
    });
  deps.log.info({ slug, changed: Object.keys(patch) }, "article settings changed");
  return { overrides: result.overrides, closed: result.closed };
}
