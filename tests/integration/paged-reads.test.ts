// Pages read from the database (issue #13: a page of a big thread without reading the whole thread)
// show exactly what paging the whole listing in memory showed: every page of both sorts by cursor, every
// numbered page, every comment's page, with statuses mixed, placeholders, pingbacks shown or hidden, tied
// dates, and a reader's own comments put in. The oracle is the whole listing (listThreadComments) paged
// as before (pageThread, and the numbered paging that was in thread-pages.ts, copied below). That listing
// is built by the same SQL as the pages (store/read-thread.ts), so it checks the paging, not each
// comment's JSON: that is checked apart, each listed comment against toPublicComment (a placeholder
// against toPlaceholder) of its row read through Prisma, deep and key for key, as the POST answer and
// the realtime events shape it (edits, moderators, sign-ins, sources, pingbacks, odd milliseconds).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";
import { listThreadComments } from "../../src/comments/list-thread-comments.ts";
import { pageThread, threadTree, withReplies, type ThreadSort } from "../../src/comments/page-thread.ts";
import { commentPageOf, cursorPage, numberedCommentPage } from "../../src/comments/reader-pages.ts";
import { withOwnComments, type OwnComment } from "../../src/comments/own-comments.ts";
import { toPlaceholder, toPublicComment, type PublicComment } from "../../src/domain/public-comment.ts";
import { loadReferences } from "../../src/citations/comment-references.ts";
import type { CachedThread } from "../../src/deps.ts";

/** `at`, `edited`: minutes after the start; `mod`: posted by a signed-in moderator. */
type Spec = { name: string; parent?: string; status?: string; kind?: string; at: number; edited?: number; mod?: true };

// Minutes after the start. Ties (same minute) on roots and replies; statuses and kinds mixed.
const SPECS: Spec[] = [
  { name: "a", at: 1 },
  { name: "a1", parent: "a", at: 2, mod: true },
  { name: "a1x", parent: "a1", status: "spam", at: 3 },
  { name: "b", status: "spam", at: 4 }, // removed, no live replies: not shown
  { name: "c", status: "held", at: 5, edited: 6, mod: true }, // removed with a live reply: a placeholder root
  { name: "c1", parent: "c", status: "pending", at: 6 },
  { name: "c2", parent: "c1", at: 7 }, // keeps c and c1 as placeholders
  { name: "p", kind: "pingback", at: 8, edited: 9 },
  { name: "p1", parent: "p", at: 9 }, // with pingbacks hidden: p a placeholder
  { name: "tb", kind: "trackback", at: 10 },
  { name: "d", at: 11, edited: 40 },
  { name: "e", at: 11 }, // tied with d
  { name: "f", status: "deleted", at: 12, edited: 13 },
  { name: "f1", parent: "f", at: 13 },
  { name: "g", status: "pending", at: 14 },
  { name: "h", status: "rejected", at: 15 },
  { name: "h1", parent: "h", status: "rejected", at: 16 },
  { name: "d1", parent: "d", at: 17 },
  { name: "d2", parent: "d", kind: "pingback", at: 17 },
  { name: "d1a", parent: "d1", status: "held", at: 18 },
  { name: "i", at: 19 },
  { name: "j", at: 20 },
  { name: "k", status: "pending", at: 21 }, // the reader's own, waiting
  { name: "k1", parent: "a", status: "pending", at: 22 }, // the reader's own reply, waiting
  { name: "m", status: "held", at: 23 }, // the reader's own, held after a reply came
  { name: "m1", parent: "m", at: 24 },
  { name: "n", at: 25, edited: 26, mod: true },
  { name: "o", kind: "pingback", at: 26 },
  { name: "q", at: 27 },
  { name: "q1", parent: "q", at: 27 },
];
const OWN = ["k", "k1", "m", "i"];
// Sources: from CommentLink rows (comments no citation phase saw) or from the metadata's citations, so
// that a page's Sources look-up (only comments with links or cited sources) is checked against the whole.
const LINKS: Record<string, string[]> = {
  a1: ["https://a.example/one"],
  d: ["https://d.example/two", "https://d.example/one"],
  f1: ["https://f.example/"],
  g: ["https://g.example/"], // pending: no sources shown
};
// What the pipeline records beside what readers are shown (a page reads only the latter).
const SIGNED_IN = {
  links: ["https://d.example/two"],
  linkCount: 1,
  renderVersion: 3,
  firstTime: true,
  signedIn: { provider: "github", label: "GitHub" },
};
const CITED = {
  citations: { sources: [{ url: "https://e.example/", key: "https://e.example/", label: "A", text: "E" }] },
};

