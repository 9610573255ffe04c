// Use case: one page of a thread's public comments, read from the database (store/read-thread-page.ts)
// and not from the whole thread: the page's top-level comments with all their replies, shaped exactly as
// the whole listing would show them (listingOf: placeholders, hidden pingbacks), in display order, with
// the thread's exact counts from its counters. The thread cache keeps each page read once per version
// of the thread (threadCache.page), keyed by what selects it.
import crypto from "node:crypto";
import type { CachedThread, Deps } from "../deps.ts";
import { AppError } from "../domain/errors.ts";
import type { PublicComment, ThreadSummary } from "../domain/public-comment.ts";
import { readThreadPage, type RootSelection } from "../store/read-thread-page.ts";
import { listingOf } from "./list-thread-comments.ts";
import { threadTree, withReplies } from "./page-thread.ts";

export type ListedPage = {
  thread: ThreadSummary;
  /** The page's conversations, oldest first, each root followed by its replies (display order). */
  comments: PublicComment[];
  /** How many top-level comments the thread shows (they decide the page numbers). */
  rootCount: number;
  /** See ThreadPageRows.position. */
  position: number | null;
};

export async function listThreadPage(
  deps: Deps,
  threadId: string,
  display: { showPingbacks: boolean },
  select: RootSelection,
): Promise<ListedPage> {
  const found = await readThreadPage(deps.db, deps.dbProvider, threadId, display.showPingbacks, select);
  if (!found) throw new AppError("THREAD_NOT_FOUND");
  const listing = await listingOf(deps, found, display);
  const tree = threadTree(listing.comments);
  return {
    thread: listing.thread,
    comments: withReplies(tree.roots, tree),
    rootCount: found.rootCount,
    position: found.position,
  };
}

/** A page of the thread `cached` is the version of, read once for it; its summary says closed as the version does. */
export function cachedThreadPage(
  deps: Deps,
  threadId: string,
  cached: CachedThread,
  select: RootSelection,
): Promise<ListedPage> {
  const key = `rows:${JSON.stringify(select)}`;
  return deps.threadCache.page(threadId, cached, key, async () => {
    const display = { showPingbacks: cached.governed.settings.showPingbacks };
    const page = await listThreadPage(deps, threadId, display, select);
    const value = { ...page, thread: { ...page.thread, closed: cached.closed } };
    // About what it holds with what is made from it (its JSON): the bodies and a few hundred bytes of
    // fields per comment, twice; and never nothing, so that the cap also bounds how many (empty) pages
    // of made-up cursors or page numbers are kept.
    const bytes = 1000 + 2 * page.comments.reduce((n, c) => n + c.bodyHtml.length + 400, 0);
    return { value, commentIds: page.comments.map((c) => c.id), bytes };
  });
}

const etags = new WeakMap<ListedPage, string>();
/** A strong tag of what the page shows (made once per page read): the ETags of the pages rendered from it. */
export function pageTag(page: ListedPage): string {
  let tag = etags.get(page);
  if (!tag) {
    tag = `"${crypto.createHash("sha1").update(JSON.stringify(page)).digest("base64url")}"`;
    etags.set(page, tag);
  }
  return tag;
}
