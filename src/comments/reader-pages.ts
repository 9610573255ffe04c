// Use case: the pages readers are shown, read a page at a time through the thread cache: the thread
// API's and the widget's (`limit` top-level comments after a cursor, oldest or newest first) and the
// article's numbered comment pages, with the reader's own comments (edit tokens) put in where they would
// go over the whole thread; and the page a comment is on (permalinks, the form's redirects).
import type { CachedThread, Deps } from "../deps.ts";
import { decodeCursor } from "../domain/cursor.ts";
import type { PublicComment, ThreadSummary } from "../domain/public-comment.ts";
import { cachedThreadPage, listThreadPage, type ListedPage } from "./list-thread-page.ts";
import { withOwnComments, type OwnComment } from "./own-comments.ts";
import { pageFromRoots, withUnlistedRoots, type ThreadPage, type ThreadSort } from "./page-thread.ts";
import { numberedPage, pageOfComment, type NumberedPage } from "./thread-pages.ts";
import { isWellFormedId } from "../domain/ids.ts";

export type CursorPaging = { sort: ThreadSort; limit: number; cursor?: string };

/** One page by cursor: `{ thread, comments, nextCursor, remainingTopLevel }`. */
export async function cursorPage(
  deps: Deps,
  threadId: string,
  cached: CachedThread,
  paging: CursorPaging,
  own: OwnComment[] = [],
): Promise<{ thread: ThreadSummary } & ThreadPage> {
  const cursor = decodeCursor(paging.cursor, "This page cursor is not valid; load the thread again.");
  const order = paging.sort === "oldest" ? "asc" : "desc";
  const read = await cachedThreadPage(deps, threadId, cached, { by: "cursor", order, cursor, limit: paging.limit });
  const after = read.position ?? 0;
  if (!own.length) return { thread: read.thread, ...pageFromRoots(read.comments, after, paging.sort) };
  const merged = withOwnComments(read.comments, own);
  const unlisted = await unlistedRoots(deps, threadId, cached, read, own);
  return { thread: read.thread, ...withUnlistedRoots(merged, after, unlisted, paging) };
}

/** An article's comment page by number (1 = oldest), or its newest. */
export async function numberedCommentPage(
  deps: Deps,
  threadId: string,
  cached: CachedThread,
  page: number | "newest",
  own: OwnComment[] = [],
): Promise<{ read: ListedPage; shown: NumberedPage }> {
  const perPage = cached.governed.settings.commentsPerPage;
  const read = await cachedThreadPage(deps, threadId, cached, { by: "number", perPage, page });
  if (!own.length) return { read, shown: numberedPage(read, { page, perPage }) };
  const merged = withOwnComments(read.comments, own);
  const unlisted = await unlistedRoots(deps, threadId, cached, read, own);
  return { read, shown: numberedPage(read, { page, perPage }, { merged, unlisted }) };
}

/** The numbered page that shows this comment to this reader, or null when it shows nowhere. */
export async function commentPageOf(
  deps: Deps,
  threadId: string,
  cached: CachedThread,
  commentId: string,
  own: OwnComment[] = [],
): Promise<{ page: number; pageCount: number } | null> {
  const conversation = await conversationOf(deps, threadId, cached, commentId);
  const merged = withOwnComments(conversation.comments, own);
  return pageOfComment(conversation, merged, commentId, cached.governed.settings.commentsPerPage);
}

/** A published comment of the thread as this reader sees it (their own view of their own), wherever it is. */
export async function findPublished(
  deps: Deps,
  threadId: string,
  cached: CachedThread,
  commentId: string,
  own: OwnComment[] = [],
): Promise<PublicComment | undefined> {
  if (!isWellFormedId(commentId)) return undefined; // names no comment (a NUL would fail on PostgreSQL)
  const mine = own.find((c) => c.id === commentId);
  if (mine) return mine.status === "published" ? mine : undefined;
  const { comments } = await conversationOf(deps, threadId, cached, commentId);
  return comments.find((c) => c.id === commentId && c.status === "published");
}

/** A comment's conversation, read when asked (not kept: any id may be asked for). */
function conversationOf(deps: Deps, threadId: string, cached: CachedThread, commentId: string) {
  const display = { showPingbacks: cached.governed.settings.showPingbacks };
  return listThreadPage(deps, threadId, display, { by: "comment", commentId });
}

/**
 * The reader's top-level comments that no public page holds (awaiting moderation): they count beside
 * the public ones without renumbering them. One of theirs that is not published may still be public
 * (a placeholder: unpublished after a reply came), which its conversation tells.
 */
async function unlistedRoots(
  deps: Deps,
  threadId: string,
  cached: CachedThread,
  read: ListedPage,
  own: OwnComment[],
): Promise<OwnComment[]> {
  const onPage = new Set(read.comments.map((c) => c.id));
  const unlisted: OwnComment[] = [];
  for (const c of own) {
    if (c.parentId || onPage.has(c.id) || c.status === "published") continue;
    if ((await conversationOf(deps, threadId, cached, c.id)).position === null) unlisted.push(c);
  }
  return unlisted;
}
