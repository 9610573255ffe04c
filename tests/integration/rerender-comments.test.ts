// Stored comments rendered by an older renderer are rendered again at start-up (rerenderStoredComments,
// called by main.ts before listening): stamped with RENDER_VERSION, imported and deleted ones left alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rerenderStoredComments } from "../../src/comments/rerender-stored-comments.ts";
import { RENDER_VERSION } from "../../src/render/comment-markdown.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("re-rendering stored comments on %s", (provider) => {
  let t: TestApp;
  let threadId: string;

  beforeAll(async () => {
    t = await createTestApp(provider);
    threadId = (await t.deps.db.thread.findFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  const insert = (
    name: string,
    data: {
      bodySource: string;
      bodyHtml: string;
      metadata: object;
      importKey?: string;
      status?: "published" | "deleted";
    },
  ) =>
    t.deps.db.comment.create({
      data: {
        threadId,
        depth: 1,
        authorName: name,
        authorEmail: `${name}@example.org`,
        ipHash: "x",
        status: "published",
        flags: [],
        ...data,
      },
    });

  it("renders old comments again from their source, once, and leaves imported and deleted ones", async () => {
    const source = "Points:\n- one\n- two\n\n1. first\n2. second";
    const old = await insert("old", { bodySource: source, bodyHtml: "<p>old renderer</p>", metadata: { links: [] } });
    const imported = await insert("imported", {
      bodySource: "<p>wordpress *html*</p>",
      bodyHtml: "<p>wordpress *html*</p>",
      metadata: {},
      importKey: "wordpress:1",
    });
    const deleted = await insert("deleted", { bodySource: "", bodyHtml: "", metadata: {}, status: "deleted" });

    // Every comment already in the database at this point (the seeds) is stamped too, so all count.
    expect(await rerenderStoredComments(t.deps)).toBeGreaterThanOrEqual(1);
    const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id: old.id } });
    expect(row.bodyHtml).toBe(
      "<p>Points:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>",
    );
    expect(row.metadata).toEqual({ links: [], renderVersion: RENDER_VERSION });
    expect((await t.deps.db.comment.findUniqueOrThrow({ where: { id: imported.id } })).bodyHtml).toBe(
      "<p>wordpress *html*</p>",
    );
    expect((await t.deps.db.comment.findUniqueOrThrow({ where: { id: deleted.id } })).metadata).toEqual({});

    expect(await rerenderStoredComments(t.deps)).toBe(0);
  });

  it("goes through more comments than one batch holds", async () => {
    await t.deps.db.comment.createMany({
      data: Array.from({ length: 450 }, (_, k) => ({
        threadId,
        depth: 1,
        authorName: `n${k}`,
        authorEmail: `n${k}@example.org`,
        ipHash: "x",
        status: "published" as const,
        flags: [],
        bodySource: `*comment* ${k}`,
        bodyHtml: `<p>comment ${k}</p>`,
        metadata: { renderVersion: 1 },
      })),
    });
    expect(await rerenderStoredComments(t.deps)).toBe(450);
    expect(await t.deps.db.comment.count({ where: { bodyHtml: { startsWith: "<p><em>comment</em>" } } })).toBe(450);
  });

  it("takes the reference lines out of comments stored with them in the body (version 2)", async () => {
    const cited = await insert("cited", {
      bodySource: "Rates fell [A].\n\n[A] https://stats.example/report",
      bodyHtml:
        '<p>Rates fell [A].</p>\n<p>[A] <a href="https://stats.example/report">https://stats.example/report</a></p>',
      metadata: { links: ["https://stats.example/report"], renderVersion: 2 },
    });
    expect(await rerenderStoredComments(t.deps)).toBeGreaterThanOrEqual(1);
    const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id: cited.id } });
    expect(row.bodyHtml).toBe("<p>Rates fell [A].</p>");
    expect(row.metadata).toEqual({ links: ["https://stats.example/report"], renderVersion: RENDER_VERSION });
  });

  it("links a marker its Markdown definition names, from the one parse (version 3 showed it as text)", async () => {
    const cited = await insert("defined", {
      bodySource: "Rates fell [A].\n\n[A]: https://stats.example/defined",
      bodyHtml: "<p>Rates fell [A].</p>",
      metadata: { links: ["https://stats.example/defined"], renderVersion: 3 },
    });
    expect(await rerenderStoredComments(t.deps)).toBeGreaterThanOrEqual(1);
    const row = await t.deps.db.comment.findUniqueOrThrow({ where: { id: cited.id } });
    expect(row.bodyHtml).toBe(
      '<p>Rates fell <a href="https://stats.example/defined" rel="nofollow ugc noopener">[A]</a>.</p>',
    );
    expect(row.metadata).toEqual({ links: ["https://stats.example/defined"], renderVersion: RENDER_VERSION });
  });
});