describe.each(testProviders())("pages read from the database on %s", (provider) => {
  let t: TestApp;
  let threadId: string;
  const ids = new Map<string, string>();
  const own: OwnComment[] = [];

  beforeAll(async () => {
    t = await createTestApp(provider, { THREAD_CACHE_TTL_MS: "0" });
    const thread = await t.deps.db.thread.findFirstOrThrow({ where: { comments: { none: {} } } });
    threadId = thread.id;
    const start = Date.UTC(2030, 0, 1);
    // Milliseconds that a text or timestamp form could lose or round (the same for equal minutes: ties stay).
    const when = (minutes: number) => new Date(start + minutes * 60_000 + (minutes % 4) * 251 + 7);
    const moderator = await t.deps.db.moderator.create({
      data: { email: "paged-reads@example.org", name: "Mod", role: "moderator", passwordHash: "x" },
    });
    for (const s of SPECS) {
      const parentId = s.parent ? ids.get(s.parent)! : null;
      const depth = depthOf(s.name);
      const row = await t.deps.db.comment.create({
        data: {
          threadId,
          parentId,
          depth,
          authorName: `Author ${s.name}`,
          authorEmail: `${s.name}@example.org`,
          ipHash: "x",
          bodySource: s.name,
          bodyHtml: `<p>${s.name}</p>`,
          status: (s.status ?? "published") as "published",
          flags: [],
          metadata: s.name === "e" ? CITED : s.name === "d" ? SIGNED_IN : {},
          kind: s.kind ?? "comment",
          createdAt: when(s.at),
          editedAt: s.edited ? when(s.edited) : null,
          moderatorId: s.mod ? moderator.id : null,
        },
      });
      ids.set(s.name, row.id);
      for (const url of LINKS[s.name] ?? []) await t.deps.db.commentLink.create({ data: { commentId: row.id, url } });
      if (OWN.includes(s.name))
        own.push({ ...toPublicComment(row), own: true, bodySource: row.bodySource, editableUntil: null });
    }
    const published = SPECS.filter((s) => (s.status ?? "published") === "published");
    await t.deps.db.thread.update({
      where: { id: threadId },
      data: { publishedCount: published.length, pingbackCount: published.filter((s) => s.kind).length },
    });
  });
  afterAll(async () => t?.close());

  function depthOf(name: string): number {
    const s = SPECS.find((x) => x.name === name)!;
    return s.parent ? 1 + depthOf(s.parent) : 1;
  }

  async function versionWith(showPingbacks: boolean, perPage: number): Promise<CachedThread> {
    const cached = await t.deps.threadCache.get(threadId);
    const settings = { ...cached.governed.settings, showPingbacks, commentsPerPage: perPage };
    return { ...cached, governed: { ...cached.governed, settings }, derived: new Map() };
  }

  it("has comments with sources, from links and from citations", async () => {
    const { comments } = await listThreadComments(t.deps, threadId, { showPingbacks: true });
    const sources = (name: string) => comments.find((c) => c.id === ids.get(name))!.references.map((r) => r.url);
    expect([sources("a1"), sources("d"), sources("e"), sources("f1")]).toEqual([
      ["https://a.example/one"],
      ["https://d.example/one", "https://d.example/two"],
      ["https://e.example/"],
      ["https://f.example/"],
    ]);
    expect(comments.find((c) => c.id === ids.get("d"))!.verified).toEqual({ provider: "GitHub" });
  });

  for (const showPingbacks of [true, false])
    it(`lists each comment as toPublicComment / toPlaceholder make it from its Prisma row (pingbacks ${showPingbacks ? "shown" : "hidden"})`, async () => {
      const { comments } = await listThreadComments(t.deps, threadId, { showPingbacks });
      const rows = new Map((await t.deps.db.comment.findMany({ where: { threadId } })).map((r) => [r.id, r]));
      const shown = (r: { status: string; kind: string }) =>
        r.status === "published" && (showPingbacks || r.kind === "comment");
      const references = await loadReferences(t.deps, [...rows.values()].filter(shown));
      for (const c of comments) {
        const row = rows.get(c.id)!;
        const expected = shown(row) ? toPublicComment(row, references.get(row.id)) : toPlaceholder(row);
        expect(c).toStrictEqual(expected);
        expect(JSON.stringify(c)).toBe(JSON.stringify(expected));
      }
      // The seed reaches every shape the SQL writes.
      const reached = (test: (c: PublicComment) => boolean) => comments.some(test);
      expect(reached((c) => c.status === "removed" && rows.get(c.id)!.editedAt !== null)).toBe(true);
      expect(reached((c) => c.status === "removed" && rows.get(c.id)!.moderatorId !== null)).toBe(true);
      expect(reached((c) => c.status === "published" && c.editedAt !== null)).toBe(true);
      expect(reached((c) => c.byModerator)).toBe(true);
      expect(reached((c) => c.verified !== null)).toBe(true);
      expect(reached((c) => c.references.length > 0)).toBe(true);
      expect(reached((c) => c.status === "published" && rows.get(c.id)!.kind !== "comment")).toBe(showPingbacks);
      expect(reached((c) => c.status === "removed" && rows.get(c.id)!.kind !== "comment")).toBe(!showPingbacks);
    });

  for (const showPingbacks of [true, false])
    for (const withOwn of [false, true])
      it(`by cursor, both sorts, every page (pingbacks ${showPingbacks ? "shown" : "hidden"}${withOwn ? ", own comments" : ""})`, async () => {
        const listing = await listThreadComments(t.deps, threadId, { showPingbacks });
        const all = withOwn ? withOwnComments(listing.comments, own) : listing.comments;
        for (const sort of ["oldest", "newest"] as ThreadSort[])
          for (const limit of [1, 2, 3, 5, 50]) {
            let cursor: string | undefined;
            let pages = 0;
            do {
              const expected = pageThread(all, { sort, limit, cursor });
              const cached = await versionWith(showPingbacks, 50);
              const got = await cursorPage(t.deps, threadId, cached, { sort, limit, cursor }, withOwn ? own : []);
              expect(got).toEqual({ thread: listing.thread, ...expected });
              cursor = expected.nextCursor ?? undefined;
              pages++;
            } while (cursor && pages < 100);
            expect(cursor).toBeUndefined();
          }
      });

  for (const showPingbacks of [true, false])
    for (const withOwn of [false, true])
      it(`by number, and every comment's page (pingbacks ${showPingbacks ? "shown" : "hidden"}${withOwn ? ", own comments" : ""})`, async () => {
        const listing = await listThreadComments(t.deps, threadId, { showPingbacks });
        const all = withOwn ? withOwnComments(listing.comments, own) : listing.comments;
        const numbered = new Set(listing.comments.map((c) => c.id));
        for (const perPage of [1, 2, 4, 50]) {
          const cached = await versionWith(showPingbacks, perPage);
          const ownHere = withOwn ? own : [];
          const newest = await numberedCommentPage(t.deps, threadId, cached, "newest", ownHere);
          expect(newest.shown).toEqual(oldNumberedPage(all, { page: "newest", perPage, numbered }));
          expect(newest.read.thread).toEqual(listing.thread);
          for (let page = 1; page <= newest.shown.pageCount + 1; page++) {
            const { shown } = await numberedCommentPage(t.deps, threadId, cached, page, ownHere);
            expect(shown).toEqual(oldNumberedPage(all, { page, perPage, numbered }));
          }
          for (const id of [...ids.values(), "nosuchcomment0000000000"])
            expect(await commentPageOf(t.deps, threadId, cached, id, ownHere)).toEqual(
              oldPageOfComment(all, id, { perPage, numbered }),
            );
        }
      });

  it("answers a thread without shown comments, and refuses an unknown one", async () => {
    const empty = await t.deps.db.thread.findFirstOrThrow({ where: { id: { not: threadId } } });
    await t.deps.db.comment.updateMany({ where: { threadId: empty.id }, data: { status: "rejected" } });
    const cached = await t.deps.threadCache.get(empty.id);
    const got = await cursorPage(t.deps, empty.id, cached, { sort: "newest", limit: 5 });
    expect(got).toMatchObject({ comments: [], nextCursor: null, remainingTopLevel: 0 });
    expect((await numberedCommentPage(t.deps, empty.id, cached, "newest")).shown).toEqual({
      page: 1,
      pageCount: 1,
      comments: [],
    });
    await expect(
      cursorPage(t.deps, "nosuchthread000000000000", cached, { sort: "oldest", limit: 5 }),
    ).rejects.toThrow();
  });
});

