// Use case: the published comments of a thread, oldest first, as a flat list a client can build a
// tree from (id + parentId). One query (src/store/read-thread.ts) brings the thread and every comment;
// a reply whose ancestor is no longer published keeps that ancestor as a "removed" placeholder.
// Readers get a page at a time (list-thread-page.ts, which shapes its rows with listingOf); the whole
// listing is what those pages are checked against (tests/integration/paged-reads.test.ts). Pages and
// listing come from the same SQL, so that test also checks each listed comment against
// toPublicComment / toPlaceholder of its Prisma row (what the POST answer and realtime events send).
import { readThreadWithComments, type ThreadComments } from "../store/read-thread.ts";
import { AppError } from "../domain/errors.ts";
import { shownCount } from "../domain/thread.ts";
import type { Deps } from "../deps.ts";
import { loadReferences } from "../citations/comment-references.ts";
import type { PublicComment, ThreadListing } from "../domain/public-comment.ts";

/** `showPingbacks` (the site's setting): hidden pingbacks and trackbacks are left out of the comments and
 *  the count, as if unpublished (a reply to one keeps it as a "removed" placeholder). */
export async function listThreadComments(
  deps: Deps,
  threadId: string,
  display: { showPingbacks: boolean },
): Promise<ThreadListing> {
  const found = await readThreadWithComments(deps.db, deps.dbProvider, threadId, display.showPingbacks);
  if (!found) throw new AppError("THREAD_NOT_FOUND");
  return listingOf(deps, found, display);
}

/** Comments of a thread (all of them, or whole conversations) as readers see them: the read brings each
 * in its public shape (store/read-thread.ts); here the placeholders nobody needs go and the sources come in. */
export async function listingOf(
  deps: Deps,
  found: ThreadComments,
  display: { showPingbacks: boolean },
): Promise<ThreadListing> {
  const { thread, comments, citing } = found;
  if (citing.length) {
    const references = await loadReferences(deps, citing);
    for (const c of comments) {
      const own = references.get(c.id);
      if (own) c.references = own;
    }
  }
  return {
    thread: {
      id: thread.id,
      title: thread.title,
      url: thread.url,
      closed: thread.closed,
      commentCount: shownCount(thread, display.showPingbacks),
      articleSlug: thread.articleSlug,
    },
    comments: visibleComments(comments),
  };
}

/** Shown comments plus the placeholders of their removed ancestors, in the read's order. */
function visibleComments(read: PublicComment[]): PublicComment[] {
  const byId = new Map(read.map((c) => [c.id, c]));
  const placeholders = new Set<PublicComment>();
  for (const c of read) {
    if (c.status !== "published") continue;
    for (
      let up = c.parentId ? byId.get(c.parentId) : undefined;
      up && up.status !== "published" && !placeholders.has(up);
      up = up.parentId ? byId.get(up.parentId) : undefined
    ) {
      placeholders.add(up);
    }
  }
  return read.filter((c) => c.status === "published" || placeholders.has(c));
}
