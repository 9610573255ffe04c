// A cited comment's references are shown once: as the Sources list, not also as text in the body.
// The lines leave the token stream the body is rendered from (one parse, render/comment-citations.ts).
import { describe, expect, it } from "vitest";
import { renderCommentText } from "../../src/comments/render-comment-text.ts";
import { renderCommentBody } from "../../src/render/comment-markdown.ts";

const shown = (source: string) => renderCommentText(source).html;
const a = (href: string, text = href) => `<a href="${href}" rel="nofollow ugc noopener">${text}</a>`;

describe("reference lines leave the body for the Sources list", () => {
  it("drops [A] / [A]: / [^1]: definition lines, keeps the text that cites them", () => {
    const source =
      "Rates fell [A], then rose [B][^1].\n\n[A] https://a.example/x\n[B]: Stats office - https://b.example/\n[^1]: https://c.example/";
    expect(shown(source)).toBe("<p>Rates fell [A], then rose [B][^1].</p>");
  });

  it("keeps every link recorded (they are still checked and counted) while the body shows none of the lines", () => {
    const { html, links } = renderCommentText("Rates fell [A].\n[A] https://a.example/x");
    expect(html).toBe("<p>Rates fell [A].</p>");
    expect(links.map((l) => l.href)).toEqual(["https://a.example/x"]);
  });

  it("keeps quoted references, numbered lines nothing cites, and text without references as written", () => {
    for (const source of [
      "> [A] https://q.example/\n\nAs quoted.",
      "Two links:\n1. https://y.example/ first\n2. https://z.example/ second",
      "Plain [sic] text, https://x.example/ inline.",
    ])
      expect(shown(source)).toBe(renderCommentBody(source).html);
  });

  it("drops a numbered reference list when the text cites it, and the list with it", () => {
    expect(shown("Shown in [1].\n\n1. https://y.example/report")).toBe("<p>Shown in [1].</p>");
    expect(shown("In [1] and [2].\n\nSources:\n1. https://y.example/\n2. https://z.example/\n\nBye")).toBe(
      "<p>In [1] and [2].</p>\n<p>Sources:</p>\n<p>Bye</p>",
    );
  });

  it("keeps a marker that a Markdown definition (`[A]: url` opening a paragraph) defines as a link", () => {
    expect(shown("Claim [A].\n\n[A]: https://a.example/\n\nMore.")).toBe(
      `<p>Claim ${a("https://a.example/", "[A]")}.</p>\n<p>More.</p>`,
    );
  });

  it("drops reference lines inside a list item but keeps the item's other lines", () => {
    expect(shown("- Claim [A]\n  [A] https://a.example/\n- next")).toBe(
      "<ul>\n<li>Claim [A]</li>\n<li>next</li>\n</ul>",
    );
  });
});