// The numbered paging as it was over the whole listing (src/comments/thread-pages.ts before issue #13's paged reads).
function oldNumberedPage(
  all: PublicComment[],
  opts: { page: number | "newest"; perPage: number; numbered: ReadonlySet<string> },
) {
  const tree = threadTree(all);
  const counted = tree.roots.filter((r) => opts.numbered.has(r.id));
  const unnumbered = tree.roots.filter((r) => !opts.numbered.has(r.id));
  const pageCount = Math.max(1, Math.ceil(counted.length / opts.perPage));
  const page = opts.page === "newest" ? pageCount : opts.page;
  const roots = counted.slice((page - 1) * opts.perPage, page * opts.perPage);
  if (page === pageCount) roots.push(...unnumbered);
  return { page, pageCount, comments: withReplies(roots, tree) };
}

function oldPageOfComment(
  all: PublicComment[],
  commentId: string,
  opts: { perPage: number; numbered: ReadonlySet<string> },
) {
  const byId = new Map(all.map((c) => [c.id, c]));
  let root = byId.get(commentId);
  for (let hops = 0; root?.parentId && hops < all.length; hops++) root = byId.get(root.parentId);
  if (!root) return null;
  const counted = threadTree(all).roots.filter((r) => opts.numbered.has(r.id));
  const pageCount = Math.max(1, Math.ceil(counted.length / opts.perPage));
  const index = counted.findIndex((r) => r.id === root.id);
  return { page: index === -1 ? pageCount : Math.floor(index / opts.perPage) + 1, pageCount };
}
