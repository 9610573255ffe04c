// Use case: what the widget shows for a page: its thread (created on first use), one page of
// comments in the chosen order, and the limits the form and the edit buttons need, from the
// settings that govern the thread (defaults ← site).
import type { Deps } from "../deps.ts";
import { findOwnComments } from "./own-comments.ts";
import type { ThreadSort } from "./page-thread.ts";
import { cursorPage } from "./reader-pages.ts";
import type { PublicComment } from "../domain/public-comment.ts";
import { findOrCreateEmbedThread, type CreationQuota } from "../sites/find-or-create-embed-thread.ts";
import { closedNow } from "../domain/thread.ts";

export type EmbedThreadView = {
  thread: { id: string; title: string; url: string | null; closed: boolean; commentCount: number };
  comments: PublicComment[];
  nextCursor: string | null;
  /** Top-level comments (with their replies) still to load after this page. */
  remainingTopLevel: number;
  limits: { maxDepth: number; maxLength: number; editWindowMinutes: number; proofOfWork: boolean };
  /** The thread's live-update sequence, read before the comments: the widget applies later events. */
  seq: number;
};

/** One page of one host page's thread: `page` is the host's page id, `cursor` from the previous page. */
export type EmbedThreadQuery = {
  site: string;
  page: string;
  title?: string;
  url?: string;
  sort: ThreadSort;
  limit: number;
  cursor?: string;
};

export async function getEmbedThread(
  deps: Deps,
  query: EmbedThreadQuery,
  editTokens: string[] = [],
  newThreads?: CreationQuota,
): Promise<EmbedThreadView> {
  const created = await findOrCreateEmbedThread(
    deps,
    { siteId: query.site, pageKey: query.page, title: query.title, url: query.url },
    newThreads,
  );
  // The same cached read as the thread API's pages: a popular page costs one query per change.
  const cached = await deps.threadCache.get(created.id);
  const { seq, governed } = cached;
  // The reader's own comments (edit tokens from the widget) show with their real status.
  const own = await findOwnComments(deps, created.id, editTokens);
  const paging = { sort: query.sort, limit: query.limit, cursor: query.cursor };
  const { thread, ...page } = await cursorPage(deps, created.id, cached, paging, own);
  const { settings } = governed;
  return {
    thread: {
      id: thread.id,
      title: thread.title,
      url: thread.url,
      closed: closedNow(governed, deps.clock.now()),
      commentCount: thread.commentCount,
    },
    ...page,
    limits: {
      maxDepth: deps.config.COMMENT_MAX_DEPTH,
      maxLength: Math.min(deps.config.COMMENT_MAX_LENGTH, settings.maxLength),
      editWindowMinutes: settings.editWindowMinutes,
      proofOfWork: settings.proofOfWork, // the widget loads its solver only then
    },
    seq,
  };
}
