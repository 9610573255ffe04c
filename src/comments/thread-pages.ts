// Numbered comment pages for the article page, the way WordPress pages comments by default: `perPage`
// top-level comments per page with all their replies, numbered from the oldest ("comment-page-1" holds
// the first ones), and the article's own address showing the newest page. Numbering from the oldest
// keeps every comment on the same page for good as the discussion grows, so page links, permalinks
// and search engines' copies stay right; readers arriving on the article still see the latest talk.
import type { PublicComment } from "../domain/public-comment.ts";
import { threadTree, withReplies, type ThreadTree } from "./page-thread.ts";

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
  const { tree, counted, unnumbered } = arranged(all, opts.numbered);
  const pageCount = Math.max(1, Math.ceil(counted.length / opts.perPage));
  const page = opts.page === "newest" ? pageCount : opts.page;
  const roots = counted.slice((page - 1) * opts.perPage, page * opts.perPage);
  if (page === pageCount) roots.push(...unnumbered);
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
  const { counted } = arranged(all, opts.numbered);
  const pageCount = Math.max(1, Math.ceil(counted.length / opts.perPage));
  const index = counted.findIndex((r) => r.id === root.id);
  return { page: index === -1 ? pageCount : Math.floor(index / opts.perPage) + 1, pageCount };
}

type Arranged = { tree: ThreadTree; counted: PublicComment[]; unnumbered: PublicComment[] };
/** The same cached listing is paged for every reader: its tree is built once per listing (and numbering). */
const arrangements = new WeakMap<readonly PublicComment[], { numbered: ReadonlySet<string>; value: Arranged }>();

function arranged(all: PublicComment[], numbered: ReadonlySet<string>): Arranged {
  const known = arrangements.get(all);
  if (known && known.numbered === numbered) return known.value;
  const tree = threadTree(all);
  const value = {
    tree,
    counted: tree.roots.filter((r) => numbered.has(r.id)),
    unnumbered: tree.roots.filter((r) => !numbered.has(r.id)),
  };
  arrangements.set(all, { numbered, value });
  return value;
}

/** The ids of a listing's comments (everyone's), made once per listing: they decide the page numbers. */
const idSets = new WeakMap<readonly PublicComment[], ReadonlySet<string>>();
export function idsOf(comments: readonly PublicComment[]): ReadonlySet<string> {
  let ids = idSets.get(comments);
  if (!ids) idSets.set(comments, (ids = new Set(comments.map((c) => c.id))));
  return ids;
}
