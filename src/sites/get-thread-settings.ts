// Use case: a thread with the settings that govern it (defaults ← site ← article), as the pipeline,
// the edit window and the report threshold need them, read in one query (store/governing-rows.ts readGoverningRow).
// A new comment's post reads the same row with what its pipeline and its queue card need besides, in
// the same one query (getPostingThread).
import { resolveSettings } from "../config/site-settings.ts";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import type { GovernedThread } from "../domain/thread.ts";
import {
  readGoverningRow,
  readPostingRow,
  readVersionRow,
  type GoverningRow,
  type PostingRow,
} from "../store/governing-rows.ts";

export async function getThreadSettings(deps: Deps, threadId: string): Promise<GovernedThread> {
  return governed(deps, found(await readGoverningRow(deps.db, threadId)));
}

/** The thread's settings and its live-update sequence (`room`'s), in one statement (the thread's version). */
export async function getThreadSettingsAndSeq(
  deps: Deps,
  threadId: string,
  room: string,
): Promise<{ governed: GovernedThread; seq: number }> {
  const row = found(await readVersionRow(deps.db, threadId, room));
  return { governed: governed(deps, row), seq: row.seq };
}

/** The thread a comment is posted to: its settings, its title and article (the queue card shows them),
 * and the names the look-alike phases compare the poster's with, read together. */
export type PostingThread = {
  thread: GovernedThread;
  card: { title: string; url: string | null; articleTitle: string | null };
  moderatorNames: string[];
  readerNamesLike: string[];
  /** The poster's comments by status (before this one), for its queue card. */
  authorRecord: PostingRow["authorRecord"];
  /** A signed-in poster's account, for its queue card. */
  readerAccount: PostingRow["readerAccount"];
};

/** `nameKey`: the look-alike key of the poster's name (domain/names.ts lookAlikeKey); `email` as it is stored. */
export async function getPostingThread(
  deps: Deps,
  threadId: string,
  poster: { nameKey: string; readerAccountId: string | null; email: string },
): Promise<PostingThread> {
  const row = found(await readPostingRow(deps.db, deps.dbProvider, threadId, poster));
  return {
    thread: governed(deps, row),
    card: { title: row.title, url: row.url, articleTitle: row.articleTitle },
    moderatorNames: row.moderatorNames,
    readerNamesLike: row.readerNamesLike,
    authorRecord: row.authorRecord,
    readerAccount: row.readerAccount,
  };
}

/** Every read here answers a missing thread the same way. */
function found<Row>(row: Row | null): Row {
  if (!row) throw new AppError("THREAD_NOT_FOUND");
  return row;
}

function governed(deps: Deps, thread: GoverningRow): GovernedThread {
  const settings = resolveSettings(thread.siteSettings, thread.articleId ? thread.articleSettings : undefined, (key) =>
    deps.log.warn({ threadId: thread.id, key }, "ignoring an invalid stored setting"),
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
