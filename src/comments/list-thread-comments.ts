// Use case: the published comments of a thread, oldest first, as a flat list a client can build a
// tree from (id + parentId). One query (src/store/read-thread.ts) brings the thread and every comment;
// a reply whose ancestor is no longer published keeps that ancestor as a "removed" placeholder.
// Readers get a page at a time (list-thread-page.ts, which shapes its rows with listingOf); the whole
// listing is what those pages are checked against (tests/integration/paged-reads.test.ts).
import { readThreadWithComments, type CommentRow, type ThreadRow } from "../store/read-thread.ts";
import { AppError } from "../domain/errors.ts";
import { isKindShown, shownCount } from "../domain/thread.ts";
import type { Deps } from "../deps.ts";
import { loadReferences } from "../citations/comment-references.ts";
import { storedSources } from "../citations/analyze-citations.ts";
import {
  toPlaceholder,
  toPublicComment,
  type PublicComment,
  type PublicReference,
  type ThreadListing,
} from "../domain/public-comment.ts";

/** `showPingbacks` (the site's setting): hidden pingbacks and trackbacks are left out of the comments and
 *  the count, as if unpublished (a reply to one keeps it as a "removed" placeholder). */
export async function listThreadComments(
  deps: Deps,
  threadId: string,
  display: { showPingbacks: boolean },
): Promise<ThreadListing> {
  const found = await readThreadWithComments(deps.db, threadId, deps.dbProvider);
  if (!found) throw new AppError("THREAD_NOT_FOUND");
  return listingOf(deps, found, display);
}

/** Rows of a thread (all of them, or whole conversations) as readers see them. */
export async function listingOf(
  deps: Deps,
  found: { thread: ThreadRow; comments: CommentRow[] },
  display: { showPingbacks: boolean },
): Promise<ThreadListing> {
  const { thread } = found;
  const rows = display.showPingbacks
    ? found.comments
    : found.comments.map((r) => (isKindShown(r.kind, false) ? r : { ...r, status: "hidden" }));
  // A comment whose read says it has no links and whose metadata lists no sources has none to look up
  // (a page read says so: most comments cite nothing, and a page's look-up would name them all).
  const citing = rows.filter(
    (r) =>
      r.status === "published" &&
      (r.hasLinks !== false || typeof r.metadata === "string" || storedSources(r.metadata) !== null),
  );
  const references = citing.length ? await loadReferences(deps, citing) : new Map<string, PublicReference[]>();
  return {
    thread: {
      id: thread.id,
      title: thread.title,
      url: thread.url,
      closed: thread.closed,
      commentCount: shownCount(thread, display.showPingbacks),
      articleSlug: thread.articleSlug,
    },
    comments: visibleComments(thread.id, rows, references),
  };
}

/** Published comments plus the unpublished ancestors of published replies, in the rows' order. */
function visibleComments(
  threadId: string,
  rows: CommentRow[],
  references: Map<string, PublicReference[]>,
): PublicComment[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const placeholders = new Set<string>();
  for (const r of rows) {
    if (r.status !== "published") continue;
    for (
      let up = r.parentId ? byId.get(r.parentId) : undefined;
      up && up.status !== "published" && !placeholders.has(up.id);
      up = up.parentId ? byId.get(up.parentId) : undefined
    ) {
      placeholders.add(up.id);
    }
  }
  const visible: PublicComment[] = [];
  for (const r of rows) {
    // The fields named, not the row spread: a page holds hundreds of rows, each copied whole otherwise.
    if (r.status === "published")
      visible.push(
        toPublicComment(
          {
            id: r.id,
            threadId,
            parentId: r.parentId,
            depth: r.depth,
            authorName: r.authorName ?? "",
            authorUrl: r.authorUrl,
            byModerator: r.byModerator,
            bodyHtml: r.bodyHtml ?? "",
            status: r.status,
            createdAt: r.createdAt,
            editedAt: r.editedAt,
            metadata: r.metadata,
          },
          references.get(r.id),
        ),
      );
    else if (placeholders.has(r.id))
      visible.push(toPlaceholder({ id: r.id, threadId, parentId: r.parentId, depth: r.depth, createdAt: r.createdAt }));
  }
  return visible;
}
