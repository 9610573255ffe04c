// Numbered comment pages for the article page, the way WordPress pages comments by default: `perPage`
// top-level comments per page with all their replies, numbered from the oldest ("comment-page-1" holds
// the first ones), and the article's own address showing the newest page. Numbering from the oldest
// keeps every comment on the same page for good as the discussion grows, so page links, permalinks
// and search engines' copies stay right; readers arriving on the article still see the latest talk.
// A page is read from the database by its number (list-thread-page.ts); these put the reader's own
// comments in as they would go over the whole thread.
import type { PublicComment } from "../domain/public-comment.ts";
import { threadTree, withReplies } from "./page-thread.ts";

export type NumberedPage = {
  /** 1 = the oldest comments. */
  page: number;
  pageCount: number;
  /** The page's top-level comments with their replies, in display order. */
  comments: PublicComment[];
};

/** A page read by number: its conversations (display order) and how many top-level comments the thread shows. */
type ReadPage = { comments: PublicComment[]; rootCount: number };

/**
 * The public comments alone decide the numbering. The reader's own comments that only they see
 * (awaiting moderation) go where they will appear, without moving anyone else's pages: a reply under
 * its parent, a new conversation on the newest page. `own.merged` is the page's comments with the
 * reader's put in (withOwnComments), `own.unlisted` the reader's top-level ones no public page holds.
 */
export function numberedPage(
  read: ReadPage,
  opts: { page: number | "newest"; perPage: number },
  own?: { merged: PublicComment[]; unlisted: readonly PublicComment[] },
): NumberedPage {
  const pageCount = Math.max(1, Math.ceil(read.rootCount / opts.perPage));
  const page = opts.page === "newest" ? pageCount : opts.page;
  if (!own) return { page, pageCount, comments: read.comments };
  const tree = threadTree(own.merged);
  const onPage = new Set(read.comments.filter((c) => !c.parentId).map((c) => c.id));
  const roots = tree.roots.filter((r) => onPage.has(r.id));
  if (page === pageCount) {
    const unlisted = new Set(own.unlisted.map((c) => c.id));
    roots.push(...tree.roots.filter((r) => unlisted.has(r.id)));
  }
  return { page, pageCount, comments: withReplies(roots, tree) };
}

/**
 * The page a comment is shown on (its conversation's), or null when it is not shown. `conversation` is
 * the comment's conversation as read (its root's `position` among the shown roots, 1 = oldest, null when
 * the root is not one); `merged` the same with the reader's own comments put in.
 */
export function pageOfComment(
  conversation: { comments: PublicComment[]; rootCount: number; position: number | null },
  merged: PublicComment[],
  commentId: string,
  perPage: number,
): { page: number; pageCount: number } | null {
  const byId = new Map(merged.map((c) => [c.id, c]));
  let root = byId.get(commentId);
  for (let hops = 0; root?.parentId && hops < merged.length; hops++) root = byId.get(root.parentId);
  if (!root) return null;
  const pageCount = Math.max(1, Math.ceil(conversation.rootCount / perPage));
  const listed = conversation.comments.find((c) => !c.parentId);
  const index = listed?.id === root.id && conversation.position !== null ? conversation.position - 1 : -1;
  return { page: index === -1 ? pageCount : Math.floor(index / perPage) + 1, pageCount };
}
