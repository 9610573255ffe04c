// One comment view: the article page rendered by the server and the page's script rendering the same
// comment after a live update produce the same markup, character for character (both call
// src/client/views/comment-html.ts; this guards the options each side passes).
import { describe, expect, it } from "vitest";
import { en } from "../../src/client/i18n/en.ts";
import { liveCommentMarkup } from "../../src/client/article/live-comment-markup.ts";
import type { PublicComment } from "../../src/domain/public-comment.ts";
import { PAGE_CATALOGS } from "../../src/client/i18n/page-catalogs.ts";
import { renderCommentSection } from "../../src/views/comment-thread.ts";

const comment: PublicComment = {
  id: "c_live1",
  threadId: "t1",
  parentId: null,
  depth: 0,
  authorName: `Zoë <O'Hara> & "Co"`,
  authorUrl: "https://zoe.example/?a=1&b=2",
  byModerator: true,
  bodyHtml: "<p>Rates fell [A].</p>",
  status: "published",
  createdAt: "2026-03-04T15:07:00.000Z",
  editedAt: "2026-03-04T15:09:00.000Z",
  references: [
    {
      label: "A",
      url: "https://stats.example/report#table-2",
      title: null,
      domain: "stats.example",
      state: "broken",
      checkedAt: "2026-03-04T15:08:00.000Z",
      missingFragment: "table-2",
    },
  ],
  verified: { provider: "GitHub" },
};

function serverMarkup(c: PublicComment): string {
  const page = renderCommentSection({
    m: PAGE_CATALOGS.en,
    threadId: "t1",
    title: "An article",
    formAction: "/articles/an-article/comments",
    pageUrl: "/articles/an-article",
    pages: { page: 1, pageCount: 1, url: () => "/articles/an-article" },
    permalinkBase: "/articles/an-article/comments/",
    maxDepth: 5,
    closed: false,
    count: 1,
    comments: [c],
    form: { values: {}, errors: {} },
  }).value;
  const start = page.indexOf(`<li class="comment`);
  const end = page.indexOf("\n</li>", start) + "\n</li>".length; // the item's own end tag starts a line
  return page.slice(start, end);
}

describe("one comment view", () => {
  it("renders a comment identically on the server and after a live update", () => {
    const server = serverMarkup(comment);
    const client = liveCommentMarkup(comment, {
      m: en,
      awaiting: false,
      canReply: true,
      pagePath: "/articles/an-article",
    }).value;
    expect(client).toBe(server);
    // and it is the comment a reader expects: escaped name, badge, verified mark, date, sources in words
    expect(server).toContain("Zoë &lt;O&#39;Hara&gt; &amp; &quot;Co&quot;");
    expect(server).toContain('<span class="moderator-badge">Moderator</span>');
    expect(server).toContain("March 4, 2026 at 3:07 pm");
    expect(server).toContain('<span class="source-mark" aria-hidden="true">✗</span> link broken');
    expect(server).toContain("#table-2 not found on the page");
  });

  it("renders a reply that cannot be replied to without a Reply link on both paths", () => {
    const deep = { ...comment, id: "c_deep", depth: 5, verified: null, byModerator: false };
    const server = serverMarkup(deep);
    expect(server).not.toContain("comment-reply-link");
    expect(liveCommentMarkup(deep, { m: en, awaiting: false, canReply: false, pagePath: "/x" }).value).toBe(server);
  });
});
