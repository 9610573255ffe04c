// Pages a thread by its top-level comments: each page holds `limit` top-level comments, oldest or
// newest first, with all of their replies, so a large discussion loads in pieces without ever
// splitting a conversation. The cursor names the last top-level comment of the previous page, so
// comments arriving in between neither repeat nor skip anything. Readers' pages are read from the
// database a page at a time (list-thread-page.ts); pageFromRoots and withUnlistedRoots give them the
// very shape pageThread gives over the whole thread (tests/integration/paged-reads.test.ts compares).
import { decodeCursor, encodeCursor, type Cursor } from "../domain/cursor.ts";
import type { PublicComment } from "../domain/public-comment.ts";

export type ThreadSort = "oldest" | "newest";
export type ThreadPage = { comments: PublicComment[]; nextCursor: string | null; remainingTopLevel: number };

export function pageThread(
  all: PublicComment[],
  opts: { sort: ThreadSort; limit: number; cursor?: string },
): ThreadPage {
  const tree = threadTree(all);
  const roots = [...tree.roots];
  if (opts.sort === "newest") roots.reverse();

  const after = decodeCursor(opts.cursor, "This page cursor is not valid; load the thread again.");
  const start = after ? roots.findIndex((r) => isBeyond(r, after, opts.sort)) : 0;
  const from = start === -1 ? roots.length : start;
  const page = roots.slice(from, from + opts.limit);
  const remaining = roots.length - from - page.length;
  const last = page.at(-1);
  return {
    comments: withReplies(page, tree),
    nextCursor: remaining > 0 && last ? encodeCursor(last) : null,
    remainingTopLevel: remaining,
  };
}

/** A page read by cursor (its conversations, and how many roots follow the cursor) as pageThread answers it. */
export function pageFromRoots(comments: PublicComment[], rootsAfterCursor: number, sort: ThreadSort): ThreadPage {
  const tree = threadTree(comments);
  const roots = [...tree.roots];
  if (sort === "newest") roots.reverse();
  return finish(withReplies(roots, tree), rootsAfterCursor);
}

/**
 * pageThread over a page read by cursor with comments put in (the reader's own): `merged` holds the
 * page's conversations and those comments, `unlisted` the roots among them that no public page holds
 * (they count among the roots that follow). Public roots of other pages fall outside the page's range.
 */
export function withUnlistedRoots(
  merged: PublicComment[],
  publicRootsAfterCursor: number,
  unlisted: PublicComment[],
  opts: { sort: ThreadSort; limit: number; cursor?: string },
): ThreadPage {
  const { comments } = pageThread(merged, opts);
  const after = decodeCursor(opts.cursor, "This page cursor is not valid; load the thread again.");
  const extra = after ? unlisted.filter((r) => isBeyond(r, after, opts.sort)).length : unlisted.length;
  return finish(comments, publicRootsAfterCursor + extra);
}

/** The page's comments with its cursor: `rootsAfterCursor` counts this page's roots too. */
function finish(comments: PublicComment[], rootsAfterCursor: number): ThreadPage {
  const roots = comments.filter((c) => !c.parentId);
  const remaining = rootsAfterCursor - roots.length;
  const last = roots.at(-1);
  return { comments, nextCursor: remaining > 0 && last ? encodeCursor(last) : null, remainingTopLevel: remaining };
}

export type ThreadTree = { roots: PublicComment[]; children: Map<string | null, PublicComment[]> };

/** The top-level comments, oldest first, and every comment's replies, oldest first. */
export function threadTree(all: PublicComment[]): ThreadTree {
  const children = new Map<string | null, PublicComment[]>();
  for (const c of all) {
    const key = c.parentId ?? null;
    const list = children.get(key);
    if (list) list.push(c);
    else children.set(key, [c]);
  }
  for (const list of children.values()) list.sort(byAge);
  return { roots: children.get(null) ?? [], children };
}

/** `roots` with all their replies, depth first: the order a thread is displayed in. */
export function withReplies(roots: PublicComment[], tree: ThreadTree): PublicComment[] {
  const comments: PublicComment[] = [];
  const visit = (c: PublicComment) => {
    comments.push(c);
    for (const reply of tree.children.get(c.id) ?? []) visit(reply);
  };
  roots.forEach(visit);
  return comments;
}

function byAge(a: PublicComment, b: PublicComment): number {
  return a.createdAt === b.createdAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.createdAt < b.createdAt ? -1 : 1;
}

/** Whether `c` comes after the cursor in the given order. */
function isBeyond(c: PublicComment, cursor: Cursor, sort: ThreadSort): boolean {
  const cmp = byAge(c, { ...c, createdAt: cursor.at.toISOString(), id: cursor.id });
  return sort === "oldest" ? cmp > 0 : cmp < 0;
}
