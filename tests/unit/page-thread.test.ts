// Paging a thread by its top-level comments: replies travel with their conversation, cursors
// survive new arrivals, and both orders work.
import { describe, expect, it } from "vitest";
import { pageThread } from "../../src/comments/page-thread.ts";
import type { PublicComment } from "../../src/domain/public-comment.ts";

let clock = 0;
function c(id: string, parentId: string | null = null): PublicComment {
  clock += 60_000;
  return {
    id,
    threadId: "t",
    parentId,
    depth: parentId ? 2 : 1,
    authorName: id,
    authorUrl: null,
    byModerator: false,
    bodyHtml: `<p>${id}</p>`,
    status: "published",
    createdAt: new Date(Date.UTC(2024, 0, 1) + clock).toISOString(),
    editedAt: null,
    references: [],
    verified: null,
  };
}
const ids = (list: PublicComment[]) => list.map((x) => x.id);

describe("pageThread", () => {
  // a (oldest root) ← a1, a2 ← a2x ; b ; c ← c1 (posted last)
  const a = c("a"),
    a1 = c("a1", "a"),
    b = c("b"),
    a2 = c("a2", "a"),
    a2x = c("a2x", "a2"),
    cc = c("c"),
    c1 = c("c1", "c");
  const all = [a, a1, b, a2, a2x, cc, c1];

  it("oldest first: each page holds whole conversations, and the cursor continues after the last one", () => {
    const first = pageThread(all, { sort: "oldest", limit: 2 });
    expect(ids(first.comments)).toEqual(["a", "a1", "a2", "a2x", "b"]);
    expect(first.remainingTopLevel).toBe(1);
    const second = pageThread(all, { sort: "oldest", limit: 2, cursor: first.nextCursor! });
    expect(ids(second.comments)).toEqual(["c", "c1"]);
    expect(second.nextCursor).toBeNull();
    expect(second.remainingTopLevel).toBe(0);
  });

  it("newest first orders the conversations, replies stay oldest first", () => {
    const page = pageThread(all, { sort: "newest", limit: 10 });
    expect(ids(page.comments)).toEqual(["c", "c1", "b", "a", "a1", "a2", "a2x"]);
  });

  it("a new top-level comment between two newest-first pages is neither repeated nor skipped", () => {
    const first = pageThread(all, { sort: "newest", limit: 1 });
    expect(ids(first.comments)).toEqual(["c", "c1"]);
    const d = c("d");
    const second = pageThread([...all, d], { sort: "newest", limit: 1, cursor: first.nextCursor! });
    expect(ids(second.comments)).toEqual(["b"]);
  });

  it("refuses a cursor it did not make", () => {
    expect(() => pageThread(all, { sort: "oldest", limit: 2, cursor: "garbage!" })).toThrow(/cursor/);
  });

  it("an empty thread is one empty page", () => {
    expect(pageThread([], { sort: "oldest", limit: 5 })).toEqual({
      comments: [],
      nextCursor: null,
      remainingTopLevel: 0,
    });
  });
});
