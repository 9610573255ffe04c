// Numbered comment pages for the article page, the way WordPress pages comments by default: `perPage`
// top-level comments per page with all their replies, numbered from the oldest ("comment-page-1" holds
// the first ones), and the article's own address showing the newest page. Numbering from the oldest
// keeps every comment on the same page for good as the discussion grows, so page links, permalinks
// and search engines' copies stay right; readers arriving on the article still see the latest talk.
import type { PublicComment } from "../domain/public-comment.ts";
import { threadTree, withReplies } from "./page-thread.ts";

export type NumberedPage = {
  /** 1 = the oldest comments. */
  page: number;
  pageCount: number;
  /** The page's top-level comments with their replies, in display order. */
  comments: PublicComment[];
};

/**
 * `numbered` says which comments count for the numbering: the public listing's. The reader's own
 * comments that only they see (awaiting moderation) go where they will appear, without moving anyone
 * else's pages: a reply under its parent, a new conversation on the newest page.
 */
export function numberedPage(
  all: PublicComment[],
  opts: { page: number | "newest"; perPage: number; numbered: ReadonlySet<string> },
): NumberedPage {
  const tree = threadTree(all);
  const counted = tree.roots.filter((r) => opts.numbered.has(r.id));
  const pageCount = Math.max(1, Math.ceil(counted.length / opts.perPage));
  const page = opts.page === "newest" ? pageCount : opts.page;
  const roots = counted.slice((page - 1) * opts.perPage, page * opts.perPage);
  if (page === pageCount) roots.push(...tree.roots.filter((r) => !opts.numbered.has(r.id)));
  return { page, pageCount, comments: withReplies(roots, tree) };
}

/** The page a comment is shown on (its conversation's), or null when the list does not hold it. */
export function pageOfComment(
  all: PublicComment[],
  commentId: string,
  opts: { perPage: number; numbered: ReadonlySet<string> },
): { page: number; pageCount: number } | null {
  const byId = new Map(all.map((c) => [c.id, c]));
  let root = byId.get(commentId);
  for (let hops = 0; root?.parentId && hops < all.length; hops++) root = byId.get(root.parentId);
  if (!root) return null;
  const counted = threadTree(all).roots.filter((r) => opts.numbered.has(r.id));
  const pageCount = Math.max(1, Math.ceil(counted.length / opts.perPage));
  const index = counted.findIndex((r) => r.id === root.id);
  return { page: index === -1 ? pageCount : Math.floor(index / opts.perPage) + 1, pageCount };
}
