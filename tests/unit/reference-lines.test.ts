// A cited comment's references are shown once: as the Sources list, not also as text in the body.
import { describe, expect, it } from "vitest";
import { withoutReferenceLines } from "../../src/citations/reference-lines.ts";
import { renderCommentText } from "../../src/comments/render-comment-text.ts";

describe("reference lines leave the body for the Sources list", () => {
  it("drops [A] / [A]: / [^1]: definition lines, keeps the text that cites them", () => {
    const source =
      "Rates fell [A], then rose [B][^1].\n\n[A] https://a.example/x\n[B]: Stats office - https://b.example/\n[^1]: https://c.example/";
    expect(withoutReferenceLines(source)).toBe("Rates fell [A], then rose [B][^1].");
  });

  it("keeps every link recorded (they are still checked and counted) while the body shows none of the lines", () => {
    const { html, links } = renderCommentText("Rates fell [A].\n[A] https://a.example/x");
    expect(html).toBe("<p>Rates fell [A].</p>");
    expect(links.map((l) => l.href)).toEqual(["https://a.example/x"]);
  });

  it("keeps quoted references, numbered lines nothing cites, and text without references as written", () => {
    const quoted = "> [A] https://q.example/\n\nAs quoted.";
    expect(withoutReferenceLines(quoted)).toBe(quoted);
    const list = "Two links:\n1. https://y.example/ first\n2. https://z.example/ second";
    expect(withoutReferenceLines(list)).toBe(list);
    expect(withoutReferenceLines("Plain [sic] text, https://x.example/ inline.")).toBe(
      "Plain [sic] text, https://x.example/ inline.",
    );
  });

  it("drops a numbered reference list when the text cites it", () => {
    expect(withoutReferenceLines("Shown in [1].\n\n1. https://y.example/report")).toBe("Shown in [1].");
  });
});
